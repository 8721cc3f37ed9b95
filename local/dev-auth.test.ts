import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeJwt } from 'jose';
import {
  DEV_SECRET_FILE,
  DevAuth,
  gatewayClaims,
  gatewayDate,
  loadDevSecret,
  parseDevTokenRequest,
  slugForName,
  subForName,
} from './dev-auth';

describe('identity from a name', () => {
  it('derives a stable UUID-shaped sub that ignores case and spacing', () => {
    expect(subForName('Ada Lovelace')).toBe(subForName('  ada   LOVELACE '));
    expect(subForName('Ada Lovelace')).not.toBe(subForName('Ada Byron'));
    expect(subForName('Ada')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('makes an e-mail-safe slug, with a fallback for names without ASCII letters', () => {
    expect(slugForName('Zoë O’Brien-Smith')).toBe('zoe-o-brien-smith');
    expect(slugForName('李雷')).toMatch(/^user-[0-9a-f]{8}$/);
  });
});

describe('parseDevTokenRequest', () => {
  it('accepts a name and an optional admin flag, collapsing whitespace', () => {
    expect(parseDevTokenRequest({ name: '  Ada   L ' })).toEqual({
      ok: true,
      value: { name: 'Ada L', admin: false },
    });
    expect(parseDevTokenRequest({ name: 'Root', admin: true })).toEqual({
      ok: true,
      value: { name: 'Root', admin: true },
    });
  });

  it('lists every problem with its path', () => {
    expect(parseDevTokenRequest({ admin: 1, extra: 'x' })).toEqual({
      ok: false,
      details: [
        { path: '/extra', message: 'is not allowed' },
        { path: '/name', message: 'must be 1 to 60 characters' },
        { path: '/admin', message: 'must be a boolean' },
      ],
    });
    expect(parseDevTokenRequest(['Ada']).ok).toBe(false);
  });
});

describe('claims as API Gateway passes them', () => {
  it('renders exp and iat like Java Date#toString in UTC', () => {
    expect(gatewayDate(1469814773)).toBe('Fri Jul 29 17:52:53 UTC 2016');
    expect(gatewayDate(Date.UTC(2025, 0, 5, 1, 2, 3) / 1000)).toBe('Sun Jan 05 01:02:03 UTC 2025');
  });

  it('turns every claim into a string', () => {
    expect(
      gatewayClaims({ sub: 's', email_verified: true, auth_time: 5, 'cognito:groups': ['admin'], exp: 0 }),
    ).toEqual({
      sub: 's',
      email_verified: 'true',
      auth_time: '5',
      'cognito:groups': 'admin',
      exp: 'Thu Jan 01 00:00:00 UTC 1970',
    });
  });
});

describe('DevAuth', () => {
  it('issues a Cognito-shaped ID token and verifies it back into string claims', async () => {
    const auth = await DevAuth.create();
    const { token } = await auth.issue({ name: 'Grace', admin: true });
    expect(decodeJwt(token)).toMatchObject({
      token_use: 'id',
      'cognito:groups': ['admin'],
      email: 'grace@example.test',
    });
    const verified = await auth.verify(`Bearer ${token}`);
    expect(verified).toEqual({
      ok: true,
      claims: expect.objectContaining({ sub: subForName('Grace'), 'cognito:groups': 'admin' }),
    });
  });

  it('refuses expired, foreign and malformed tokens', async () => {
    const auth = await DevAuth.create();
    const other = await DevAuth.create();
    const expired = await auth.issue({ name: 'Old', admin: false }, new Date(Date.now() - 24 * 3_600_000));
    expect(await auth.verify(`Bearer ${expired.token}`)).toEqual({
      ok: false,
      message: 'The incoming token has expired',
    });
    expect(await auth.verify(`Bearer ${(await other.issue({ name: 'X', admin: false })).token}`)).toEqual({
      ok: false,
      message: 'Unauthorized',
    });
    expect(await auth.verify('Bearer a.b.c')).toEqual({ ok: false, message: 'Unauthorized' });
    expect(await auth.verify(undefined)).toEqual({ ok: false, message: 'Unauthorized' });
    const fresh = (await auth.issue({ name: 'Bare', admin: false })).token;
    expect(await auth.verify(fresh)).toEqual({ ok: false, message: 'Unauthorized' });
  });

  it('creates the secret once in the data dir (owner-only) and reuses it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dev-auth-'));
    try {
      const first = await loadDevSecret(dir);
      const second = await loadDevSecret(dir);
      expect(Buffer.from(second)).toEqual(Buffer.from(first));
      expect(readFileSync(path.join(dir, DEV_SECRET_FILE), 'utf8')).toBe(
        Buffer.from(first).toString('base64url'),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
