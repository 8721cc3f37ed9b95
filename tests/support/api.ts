/**
 * Calling a function's handler as a player would through API Gateway, and what every API answer shares.
 * The fixtures' own callers (conversations, personas, games) load their handler on first use, so a suite
 * that never calls one does not load it.
 */
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { type ApiEventInput, invoke } from './events';
import { callerOf, type Who } from './players';

export type ApiHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<unknown>;
/** A handler, or how to load it on first use. */
export type HandlerSource = ApiHandler | { load: () => Promise<ApiHandler> };
export type Invoked = Awaited<ReturnType<typeof invoke>>;

/** The event's parts other than who, how and where; `id` fills `{id}` in the resource. */
export type CallInput = Omit<ApiEventInput, 'method' | 'resource' | 'caller' | 'pathParameters'> & {
  id?: string;
};

/** Calls `handler` as `who` (undefined: no identity) on `resource`, as API Gateway would. */
export async function call(
  handler: HandlerSource,
  who: Who,
  method: string,
  resource: string,
  input: CallInput = {},
): Promise<Invoked> {
  const { id, ...rest } = input;
  return invoke('load' in handler ? await handler.load() : handler, {
    method,
    resource,
    caller: callerOf(who),
    pathParameters: id ? { id } : undefined,
    ...rest,
  });
}

/** `call` bound to one handler; `resources` gives short names for its resources (others pass the path). */
export function callerFor<R extends string = never>(
  handler: HandlerSource,
  resources: Record<R, string> = {} as Record<R, string>,
) {
  return (who: Who, method: string, resource: R | `/${string}`, input: CallInput = {}): Promise<Invoked> =>
    call(handler, who, method, (resources as Record<string, string>)[resource] ?? resource, input);
}

/** Every error answers with the same JSON shape. */
export function expectErrorShape(body: unknown): void {
  expect(body).toEqual({
    error: expect.objectContaining({
      code: expect.any(String),
      message: expect.any(String),
      requestId: expect.any(String),
    }),
  });
}

/**
 * Lifts the write limit for this file (it has its own tests; setup here posts far more than a person
 * would). Call at the top of the file, before the config is first read.
 */
export function withoutWriteLimit(): void {
  process.env.WRITE_RATE_LIMIT_PER_MINUTE = '100000';
}
