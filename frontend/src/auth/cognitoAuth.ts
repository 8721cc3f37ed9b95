// Cognito hosted sign-in through oidc-client-ts (authorization code + PKCE). This module is only
// imported dynamically in cognito mode, so the OIDC library never weighs on the local build's first load.
import { type User, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { CognitoAuthConfig } from '../config/runtimeConfig';
import { type Authenticator, type AuthUser, Listeners, type RedirectSignIn } from './authenticator';

export const CALLBACK_PATH = '/auth/callback';
// Renew this long before expiry so a request in flight never carries a token that lapses on the way.
const RENEW_MARGIN_SECONDS = 120;

function toAuthUser(user: User | null): AuthUser | null {
  if (!user || user.expired || !user.id_token) return null;
  const profile = user.profile as Record<string, unknown>;
  const pick = (key: string) => (typeof profile[key] === 'string' ? (profile[key] as string) : undefined);
  return {
    displayName:
      pick('name') ?? pick('preferred_username') ?? pick('cognito:username') ?? pick('email') ?? 'You',
    expiresAt: user.expires_at ?? null,
  };
}

export class CognitoAuthenticator implements Authenticator, RedirectSignIn {
  readonly mode = 'cognito' as const;
  private readonly manager: UserManager;
  private user: User | null = null;
  // Cached so current() returns a stable snapshot (React's useSyncExternalStore requires it).
  private authUser: AuthUser | null = null;
  private readonly listeners = new Listeners();
  private renewing: Promise<User | null> | null = null;

  constructor(private readonly config: CognitoAuthConfig) {
    const origin = window.location.origin;
    this.manager = new UserManager({
      authority: config.authority,
      client_id: config.clientId,
      redirect_uri: `${origin}${CALLBACK_PATH}`,
      post_logout_redirect_uri: `${origin}/`,
      response_type: 'code',
      scope: config.scope ?? 'openid email profile',
      // Cognito issues refresh tokens for the code flow; oidc-client-ts renews with them ahead of expiry.
      automaticSilentRenew: true,
      accessTokenExpiringNotificationTimeInSeconds: RENEW_MARGIN_SECONDS,
      loadUserInfo: false,
      userStore: new WebStorageStateStore({ store: window.localStorage }),
    });
    this.manager.events.addUserLoaded((user) => this.setUser(user));
    this.manager.events.addUserUnloaded(() => this.setUser(null));
    this.manager.events.addSilentRenewError(() => {
      // A failed renewal leaves the old token until it expires; after that getToken() signs out.
      this.listeners.notify();
    });
  }

  async init(): Promise<void> {
    if (window.location.pathname === CALLBACK_PATH) return;
    this.setUser(await this.manager.getUser());
    if (this.user?.expired) await this.renew();
  }

  current(): AuthUser | null {
    return this.authUser;
  }

  subscribe(listener: () => void): () => void {
    return this.listeners.add(listener);
  }

  async getToken(): Promise<string | null> {
    const user = this.user;
    if (!user) return null;
    const secondsLeft = user.expires_in ?? 0;
    if (secondsLeft < RENEW_MARGIN_SECONDS / 4) await this.renew();
    return this.user?.id_token ?? null;
  }

  async signInRedirect(returnTo: string): Promise<void> {
    await this.manager.signinRedirect({ state: returnTo });
  }

  async completeSignIn(): Promise<string> {
    const user = await this.manager.signinRedirectCallback();
    this.setUser(user);
    return typeof user.state === 'string' && user.state.startsWith('/') ? user.state : '/';
  }

  async signOut(): Promise<void> {
    await this.manager.removeUser();
    this.setUser(null);
    // Cognito's hosted UI has its own logout endpoint (it does not advertise end_session_endpoint).
    const logout = new URL(`${this.config.domain}/logout`);
    logout.searchParams.set('client_id', this.config.clientId);
    logout.searchParams.set('logout_uri', `${window.location.origin}/`);
    window.location.assign(logout.toString());
  }

  private async renew(): Promise<User | null> {
    // Several requests may notice expiry at once; share one refresh.
    this.renewing ??= this.manager
      .signinSilent()
      .catch(async () => {
        await this.manager.removeUser();
        return null;
      })
      .finally(() => {
        this.renewing = null;
      });
    const user = await this.renewing;
    this.setUser(user);
    return user;
  }

  private setUser(user: User | null): void {
    this.user = user;
    this.authUser = toAuthUser(user);
    this.listeners.notify();
  }
}
