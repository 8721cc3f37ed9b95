// Signed-in state for the whole app: the authenticator, a ready API client, the query cache of the
// signed-in user and their /api/me record (role, own personas), refreshed after anything that changes it.
import { createContext, type ReactNode, useContext, useMemo, useSyncExternalStore } from 'react';
import { ApiClient } from '../api/client';
import { type Api, createApi } from '../api/endpoints';
import type { Me } from '../api/types';
import type { Authenticator, AuthUser } from '../auth/authenticator';
import { QueryCache, QueryProvider, useQuery } from '../data/query';

interface SessionValue {
  auth: Authenticator;
  user: AuthUser | null;
  api: Api;
}

interface MeValue {
  me: Me | null;
  error: unknown;
  loading: boolean;
  refresh: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);
const MeContext = createContext<MeValue | null>(null);

export function SessionProvider({
  auth,
  apiBaseUrl,
  api: providedApi,
  children,
}: {
  auth: Authenticator;
  apiBaseUrl: string;
  /** Tests inject an API; the app builds one from the config. */
  api?: Api;
  children: ReactNode;
}) {
  const user = useSyncExternalStore(
    (listener) => auth.subscribe(listener),
    () => auth.current(),
  );
  const api = useMemo(
    () =>
      providedApi ??
      createApi(
        new ApiClient({
          baseUrl: apiBaseUrl,
          getToken: () => auth.getToken(),
          // A token the API rejects is useless; going back to sign-in beats a page of errors.
          onUnauthorized: () => void auth.signOut(),
        }),
      ),
    [auth, apiBaseUrl, providedApi],
  );
  const signedInAs = user?.displayName ?? null;
  // A fresh cache per API and signed-in user: one user's answers are never shown to the next.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new user is exactly what empties the cache
  const cache = useMemo(() => new QueryCache(), [api, signedInAs]);
  const value = useMemo(() => ({ auth, user, api }), [auth, user, api]);
  return (
    <SessionContext.Provider value={value}>
      <QueryProvider cache={cache}>{children}</QueryProvider>
    </SessionContext.Provider>
  );
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

export function useApi(): Api {
  return useSession().api;
}

export const ME_KEY = ['me'] as const;

/** Loads /api/me once per signed-in user (the cache is per user). */
export function MeProvider({ children }: { children: ReactNode }) {
  const { api, user } = useSession();
  const query = useQuery(user ? ME_KEY : null, (signal) => api.me(signal));
  const me = query.data ?? null;
  const { error, reload: refresh } = query;
  const loading = query.loading || (query.fetching && !me);
  const value = useMemo(() => ({ me, error, loading, refresh }), [me, error, loading, refresh]);
  return <MeContext.Provider value={value}>{children}</MeContext.Provider>;
}

export function useMe(): MeValue {
  const value = useContext(MeContext);
  if (!value) throw new Error('useMe outside MeProvider');
  return value;
}
