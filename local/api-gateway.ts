/**
 * API Gateway REST for the local server: route lookup, CORS preflight, the Cognito-authorizer stand-in, the
 * payload-v1 proxy event, the Lambda invocation and the mapping of its result — plus the gateway's own
 * answers (401, 404, 502, 504) in the shapes API Gateway uses.
 */
import { randomUUID } from 'node:crypto';
import { type CorsSettings, gatewayCorsHeaders, preflightHeaders } from './cors';
import { type DevAuth, parseDevTokenRequest } from './dev-auth';
import type { GatewayErrorType, GatewayResponses } from './gateway-responses';
import type { LambdaRuntime } from './lambda-runtime';
import type { Log } from './log';
import { buildProxyEvent, headerValue, type IncomingRequest, parseHeaders } from './proxy-event';
import { type HttpResponse, MalformedProxyResult, mapProxyResult } from './proxy-result';
import type { RouteTable } from './routes';

/** API Gateway's hard limit on an integration (and so on any API request). */
export const INTEGRATION_TIMEOUT_MS = 29_000;
/** API Gateway rejects larger request payloads before they reach a function. */
export const MAX_REQUEST_BODY_BYTES = 10 * 1024 * 1024;
export const DEV_TOKEN_PATH = '/api/dev/token';

export interface ApiGatewayOptions {
  routes: RouteTable;
  cors?: CorsSettings;
  gatewayResponses: GatewayResponses;
  auth: DevAuth;
  runtime: LambdaRuntime;
  stage: string;
  /** Whether POST /api/dev/token exists (only on the local stage); without it the path is an unknown route. */
  devTokens: boolean;
  log: Log;
}

function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  const all: Record<string, string[]> = { 'Content-Type': ['application/json'] };
  for (const [name, value] of Object.entries(headers)) all[name] = [value];
  return { statusCode, headers: all, body: Buffer.from(JSON.stringify(body)) };
}

/** The app's error shape, for answers the local server gives itself (unknown route, dev token). */
export function errorResponse(
  statusCode: number,
  error: { code: string; message: string; details?: unknown; requestId: string },
  headers: Record<string, string> = {},
): HttpResponse {
  return json(statusCode, { error }, { ...headers, 'x-amzn-RequestId': error.requestId });
}

/** Whether a request path belongs to the API (so it never falls through to the web app). */
export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

export class ApiGateway {
  constructor(private readonly options: ApiGatewayOptions) {}

  /** Paths the gateway answers: the template's resources, the dev token route and anything under /api. */
  owns(path: string): boolean {
    return isApiPath(path) || this.options.routes.match('GET', path) !== undefined;
  }

  /** API Gateway's 413 for a body over the limit (the body itself was never read into memory). */
  tooLarge(rawHeaders: string[]): HttpResponse {
    return this.gatewayError('REQUEST_TOO_LARGE', randomUUID(), parseHeaders(rawHeaders).single);
  }

  async handle(req: IncomingRequest): Promise<HttpResponse> {
    const requestId = randomUUID();
    const headers = parseHeaders(req.rawHeaders).single;
    const origin = headerValue(headers, 'origin');
    const { cors, routes } = this.options;
    const notFound = () =>
      errorResponse(
        404,
        { code: 'not_found', message: `No route for ${req.method} ${req.path}`, requestId },
        gatewayCorsHeaders(cors, origin),
      );

    if (this.options.devTokens && req.path.replace(/\/+$/, '') === DEV_TOKEN_PATH) {
      if (req.method === 'OPTIONS') return this.preflight(origin, requestId);
      return req.method === 'POST' ? this.issueDevToken(req, requestId, origin) : notFound();
    }

    const match = routes.match(req.method, req.path);
    if (!match) return notFound();
    if (req.method === 'OPTIONS' && cors && match.route?.method !== 'OPTIONS')
      return this.preflight(origin, requestId);
    const route = match.route;
    if (!route) return notFound();

    let claims: Record<string, string> | undefined;
    if (!route.isPublic) {
      const verified = await this.options.auth.verify(headerValue(headers, 'authorization'));
      if (!verified.ok) return this.gatewayError('UNAUTHORIZED', requestId, headers, verified.message);
      claims = verified.claims;
    }

    const event = buildProxyEvent(req, {
      resourcePath: match.resourcePath,
      pathParameters: match.pathParameters,
      stage: this.options.stage,
      requestId,
      claims,
    });
    const invocation = await this.options.runtime.invoke(route.functionId, event, {
      integrationTimeoutMs: INTEGRATION_TIMEOUT_MS,
    });
    if (invocation.outcome === 'timed-out') {
      // A function that times out within API Gateway's limit is a failed integration; past it, a gateway timeout.
      const type = invocation.limit === 'integration' ? 'INTEGRATION_TIMEOUT' : 'INTEGRATION_FAILURE';
      return this.gatewayError(type, requestId, headers);
    }
    if (invocation.outcome === 'failed') return this.gatewayError('INTEGRATION_FAILURE', requestId, headers);
    try {
      const response = mapProxyResult(invocation.result);
      response.headers['x-amzn-RequestId'] = [requestId];
      return response;
    } catch (err) {
      if (!(err instanceof MalformedProxyResult)) throw err;
      this.options.log.error(
        `${route.functionId} returned a malformed Lambda proxy response: ${err.message}`,
      );
      return this.gatewayError('API_CONFIGURATION_ERROR', requestId, headers);
    }
  }

  private gatewayError(
    type: GatewayErrorType,
    requestId: string,
    requestHeaders: Record<string, string>,
    message?: string,
  ): HttpResponse {
    return this.options.gatewayResponses.render(type, { requestId, requestHeaders, message });
  }

  private preflight(origin: string | undefined, requestId: string): HttpResponse {
    const headers = { ...preflightHeaders(this.options.cors, origin), 'x-amzn-RequestId': requestId };
    return { ...json(200, {}, headers), body: Buffer.alloc(0) };
  }

  private async issueDevToken(
    req: IncomingRequest,
    requestId: string,
    origin: string | undefined,
  ): Promise<HttpResponse> {
    const cors = gatewayCorsHeaders(this.options.cors, origin);
    let body: unknown;
    try {
      body = JSON.parse(req.body.toString('utf8'));
    } catch {
      return errorResponse(
        400,
        { code: 'invalid_json', message: 'The body is not valid JSON', requestId },
        cors,
      );
    }
    const parsed = parseDevTokenRequest(body);
    if (!parsed.ok) {
      return errorResponse(
        400,
        {
          code: 'invalid_request',
          message: 'Send {"name": "...", "admin": true|false}',
          details: parsed.details,
          requestId,
        },
        cors,
      );
    }
    const issued = await this.options.auth.issue(parsed.value);
    return json(200, issued, { ...cors, 'Cache-Control': 'no-store', 'x-amzn-RequestId': requestId });
  }
}
