// App frame: brand, primary navigation (admin link only for admins), who you are, sign out.
import { Suspense } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router-dom';
import { useMe, useSession } from '../session/SessionProvider';
import { Avatar } from '../ui/Avatar';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Loading } from '../ui/States';
import { RouteErrorBoundary } from './RouteErrorBoundary';

export function Layout() {
  const { auth, user } = useSession();
  const { me, error } = useMe();
  const location = useLocation();
  const isAdmin = me?.user.role === 'admin';
  const name = me?.user.displayName ?? user?.displayName ?? '';
  const navClass = ({ isActive }: { isActive: boolean }) =>
    isActive ? 'nav__link nav__link--on' : 'nav__link';
  const inChat = /^\/conversations\/(?!new$)[^/]+$/.test(location.pathname);

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
          <span className="brand__name">
            AmI<span>An</span>AI
          </span>
        </Link>
        <nav className="nav" aria-label="Main">
          <NavLink to="/conversations" className={navClass}>
            Conversations
          </NavLink>
          <NavLink to="/personas" className={navClass}>
            Personas
          </NavLink>
          <NavLink to="/usage" className={navClass}>
            Usage
          </NavLink>
          {isAdmin && (
            <NavLink to="/admin" className={navClass}>
              Admin
            </NavLink>
          )}
        </nav>
        <div className="account">
          <span className="account__who" title={me?.user.email ?? undefined}>
            <Avatar name={name || '?'} size={28} />
            <span className="account__name">{name}</span>
            {isAdmin && <span className="badge badge--admin">admin</span>}
          </span>
          <button type="button" className="btn btn--ghost btn--small" onClick={() => void auth.signOut()}>
            Sign out
          </button>
        </div>
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
