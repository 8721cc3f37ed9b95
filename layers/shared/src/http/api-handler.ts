/**
 * Turns a Router into a Lambda handler: logging with the request id as correlation id, tracing, CORS on every
 * response, and the single place where errors become HTTP (no stack, SQL or secret ever leaves).
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { ConfigError } from '../config';
import { DatabaseUnavailableError, isStatementTimeout } from '../db/errors';
import { withObservability } from '../observability/lambda';
import { logger } from '../observability/logger';
import { corsHeaders, headerValue } from './cors';
import { HttpError } from './errors';
import type { RouteResult, Router } from './router';

export function toErrorResult(err: unknown, requestId: string): RouteResult {
  let error: HttpError;
  if (err instanceof HttpError) {
    error = err;
  } else if (err instanceof DatabaseUnavailableError || isStatementTimeout(err)) {
    logger.error('database unavailable', { error: describe(err) });
    error = new HttpError(
      503,
      'service_unavailable',
      'The service is temporarily unavailable; try again shortly',
    );
  } else {
    logger.error('unhandled error', { error: describe(err), configError: err instanceof ConfigError });
    error = new HttpError(500, 'internal_error', 'Something went wrong on our side');
  }
  return {
    status: error.status,
    headers: error.headers,
    body: { error: { code: error.code, message: error.message, details: error.details, requestId } },
  };
}

/** Name, message and code only: pg errors can carry query text and values, which stay out of the logs. */
function describe(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { value: String(err) };
  const cause = (err as { cause?: unknown }).cause;
  return {
    name: err.name,
    message: err.message,
    code: (err as { code?: string }).code,
    cause:
      cause instanceof Error
        ? { name: cause.name, message: cause.message, code: (cause as { code?: string }).code }
        : undefined,
  };
}

export function toProxyResult(
  result: RouteResult,
  origin: string | undefined,
  requestId: string,
): APIGatewayProxyResult {
  const headers: Record<string, string> = {
    ...corsHeaders(origin),
    'X-Request-Id': requestId,
    'Cache-Control': 'no-store',
    ...result.headers,
  };
  if (result.body === undefined) return { statusCode: result.status, headers, body: '' };
  headers['Content-Type'] = 'application/json; charset=utf-8';
  return { statusCode: result.status, headers, body: JSON.stringify(result.body) };
}

export function apiHandler(router: Router) {
  return withObservability(
    async (event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> => {
      const requestId = event.requestContext?.requestId ?? context.awsRequestId;
      logger.setCorrelationId(requestId);
      const origin = headerValue(event.headers, 'origin');
      const started = Date.now();
      let result: RouteResult;
      if (event.httpMethod === 'OPTIONS') {
        return {
          statusCode: 204,
          headers: { ...corsHeaders(origin, true), 'X-Request-Id': requestId },
          body: '',
        };
      }
      try {
        result = await router.handle(event, context, requestId);
      } catch (err) {
        result = toErrorResult(err, requestId);
      }
      logger.info('request', {
        method: event.httpMethod,
        resource: event.resource,
        status: result.status,
        ms: Date.now() - started,
      });
      return toProxyResult(result, origin, requestId);
    },
  );
}
