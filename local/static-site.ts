/**
 * Serves the built frontend (frontend/dist) as CloudFront + S3 would: files as they are, index.html for any
 * other page path (client-side routing), and the runtime config at /config.json. Without a build it serves
 * a page that says how to make one.
 */
import { createReadStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';

export const LOCAL_RUNTIME_CONFIG = { apiBaseUrl: '', auth: { mode: 'local' } } as const;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

const PLACEHOLDER = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>AmIAnAI (local)</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem}code{background:#eee;padding:.1rem .3rem}</style>
</head><body><h1>AmIAnAI — the API is running</h1>
<p>The web app has not been built yet. Build it with <code>npm run -w @amianai/frontend build</code>
(or restart with <code>npm start</code>, which builds it when needed), then reload this page.</p>
<p>The API answers under <a href="/api/health">/api/health</a>.</p></body></html>`;

function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string | Buffer,
  head: boolean,
) {
  res.writeHead(status, { ...headers, 'Content-Length': String(Buffer.byteLength(body)) });
  res.end(head ? undefined : body);
}

async function fileAt(root: string, urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const file = path.resolve(root, `.${path.posix.normalize(decoded)}`);
  if (file !== root && !file.startsWith(root + path.sep)) return undefined;
  const info = await stat(file).catch(() => undefined);
  if (info?.isFile()) return file;
  if (info?.isDirectory() && existsSync(path.join(file, 'index.html'))) return path.join(file, 'index.html');
  return undefined;
}

export class StaticSite {
  private readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  get built(): boolean {
    return existsSync(path.join(this.root, 'index.html'));
  }

  /** Serves a GET/HEAD for a non-API path. */
  async serve(method: string, urlPath: string, res: ServerResponse): Promise<void> {
    const head = method === 'HEAD';
    if (method !== 'GET' && !head) {
      return send(
        res,
        405,
        { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' },
        'Method Not Allowed',
        head,
      );
    }
    if (urlPath === '/config.json') {
      const headers = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' };
      return send(res, 200, headers, JSON.stringify(LOCAL_RUNTIME_CONFIG), head);
    }
    if (!this.built) {
      return send(
        res,
        200,
        { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
        PLACEHOLDER,
        head,
      );
    }
    let file = await fileAt(this.root, urlPath);
    // Page routes fall back to the app; a missing asset (it has an extension) is a real 404.
    if (!file && !path.posix.extname(urlPath)) file = path.join(this.root, 'index.html');
    if (!file) return send(res, 404, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Not Found', head);
    const info = await stat(file);
    const hashedAsset = urlPath.startsWith('/assets/');
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': String(info.size),
      'Cache-Control': hashedAsset ? 'public, max-age=31536000, immutable' : 'no-cache',
      'Last-Modified': info.mtime.toUTCString(),
    });
    if (head) return void res.end();
    createReadStream(file).pipe(res);
  }
}
