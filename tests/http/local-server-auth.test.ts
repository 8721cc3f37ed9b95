/** The Cognito authorizer stand-in: dev tokens in, Cognito-shaped string claims out, 401 like API Gateway. */
import { SignJWT } from 'jose';
import { DevAuth } from '../../local/dev-auth';
import type { LocalServer } from '../../local/server';
import type { EchoResponse } from '../fixtures/local-server/functions/echo/handler';
import {
  devToken,
  type GatewayMessage,
  getJson,
  START_TIMEOUT_MS,
  startFixtureServer,
  type TempDir,
  tempDataDir,
} from './local-server';

let server: LocalServer;
let data: TempDir;

beforeAll(async () => {
  data = tempDataDir();
  server = await startFixtureServer({ dataDir: data.dir });
}, START_TIMEOUT_MS);
afterAll(async () => {
  await server?.stop();
  data?.remove();
});

const item = () => `${server.url}/api/items/1`;
const withToken = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });

describe('POST /api/dev/token', () => {
  it('issues a token whose claims reach the handler as Cognito-shaped strings', async () => {
    const token = await devToken(server, 'Ada Lovelace', true);
    const res = await getJson<EchoResponse>(item(), withToken(token));
    expect(res.status).toBe(200);
    const claims = res.body.event.requestContext.authorizer?.claims as Record<string, unknown>;
    expect(claims).toMatchObject({
      sub: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      email: 'ada-lovelace@example.test',
      'cognito:username': 'Ada Lovelace',
      'cognito:groups': 'admin',
      token_use: 'id',
      email_verified: 'true',
    });
    expect(claims.exp).toMatch(/^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} UTC \d{4}$/);
    for (const value of Object.values(claims)) expect(typeof value).toBe('string');
  });

  it('signs the same name in as the same user, and leaves out groups for non-admins', async () => {
    const first = await getJson<EchoResponse>(item(), withToken(await devToken(server, 'Grace Hopper')));
    const again = await getJson<EchoResponse>(item(), withToken(await devToken(server, 'grace  hopper')));
    const other = await getJson<EchoResponse>(item(), withToken(await devToken(server, 'Alan Turing')));
    const sub = (r: typeof first) => r.body.event.requestContext.authorizer?.claims.sub;
    expect(sub(again)).toBe(sub(first));
    expect(sub(other)).not.toBe(sub(first));
    expect(first.body.event.requestContext.authorizer?.claims).not.toHaveProperty('cognito:groups');
  });

  it('returns expiresAt twelve hours ahead', async () => {
    const res = await getJson<{ token: string; expiresAt: string }>(`${server.url}/api/dev/token`, {
      method: 'POST',
      body: JSON.stringify({ name: 'Timekeeper' }),
    });
    const hours = (Date.parse(res.body.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(11.9);
    expect(hours).toBeLessThanOrEqual(12);
  });

  it.each([
    ['a missing name', {}],
    ['an empty name', { name: '   ' }],
    ['a name over 60 characters', { name: 'x'.repeat(61) }],
    ['a non-boolean admin flag', { name: 'Eve', admin: 'yes' }],
    ['an unknown field', { name: 'Eve', role: 'admin' }],
  ])('rejects %s with 400 invalid_request', async (_case, body) => {
    const res = await getJson(`${server.url}/api/dev/token`, { method: 'POST', body: JSON.stringify(body) });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_request', requestId: expect.any(String) });
  });

  it('rejects malformed JSON with 400 invalid_json', async () => {
    const res = await getJson(`${server.url}/api/dev/token`, { method: 'POST', body: '{"name":' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_json');
  });

  it('keeps the signing secret in the data dir, so tokens survive a restart', async () => {
    const token = await devToken(server, 'Persistent Pat');
    const restarted = await startFixtureServer({ dataDir: data.dir });
    try {
      expect((await getJson(`${restarted.url}/api/items/1`, withToken(token))).status).toBe(200);
    } finally {
      await restarted.stop();
    }
  });
});

describe('POST /api/dev/token outside the local stage', () => {
  it.each(['dev', 'prod'])(
    'does not exist on stage %s: 404, no token, nobody becomes admin',
    async (stage) => {
      const other = await startFixtureServer({ stage });
      try {
        expect(other.stage).toBe(stage);
        const res = await getJson(`${other.url}/api/dev/token`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ name: 'Mallory', admin: true }),
        });
        expect(res.status).toBe(404);
        expect(res.body.error).toMatchObject({ code: 'not_found', requestId: expect.any(String) });
        expect(res.body).not.toHaveProperty('token');
      } finally {
        await other.stop();
      }
    },
  );

  it('exists on the default stage, which is local', () => {
    expect(server.stage).toBe('local');
  });
});

