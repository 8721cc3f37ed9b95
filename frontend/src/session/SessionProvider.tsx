// Signed-in state for the whole app: the authenticator, a ready API client and the caller's
// /api/me record (role, own personas), refreshed after anything that changes it.
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
} from 'react';
import { ApiClient } from '../api/client';
import { type Api, createApi } from '../api/endpoints';
import type { Me } from '../api/types';
import type { Authenticator, AuthUser } from '../auth/authenticator';

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
  const value = useMemo(() => ({ auth, user, api }), [auth, user, api]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

export function useApi(): Api {
  return useSession().api;
}

/** Loads /api/me once per signed-in user. */
export function MeProvider({ children }: { children: ReactNode }) {
  const { api, user } = useSession();
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const signedInAs = user?.displayName ?? null;

  const refresh = useCallback(async () => {
    try {
      const next = await api.me();
      setMe(next);
      setError(null);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  }, [api]);

  useEffect(() => {
    if (!signedInAs) return;
    setLoading(true);
    void refresh();
  }, [refresh, signedInAs]);

  const value = useMemo(() => ({ me, error, loading, refresh }), [me, error, loading, refresh]);
  return <MeContext.Provider value={value}>{children}</MeContext.Provider>;
}

export function useMe(): MeValue {
  const value = useContext(MeContext);
  if (!value) throw new Error('useMe outside MeProvider');
  return value;
}
