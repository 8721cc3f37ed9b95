import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { StaticSite } from './static-site';

const root = mkdtempSync(path.join(tmpdir(), 'site-'));
const built = path.join(root, 'dist');
mkdirSync(path.join(built, 'assets'), { recursive: true });
writeFileSync(path.join(built, 'index.html'), '<title>app</title>');
writeFileSync(path.join(built, 'assets', 'a.css'), 'body{}');
writeFileSync(path.join(root, 'secret.txt'), 'do not serve');

function serve(site: StaticSite): Promise<{ url: string; server: Server }> {
  const server = createServer(
    (req, res) => void site.serve(req.method ?? 'GET', new URL(req.url ?? '/', 'http://x').pathname, res),
  );
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

let app: { url: string; server: Server };
let unbuilt: { url: string; server: Server };
beforeAll(async () => {
  app = await serve(new StaticSite(built));
  unbuilt = await serve(new StaticSite(path.join(root, 'missing')));
});
afterAll(() => {
  app.server.close();
  unbuilt.server.close();
  rmSync(root, { recursive: true, force: true });
});

describe('StaticSite', () => {
  it('serves files with their content type', async () => {
    const res = await fetch(`${app.url}/assets/a.css`);
    expect(res.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await res.text()).toBe('body{}');
  });

  it('never serves files outside the build', async () => {
    const res = await fetch(`${app.url}/..%2Fsecret.txt`);
    expect(await res.text()).not.toContain('do not serve');
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await fetch(`${app.url}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await fetch(`${app.url}/`, { method: 'POST' })).status).toBe(405);
  });

  it('serves a page saying how to build the app when there is no build', async () => {
    const res = await fetch(`${unbuilt.url}/anything`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('npm run -w @amianai/frontend build');
  });
});
