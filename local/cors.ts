/**
 * CORS as API Gateway does it for this template: the preflight (OPTIONS) is answered by the gateway from the
 * Api's `Cors` settings (SAM's quoted '...' strings, unquoted here), and the gateway's own responses (401,
 * 404, 413, 5xx) carry the same origin header as GatewayResponses add. Handler responses carry their own.
 */
import { type CfnTemplate, isRecord, type Resolver, resolveValue, resourcesOfType } from './template';

export interface CorsSettings {
  /** `*`, one origin, or (locally tolerated) a comma-separated list. */
  allowOrigin: string;
  allowMethods: string;
  allowHeaders?: string;
  maxAge?: string;
  allowCredentials: boolean;
}

/** SAM wants header values in single quotes ("'*'"); API Gateway sends what is inside. */
export function unquote(value: string): string {
  const trimmed = value.trim();
  return trimmed.length >= 2 && trimmed.startsWith("'") && trimmed.endsWith("'")
    ? trimmed.slice(1, -1)
    : trimmed;
}

function setting(value: unknown, resolver: Resolver): string | undefined {
  const resolved = resolveValue(value, resolver);
  return resolved === undefined ? undefined : unquote(resolved);
}

/**
 * The Cors settings of the template's API (the first Api resource that has them, else Globals.Api). Where the
 * AllowOrigin value exists only in AWS (the site's CloudFront domain), `localOrigins` stand in for it.
 */
export function readCors(
  template: CfnTemplate,
  resolver: Resolver,
  localOrigins: string[] = [],
): CorsSettings | undefined {
  const fromApi = resourcesOfType(template, 'AWS::Serverless::Api')
    .map(([, api]) => api.Properties?.Cors)
    .find((cors) => cors !== undefined);
  const cors = fromApi ?? template.Globals?.Api?.Cors;
  if (cors === undefined) return undefined;
  // `Cors: "'https://example.com'"` is SAM's shorthand for AllowOrigin alone.
  const props = isRecord(cors) && !('Ref' in cors) && !('Fn::Sub' in cors) ? cors : { AllowOrigin: cors };
  const allowOrigin = setting(props.AllowOrigin, resolver) ?? (localOrigins.join(',') || undefined);
  if (!allowOrigin) return undefined;
  return {
    allowOrigin,
    allowMethods: setting(props.AllowMethods, resolver) ?? 'DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT',
    allowHeaders: setting(props.AllowHeaders, resolver),
    maxAge: setting(props.MaxAge, resolver),
    allowCredentials: props.AllowCredentials === true || props.AllowCredentials === 'true',
  };
}

/**
 * The Access-Control-Allow-Origin value for a request from `origin`: `*`, the origin itself when it is
 * allowed, or undefined (no CORS headers; the browser then blocks the response).
 */
export function allowedOrigin(
  cors: CorsSettings | undefined,
  origin: string | undefined,
): string | undefined {
  if (!cors || !origin) return undefined;
  if (cors.allowOrigin === '*') return '*';
  const allowed = cors.allowOrigin.split(',').map((o) => o.trim().replace(/\/$/, ''));
  return allowed.includes(origin) ? origin : undefined;
}

function originHeaders(cors: CorsSettings, allowed: string): Record<string, string> {
  const headers: Record<string, string> = { 'Access-Control-Allow-Origin': allowed };
  if (allowed !== '*') headers.Vary = 'Origin';
  if (cors.allowCredentials) headers['Access-Control-Allow-Credentials'] = 'true';
  return headers;
}

/** Headers of the gateway's answer to a preflight; empty for an origin that is not allowed. */
export function preflightHeaders(
  cors: CorsSettings | undefined,
  origin: string | undefined,
): Record<string, string> {
  const allowed = allowedOrigin(cors, origin);
  if (!cors || !allowed) return {};
  return {
    ...originHeaders(cors, allowed),
    'Access-Control-Allow-Methods': cors.allowMethods,
    ...(cors.allowHeaders ? { 'Access-Control-Allow-Headers': cors.allowHeaders } : {}),
    ...(cors.maxAge ? { 'Access-Control-Max-Age': cors.maxAge } : {}),
  };
}

/** CORS headers on responses the gateway itself produces (like DEFAULT_4XX / DEFAULT_5XX GatewayResponses). */
export function gatewayCorsHeaders(
  cors: CorsSettings | undefined,
  origin: string | undefined,
): Record<string, string> {
  const allowed = allowedOrigin(cors, origin);
  return cors && allowed ? originHeaders(cors, allowed) : {};
}
