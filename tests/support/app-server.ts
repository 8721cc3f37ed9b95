/**
 * The local server over the real template and handlers, on a given database, for suites that send many
 * requests as the same users (fuzz, authorization matrix, fault test).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEV_SECRET_FILE } from '../../local/dev-auth';
import { type LocalServer, startLocalServer } from '../../local/server';
import { tempDataDir } from '../http/local-server';

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
): Promise<AppServer> {
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
