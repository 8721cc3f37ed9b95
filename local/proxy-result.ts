/**
 * Turns a handler's proxy result into an HTTP response the way API Gateway REST does: status, `headers` merged
 * with `multiValueHeaders` (the latter wins for a name in both), base64 bodies decoded, Content-Type defaulting
 * to application/json. A result API Gateway would reject is rejected here too (it becomes a 502).
 */
import { isRecord } from './template';

export interface HttpResponse {
  statusCode: number;
  /** Header name → values; several values are sent as several header lines. */
  headers: Record<string, string[]>;
  body: Buffer;
}

export class MalformedProxyResult extends Error {
  override name = 'MalformedProxyResult';
}

const ALLOWED_KEYS = new Set(['statusCode', 'headers', 'multiValueHeaders', 'body', 'isBase64Encoded']);

function headerText(value: unknown, name: string): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  throw new MalformedProxyResult(`header "${name}" must be a string, number or boolean`);
}

function findHeader(headers: Record<string, string[]>, name: string): string | undefined {
  const lower = name.toLowerCase();
  return Object.keys(headers).find((key) => key.toLowerCase() === lower);
}

export function mapProxyResult(result: unknown): HttpResponse {
  if (!isRecord(result)) throw new MalformedProxyResult('the handler must return an object');
  const unknownKeys = Object.keys(result).filter((key) => !ALLOWED_KEYS.has(key));
  if (unknownKeys.length > 0)
    throw new MalformedProxyResult(`unexpected field(s): ${unknownKeys.join(', ')}`);
  const { statusCode, body, isBase64Encoded } = result;
  if (
    typeof statusCode !== 'number' ||
    !Number.isInteger(statusCode) ||
    statusCode < 100 ||
    statusCode > 599
  ) {
    throw new MalformedProxyResult('statusCode must be an integer HTTP status');
  }
  if (body !== undefined && body !== null && typeof body !== 'string')
    throw new MalformedProxyResult('body must be a string');
  if (isBase64Encoded !== undefined && typeof isBase64Encoded !== 'boolean') {
    throw new MalformedProxyResult('isBase64Encoded must be a boolean');
  }

  const headers: Record<string, string[]> = {};
  if (result.headers !== undefined && result.headers !== null) {
    if (!isRecord(result.headers)) throw new MalformedProxyResult('headers must be an object');
    for (const [name, value] of Object.entries(result.headers)) headers[name] = [headerText(value, name)];
  }
  if (result.multiValueHeaders !== undefined && result.multiValueHeaders !== null) {
    if (!isRecord(result.multiValueHeaders))
      throw new MalformedProxyResult('multiValueHeaders must be an object');
    for (const [name, values] of Object.entries(result.multiValueHeaders)) {
      if (!Array.isArray(values))
        throw new MalformedProxyResult(`multiValueHeaders "${name}" must be an array`);
      const existing = findHeader(headers, name);
      if (existing) delete headers[existing];
      headers[name] = values.map((value) => headerText(value, name));
    }
  }
  if (!findHeader(headers, 'content-type')) headers['Content-Type'] = ['application/json'];

  const text = typeof body === 'string' ? body : '';
  return { statusCode, headers, body: Buffer.from(text, isBase64Encoded ? 'base64' : 'utf8') };
}
