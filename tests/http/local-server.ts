/** Helpers for HTTP tests through the local server: start it on a free port, sign in, wait for async work. */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type LocalServer, type LocalServerOptions, startLocalServer } from '../../local/server';

export { START_TIMEOUT_MS } from '../support/app-server';

export const FIXTURE_DIR = path.join(__dirname, '..', 'fixtures', 'local-server');

/**
 * The local server over tests/fixtures/local-server (its own template, handlers and env file). The fixture
 * functions need no database, so none is started unless asked for.
 */
export function startFixtureServer(options: LocalServerOptions = {}): Promise<LocalServer> {
  return startLocalServer({
    port: 0,
    quiet: true,
    databaseUrl: false,
    schedules: false,
    templateFile: path.join(FIXTURE_DIR, 'template.yaml'),
    functionsDir: path.join(FIXTURE_DIR, 'functions'),
    envFile: path.join(FIXTURE_DIR, 'env.fixture.json'),
    frontendDir: path.join(FIXTURE_DIR, 'no-frontend-build'),
    ...options,
  });
}

export interface TempDir {
  dir: string;
  remove(): void;
}

/** A temporary data dir, removed by the returned cleanup. */
export function tempDataDir(): TempDir {
  const dir = mkdtempSync(path.join(tmpdir(), 'amianai-local-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function devToken(server: LocalServer, name: string, admin = false): Promise<string> {
  const res = await fetch(`${server.url}/api/dev/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, admin }),
  });
  if (res.status !== 200) throw new Error(`dev token: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** Fetches and parses a JSON answer; `T` is the shape the test expects (an empty body parses as undefined). */
export async function getJson<T = ErrorBody>(
  url: string,
  init?: RequestInit,
): Promise<{ status: number; headers: Headers; body: T }> {
  const res = await fetch(url, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as T };
}

/** A request through node:http, which (unlike fetch) sends a repeated header as separate header lines. */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string | string[]> } = {},
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** The app's error shape. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown; requestId: string };
}

/** API Gateway's own error shape (401, 413, 502, 504). */
export interface GatewayMessage {
  message: string;
}

/** Polls until `check` returns a value (or the test times out); asserts nothing about how long it took. */
export async function waitFor<T>(check: () => T | undefined | false, intervalMs = 20): Promise<T> {
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