describe('protected routes', () => {
  const unauthorized = { message: 'Unauthorized' };

  it('answers 401 without a token', async () => {
    const res = await getJson<GatewayMessage>(item());
    expect(res.status).toBe(401);
    expect(res.body).toEqual(unauthorized);
    expect(res.headers.get('x-amzn-errortype')).toBe('UnauthorizedException');
  });

  it('answers 401 for a token that is not a JWT', async () => {
    const res = await getJson<GatewayMessage>(item(), withToken('not-a-token'));
    expect(res.status).toBe(401);
    expect(res.body).toEqual(unauthorized);
  });

  it('answers 401 for a token signed with another secret', async () => {
    const forged = await new SignJWT({ 'cognito:username': 'Mallory', 'cognito:groups': ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('11111111-1111-5111-8111-111111111111')
      .setIssuer('amianai-local')
      .setAudience('amianai-local')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('a-guessed-secret-that-is-long-enough'));
    expect((await getJson(item(), withToken(forged))).status).toBe(401);
  });

  it('answers 401 for a token whose payload was altered', async () => {
    const [header, payload, signature] = (await devToken(server, 'Honest Abe')).split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const altered = Buffer.from(JSON.stringify({ ...claims, 'cognito:groups': ['admin'] })).toString(
      'base64url',
    );
    expect((await getJson(item(), withToken(`${header}.${altered}.${signature}`))).status).toBe(401);
  });

  it('answers 401 "The incoming token has expired" for an expired token', async () => {
    const issuedLongAgo = new Date(Date.now() - 13 * 3_600_000);
    const { token } = await server.devAuth.issue({ name: 'Rip Van Winkle', admin: false }, issuedLongAgo);
    const res = await getJson<GatewayMessage>(item(), withToken(token));
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ message: 'The incoming token has expired' });
  });

  it('answers 401 for a token from another local server (another secret)', async () => {
    const elsewhere = await DevAuth.create();
    const { token } = await elsewhere.issue({ name: 'Stranger', admin: false });
    expect((await getJson(item(), withToken(token))).status).toBe(401);
  });

  it('answers 401 for a token without the Bearer scheme, or after another scheme', async () => {
    const token = await devToken(server, 'Bare Token');
    expect((await getJson(item(), { headers: { Authorization: token } })).status).toBe(401);
    expect((await getJson(item(), { headers: { Authorization: `Basic ${token}` } })).status).toBe(401);
    expect((await getJson(item(), { headers: { Authorization: `Bearer ${token} x` } })).status).toBe(401);
    expect((await getJson(item(), withToken(token))).status).toBe(200);
  });

  describe('claims checked as strictly as a Cognito ID token', () => {
    const now = () => Math.floor(Date.now() / 1000);
    const valid = () => ({
      sub: '00000000-0000-5000-8000-000000000001',
      token_use: 'id',
      iss: 'amianai-local',
      aud: 'amianai-local',
      iat: now(),
      exp: now() + 600,
    });
    const statusWith = async (claims: Record<string, unknown>) =>
      (await getJson(item(), withToken(await server.devAuth.signClaims(claims)))).status;

    it('accepts the complete claim set (the control case)', async () => {
      expect(await statusWith(valid())).toBe(200);
    });

    it.each([
      ['no exp', { exp: undefined }],
      ['no sub', { sub: undefined }],
      ['no token_use', { token_use: undefined }],
      ['an access token', { token_use: 'access' }],
      ['another issuer', { iss: 'https://cognito-idp.us-east-1.amazonaws.com/other' }],
      ['another audience', { aud: 'another-client' }],
      ['a token not yet valid', { nbf: now() + 600 }],
    ])('answers 401 for %s', async (_name, change) => {
      expect(await statusWith({ ...valid(), ...change })).toBe(401);
    });
  });

  it('adds CORS headers to the 401 for an allowed origin only', async () => {
    const allowed = await fetch(item(), { headers: { Origin: 'https://app.example.test' } });
    expect(allowed.status).toBe(401);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.test');
    const denied = await fetch(item(), { headers: { Origin: 'https://evil.example.test' } });
    expect(denied.status).toBe(401);
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets public routes through without a token', async () => {
    expect((await getJson(`${server.url}/api/public/echo`)).status).toBe(200);
  });
});
