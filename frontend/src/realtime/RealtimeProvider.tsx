// One RealtimeSocket while someone is signed in and the deployment has a WebSocket API; none otherwise,
// in which case every screen simply polls as before.
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { useSession } from '../session/SessionProvider';
import type { RealtimeSocket } from './socket';

const RealtimeContext = createContext<RealtimeSocket | null>(null);

export function RealtimeProvider({ url, children }: { url: string | null; children: ReactNode }) {
  const { auth, user } = useSession();
  const signedIn = user !== null;
  const [socket, setSocket] = useState<RealtimeSocket | null>(null);
  useEffect(() => {
    if (!url || !signedIn || typeof WebSocket === 'undefined') return;
    let created: RealtimeSocket | null = null;
    let cancelled = false;
    // The client loads after sign-in, outside the first page's script: polling covers the moment until then.
    void import('./socket').then(({ RealtimeSocket }) => {
      if (cancelled) return;
      created = new RealtimeSocket({ url, getToken: () => auth.getToken() });
      created.start();
      setSocket(created);
    });
    return () => {
      cancelled = true;
      created?.stop();
      setSocket(null);
    };
  }, [url, signedIn, auth]);
  return <RealtimeContext.Provider value={socket}>{children}</RealtimeContext.Provider>;
}

export function useRealtime(): RealtimeSocket | null {
  return useContext(RealtimeContext);
}

/** Where the WebSocket API is: the configured URL, else /ws beside a same-origin API (the local server). */
export function webSocketUrlFor(
  configured: string | undefined,
  apiBaseUrl: string,
  origin: string,
): string | null {
  if (configured) return configured;
  if (apiBaseUrl !== '') return null;
  return `${origin.replace(/^http/, 'ws')}/ws`;
}
