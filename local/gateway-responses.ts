/**
 * The answers API Gateway gives by itself (authorizer 401, 413, integration failures and timeouts): API
 * Gateway's defaults, reshaped by the Api's `GatewayResponses` when the template has them (status code,
 * headers, the application/json template), so the browser sees locally what it sees in AWS.
 */
import { type CorsSettings, gatewayCorsHeaders, unquote } from './cors';
import { headerValue } from './proxy-event';
import type { HttpResponse } from './proxy-result';
import { type CfnTemplate, isRecord, type Resolver, resolveValue, resourcesOfType } from './template';

export type GatewayErrorType =
  | 'UNAUTHORIZED'
  | 'REQUEST_TOO_LARGE'
  | 'INTEGRATION_FAILURE'
  | 'INTEGRATION_TIMEOUT'
  | 'API_CONFIGURATION_ERROR';

const DEFAULTS: Record<GatewayErrorType, { status: number; message: string; errorType?: string }> = {
  UNAUTHORIZED: { status: 401, message: 'Unauthorized', errorType: 'UnauthorizedException' },
  REQUEST_TOO_LARGE: { status: 413, message: 'Request Too Long' },
  INTEGRATION_FAILURE: {
    status: 502,
    message: 'Internal server error',
    errorType: 'InternalServerErrorException',
  },
  API_CONFIGURATION_ERROR: {
    status: 502,
    message: 'Internal server error',
    errorType: 'InternalServerErrorException',
  },
  INTEGRATION_TIMEOUT: { status: 504, message: 'Endpoint request timed out' },
};

interface ResponseSpec {
  statusCode?: number;
  headers: Record<string, unknown>;
  jsonTemplate?: string;
}

export interface GatewayErrorContext {
  requestId: string;
  requestHeaders: Record<string, string>;
  /** Overrides the default message (an expired token, for instance). */
  message?: string;
}

function readSpecs(template: CfnTemplate): Record<string, ResponseSpec> {
  const api = resourcesOfType(template, 'AWS::Serverless::Api').find(
    ([, r]) => r.Properties?.GatewayResponses,
  );
  const responses = api?.[1].Properties?.GatewayResponses ?? template.Globals?.Api?.GatewayResponses;
  const specs: Record<string, ResponseSpec> = {};
  if (!isRecord(responses)) return specs;
  for (const [type, raw] of Object.entries(responses)) {
    if (!isRecord(raw)) continue;
    const params = isRecord(raw.ResponseParameters) ? raw.ResponseParameters : {};
    const templates = isRecord(raw.ResponseTemplates) ? raw.ResponseTemplates : {};
    specs[type] = {
      statusCode: Number(raw.StatusCode) || undefined,
      headers: isRecord(params.Headers) ? params.Headers : {},
      jsonTemplate:
        typeof templates['application/json'] === 'string' ? templates['application/json'] : undefined,
    };
  }
  return specs;
}

/** The few `$context` variables a gateway response template uses; the rest render empty, as in VTL. */
function renderTemplate(text: string, type: string, message: string, requestId: string): string {
  const values: Record<string, string> = {
    'error.messageString': JSON.stringify(message),
    'error.message': message,
    'error.responseType': type,
    requestId: requestId,
    extendedRequestId: requestId,
  };
  return text.replace(
    /\$(?:\{context\.([\w.]+)\}|context\.([\w.]+))/g,
    (_m, a: string, b: string) => values[a ?? b] ?? '',
  );
}

export class GatewayResponses {
  private constructor(
    private readonly specs: Record<string, ResponseSpec>,
    private readonly resolver: Resolver,
    private readonly cors?: CorsSettings,
  ) {}

  static fromTemplate(template: CfnTemplate, resolver: Resolver, cors?: CorsSettings): GatewayResponses {
    return new GatewayResponses(readSpecs(template), resolver, cors);
  }

  render(type: GatewayErrorType, ctx: GatewayErrorContext): HttpResponse {
    const defaults = DEFAULTS[type];
    const spec = this.specs[type] ?? this.specs[defaults.status < 500 ? 'DEFAULT_4XX' : 'DEFAULT_5XX'];
    const message = ctx.message ?? defaults.message;
    const body = spec?.jsonTemplate
      ? renderTemplate(spec.jsonTemplate, type, message, ctx.requestId)
      : JSON.stringify({ message });

    const headers: Record<string, string[]> = { 'Content-Type': ['application/json'] };
    for (const [name, value] of Object.entries(
      gatewayCorsHeaders(this.cors, headerValue(ctx.requestHeaders, 'origin')),
    )) {
      headers[name] = [value];
    }
    for (const [name, raw] of Object.entries(spec?.headers ?? {})) {
      const value = this.headerFromSpec(raw, ctx.requestHeaders);
      // A value that exists only in AWS (the CloudFront origin, say) keeps the local CORS answer.
      if (value !== undefined) headers[name] = [value];
    }
    if (defaults.errorType) headers['x-amzn-ErrorType'] = [defaults.errorType];
    headers['x-amzn-RequestId'] = [ctx.requestId];
    return { statusCode: spec?.statusCode ?? defaults.status, headers, body: Buffer.from(body) };
  }

  /** `'literal'`, or `method.request.header.X` (copied from the request). */
  private headerFromSpec(raw: unknown, requestHeaders: Record<string, string>): string | undefined {
    const resolved = resolveValue(raw, this.resolver);
    if (resolved === undefined) return undefined;
    const source = /^method\.request\.header\.(.+)$/.exec(resolved.trim());
    return source ? headerValue(requestHeaders, source[1]!) : unquote(resolved);
  }
}
