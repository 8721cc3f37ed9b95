/** CORS for proxy integrations: API Gateway only answers the preflight, so every response carries these. */
import { config } from '../config';

export const CORS_METHODS = 'GET,POST,PUT,DELETE,OPTIONS';
export const CORS_HEADERS = 'Content-Type,Authorization,If-None-Match';
export const CORS_MAX_AGE = '86400';

function headerValue(headers: Record<string, string | undefined> | null | undefined, name: string) {
  if (!headers) return undefined;
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === lower) return value;
  return undefined;
}

/** Headers for a response to a request from `origin`; none for origins not on the list. */
export function corsHeaders(origin: string | undefined, preflight = false): Record<string, string> {
  const headers: Record<string, string> = { Vary: 'Origin' };
  if (!origin || !config().allowedOrigins.includes(origin)) return headers;
  headers['Access-Control-Allow-Origin'] = origin;
  headers['Access-Control-Expose-Headers'] = 'ETag,Retry-After,X-Request-Id';
  if (preflight) {
    headers['Access-Control-Allow-Methods'] = CORS_METHODS;
    headers['Access-Control-Allow-Headers'] = CORS_HEADERS;
    headers['Access-Control-Max-Age'] = CORS_MAX_AGE;
  }
  return headers;
}

export { headerValue };
