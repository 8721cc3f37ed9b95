/**
 * The local server over the real template and handlers, on a given database: `useLocalApp` for a suite
 * (its own database, optionally a fake OpenAI), `startAppServer` where a suite manages the database itself.
 * The server is loaded on first start, so suites that never start one do not load it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { LocalServer, LocalServerOptions } from '../../local/server';
import { createTestDatabase, type TestDatabase } from './database';
import { type FakeOpenAI, useFakeOpenAI } from './fake-openai';
import { ofType, openSocket, type TestSocket } from './websocket';

/** Starting the embedded database can take a while on a busy machine. */
export const START_TIMEOUT_MS = 120_000;

export interface AppServer {
  server: LocalServer;
  /** Values no response may contain. */
  secrets: string[];
  stop(): Promise<void>;
}

/**
 * Writes are not rate-limited (the limit has its own tests) and AI replies come at once, so many requests
 * by one user exercise the handlers rather than mostly meet 429s.
 */
const APP_ENVIRONMENT = { WRITE_RATE_LIMIT_PER_MINUTE: '100000', AI_TYPING_DELAY_SCALE: '0' };

export async function startAppServer(
  databaseUrl: string,
  environment: Record<string, string> = {},
  options: LocalServerOptions = {},
): Promise<AppServer> {
  const { startLocalServer } = await import('../../local/server');
  const { DEV_SECRET_FILE } = await import('../../local/dev-auth');
  const { tempDataDir } = await import('../http/local-server');
  const wanted = { ...APP_ENVIRONMENT, ...environment };
  const previous = Object.fromEntries(Object.keys(wanted).map((k) => [k, process.env[k]]));
  Object.assign(process.env, wanted);
  const data = tempDataDir();
  const server = await startLocalServer({
    port: 0,
    quiet: true,
    schedules: false,
    databaseUrl,
    dataDir: data.dir,
    envFile: path.join(data.dir, 'no-env.json'),
    frontendDir: path.join(data.dir, 'no-site'),
    ...options,
  });
  const secret = readFileSync(path.join(data.dir, DEV_SECRET_FILE), 'utf8').trim();
  return {
    server,
    secrets: [databaseUrl, secret, Buffer.from(secret, 'base64url').toString('base64')],
    async stop() {
      await server.stop();
      data.remove();
      for (const [name, value] of Object.entries(previous)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    },
  };
}

export interface LocalAppOptions {
  /** Environment for the handlers, over the defaults above. */
  environment?: Record<string, string>;
  /** Wire in a fake OpenAI server (`fake`); without it the offline responder answers. */
  openai?: boolean;
  server?: LocalServerOptions;
  /** Serve this file's test database (`useTestDatabase()`), which the test also queries, instead of a new one. */
  on?: { readonly url: string };
}

/** An answer of the local server, its JSON body parsed (`T` is the shape the test expects). */
export interface AppResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
  /** How long the request took, end to end. */
  ms: number;
}

export interface LocalApp extends AppServer {
  database: { readonly url: string };
  fake: FakeOpenAI;
  /** Runs `cleanup` after the file's last test, before the server and database stop (latest first). */
  beforeStop(cleanup: () => Promise<unknown>): void;
  /**
   * A WebSocket connection on /ws with `token`, subscribed to each conversation in turn (each acknowledged);
   * closed after the file's last test.
   */
  socket(token: string, ...conversationIds: string[]): Promise<TestSocket>;
  /** A dev token for a user of that name (created on first use). */
  token(name: string, admin?: boolean): Promise<string>;
  /** A JSON request as the web app sends it: bearer token, the app's origin, a JSON body if any. */
  api<T = Record<string, unknown>>(
    token: string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<AppResponse<T>>;
}

/** The origin the web app is served from locally. */
const APP_ORIGIN = 'http://localhost:3000';

/** Jest hooks: the local server on a fresh database for this file, stopped after its last test. */
export function useLocalApp(options: LocalAppOptions = {}): LocalApp {
  const fake = options.openai ? useFakeOpenAI() : undefined;
  let database: TestDatabase | undefined;
  let app: AppServer | undefined;
  const cleanups: Array<() => Promise<unknown>> = [];
  beforeAll(async () => {
    if (!options.on) database = await createTestDatabase();
    app = await startAppServer((options.on ?? database)!.url, options.environment, options.server);
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await app?.stop();
    await database?.stop();
  }, START_TIMEOUT_MS);
  const must = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} not started yet`);
    return value;
  };
  const server = () => must(app, 'local server').server;
  return {
    get server() {
      return server();
    },
    get secrets() {
      return must(app, 'local server').secrets;
    },
    stop: () => must(app, 'local server').stop(),
    get database() {
      return options.on ?? must(database, 'test database');
    },
    get fake() {
      return must(fake, 'fake OpenAI (pass openai: true)');
    },
    beforeStop(cleanup) {
      cleanups.push(cleanup);
    },
    async socket(token, ...conversationIds) {
      const socket = await openSocket(server().webSocketUrl!, token);
      cleanups.push(() => socket.close());
      for (const conversationId of conversationIds) {
        socket.send({ action: 'subscribe', conversationId });
        await socket.next(ofType('subscribed', (m) => m.conversationId === conversationId));
      }
      return socket;
    },
    async token(name, admin = false) {
      const { devToken } = await import('../http/local-server');
      return devToken(server(), name, admin);
    },
    async api<T>(token: string, method: string, path: string, body?: unknown) {
      const started = performance.now();
      const res = await fetch(`${server().url}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          Origin: APP_ORIGIN,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return {
        status: res.status,
        headers: res.headers,
        body: (text ? JSON.parse(text) : undefined) as T,
        ms: performance.now() - started,
      };
    },
  };
}
