// Boot: read the runtime config, pick the sign-in mode (Cognito's OIDC client loads only when used),
// restore any session, then render.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import type { Authenticator } from './auth/authenticator';
import { LocalAuthenticator } from './auth/localAuth';
import { loadRuntimeConfig } from './config/runtimeConfig';
import { webSocketUrlFor } from './realtime/RealtimeProvider';
import { describeError } from './ui/ErrorNotice';
import './styles/app.css';

async function boot(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) throw new Error('missing #root');
  const root = createRoot(container);
  try {
    const config = await loadRuntimeConfig();
    let auth: Authenticator;
    if (config.auth.mode === 'cognito') {
      const { CognitoAuthenticator } = await import('./auth/cognitoAuth');
      auth = new CognitoAuthenticator(config.auth);
    } else {
      auth = new LocalAuthenticator(config.apiBaseUrl);
    }
    await auth.init();
    root.render(
      <StrictMode>
        <App
          auth={auth}
          apiBaseUrl={config.apiBaseUrl}
          webSocketUrl={webSocketUrlFor(config.webSocketUrl, config.apiBaseUrl, window.location.origin)}
        />
      </StrictMode>,
    );
  } catch (error) {
    root.render(
      <div className="boot-error" role="alert">
        <h1>AmIAnAI could not start</h1>
        <p>{describeError(error).message}</p>
        <button type="button" className="btn" onClick={() => window.location.reload()}>
          Reload
        </button>
      </div>,
    );
  }
}

void boot();
