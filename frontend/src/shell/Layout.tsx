// App frame: brand, primary navigation, and an account menu (usage, admin tools for admins, sign out).
// Inside a chat on a phone the frame steps aside (CSS) and the chat's own header leads back.
import { Suspense } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router-dom';
import { useMe, useSession } from '../session/SessionProvider';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Loading } from '../ui/States';
import { AccountMenu } from './AccountMenu';
import { RouteErrorBoundary } from './RouteErrorBoundary';

export function Layout() {
  const { user } = useSession();
  const { me, error } = useMe();
  const location = useLocation();
  const navClass = ({ isActive }: { isActive: boolean }) =>
    isActive ? 'nav__link nav__link--on' : 'nav__link';
  const inChat = /^\/(conversations\/(?!new$)|play\/)[^/]+$/.test(location.pathname);

  return (
    <div className={inChat ? 'app app--chat' : 'app'}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/conversations" className="brand" aria-label="AmIAnAI home">
          <span className="brand__mark" aria-hidden="true">
            ?
          </span>
          <span className="brand__name" aria-hidden="true">
            AmI<span>An</span>AI
          </span>
        </Link>
        <nav className="nav" aria-label="Main">
          <NavLink to="/play" className={navClass}>
            Play
          </NavLink>
          <NavLink to="/conversations" className={navClass}>
            Conversations
          </NavLink>
          <NavLink to="/personas" className={navClass}>
            Personas
          </NavLink>
          <NavLink to="/leaderboard" className={navClass}>
            Leaderboard
          </NavLink>
        </nav>
        <AccountMenu
          name={me?.user.displayName ?? user?.displayName ?? ''}
          email={me?.user.email ?? null}
          isAdmin={me?.user.role === 'admin'}
        />
      </header>
      <main id="main" className="main" tabIndex={-1}>
        {error != null && !me && <ErrorNotice error={error} title="Could not load your account" />}
        <RouteErrorBoundary key={location.pathname}>
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </RouteErrorBoundary>
      </main>
    </div>
  );
}
