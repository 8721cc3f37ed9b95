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
  if (cors === undefined) return readPreflightTemplate(template, resolver, localOrigins);
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
 * CORS from preflights the Api's DefinitionBody answers itself (MOCK integrations whose response template
 * sets `$context.responseOverride.header.*` for an allowed origin): the headers that template sets, and the
 * origins of the `allowedOrigins` stage variable, with `localOrigins` standing in where that names a value
 * only AWS has (the site's CloudFront domain).
 */
function readPreflightTemplate(
  template: CfnTemplate,
  resolver: Resolver,
  localOrigins: string[],
): CorsSettings | undefined {
  for (const [, api] of resourcesOfType(template, 'AWS::Serverless::Api')) {
    const props = api.Properties ?? {};
    const paths = isRecord(props.DefinitionBody) ? props.DefinitionBody.paths : undefined;
    if (!isRecord(paths)) continue;
    const text = Object.values(paths)
      .map((item) =>
        isRecord(item) && isRecord(item.options) ? responseTemplate(template, item.options) : '',
      )
      .find(Boolean);
    if (!text) continue;
    const set: Record<string, string> = {};
    for (const m of text.matchAll(/#set\(\$context\.responseOverride\.header\.([\w-]+)\s*=\s*'([^']*)'\)/g)) {
      set[m[1]!.toLowerCase()] = m[2]!;
    }
    const variables = isRecord(props.Variables) ? props.Variables : {};
    const allowOrigin = resolveValue(variables.allowedOrigins, resolver) ?? localOrigins.join(',');
    if (!allowOrigin || !set['access-control-allow-methods']) continue;
    return {
      allowOrigin,
      allowMethods: set['access-control-allow-methods'],
      allowHeaders: set['access-control-allow-headers'],
      maxAge: set['access-control-max-age'],
      allowCredentials: false,
    };
  }
  return undefined;
}

/** The mock integration's application/json response template, inline or from `!FindInMap` into Mappings. */
function responseTemplate(template: CfnTemplate, operation: Record<string, unknown>): string | undefined {
  const integration = operation['x-amazon-apigateway-integration'];
  const responses = isRecord(integration) ? integration.responses : undefined;
  const response = isRecord(responses) ? responses.default : undefined;
  const templates = isRecord(response) ? response.responseTemplates : undefined;
  const value = isRecord(templates) ? templates['application/json'] : undefined;
  if (typeof value === 'string') return value;
  const args = isRecord(value) ? value['Fn::FindInMap'] : undefined;
  if (!Array.isArray(args)) return undefined;
  const [map, key, field] = args;
  const mappings = (template as { Mappings?: unknown }).Mappings;
  const entry = isRecord(mappings) && isRecord(mappings[map]) ? mappings[map][key] : undefined;
  const text = isRecord(entry) ? entry[field] : undefined;
  return typeof text === 'string' ? text : undefined;
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
