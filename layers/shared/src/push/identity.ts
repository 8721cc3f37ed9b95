/**
 * The identity a WebSocket connection carries. The $connect authorizer verifies the Cognito ID token once
 * and hands API Gateway a context of strings (the only values it forwards); every later route event
 * carries that context in `requestContext.authorizer`. The local server builds the same context from its
 * dev tokens, so handlers cannot tell the two apart.
 */
import type { Caller } from '../auth/claims';
import { callerFromEvent } from '../auth/claims';

export type ConnectIdentity = Record<'sub' | 'email' | 'cognito:username' | 'cognito:groups', string>;

/** ID token claims (Cognito's, or the local dev token's) → the authorizer context. */
export function authorizerContext(claims: Record<string, unknown>): ConnectIdentity {
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const groups = claims['cognito:groups'];
  return {
    sub: text(claims.sub),
    email: text(claims.email),
    'cognito:username': text(claims['cognito:username'] ?? claims.name),
    'cognito:groups': Array.isArray(groups) ? groups.map(String).join(',') : text(groups),
  };
}

/** The caller of a WebSocket route event, read as the REST claims are (401 without an identity). */
export function identityFromAuthorizer(authorizer: Record<string, unknown> | null | undefined): Caller {
  const claims: Record<string, string> = {};
  for (const [key, value] of Object.entries(authorizer ?? {})) {
    if (typeof value === 'string' && value !== '') claims[key] = value;
  }
  return callerFromEvent({ requestContext: { authorizer: { claims } } } as never);
}
