// The account menu: who you are, usage and budget, admin tools (admins only), sign out. A disclosure
// button and a list of links, closed by Escape (focus back on the button), a click outside, or navigating.
import { useEffect, useId, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { useSession } from '../session/SessionProvider';
import { Avatar } from '../ui/Avatar';

export function AccountMenu({
  name,
  email,
  isAdmin,
}: {
  name: string;
  email: string | null;
  isAdmin: boolean;
}) {
  const { auth } = useSession();
  const location = useLocation();
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new location is exactly when the menu closes
  useEffect(() => setOpen(false), [location.pathname]);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  return (
    <div className="account" ref={rootRef}>
      <button
        type="button"
        ref={buttonRef}
        className="account__button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        <Avatar name={name || '?'} size={30} />
        <span className="account__name">{name}</span>
        <span className="visually-hidden">Account menu</span>
      </button>
      <div id={panelId} className="account__panel" hidden={!open}>
        <p className="account__who">
          <strong>{name}</strong>
          {email && <span className="muted">{email}</span>}
          {isAdmin && <span className="badge badge--admin">admin</span>}
        </p>
        <ul className="account__links">
          <li>
            <Link to="/usage">Usage and budget</Link>
          </li>
          {isAdmin && (
            <li>
              <Link to="/admin">Admin tools</Link>
            </li>
          )}
          <li>
            <button type="button" className="account__signout" onClick={() => void auth.signOut()}>
              Sign out
            </button>
          </li>
        </ul>
      </div>
    </div>
  );
}
