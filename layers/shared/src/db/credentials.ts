/**
 * Where the pool's credentials come from: DATABASE_URL, or the RDS secret in Secrets Manager fetched through
 * Powertools Parameters (cached; refetched on demand when the password was rotated).
 */
import { readFileSync } from 'node:fs';
import type { PoolConfig } from 'pg';
import { getSecretValue } from '../aws/timeouts';
import type { Config } from '../config';

export interface DbSecret {
  username: string;
  password: string;
  host?: string;
  port?: number | string;
  dbname?: string;
}

const SECRET_MAX_AGE_SECONDS = 300;

/** A database secret (RDS-managed or generated): username and password, maybe host, port and dbname. */
export async function fetchSecret(arn: string, forceFetch: boolean): Promise<DbSecret> {
  const secret = await getSecretValue<DbSecret>(arn, {
    transform: 'json',
    maxAge: SECRET_MAX_AGE_SECONDS,
    forceFetch,
  });
  if (!secret?.username || !secret.password) throw new Error('database secret lacks username/password');
  return secret;
}

export async function resolvePoolConfig(cfg: Config, forceFetch = false): Promise<PoolConfig> {
  const common: PoolConfig = {
    max: cfg.dbPoolMax,
    connectionTimeoutMillis: cfg.dbConnectTimeoutMs,
    idleTimeoutMillis: 60_000,
    statement_timeout: cfg.dbStatementTimeoutMs,
    query_timeout: cfg.dbStatementTimeoutMs + 2_000,
    application_name: `amianai-${cfg.stage}`,
  };
  if (cfg.databaseUrl) return { ...common, connectionString: cfg.databaseUrl };
  if (!cfg.dbSecretArn) throw new Error('set DATABASE_URL or DB_SECRET_ARN');

  const secret = await fetchSecret(cfg.dbSecretArn, forceFetch);
  const host = cfg.dbHost ?? secret.host;
  if (!host) throw new Error('set DB_HOST (the RDS-managed secret holds no host)');
  return {
    ...common,
    host,
    port: Number(secret.port ?? cfg.dbPort),
    database: cfg.dbName ?? secret.dbname,
    user: secret.username,
    password: secret.password,
    // Always verified TLS in AWS: against the runtime's Amazon CA bundle.
    ssl: cfg.dbCaFile
      ? { rejectUnauthorized: true, ca: readFileSync(cfg.dbCaFile, 'utf8') }
      : { rejectUnauthorized: true },
  };
}
