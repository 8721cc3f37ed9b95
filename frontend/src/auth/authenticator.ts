// The app talks to one Authenticator; local dev tokens and Cognito (OIDC) implement it.

export interface AuthUser {
  displayName: string;
  /** Seconds since epoch when the current token stops working, if known. */
  expiresAt: number | null;
}

export interface Authenticator {
  readonly mode: 'local' | 'cognito';
  /** Restores a stored session; resolves once current() is meaningful. */
  init(): Promise<void>;
  current(): AuthUser | null;
  subscribe(listener: () => void): () => void;
  /** A bearer token for the API, renewed if it is about to expire; null when signed out. */
  getToken(): Promise<string | null>;
  signOut(): Promise<void>;
}

export interface LocalSignIn {
  signInLocal(name: string, admin: boolean): Promise<void>;
}

export interface RedirectSignIn {
  signInRedirect(returnTo: string): Promise<void>;
  /** Completes the authorization-code exchange; returns where the user was heading. */
  completeSignIn(): Promise<string>;
}

export function canSignInLocally(auth: Authenticator): auth is Authenticator & LocalSignIn {
  return auth.mode === 'local';
}

export function canSignInWithRedirect(auth: Authenticator): auth is Authenticator & RedirectSignIn {
  return auth.mode === 'cognito';
}

/** A tiny observable used by both implementations. */
export class Listeners {
  private readonly set = new Set<() => void>();
  add(listener: () => void): () => void {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }
  notify(): void {
    for (const listener of this.set) listener();
  }
}
