/**
 * Embedded PostgreSQL for `npm start` and the tests: PGlite (Postgres compiled to WASM) served over the
 * Postgres wire protocol from a child process, so the app's `pg` pool talks to it exactly as to RDS.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface EmbeddedPostgres {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Directory to keep data in across restarts; in memory when omitted. */
  dataDir?: string;
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
}

const SCRIPT = path.join(__dirname, 'pglite-server.mjs');

export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions = {},
): Promise<EmbeddedPostgres> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const child = spawn(process.execPath, [SCRIPT, options.dataDir ?? 'memory://', String(options.port ?? 0)], {
    stdio: ['pipe', 'pipe', 'inherit'],
    // Its own process group: a terminal Ctrl-C reaches the app, which closes its pool before stopping this.
    // The child still exits with the parent (its stdin closes).
    detached: true,
  });
  const port = await readyPort(child);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    port,
    stop: () => stopChild(child),
  };
}

function readyPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    child.once('exit', (code) => reject(new Error(`embedded PostgreSQL exited early (code ${code})`)));
    lines.once('line', (line) => {
      try {
        resolve((JSON.parse(line) as { port: number }).port);
      } catch {
        reject(new Error(`embedded PostgreSQL said: ${line}`));
      }
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
