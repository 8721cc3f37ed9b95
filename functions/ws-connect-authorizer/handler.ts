/**
 * WebSocket $connect authorizer (Lambda REQUEST authorizer, identity source `route.request.querystring.token`):
 * verifies the Cognito ID token with aws-jwt-verify. Wiring only; the decision is in authorize.ts.
 */
import { config } from '@amianai/shared/config';
import { logger, withObservability } from '@amianai/shared/observability';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { authorize, type TokenVerifier } from './authorize';

let verifier: TokenVerifier | undefined;

/** One verifier per execution environment: it caches the pool's JWKS after the first fetch. */
function cognitoVerifier(): TokenVerifier {
  if (!verifier) {
    const { cognitoUserPoolId, cognitoClientId } = config();
    if (!cognitoUserPoolId || !cognitoClientId) {
      // Misconfigured: refuse every token rather than accept unverified ones.
      return { verify: () => Promise.reject(new Error('COGNITO_USER_POOL_ID/COGNITO_CLIENT_ID not set')) };
    }
    const cognito = CognitoJwtVerifier.create({
      userPoolId: cognitoUserPoolId,
      clientId: cognitoClientId,
      tokenUse: 'id',
    });
    verifier = { verify: async (token) => ({ ...(await cognito.verify(token)) }) };
  }
  return verifier;
}

export const handler = withObservability(async (event: APIGatewayRequestAuthorizerEvent) => {
  const decision = await authorize(event, cognitoVerifier());
  if (!decision.allowed) logger.info('WebSocket connection refused', { reason: decision.reason });
  return decision.result;
});
