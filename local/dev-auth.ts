/**
 * Local sign-in standing in for Cognito: `POST /api/dev/token` issues an HS256 JWT shaped like a Cognito ID
 * token, and every non-public route verifies it and hands the claims to the handler as API Gateway's Cognito
 * authorizer does (every value a string). Exists only in the local server, never in the template, and only
 * when its stage is `local` (see local/server.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { errors, type JWTPayload, jwtVerify, SignJWT } from 'jose';

export const DEV_TOKEN_ISSUER = 'amianai-local';
export const DEV_TOKEN_AUDIENCE = 'amianai-local';
export const DEV_TOKEN_LIFETIME_SECONDS = 12 * 60 * 60;
export const DEV_SECRET_FILE = 'dev-token-secret';

export interface DevTokenRequest {
  name: string;
  admin: boolean;
}

export type Parsed<T> =
  | { ok: true; value: T }
  | { ok: false; details: Array<{ path: string; message: string }> };

/** Validates `{"name": string 1–60, "admin"?: boolean}`; unknown fields are rejected like everywhere else. */
export function parseDevTokenRequest(body: unknown): Parsed<DevTokenRequest> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, details: [{ path: '', message: 'must be an object like {"name": "Ada"}' }] };
  }
  const { name, admin, ...rest } = body as Record<string, unknown>;
  const details = Object.keys(rest).map((key) => ({ path: `/${key}`, message: 'is not allowed' }));
  const trimmed = typeof name === 'string' ? name.trim().replace(/\s+/g, ' ') : '';
  if (trimmed.length < 1 || trimmed.length > 60)
    details.push({ path: '/name', message: 'must be 1 to 60 characters' });
  if (admin !== undefined && typeof admin !== 'boolean')
    details.push({ path: '/admin', message: 'must be a boolean' });
  return details.length > 0
    ? { ok: false, details }
    : { ok: true, value: { name: trimmed, admin: admin === true } };
}

function hash(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** An e-mail-safe slug of a display name: "Ada Lovelace" → "ada-lovelace". */
export function slugForName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug || `user-${hash(name.trim().toLowerCase()).toString('hex').slice(0, 8)}`;
}

/** A stable UUID-shaped `sub` per name, so the same name always signs in as the same user. */
export function subForName(name: string): string {
  const bytes = hash(`amianai-local-user:${slugForName(name)}`).subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50; // version 5 (name-based)
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The signing secret: created once and kept in the data dir, or per process when there is none. */
export async function loadDevSecret(dataDir?: string): Promise<Uint8Array> {
  if (!dataDir) return randomBytes(32);
  const file = path.join(dataDir, DEV_SECRET_FILE);
  try {
    return Buffer.from((await readFile(file, 'utf8')).trim(), 'base64url');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(32);
  try {
    await writeFile(file, secret.toString('base64url'), { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (err) {
    // Another process created it first: use theirs.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return loadDevSecret(dataDir);
    throw err;
  }
}

/** Java's Date#toString in UTC, which is how API Gateway renders `exp` and `iat`: "Fri Jul 29 18:52:53 UTC 2016". */
export function gatewayDate(epochSeconds: number): string {
  const d = new Date(epochSeconds * 1000);
  const [weekday, , , , time] = d.toUTCString().replace(',', '').split(' ');
  const month = d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  return `${weekday} ${month} ${String(d.getUTCDate()).padStart(2, '0')} ${time} UTC ${d.getUTCFullYear()}`;
}

/** Token claims as API Gateway's Cognito authorizer passes them: strings only. */
export function gatewayClaims(payload: JWTPayload): Record<string, string> {
  const claims: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(payload)) {
    if (value === undefined || value === null) continue;
    if ((name === 'exp' || name === 'iat') && typeof value === 'number')
      claims.push([name, gatewayDate(value)]);
    else if (Array.isArray(value)) claims.push([name, value.map(String).join(',')]);
    else if (typeof value === 'object') claims.push([name, JSON.stringify(value)]);
    else claims.push([name, String(value)]);
  }
  // fromEntries: a claim named `__proto__` stays a plain key.
  return Object.fromEntries(claims);
}

export type Verification = { ok: true; claims: Record<string, string> } | { ok: false; message: string };

export class DevAuth {
  private constructor(private readonly secret: Uint8Array) {}

  static async create(dataDir?: string): Promise<DevAuth> {
    return new DevAuth(await loadDevSecret(dataDir));
  }

  /** Signs a Cognito-shaped ID token. `now` exists so tests can mint expired tokens. */
  async issue(request: DevTokenRequest, now = new Date()): Promise<{ token: string; expiresAt: string }> {
    const iat = Math.floor(now.getTime() / 1000);
    const exp = iat + DEV_TOKEN_LIFETIME_SECONDS;
    const token = await new SignJWT({
      email: `${slugForName(request.name)}@example.test`,
      email_verified: true,
      'cognito:username': request.name,
      name: request.name,
      ...(request.admin ? { 'cognito:groups': ['admin'] } : {}),
      token_use: 'id',
      auth_time: iat,
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(subForName(request.name))
      .setIssuer(DEV_TOKEN_ISSUER)
      .setAudience(DEV_TOKEN_AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.secret);
    return { token, expiresAt: new Date(exp * 1000).toISOString() };
  }

  /** Signs exactly these claims with this server's secret: how tests build tokens `issue` never would. */
  signClaims(claims: JWTPayload): Promise<string> {
    return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(this.secret);
  }

  /**
   * Checks an Authorization header value as strictly as API Gateway's Cognito authorizer checks a Cognito ID
   * token: "Bearer <jwt>" only, signature, issuer and audience, `exp` present and in the future, `token_use`
   * "id" (an access token is refused). Anything else is the same bare 401.
   */
  async verify(authorization: string | undefined): Promise<Verification> {
    const token = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/i.exec(
      authorization?.trim() ?? '',
    )?.[1];
    if (!token) return { ok: false, message: 'Unauthorized' };
    try {
      const { payload } = await jwtVerify(token, this.secret, {
        algorithms: ['HS256'],
        issuer: DEV_TOKEN_ISSUER,
        audience: DEV_TOKEN_AUDIENCE,
        requiredClaims: ['exp', 'iat', 'sub', 'token_use'],
      });
      if (payload.token_use !== 'id') return { ok: false, message: 'Unauthorized' };
      return { ok: true, claims: gatewayClaims(payload) };
    } catch (err) {
      // API Gateway's Cognito authorizer words an expired token differently from a bad one.
      if (err instanceof errors.JWTExpired) return { ok: false, message: 'The incoming token has expired' };
      return { ok: false, message: 'Unauthorized' };
    }
  }
}
