/**
 * A thin router for API Gateway REST proxy events: routes on the template's resource path (`/api/x/{id}`),
 * authenticates the caller as the route declares (`auth`), validates params, query and body with TypeBox,
 * and hands typed input to plain async functions. The declared responses type what a route may return, and
 * with VALIDATE_RESPONSES (set in tests) every success response is checked against its schema, so the
 * OpenAPI document generated from the same schemas cannot drift from what the code returns.
 */
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import type { AuthContext, Caller } from '../auth';
import { config } from '../config';
import { headerValue } from './cors';
import { Invalid, NotFound, PayloadTooLarge, UnsupportedMediaType } from './errors';
import { checkQueryNames, checkResponse, checkStructure, validate, validateQuery } from './validation';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * Who may call a route: anyone (no token; also `Auth: NONE` in the template), a signed-in user (their users
 * row is created on first use), or a member of the Cognito `admin` group (checked from the claims alone, so
 * admin routes work on a database that has no tables yet).
 */
export type Access = 'public' | 'user' | 'admin';

export interface RouteResult<B = unknown> {
  status: number;
  body?: B;
  headers?: Record<string, string>;
}

export interface Request<P, Q, B, A = AuthContext> {
  event: APIGatewayProxyEvent;
  context: Context;
  requestId: string;
  /** The caller: users row and role for `user` routes, the verified claims for `admin` routes. */
  auth: A;
  params: P;
  query: Q;
  body: B;
  header(name: string): string | undefined;
}

type Infer<S> = S extends TSchema ? Static<S> : undefined;

export interface RouteSchemas {
  auth: Access;
  params?: TSchema;
  query?: TSchema;
  body?: TSchema;
  /** The OpenAPI document: what the route does, in a line. */
  summary?: string;
  /** Success responses by status code; `null` for an empty body. They type the route's results. */
  responses?: Record<number, TSchema | null>;
  /** The OpenAPI document: error statuses the route answers besides the generic ones (400, 401, 500, 503). */
  errors?: number[];
}

type AuthOf<S extends RouteSchemas> = S['auth'] extends 'public'
  ? undefined
  : S['auth'] extends 'admin'
    ? Caller
    : AuthContext;

/** The union of the declared response bodies (anything when a route declares none). */
type BodyOf<S extends RouteSchemas> =
  S['responses'] extends Record<number, TSchema | null>
    ? {
        [K in keyof S['responses']]: S['responses'][K] extends TSchema
          ? Static<S['responses'][K]>
          : undefined;
      }[keyof S['responses']]
    : unknown;

type RouteFn<S extends RouteSchemas> = (
  req: Request<Infer<S['params']>, Infer<S['query']>, Infer<S['body']>, AuthOf<S>>,
) => Promise<RouteResult<BodyOf<S>>>;

interface Route {
  method: Method;
  resource: string;
  pattern: RegExp;
  schemas: RouteSchemas;
  fn: RouteFn<RouteSchemas>;
}

export const ok = <B>(body: B, headers?: Record<string, string>): RouteResult<B> => ({
  status: 200,
  body,
  headers,
});
export const created = <B>(body: B): RouteResult<B> => ({ status: 201, body });
/** Taken, to be done later (the result arrives elsewhere). */
export const accepted = <B>(body: B): RouteResult<B> => ({ status: 202, body });
export const noContent = (): RouteResult<undefined> => ({ status: 204 });

/** Identifies the caller as the route requires; the auth module (and with it pg) loads only when needed. */
async function authorize(
  event: APIGatewayProxyEvent,
  access: Access,
): Promise<AuthContext | Caller | undefined> {
  if (access === 'public') return undefined;
  const { authenticate, requireAdmin } = await import('../auth');
  return access === 'user' ? authenticate(event) : requireAdmin(event);
}

