// Where Cognito sends the browser back with an authorization code; finishes sign-in and resumes.
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { canSignInWithRedirect } from '../auth/authenticator';
import { useSession } from '../session/SessionProvider';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Loading } from '../ui/States';

export default function AuthCallbackPage() {
  const { auth } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const started = useRef(false);

  useEffect(() => {
    // The code can be exchanged once only; StrictMode's second effect run must not repeat it.
    if (started.current || !canSignInWithRedirect(auth)) return;
    started.current = true;
    auth.completeSignIn().then(
      (returnTo) => navigate(returnTo, { replace: true }),
      (err: unknown) => setError(err),
    );
  }, [auth, navigate]);

  if (!canSignInWithRedirect(auth)) return <Link to="/signin">Sign in</Link>;
  return error ? (
    <div className="page page--narrow">
      <ErrorNotice error={error} title="Sign-in could not be completed" />
      <Link to="/signin">Try again</Link>
    </div>
  ) : (
    <Loading label="Signing you in…" />
  );
}
