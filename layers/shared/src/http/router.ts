/**
 * A thin router for API Gateway REST proxy events: routes on the template's resource path (`/api/x/{id}`),
 * validates params, query and body with TypeBox, and hands typed input to plain async functions.
 */
import type { Static, TSchema } from '@sinclair/typebox';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { config } from '../config';
import { headerValue } from './cors';
import { Invalid, NotFound, PayloadTooLarge, UnsupportedMediaType } from './errors';
import { validate, validateQuery } from './validation';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Request<P, Q, B> {
  event: APIGatewayProxyEvent;
  context: Context;
  requestId: string;
  params: P;
  query: Q;
  body: B;
  header(name: string): string | undefined;
}

type Infer<S> = S extends TSchema ? Static<S> : undefined;

export interface RouteSchemas {
  params?: TSchema;
  query?: TSchema;
  body?: TSchema;
  /** Documentation only (the OpenAPI document): what the route does, in a line. */
  summary?: string;
  /** Documentation only: success responses by status code; `null` for an empty body. */
  responses?: Record<number, TSchema | null>;
  /** Documentation only: error statuses the route answers besides the generic ones (400, 401, 500, 503). */
  errors?: number[];
}

type RouteFn<S extends RouteSchemas> = (
  req: Request<Infer<S['params']>, Infer<S['query']>, Infer<S['body']>>,
) => Promise<RouteResult>;

interface Route {
  method: Method;
  resource: string;
  pattern: RegExp;
  schemas: RouteSchemas;
  fn: RouteFn<RouteSchemas>;
}

export const ok = (body: unknown, headers?: Record<string, string>): RouteResult => ({
  status: 200,
  body,
  headers,
});
export const created = (body: unknown): RouteResult => ({ status: 201, body });
export const noContent = (): RouteResult => ({ status: 204 });

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
      fn: fn as RouteFn<RouteSchemas>,
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
    const req: Request<unknown, unknown, unknown> = {
      event,
      context,
      requestId,
      header,
      params: schemas.params ? validate(schemas.params, params, 'path') : params,
      query: schemas.query ? validateQuery(schemas.query, event.queryStringParameters ?? {}) : undefined,
      body: schemas.body ? parseBody(event, schemas.body, header) : undefined,
    };
    return route.fn(req as Parameters<RouteFn<RouteSchemas>>[0]);
  }
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
  return validate(schema, value, 'body');
}
