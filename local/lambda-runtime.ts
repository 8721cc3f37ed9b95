/**
 * Runs the template's functions in this process: each handler module is imported on first use (the server runs
 * under tsx, so TypeScript source loads directly) and invoked with a Lambda context. Timeouts are reported
 * like Lambda's; the handler's promise cannot be killed, so a late result is dropped.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { FunctionSpec } from './functions';
import { createLambdaContext } from './lambda-context';
import type { Log } from './log';

export type LambdaHandler = (event: unknown, context: Context) => unknown;

export type Invocation =
  | { outcome: 'returned'; result: unknown }
  | { outcome: 'failed'; error: unknown }
  /** `function`: the function's own Timeout; `integration`: API Gateway's 29 s limit came first. */
  | { outcome: 'timed-out'; limit: 'function' | 'integration' };

export interface InvokeOptions {
  requestId?: string;
  /** API Gateway gives up after this long even when the function's Timeout is longer. */
  integrationTimeoutMs?: number;
}

/** What event sources need from the runtime. */
export interface Invoker {
  invoke(functionId: string, event: unknown, options?: InvokeOptions): Promise<Invocation>;
}

export class LambdaRuntime implements Invoker {
  private readonly handlers = new Map<string, Promise<LambdaHandler>>();

  constructor(
    private readonly functions: Map<string, FunctionSpec>,
    private readonly log: Log,
  ) {}

  has(functionId: string): boolean {
    return this.functions.has(functionId);
  }

  /** Whether any handler module has been imported (and so may hold pools that need closing). */
  get anyLoaded(): boolean {
    return this.handlers.size > 0;
  }

  private load(fn: FunctionSpec): Promise<LambdaHandler> {
    let handler = this.handlers.get(fn.logicalId);
    if (!handler) {
      handler = import(fn.handlerFile).then((mod: Record<string, unknown>) => {
        const exported =
          mod[fn.exportName] ?? (mod.default as Record<string, unknown> | undefined)?.[fn.exportName];
        if (typeof exported !== 'function')
          throw new Error(`${fn.handlerFile} does not export a "${fn.exportName}" function`);
        return exported as LambdaHandler;
      });
      // A module that failed to load is tried again on the next request (after the developer fixes it).
      handler.catch(() => this.handlers.delete(fn.logicalId));
      this.handlers.set(fn.logicalId, handler);
    }
    return handler;
  }

  async invoke(functionId: string, event: unknown, options: InvokeOptions = {}): Promise<Invocation> {
    const fn = this.functions.get(functionId);
    if (!fn) return { outcome: 'failed', error: new Error(`no function ${functionId} in the template`) };
    const functionMs = fn.timeoutSeconds * 1000;
    const limitMs = Math.min(functionMs, options.integrationTimeoutMs ?? Number.POSITIVE_INFINITY);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<Invocation>((resolve) => {
      timer = setTimeout(
        () => resolve({ outcome: 'timed-out', limit: limitMs < functionMs ? 'integration' : 'function' }),
        limitMs,
      );
    });
    const run = (async (): Promise<Invocation> => {
      try {
        const handler = await this.load(fn);
        const context = createLambdaContext(fn, options.requestId ?? randomUUID());
        return { outcome: 'returned', result: await handler(event, context) };
      } catch (error) {
        return { outcome: 'failed', error };
      }
    })();
    const invocation = await Promise.race([run, timeout]);
    clearTimeout(timer);
    if (invocation.outcome === 'failed') this.log.error(`${functionId} failed`, invocation.error);
    if (invocation.outcome === 'timed-out') this.log.warn(`${functionId} timed out after ${limitMs} ms`);
    return invocation;
  }
}
