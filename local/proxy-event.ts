/**
 * Builds the REST API (payload format 1.0) Lambda proxy event exactly as API Gateway sends it: single- and
 * multi-value headers and query strings (null when absent), path parameters (null when none), the body as a
 * string or base64 for binary content, and a requestContext with the authorizer's claims.
 */
import { randomBytes } from 'node:crypto';
import type { APIGatewayEventIdentity, APIGatewayProxyEvent } from 'aws-lambda';
import { LOCAL_ACCOUNT_ID } from './template';

/** An HTTP request as the local server received it. */
export interface IncomingRequest {
  method: string;
  /** Path without the query string, as sent (percent-encoding kept). */
  path: string;
  /** The query string without `?`; empty when there is none. */
  query: string;
  /** Node's rawHeaders: name, value, name, value… with the client's casing. */
  rawHeaders: string[];
  body: Buffer;
  sourceIp: string;
}

export interface EventContext {
  resourcePath: string;
  pathParameters: Record<string, string> | null;
  stage: string;
  requestId: string;
  /** Cognito-shaped claims, every value a string; undefined on public routes. */
  claims?: Record<string, string>;
  now?: Date;
}

export const LOCAL_API_ID = 'local';

const TEXT_TYPES = [
  /^text\//,
  /^application\/(json|xml|javascript|graphql|x-www-form-urlencoded|x-amz-json-[\d.]+)$/,
  /\+(json|xml)$/,
];

/** Whether a body of this content type reaches the handler as text (else base64 with isBase64Encoded). */
export function isTextContentType(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  return !mediaType || TEXT_TYPES.some((pattern) => pattern.test(mediaType));
}

/**
 * Groups repeated names in arrival order. A Map, not an object literal: a name such as `__proto__` or
 * `constructor` must be a key like any other, never a lookup on Object.prototype.
 */
function group(pairs: Iterable<[string, string]>): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const [name, value] of pairs) {
    const values = grouped.get(name);
    if (values) values.push(value);
    else grouped.set(name, [value]);
  }
  return grouped;
}

// Object.fromEntries defines own properties, so `__proto__` becomes an ordinary key (as JSON.parse makes it
// in the event Lambda receives) instead of replacing the prototype.
const lastValues = (grouped: Map<string, string[]>): Record<string, string> =>
  Object.fromEntries([...grouped].map(([name, values]) => [name, values.at(-1)!]));

export function parseQuery(query: string): {
  single: Record<string, string> | null;
  multi: Record<string, string[]> | null;
} {
  const grouped = group(new URLSearchParams(query));
  if (grouped.size === 0) return { single: null, multi: null };
  // API Gateway puts the last value of a repeated parameter in queryStringParameters.
  return { single: lastValues(grouped), multi: Object.fromEntries(grouped) };
}

export function parseHeaders(rawHeaders: string[]): {
  single: Record<string, string>;
  multi: Record<string, string[]>;
} {
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) pairs.push([rawHeaders[i]!, rawHeaders[i + 1]!]);
  const grouped = group(pairs);
  return { single: lastValues(grouped), multi: Object.fromEntries(grouped) };
}

export function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === lower) return value;
  return undefined;
}

/** API Gateway's `requestTime`, e.g. 25/Nov/2025:09:14:00 +0000. */
export function requestTime(date: Date): string {
  const [, day, month, year, time] = date.toUTCString().split(' ');
  return `${day}/${month}/${year}:${time} +0000`;
}

function traceId(now: Date): string {
  return `Root=1-${Math.floor(now.getTime() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
}

export function buildProxyEvent(req: IncomingRequest, ctx: EventContext): APIGatewayProxyEvent {
  const now = ctx.now ?? new Date();
  const { single: rawSingle } = parseHeaders(req.rawHeaders);
  // Headers API Gateway adds on the way in.
  const added: string[] = [];
  if (!headerValue(rawSingle, 'x-forwarded-for')) added.push('X-Forwarded-For', req.sourceIp);
  if (!headerValue(rawSingle, 'x-forwarded-proto')) added.push('X-Forwarded-Proto', 'http');
  if (!headerValue(rawSingle, 'x-amzn-trace-id')) added.push('X-Amzn-Trace-Id', traceId(now));
  const headers = parseHeaders([...req.rawHeaders, ...added]);
  const query = parseQuery(req.query);
  const contentType = headerValue(headers.single, 'content-type');
  const isText = isTextContentType(contentType);
  const body = req.body.length === 0 ? null : req.body.toString(isText ? 'utf8' : 'base64');
  const identity: APIGatewayEventIdentity = {
    accessKey: null,
    accountId: null,
    apiKey: null,
    apiKeyId: null,
    caller: null,
    clientCert: null,
    cognitoAuthenticationProvider: null,
    cognitoAuthenticationType: null,
    cognitoIdentityId: null,
    cognitoIdentityPoolId: null,
    principalOrgId: null,
    sourceIp: req.sourceIp,
    user: null,
    userAgent: headerValue(headers.single, 'user-agent') ?? null,
    userArn: null,
  };
  return {
    resource: ctx.resourcePath,
    path: req.path,
    httpMethod: req.method,
    headers: headers.single,
    multiValueHeaders: headers.multi,
    queryStringParameters: query.single,
    multiValueQueryStringParameters: query.multi,
    pathParameters: ctx.pathParameters,
    stageVariables: null,
    requestContext: {
      resourceId: LOCAL_API_ID,
      resourcePath: ctx.resourcePath,
      httpMethod: req.method,
      extendedRequestId: ctx.requestId,
      requestTime: requestTime(now),
      // As behind a custom domain mapped to the stage: the path the client used.
      path: req.path,
      accountId: LOCAL_ACCOUNT_ID,
      protocol: 'HTTP/1.1',
      stage: ctx.stage,
      domainPrefix: 'localhost',
      requestTimeEpoch: now.getTime(),
      requestId: ctx.requestId,
      identity,
      domainName: headerValue(headers.single, 'host') ?? 'localhost',
      apiId: LOCAL_API_ID,
      authorizer: ctx.claims ? { claims: ctx.claims } : undefined,
    },
    body,
    isBase64Encoded: body !== null && !isText,
  };
}
