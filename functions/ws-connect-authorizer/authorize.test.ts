/**
 * The $connect authorizer with the real aws-jwt-verify verifier: tokens are signed here with an RSA key
 * whose JWKS is handed to the verifier (as Cognito's would be fetched), so signature, issuer, audience,
 * token use and expiry are all checked for real.
 */
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { authorize, type TokenVerifier } from './authorize';

const POOL = 'us-east-1_TestPool1';
const CLIENT = 'webclient0123456789abcdefg';
const ISSUER = `https://cognito-idp.us-east-1.amazonaws.com/${POOL}`;
const METHOD_ARN = 'arn:aws:execute-api:us-east-1:123456789012:abc123/dev/$connect';
const SUB = '7d1e3c52-4a6b-4f0e-9c1d-2b3a4c5d6e7f';

let verifier: TokenVerifier;
let sign: (
  claims: Record<string, unknown>,
  opts?: { expiresIn?: string | number; key?: 'good' | 'other'; audience?: string },
) => Promise<string>;

beforeAll(async () => {
  const good = await generateKeyPair('RS256');
  const other = await generateKeyPair('RS256');
  const jwk = (await exportJWK(good.publicKey)) as JWK;
  const cognito = CognitoJwtVerifier.create({ userPoolId: POOL, clientId: CLIENT, tokenUse: 'id' });
  cognito.cacheJwks({ keys: [{ ...jwk, kid: 'k1', alg: 'RS256', use: 'sig' } as never] });
  verifier = { verify: async (token) => ({ ...(await cognito.verify(token)) }) };
  sign = async (claims, opts = {}) =>
    new SignJWT({ token_use: 'id', 'cognito:username': 'Player', email: 'player@example.com', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject(SUB)
      .setIssuer(ISSUER)
      .setAudience(opts.audience ?? CLIENT)
      .setIssuedAt()
      .setExpirationTime(opts.expiresIn ?? '1h')
      .sign((opts.key === 'other' ? other : good).privateKey);
});

const connect = (token?: string) =>
  authorize(
    { methodArn: METHOD_ARN, queryStringParameters: token === undefined ? null : { token } },
    verifier,
  );

const effect = (d: Awaited<ReturnType<typeof connect>>) =>
  d.result.policyDocument.Statement[0] as { Effect: string; Resource: string };

describe('the $connect authorizer', () => {
  it('allows a valid Cognito ID token and passes the identity on as string context', async () => {
    const decision = await connect(await sign({ 'cognito:groups': ['admin'] }));
    expect(decision.allowed).toBe(true);
    expect(effect(decision)).toEqual({ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: METHOD_ARN });
    expect(decision.result.principalId).toBe(SUB);
    expect(decision.result.context).toEqual({
      sub: SUB,
      email: 'player@example.com',
      'cognito:username': 'Player',
      'cognito:groups': 'admin',
    });
  });

  it('denies a missing token', async () => {
    for (const decision of [await connect(), await connect('  ')]) {
      expect(decision).toMatchObject({ allowed: false, reason: 'missing_token' });
      expect(effect(decision).Effect).toBe('Deny');
      expect(decision.result.context).toBeUndefined();
    }
  });

  it('denies a token signed by another key, or not a JWT at all', async () => {
    for (const token of [await sign({}, { key: 'other' }), 'not.a.jwt', 'garbage']) {
      const decision = await connect(token);
      expect(decision).toMatchObject({ allowed: false, reason: 'invalid_token' });
      expect(effect(decision).Effect).toBe('Deny');
    }
  });

  it('denies an expired token', async () => {
    const decision = await connect(await sign({}, { expiresIn: Math.floor(Date.now() / 1000) - 60 }));
    expect(decision).toMatchObject({ allowed: false, reason: 'invalid_token' });
  });

  it('denies an access token and a token for another app client', async () => {
    expect((await connect(await sign({ token_use: 'access' }))).allowed).toBe(false);
    const foreign = await sign({}, { audience: 'someotherclient' });
    expect((await connect(foreign)).allowed).toBe(false);
  });
});
