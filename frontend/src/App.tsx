// Routes. Every screen behind sign-in is its own lazily loaded chunk, keeping the first load small.
import { lazy, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import type { Api } from './api/endpoints';
import type { Authenticator } from './auth/authenticator';
import { RealtimeProvider } from './realtime/RealtimeProvider';
import { MeProvider, SessionProvider, useSession } from './session/SessionProvider';
import AuthCallbackPage from './shell/AuthCallbackPage';
import { Layout } from './shell/Layout';
import SignInPage from './shell/SignInPage';
import { StatusPage } from './ui/States';

const ConversationsPage = lazy(() => import('./conversations/ConversationsPage'));
const NewConversationPage = lazy(() => import('./conversations/NewConversationPage'));
const ConversationPage = lazy(() => import('./chat/ConversationPage'));
const PersonasPage = lazy(() => import('./personas/PersonasPage'));
const PersonaDetailPage = lazy(() => import('./personas/PersonaDetailPage'));
const PersonaEditorPage = lazy(() => import('./personas/PersonaEditorPage'));
const UsagePage = lazy(() => import('./account/UsagePage'));
const AdminPage = lazy(() => import('./account/AdminPage'));
const PlayPage = lazy(() => import('./games/PlayPage'));
const RoundPage = lazy(() => import('./games/RoundPage'));
const StatsPage = lazy(() => import('./games/StatsPage'));
const LeaderboardPage = lazy(() => import('./games/LeaderboardPage'));

function RequireSignIn({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const location = useLocation();
  if (!user) {
    const returnTo = `${location.pathname}${location.search}`;
    return <Navigate to={`/signin?returnTo=${encodeURIComponent(returnTo)}`} replace />;
  }
  return <MeProvider>{children}</MeProvider>;
}

function NotFound() {
  return (
    <StatusPage title="Page not found">
      <p>There is nothing at this address. It may have been mistyped, or the link is out of date.</p>
    </StatusPage>
  );
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/signin" element={<SignInPage />} />
      <Route path="/auth/callback" element={<AuthCallbackPage />} />
      <Route
        element={
          <RequireSignIn>
            <Layout />
          </RequireSignIn>
        }
      >
        <Route index element={<Navigate to="/play" replace />} />
        <Route path="play" element={<PlayPage />} />
        <Route path="play/:conversationId" element={<RoundPage />} />
        <Route path="stats" element={<StatsPage />} />
        <Route path="leaderboard" element={<LeaderboardPage />} />
        <Route path="conversations" element={<ConversationsPage />} />
        <Route path="conversations/new" element={<NewConversationPage />} />
        <Route path="conversations/:conversationId" element={<ConversationPage />} />
        <Route path="personas" element={<PersonasPage />} />
        <Route path="personas/new" element={<PersonaEditorPage />} />
        <Route path="personas/:personaId" element={<PersonaDetailPage />} />
        <Route path="personas/:personaId/edit" element={<PersonaEditorPage />} />
        <Route path="usage" element={<UsagePage />} />
        <Route path="admin" element={<AdminPage />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

export function App({
  auth,
  apiBaseUrl,
  api,
  webSocketUrl = null,
}: {
  auth: Authenticator;
  apiBaseUrl: string;
  api?: Api;
  /** Real-time events; null = polling only. */
  webSocketUrl?: string | null;
}) {
  return (
    <BrowserRouter>
      <SessionProvider auth={auth} apiBaseUrl={apiBaseUrl} api={api}>
        <RealtimeProvider url={webSocketUrl}>
          <AppRoutes />
        </RealtimeProvider>
      </SessionProvider>
    </BrowserRouter>
  );
}
