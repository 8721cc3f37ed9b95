/**
 * The WebSocket $connect authorizer's decision. Browsers cannot set headers on a WebSocket handshake, so
 * the Cognito ID token travels in the query string (`?token=`); it is verified here (signature against
 * the pool's JWKS, issuer, audience = the web app client, token_use = id, expiry) exactly once per
 * connection, and the identity goes on as the authorizer context every later route event carries.
 */
import { authorizerContext } from '@amianai/shared/push';
import type { APIGatewayAuthorizerResult } from 'aws-lambda';

export interface TokenVerifier {
  verify(token: string): Promise<Record<string, unknown>>;
}

export interface ConnectRequest {
  methodArn: string;
  queryStringParameters?: Record<string, string | undefined> | null;
}

export type Decision =
  | { allowed: true; result: APIGatewayAuthorizerResult }
  | { allowed: false; reason: 'missing_token' | 'invalid_token'; result: APIGatewayAuthorizerResult };

const policy = (principalId: string, effect: 'Allow' | 'Deny', resource: string) => ({
  principalId,
  policyDocument: {
    Version: '2012-10-17',
    Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }],
  },
});

/** Allow with the caller's identity, or Deny (API Gateway answers the handshake 403) — never a throw. */
export async function authorize(event: ConnectRequest, verifier: TokenVerifier): Promise<Decision> {
  const token = event.queryStringParameters?.token?.trim();
  if (!token)
    return { allowed: false, reason: 'missing_token', result: policy('anonymous', 'Deny', event.methodArn) };
  try {
    const context = authorizerContext(await verifier.verify(token));
    if (!context.sub) throw new Error('no subject');
    return { allowed: true, result: { ...policy(context.sub, 'Allow', event.methodArn), context } };
  } catch {
    return { allowed: false, reason: 'invalid_token', result: policy('anonymous', 'Deny', event.methodArn) };
  }
}
