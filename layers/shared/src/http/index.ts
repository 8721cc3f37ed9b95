export { apiHandler, toErrorResult, toProxyResult } from './api-handler';
export { CORS_HEADERS, CORS_MAX_AGE, CORS_METHODS, corsHeaders, headerValue } from './cors';
export {
  Conflict,
  type ErrorDetail,
  Forbidden,
  HttpError,
  Invalid,
  NotFound,
  PayloadTooLarge,
  TooManyRequests,
  Unauthorized,
  UnsupportedMediaType,
  Upstream,
} from './errors';
export { Cursor, DEFAULT_LIMIT, decodeCursor, encodeCursor, Limit, MAX_LIMIT, type Page } from './pagination';
export {
  accepted,
  created,
  type Method,
  noContent,
  ok,
  type Request,
  type RouteResult,
  Router,
} from './router';
export { IdParams, Uuid, validate, validateQuery } from './validation';
