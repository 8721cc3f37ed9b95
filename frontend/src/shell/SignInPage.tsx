// Sign in: locally a "sign in as" form backed by the local server's dev tokens; in AWS a button to
// Cognito's hosted sign-in.
import { type FormEvent, useState } from 'react';
import { Navigate, useSearchParams } from 'react-router-dom';
import { canSignInLocally, canSignInWithRedirect } from '../auth/authenticator';
import { useSession } from '../session/SessionProvider';
import { ErrorNotice } from '../ui/ErrorNotice';

const NAME_MAX = 60;

export function safeReturnTo(value: string | null): string {
  // Only same-app paths, never another origin.
  return value?.startsWith('/') && !value.startsWith('//') ? value : '/conversations';
}

export default function SignInPage() {
  const { auth, user } = useSession();
  const [params] = useSearchParams();
  const returnTo = safeReturnTo(params.get('returnTo'));
  const [name, setName] = useState('');
  const [admin, setAdmin] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [attempted, setAttempted] = useState(false);

  if (user) return <Navigate to={returnTo} replace />;
  const nameError = !name.trim()
    ? 'Enter a name.'
    : name.trim().length > NAME_MAX
      ? `At most ${NAME_MAX} characters.`
      : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    setError(null);
    try {
      setBusy(true);
      if (canSignInLocally(auth)) {
        if (nameError) return;
        await auth.signInLocal(name.trim(), admin);
      } else if (canSignInWithRedirect(auth)) {
        await auth.signInRedirect(returnTo);
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="signin">
      <div className="signin__panel">
        <div className="signin__brand">
          <span className="brand__mark brand__mark--large" aria-hidden="true">
            ?
          </span>
          <h1>
            AmI<span>An</span>AI
          </h1>
          <p className="signin__tagline">Chat with personas. Some are people, some are AI. Can you tell?</p>
        </div>
        <form className="form signin__form" onSubmit={submit} noValidate aria-label="Sign in">
          {canSignInLocally(auth) ? (
            <>
              <div className="field">
                <label htmlFor="signin-name">Sign in as</label>
                <input
                  id="signin-name"
                  autoComplete="nickname"
                  value={name}
                  placeholder="Your name"
                  onChange={(event) => setName(event.target.value)}
                  aria-invalid={(attempted && Boolean(nameError)) || undefined}
                  aria-describedby="signin-name-note"
                />
                <p id="signin-name-note" className={attempted && nameError ? 'field__error' : 'field__hint'}>
                  {attempted && nameError ? nameError : 'Local development sign-in: no password needed.'}
                </p>
              </div>
              {/* Only for trying the admin tools locally; players never need it, so it stays folded away. */}
              <details className="dev-options">
                <summary>Local development options</summary>
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={admin}
                    onChange={(event) => setAdmin(event.target.checked)}
                  />
                  <span>Administrator</span>
                </label>
              </details>
            </>
          ) : (
            <p className="muted">You will be sent to the secure sign-in page and brought back here.</p>
          )}
          {error != null && <ErrorNotice error={error} title="Sign-in failed" />}
          <button type="submit" className="btn btn--primary btn--block" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </div>
    </main>
  );
}
