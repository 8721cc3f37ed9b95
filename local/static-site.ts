/**
 * Serves the built frontend (frontend/dist) as CloudFront + S3 would: files as they are, index.html for any
 * other page path (client-side routing), and the runtime config at /config.json. Like CloudFront with
 * `Compress: true` it sends text types of 1,000 bytes or more brotli- or gzip-compressed (brotli preferred)
 * when the browser accepts it, with `Vary: Accept-Encoding`; like S3 it sends an ETag and answers a
 * matching If-None-Match with 304. Without a build it serves a page that says how to make one.
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, gzip, constants as zlib } from 'node:zlib';

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

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

/** CloudFront compresses objects between these sizes, and only these types. */
const COMPRESS_MIN_BYTES = 1000;
const COMPRESS_MAX_BYTES = 10_000_000;
const COMPRESSIBLE = /^(text\/|application\/(json|manifest\+json)|image\/svg\+xml)/;

/** Hashed build output never changes under its name; everything else must be revalidated. */
export const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
export const CACHE_REVALIDATE = 'no-cache';

export type Encoding = 'br' | 'gzip';

/** The encoding to send for an Accept-Encoding header: brotli over gzip (as CloudFront), none if refused. */
export function pickEncoding(acceptEncoding: string | string[] | undefined): Encoding | null {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : (acceptEncoding ?? '');
  const accepted = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
    accepted.set(name, q ? Number(q.slice(2)) || 0 : 1);
  }
  const allows = (name: Encoding) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (allows('br')) return 'br';
  if (allows('gzip')) return 'gzip';
  return null;
}

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

interface Cached {
  key: string;
  bodies: Partial<Record<Encoding | 'identity', Promise<Buffer>>>;
}

export class StaticSite {
  private readonly root: string;
  /** Compressed copies per file, valid while its size and mtime are unchanged (a rebuild replaces them). */
  private readonly cache = new Map<string, Cached>();

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  get built(): boolean {
    return existsSync(path.join(this.root, 'index.html'));
  }

  /** Serves a GET/HEAD for a non-API path. */
  async serve(
    method: string,
    urlPath: string,
    res: ServerResponse,
    requestHeaders: IncomingHttpHeaders = {},
  ): Promise<void> {
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
    const contentType = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    const compressible =
      COMPRESSIBLE.test(contentType) && info.size >= COMPRESS_MIN_BYTES && info.size <= COMPRESS_MAX_BYTES;
    const encoding = compressible ? pickEncoding(requestHeaders['accept-encoding']) : null;
    // Like S3's, the ETag names the stored object; the encoding is added so caches keep them apart.
    const baseTag = `${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}`;
    const etag = `"${baseTag}${encoding ? `-${encoding}` : ''}"`;
    const headers: Record<string, string> = {
      'Content-Type': contentType,
      'Cache-Control': urlPath.startsWith('/assets/') ? CACHE_IMMUTABLE : CACHE_REVALIDATE,
      'Last-Modified': info.mtime.toUTCString(),
      ETag: etag,
    };
    if (compressible) headers.Vary = 'Accept-Encoding';
    if (encoding) headers['Content-Encoding'] = encoding;
    if (requestHeaders['if-none-match']?.split(',').some((tag) => tag.trim() === etag)) {
      res.writeHead(304, headers);
      return void res.end();
    }
    const body = await this.body(file, baseTag, encoding);
    res.writeHead(200, { ...headers, 'Content-Length': String(body.length) });
    res.end(head ? undefined : body);
  }

  private body(file: string, key: string, encoding: Encoding | null): Promise<Buffer> {
    let cached = this.cache.get(file);
    if (cached?.key !== key) {
      cached = { key, bodies: {} };
      this.cache.set(file, cached);
    }
    const slot = encoding ?? 'identity';
    let body = cached.bodies[slot];
    if (!body) {
      const raw = readFile(file);
      body =
        encoding === 'br'
          ? raw.then((bytes) =>
              brotliAsync(bytes, {
                params: {
                  [zlib.BROTLI_PARAM_QUALITY]: 9,
                  [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length,
                },
              }),
            )
          : encoding === 'gzip'
            ? raw.then((bytes) => gzipAsync(bytes, { level: 9 }))
            : raw;
      cached.bodies[slot] = body;
      // A failed read must not stay cached as the answer for this file.
      body.catch(() => this.cache.delete(file));
    }
    return body;
  }
}
