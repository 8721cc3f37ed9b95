/** Caller identity from the Cognito authorizer's claims: the only place identity is read from. */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { Unauthorized } from '../http/errors';

export interface Caller {
  sub: string;
  email?: string;
  name: string;
  groups: string[];
  isAdmin: boolean;
}

type Claims = Record<string, string | number | boolean | undefined>;

/** API Gateway REST passes list claims as strings: "admin", "admin,editors" or "[admin editors]". */
export function parseGroups(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  return value
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .map((g) => g.trim())
    .filter(Boolean);
}

export function callerFromEvent(event: Pick<APIGatewayProxyEvent, 'requestContext'>): Caller {
  const claims = (event.requestContext?.authorizer?.claims ?? undefined) as Claims | undefined;
  const sub = typeof claims?.sub === 'string' ? claims.sub : undefined;
  if (!sub) throw new Unauthorized();
  const email = typeof claims?.email === 'string' ? claims.email : undefined;
  const username = claims?.['cognito:username'] ?? claims?.name ?? email?.split('@')[0] ?? 'Player';
  const groups = parseGroups(claims?.['cognito:groups']);
  return { sub, email, name: String(username).slice(0, 80), groups, isAdmin: groups.includes('admin') };
}