function toPattern(resource: string): RegExp {
  const source = resource
    .split('/')
    .map((part) =>
      part
        .replace(/^\{(\w+)\+\}$/, '(?<$1>.+)')
        .replace(/^\{(\w+)\}$/, '(?<$1>[^/]+)')
        .replace(/\./g, '\\.'),
    )
    .join('/');
  return new RegExp(`^${source}$`);
}

export class Router {
  readonly routes: Route[] = [];

  private add<S extends RouteSchemas>(method: Method, resource: string, schemas: S, fn: RouteFn<S>): this {
    this.routes.push({
      method,
      resource,
      pattern: toPattern(resource),
      schemas,
      fn: fn as unknown as RouteFn<RouteSchemas>,
    });
    return this;
  }

  get<S extends RouteSchemas>(resource: string, schemas: S, fn: RouteFn<S>) {
    return this.add('GET', resource, schemas, fn);
  }
  post<S extends RouteSchemas>(resource: string, schemas: S, fn: RouteFn<S>) {
    return this.add('POST', resource, schemas, fn);
  }
  put<S extends RouteSchemas>(resource: string, schemas: S, fn: RouteFn<S>) {
    return this.add('PUT', resource, schemas, fn);
  }
  delete<S extends RouteSchemas>(resource: string, schemas: S, fn: RouteFn<S>) {
    return this.add('DELETE', resource, schemas, fn);
  }

  /** Finds the route by resource (as API Gateway sends it), falling back to matching the path. */
  private match(event: APIGatewayProxyEvent): { route: Route; params: Record<string, string> } {
    const method = event.httpMethod.toUpperCase();
    const byResource = this.routes.find((r) => r.method === method && r.resource === event.resource);
    if (byResource)
      return { route: byResource, params: { ...(event.pathParameters ?? {}) } as Record<string, string> };
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const m = route.pattern.exec(event.path);
      if (m) return { route, params: { ...(m.groups ?? {}) } };
    }
    throw new NotFound('Route');
  }

  async handle(event: APIGatewayProxyEvent, context: Context, requestId: string): Promise<RouteResult> {
    const { route, params } = this.match(event);
    const { schemas } = route;
    const header = (name: string) => headerValue(event.headers, name);
    // Every route, with or without a query schema: a parameter the route does not know is a 400.
    checkQueryNames(schemas.query, event.queryStringParameters, event.multiValueQueryStringParameters);
    const input = {
      params: schemas.params ? validate(schemas.params, params, 'path') : params,
      query: schemas.query ? validateQuery(schemas.query, event.queryStringParameters ?? {}) : undefined,
      body: schemas.body ? parseBody(event, schemas.body, header) : refuseBody(event),
    };
    const auth = await authorize(event, schemas.auth);
    const req = { event, context, requestId, header, auth, ...input };
    const result = await route.fn(req as Parameters<RouteFn<RouteSchemas>>[0]);
    if (config().validateResponses)
      checkResponse(`${route.method} ${route.resource}`, schemas.responses, result);
    return result;
  }
}

/**
 * Routes without a body schema take no body: empty, or `{}` (what clients send to a POST) whatever its
 * declared type (`curl -d '{}'` says form-encoded); anything else is a 400 like an unknown field.
 */
const NO_BODY = Type.Object({}, { additionalProperties: false });

function refuseBody(event: APIGatewayProxyEvent): undefined {
  parseBody(event, NO_BODY, () => 'application/json');
  return undefined;
}

function parseBody(
  event: APIGatewayProxyEvent,
  schema: TSchema,
  header: (name: string) => string | undefined,
): unknown {
  const raw = event.body ?? '';
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  const limit = config().maxBodyBytes;
  if (Buffer.byteLength(text) > limit) throw new PayloadTooLarge(limit);
  if (text.trim() === '') return validate(schema, {}, 'body');
  const type = header('content-type') ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) throw new UnsupportedMediaType();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Invalid('The body is not valid JSON', undefined, 'invalid_json');
  }
  // Before the schema: its checks recurse, so a deeply nested value would overflow the stack there.
  checkStructure(value, config().maxBodyDepth, 'body');
  return validate(schema, value, 'body');
}
