/** Conditional GET for polling: a strong ETag over the exact response, and 304 when the client has it. */
import { createHash } from 'node:crypto';
import type { RouteResult } from '@amianai/shared/http';

/**
 * A strong validator must change whenever the representation's bytes do, so it hashes the whole body
 * (item ids and seqs, typing set, cursors, names and the caller-dependent fields) rather than a summary.
 */
export function etagOf(body: unknown): string {
  return `"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 32)}"`;
}

/** RFC 9110 If-None-Match: `*` or a list of tags, compared weakly (a `W/` prefix is ignored). */
export function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/** 200 with the body and its ETag, or 304 with no body when the client's copy is current. */
export function conditional<B>(body: B, ifNoneMatch: string | undefined): RouteResult<B | undefined> {
  const etag = etagOf(body);
  // Revalidate on every use; the body depends on the caller, so no shared cache may keep it.
  const headers = { ETag: etag, 'Cache-Control': 'private, no-cache', Vary: 'Origin, Authorization' };
  if (matches(ifNoneMatch, etag)) return { status: 304, headers };
  return { status: 200, body, headers };
}
