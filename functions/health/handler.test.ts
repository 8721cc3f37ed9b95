import { invoke } from '../../tests/support/fixtures';
import { handler } from './handler';

describe('GET /api/health', () => {
  it('answers ok with the version, without a database or a token', async () => {
    const res = await invoke(handler, { method: 'GET', resource: '/api/health' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', version: expect.any(String), stage: 'local' });
    expect(res.headers['X-Request-Id']).toBeTruthy();
  });

  it('echoes an allowed origin with Vary: Origin', async () => {
    const res = await invoke(handler, {
      method: 'GET',
      resource: '/api/health',
      headers: { Origin: 'http://localhost:3000' },
    });
    expect(res.headers['Access-Control-Allow-Origin']).toBe('http://localhost:3000');
    expect(res.headers.Vary).toBe('Origin');
  });

  it('sends no CORS grant to an origin that is not allowed', async () => {
    const res = await invoke(handler, {
      method: 'GET',
      resource: '/api/health',
      headers: { Origin: 'https://evil.example' },
    });
    expect(res.headers['Access-Control-Allow-Origin']).toBeUndefined();
  });

  it('returns a JSON 404 for a method it does not serve', async () => {
    const res = await invoke(handler, { method: 'DELETE', resource: '/api/health' });
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'not_found', requestId: expect.any(String) });
  });
});
