import { jsonResponse } from '../../test/fakeBackend';
import { decodeJwtClaims, LocalAuthenticator } from './localAuth';

const base64url = (value: object) =>
  btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const token = (claims: object) => `${base64url({ alg: 'HS256' })}.${base64url(claims)}.sig`;
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

describe('LocalAuthenticator', () => {
  beforeEach(() => window.localStorage.clear());

  it('signs in through the dev token route and remembers the token', async () => {
    const fetchFn = jest.fn(async () =>
      jsonResponse(200, { token: token({ name: 'Ada', exp: inAnHour() }) }),
    );
    const auth = new LocalAuthenticator('', fetchFn as unknown as typeof fetch);
    await auth.signInLocal('Ada', true);
    expect(fetchFn).toHaveBeenCalledWith(
      '/api/dev/token',
      expect.objectContaining({ method: 'POST', body: JSON.stringify({ name: 'Ada', admin: true }) }),
    );
    expect(auth.current()?.displayName).toBe('Ada');
    const restored = new LocalAuthenticator('');
    await restored.init();
    expect(restored.current()?.displayName).toBe('Ada');
    expect(await restored.getToken()).toMatch(/\.sig$/);
  });

  it('forgets an expired token', async () => {
    window.localStorage.setItem('amianai.devToken', token({ name: 'Old', exp: 1 }));
    const auth = new LocalAuthenticator('');
    await auth.init();
    expect(auth.current()).toBeNull();
    expect(await auth.getToken()).toBeNull();
  });

  it('reports the server message when sign-in is refused', async () => {
    const fetchFn = async () =>
      jsonResponse(404, {
        error: { code: 'not_found', message: 'Dev tokens are local only', requestId: 'r' },
      });
    const auth = new LocalAuthenticator('', fetchFn as unknown as typeof fetch);
    await expect(auth.signInLocal('Ada', false)).rejects.toThrow('Dev tokens are local only');
  });

  it('signs out and notifies listeners', async () => {
    const fetchFn = async () => jsonResponse(200, { token: token({ name: 'Ada', exp: inAnHour() }) });
    const auth = new LocalAuthenticator('', fetchFn as unknown as typeof fetch);
    const listener = jest.fn();
    auth.subscribe(listener);
    await auth.signInLocal('Ada', false);
    await auth.signOut();
    expect(auth.current()).toBeNull();
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('decodes unicode names in token claims', () => {
    const claims = { name: 'Zoë' };
    const encoded = btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(claims))));
    expect(decodeJwtClaims(`x.${encoded}.y`)?.name).toBe('Zoë');
  });
});
