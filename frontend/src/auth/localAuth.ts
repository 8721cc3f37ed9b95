// Local sign-in: the local server mints a dev token (POST /api/dev/token) that its emulated
// authorizer accepts. The token is kept in localStorage so a reload keeps you signed in.
import { type Authenticator, type AuthUser, Listeners, type LocalSignIn } from './authenticator';

const STORAGE_KEY = 'amianai.devToken';

interface TokenClaims {
  name?: string;
  email?: string;
  'cognito:username'?: string;
  exp?: number;
}

export function decodeJwtClaims(token: string): TokenClaims | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
    const json = decodeURIComponent(
      Array.from(atob(padded), (char) => `%${char.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''),
    );
    const claims: unknown = JSON.parse(json);
    return typeof claims === 'object' && claims !== null ? (claims as TokenClaims) : null;
  } catch {
    return null;
  }
}

function userFromToken(token: string): AuthUser | null {
  const claims = decodeJwtClaims(token);
  if (!claims) return null;
  const expiresAt = typeof claims.exp === 'number' ? claims.exp : null;
  if (expiresAt !== null && expiresAt * 1000 <= Date.now()) return null;
  return { displayName: claims.name ?? claims['cognito:username'] ?? claims.email ?? 'You', expiresAt };
}

export class LocalAuthenticator implements Authenticator, LocalSignIn {
  readonly mode = 'local' as const;
  private token: string | null = null;
  private user: AuthUser | null = null;
  private readonly listeners = new Listeners();

  constructor(
    private readonly apiBaseUrl: string,
    private readonly fetchFn: typeof fetch = (input, init) => globalThis.fetch(input, init),
    private readonly storage: Storage = window.localStorage,
  ) {}

  async init(): Promise<void> {
    const stored = this.storage.getItem(STORAGE_KEY);
    if (stored) this.setToken(stored);
  }

  current(): AuthUser | null {
    return this.user;
  }

  subscribe(listener: () => void): () => void {
    return this.listeners.add(listener);
  }

  async getToken(): Promise<string | null> {
    if (this.token && !userFromToken(this.token)) this.setToken(null);
    return this.token;
  }

  async signInLocal(name: string, admin: boolean): Promise<void> {
    const response = await this.fetchFn(`${this.apiBaseUrl}/api/dev/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ name, admin }),
    });
    const body: unknown = await response.json().catch(() => null);
    const token = typeof body === 'object' && body !== null ? (body as { token?: unknown }).token : undefined;
    if (!response.ok || typeof token !== 'string') {
      const message =
        (body as { error?: { message?: string } } | null)?.error?.message ??
        `Sign-in failed (HTTP ${response.status})`;
      throw new Error(message);
    }
    this.setToken(token);
  }

  async signOut(): Promise<void> {
    this.setToken(null);
  }

  private setToken(token: string | null): void {
    const user = token ? userFromToken(token) : null;
    this.token = user ? token : null;
    this.user = user;
    if (this.token) this.storage.setItem(STORAGE_KEY, this.token);
    else this.storage.removeItem(STORAGE_KEY);
    this.listeners.notify();
  }
}
