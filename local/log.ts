/** The local server's own console output (handlers log through Powertools as they do in Lambda). */

export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

export function consoleLog(quiet = false): Log {
  if (quiet) return { info: () => undefined, warn: () => undefined, error: () => undefined };
  return {
    info: (message) => console.log(`[local] ${message}`),
    warn: (message) => console.warn(`[local] ${message}`),
    error: (message, error) => console.error(`[local] ${message}`, ...(error === undefined ? [] : [error])),
  };
}
