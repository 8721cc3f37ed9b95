// Renders a screen inside the providers the app gives it: router, session (with a fake API), /api/me.
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import type { Api } from '../src/api/endpoints';
import type { Authenticator, AuthUser } from '../src/auth/authenticator';
import { MeProvider, SessionProvider } from '../src/session/SessionProvider';

export function stubAuth(displayName = 'Sam'): Authenticator {
  const user: AuthUser = { displayName, expiresAt: null };
  return {
    mode: 'local',
    init: async () => {},
    current: () => user,
    subscribe: () => () => {},
    getToken: async () => 'test-token',
    signOut: async () => {},
  };
}

export function renderWithSession(
  element: ReactElement,
  { api, path = '/', route = '/' }: { api: Api; path?: string; route?: string },
) {
  return render(
    <MemoryRouter initialEntries={[route]}>
      <SessionProvider auth={stubAuth()} apiBaseUrl="" api={api}>
        <MeProvider>
          <Routes>
            <Route path={path} element={element} />
            <Route path="*" element={<p>elsewhere</p>} />
          </Routes>
        </MeProvider>
      </SessionProvider>
    </MemoryRouter>,
  );
}
