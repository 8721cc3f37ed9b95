/**
 * The database behind the local server: the PostgreSQL given by a URL, or embedded PostgreSQL (PGlite over the
 * wire protocol) kept under the data dir — in memory when there is none. Bootstrapping goes through the admin
 * function's direct-invoke path, exactly as a deploy migrates.
 */
import path from 'node:path';
import { startEmbeddedPostgres } from './embedded-postgres';
import type { LambdaRuntime } from './lambda-runtime';
import type { Log } from './log';
import { isRecord } from './template';

export interface LocalDatabase {
  url: string;
  /** For the start banner: never includes a password. */
  description: string;
  stop(): Promise<void>;
}

/** host:port/database and user of a connection URL, without the password. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : '';
    return `${user}${parsed.host}${parsed.pathname}`;
  } catch {
    return 'an unparseable DATABASE_URL';
  }
}

export async function openDatabase(options: { url?: string; dataDir?: string }): Promise<LocalDatabase> {
  if (options.url) {
    return {
      url: options.url,
      description: `PostgreSQL at ${describeDatabaseUrl(options.url)}`,
      stop: async () => undefined,
    };
  }
  const dir = options.dataDir ? path.resolve(options.dataDir, 'pglite') : undefined;
  const embedded = await startEmbeddedPostgres({ dataDir: dir });
  return {
    url: embedded.url,
    description: dir
      ? `embedded PostgreSQL (PGlite) with data in ${dir}`
      : 'embedded PostgreSQL (PGlite) in memory',
    stop: embedded.stop,
  };
}

export const ADMIN_FUNCTION = 'AdminFunction';

/** Applies migrations, then seeds demo data into an empty database. No-op for templates without the admin function. */
export async function bootstrapDatabase(runtime: LambdaRuntime, log: Log): Promise<void> {
  if (!runtime.has(ADMIN_FUNCTION)) return;
  for (const action of ['migrate', 'seed-if-empty'] as const) {
    const invocation = await runtime.invoke(ADMIN_FUNCTION, { action });
    if (invocation.outcome !== 'returned') {
      const reason =
        invocation.outcome === 'failed'
          ? String((invocation.error as Error)?.message ?? invocation.error)
          : 'timed out';
      throw new Error(`database ${action} failed: ${reason}`);
    }
    const result = invocation.result;
    if (action === 'migrate') log.info('database migrations applied');
    else
      log.info(
        isRecord(result) && result.skipped ? 'database already has data; not seeding' : 'seeded demo data',
      );
  }
}
