/** CORS preflight answered by the gateway from the template's Api Cors settings, as API Gateway does. */
import type { LocalServer } from '../../local/server';
import { type ErrorBody, START_TIMEOUT_MS, startFixtureServer } from './local-server';

let server: LocalServer;

beforeAll(async () => {
  server = await startFixtureServer();
}, START_TIMEOUT_MS);
afterAll(() => server?.stop());

function preflight(path: string, origin: string, method = 'POST') {
  return fetch(`${server.url}${path}`, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': method,
      'Access-Control-Request-Headers': 'authorization',
    },
  });
}

describe('CORS preflight', () => {
  it('answers an allowed origin with the template settings, without a token', async () => {
    const res = await preflight('/api/items', 'https://app.example.test');
    expect(res.status).toBe(200);
    expect(Object.fromEntries(res.headers)).toMatchObject({
      'access-control-allow-origin': 'https://app.example.test',
      'access-control-allow-methods': 'GET,POST,OPTIONS',
      'access-control-allow-headers': 'Content-Type,Authorization',
      'access-control-max-age': '600',
      vary: 'Origin',
    });
    expect(await res.text()).toBe('');
  });

  it('answers a preflight on a path with parameters', async () => {
    const res = await preflight('/api/items/42', 'https://app.example.test', 'GET');
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.test');
  });

  it('gives a denied origin no CORS headers, so the browser blocks the request', async () => {
    const res = await preflight('/api/items', 'https://evil.example.test');
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-methods')).toBeNull();
  });

  it('answers 404 JSON for a preflight on a path the API does not have', async () => {
    const res = await preflight('/api/unknown', 'https://app.example.test');
    expect(res.status).toBe(404);
    expect(((await res.json()) as ErrorBody).error.code).toBe('not_found');
  });

  it('answers the dev token route preflight too', async () => {
    const res = await preflight('/api/dev/token', 'https://app.example.test');
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.test');
  });
});
