import { act, render, screen } from '@testing-library/react';
import { apiWith, jsonResponse, makeMe } from '../../test/fakeBackend';
import { type AuthUser, Listeners } from '../auth/authenticator';
import { MeProvider, SessionProvider, useMe } from './SessionProvider';

function Who() {
  const { me, loading } = useMe();
  return <p>{loading ? 'loading' : `me: ${me?.user.displayName}`}</p>;
}

describe('SessionProvider', () => {
  it("never shows one user's answers to the next user who signs in", async () => {
    let user: AuthUser | null = { displayName: 'Ann', expiresAt: null };
    const listeners = new Listeners();
    const auth = {
      mode: 'local' as const,
      init: async () => {},
      current: () => user,
      subscribe: (listener: () => void) => listeners.add(listener),
      getToken: async () => 'token',
      signOut: async () => {},
    };
    // /api/me answers for whoever is signed in when it is asked; Bob's answer waits for the test.
    let releaseBob = () => {};
    const bobAnswered = new Promise<void>((resolve) => {
      releaseBob = resolve;
    });
    const { api } = apiWith(async () => {
      const name = user?.displayName ?? '';
      if (name === 'Bob') await bobAnswered;
      const me = makeMe();
      return jsonResponse(200, { ...me, user: { ...me.user, displayName: name } });
    });
    render(
      <SessionProvider auth={auth} apiBaseUrl="" api={api}>
        <MeProvider>
          <Who />
        </MeProvider>
      </SessionProvider>,
    );
    expect(await screen.findByText('me: Ann')).toBeInTheDocument();

    act(() => {
      user = { displayName: 'Bob', expiresAt: null };
      listeners.notify();
    });
    expect(screen.queryByText('me: Ann')).not.toBeInTheDocument();
    expect(screen.getByText('loading')).toBeInTheDocument();
    await act(async () => releaseBob());
    expect(await screen.findByText('me: Bob')).toBeInTheDocument();
  });
});
