/** Opaque keyset cursors: base64url JSON, validated on the way back in (a bad cursor is a 400). */
import type { Static, TSchema } from '@sinclair/typebox';
import { Type } from '@sinclair/typebox';
import { Invalid } from './errors';
import { validate } from './validation';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;
export const Limit = Type.Integer({ minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT });
export const Cursor = Type.String({ minLength: 1, maxLength: 500 });

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<T extends TSchema>(schema: T, cursor: string): Static<T> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new Invalid('The cursor is not valid', undefined, 'invalid_cursor');
  }
  try {
    return validate(schema, parsed, 'cursor');
  } catch {
    throw new Invalid('The cursor is not valid', undefined, 'invalid_cursor');
  }
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
