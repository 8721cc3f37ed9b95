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
}

export interface LocalApp extends AppServer {
  database: TestDatabase;
  fake: FakeOpenAI;
}

/** Jest hooks: the local server on a fresh database for this file, stopped after its last test. */
export function useLocalApp(options: LocalAppOptions = {}): LocalApp {
  const fake = options.openai ? useFakeOpenAI() : undefined;
  let database: TestDatabase | undefined;
  let app: AppServer | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    app = await startAppServer(database.url, options.environment, options.server);
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await app?.stop();
    await database?.stop();
  }, START_TIMEOUT_MS);
  const must = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} not started yet`);
    return value;
  };
  return {
    get server() {
      return must(app, 'local server').server;
    },
    get secrets() {
      return must(app, 'local server').secrets;
    },
    stop: () => must(app, 'local server').stop(),
    get database() {
      return must(database, 'test database');
    },
    get fake() {
      return must(fake, 'fake OpenAI (pass openai: true)');
    },
  };
}
