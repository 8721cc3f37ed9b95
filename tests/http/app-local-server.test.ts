/**
 * The real template.yaml and handlers behind the local server, on this file's own database: startup
 * migrations and seed, auth against the real admin routes, every Api event routed, CORS and the web app.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readFunctions } from '../../local/functions';
import { REPO_ROOT } from '../../local/paths';
import { readRoutes } from '../../local/routes';
import { type LocalServer, startLocalServer } from '../../local/server';
import { createResolver, loadTemplate, parameterValues } from '../../local/template';
import { createTestDatabase, type TestDatabase } from '../support/fixtures';
import { devToken, getJson, START_TIMEOUT_MS, type TempDir, tempDataDir } from './local-server';

let db: TestDatabase;
let site: TempDir;
let server: LocalServer;
let adminToken: string;
let userToken: string;

beforeAll(async () => {
  db = await createTestDatabase();
  site = tempDataDir();
  mkdirSync(path.join(site.dir, 'assets'));
  writeFileSync(path.join(site.dir, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(path.join(site.dir, 'assets', 'app-1234.js'), 'console.log(1)');
  server = await startLocalServer({
    port: 0,
    quiet: true,
    schedules: false,
    databaseUrl: db.url,
    envFile: path.join(site.dir, 'no-env.json'),
    frontendDir: site.dir,
  });
  adminToken = await devToken(server, 'Admin Ada', true);
  userToken = await devToken(server, 'Plain Paul');
}, START_TIMEOUT_MS);

afterAll(async () => {
  await server?.stop();
  await db?.stop();
  site?.remove();
}, START_TIMEOUT_MS);

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('startup', () => {
  it('points the handlers at its database and its reply queue', () => {
    expect(process.env.DATABASE_URL).toBe(db.url);
    expect(process.env.REPLY_QUEUE_URL).toBe(`${server.url}/__local/sqs/ReplyQueue`);
  });

  it('migrates and seeds the database through the admin function', async () => {
    const res = await getJson<{ pendingMigrations: number; counts: { personas: number } }>(
      `${server.url}/api/admin/database-status`,
      { headers: bearer(adminToken) },
    );
    expect(res.status).toBe(200);
    expect(res.body.pendingMigrations).toBe(0);
    expect(res.body.counts.personas).toBeGreaterThanOrEqual(8);
  });
});

describe('the API', () => {
  it('serves GET /api/health without a token', async () => {
    const res = await getJson<{ status: string }>(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
  });

  it('signs a dev user in as the same users row on every request', async () => {
    const me = await getJson<{ user: { displayName: string; role: string } }>(`${server.url}/api/me`, {
      headers: bearer(userToken),
    });
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ displayName: 'Plain Paul', role: 'user' });
  });

  it('routes every Api event of the template (401 without a token unless public)', async () => {
    const template = loadTemplate(path.join(REPO_ROOT, 'template.yaml'));
    const resolver = createResolver(template, parameterValues(template));
    const routes = readRoutes(template, readFunctions(template, path.join(REPO_ROOT, 'functions'), resolver));
    expect(routes.length).toBeGreaterThan(10);
    for (const route of routes) {
      const url = `${server.url}${route.resourcePath.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000')}`;
      const method = route.method === 'ANY' ? 'GET' : route.method;
      const res = await getJson(url, { method });
      if (route.isPublic) expect([route.resourcePath, res.status]).toEqual([route.resourcePath, 200]);
      else expect([route.resourcePath, res.status]).toEqual([route.resourcePath, 401]);
    }
  });

  it('answers 401 in the template GatewayResponses shape, with CORS for an allowed origin', async () => {
    const res = await getJson(`${server.url}/api/admin/database-status`, {
      headers: { Origin: 'http://localhost:3000' },
    });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      error: { code: 'UNAUTHORIZED', message: 'Unauthorized', requestId: expect.any(String) },
    });
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
  });

  it.each([
    ['GET', '/api/admin/database-status'],
    ['POST', '/api/admin/setup-database'],
    ['POST', '/api/admin/seed-database'],
  ])('refuses %s %s to a signed-in non-admin with 403', async (method, route) => {
    const res = await getJson(`${server.url}${route}`, {
      method,
      headers: { ...bearer(userToken), 'Content-Type': 'application/json' },
      body: method === 'POST' ? '{}' : undefined,
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
  });

  it('lets an admin run the idempotent setup', async () => {
    const res = await getJson(`${server.url}/api/admin/setup-database`, {
      method: 'POST',
      headers: bearer(adminToken),
      body: '{}',
    });
    expect(res.status).toBe(200);
  });

  it('passes a malformed body to the handler, which answers 400 invalid_json', async () => {
    const res = await getJson(`${server.url}/api/admin/seed-database`, {
      method: 'POST',
      headers: { ...bearer(adminToken), 'Content-Type': 'application/json' },
      body: '{"confirmProduction":',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_json');
  });

  it('answers 413 in the GatewayResponses shape for a body over 10 MB', async () => {
    const res = await getJson(`${server.url}/api/personas`, {
      method: 'POST',
      headers: { ...bearer(userToken), 'Content-Type': 'application/json' },
      body: `"${'x'.repeat(10 * 1024 * 1024)}"`,
    });
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ code: 'REQUEST_TOO_LARGE', message: 'Request Too Long' });
  });

  it('answers 404 JSON for an unknown API route', async () => {
    const res = await getJson(`${server.url}/api/does-not-exist`, { headers: bearer(userToken) });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});

describe('CORS', () => {
  const preflight = (origin: string) =>
    fetch(`${server.url}/api/personas/00000000-0000-4000-8000-000000000000`, {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'PUT' },
    });

  it('answers a preflight from an allowed origin with the template methods and headers', async () => {
    const res = await preflight('http://localhost:3000');
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(res.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(res.headers.get('access-control-allow-headers')).toContain('Authorization');
    expect(res.headers.get('access-control-max-age')).toBe('86400');
  });

  it('gives a preflight from another origin no CORS headers', async () => {
    const res = await preflight('https://evil.example.test');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('leaves CORS on API responses to the handlers, which echo an allowed origin', async () => {
    const res = await fetch(`${server.url}/api/health`, { headers: { Origin: 'http://localhost:3000' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
  });
});

describe('the web app', () => {
  it('serves the local runtime config', async () => {
    const res = await getJson(`${server.url}/config.json`);
    expect(res.body).toEqual({ apiBaseUrl: '', auth: { mode: 'local' } });
  });

  it('serves index.html for app routes and files as they are', async () => {
    const page = await fetch(`${server.url}/conversations/123`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>app</title>');
    const asset = await fetch(`${server.url}/assets/app-1234.js`);
    expect(asset.headers.get('content-type')).toContain('javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  it('answers 404 for a missing asset instead of the app page', async () => {
    expect((await fetch(`${server.url}/assets/missing-99.js`)).status).toBe(404);
  });
});
