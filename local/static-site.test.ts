import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, get, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { CACHE_IMMUTABLE, pickEncoding, StaticSite } from './static-site';

const root = mkdtempSync(path.join(tmpdir(), 'site-'));
const built = path.join(root, 'dist');
mkdirSync(path.join(built, 'assets'), { recursive: true });
writeFileSync(path.join(built, 'index.html'), '<title>app</title>');
writeFileSync(path.join(built, 'assets', 'a.css'), 'body{}');
const script = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `word${i}`))};\n`;
writeFileSync(path.join(built, 'assets', 'app-1a2b3c.js'), script);
writeFileSync(path.join(built, 'assets', 'logo.png'), Buffer.alloc(4000, 7));
writeFileSync(path.join(root, 'secret.txt'), 'do not serve');

function serve(site: StaticSite): Promise<{ url: string; server: Server }> {
  const server = createServer(
    (req, res) =>
      void site.serve(req.method ?? 'GET', new URL(req.url ?? '/', 'http://x').pathname, res, req.headers),
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

/** A plain request: no automatic decompression, so the bytes on the wire can be checked. */
function raw(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    }).on('error', reject);
  });
}

describe('pickEncoding', () => {
  it('prefers brotli, falls back to gzip, and honours q=0 and *', () => {
    expect(pickEncoding('gzip, deflate, br')).toBe('br');
    expect(pickEncoding('gzip, br;q=0')).toBe('gzip');
    expect(pickEncoding('identity')).toBeNull();
    expect(pickEncoding(undefined)).toBeNull();
    expect(pickEncoding('*')).toBe('br');
    expect(pickEncoding('*, br;q=0')).toBe('gzip');
  });
});

describe('StaticSite compression and caching (as CloudFront sends them)', () => {
  it('sends scripts brotli-compressed to browsers that accept it, with Vary', async () => {
    const res = await raw(`${app.url}/assets/app-1a2b3c.js`, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(script.length / 2);
    expect(brotliDecompressSync(res.body).toString()).toBe(script);
  });

  it('sends gzip when brotli is not accepted, and the plain file when nothing is', async () => {
    const gz = await raw(`${app.url}/assets/app-1a2b3c.js`, { 'Accept-Encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(script);
    const plain = await raw(`${app.url}/assets/app-1a2b3c.js`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
  });

  it('leaves small files and images uncompressed', async () => {
    const small = await raw(`${app.url}/assets/a.css`, { 'Accept-Encoding': 'br' });
    expect(small.headers['content-encoding']).toBeUndefined();
    const image = await raw(`${app.url}/assets/logo.png`, { 'Accept-Encoding': 'br' });
    expect(image.headers['content-encoding']).toBeUndefined();
    expect(image.body.length).toBe(4000);
  });

  it('caches hashed assets for a year and makes the app page revalidate', async () => {
    expect((await raw(`${app.url}/assets/app-1a2b3c.js`)).headers['cache-control']).toBe(CACHE_IMMUTABLE);
    expect((await raw(`${app.url}/conversations/x`)).headers['cache-control']).toBe('no-cache');
    expect((await raw(`${app.url}/config.json`)).headers['cache-control']).toBe('no-store');
  });

  it('answers a matching If-None-Match with 304 and no body, per encoding', async () => {
    const first = await raw(`${app.url}/assets/app-1a2b3c.js`, { 'Accept-Encoding': 'br' });
    const etag = String(first.headers.etag);
    const again = await raw(`${app.url}/assets/app-1a2b3c.js`, {
      'Accept-Encoding': 'br',
      'If-None-Match': etag,
    });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const otherEncoding = await raw(`${app.url}/assets/app-1a2b3c.js`, {
      'Accept-Encoding': 'gzip',
      'If-None-Match': etag,
    });
    expect(otherEncoding.status).toBe(200);
  });
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
