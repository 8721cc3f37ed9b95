/**
 * Every environment variable the app reads, in one place, validated once per execution environment.
 * Local runs get defaults; a bad value fails fast at the first use with a clear message.
 */

export interface Config {
  stage: string;
  version: string;
  databaseUrl?: string;
  dbSecretArn?: string;
  dbHost?: string;
  dbPort: number;
  dbName: string;
  dbPoolMax: number;
  dbCaFile?: string;
  dbStatementTimeoutMs: number;
  dbConnectTimeoutMs: number;
  openaiApiKey?: string;
  openaiSecretArn?: string;
  openaiBaseUrl?: string;
  openaiTimeoutMs: number;
  openaiMaxRetries: number;
  allowedOrigins: string[];
  writeRateLimitPerMinute: number;
  aiDailyBudgetUsd: number;
  /** Daily AI spend of the house: replies nobody is charged for (house personas, every game round). */
  houseAiDailyBudgetUsd: number;
  /** Multiplies AI typing/reading delays: 1 is human-like, 0 makes replies appear as soon as they exist. */
  aiTypingDelayScale: number;
  /** Local and test stages only: every matchmaking draw takes this value instead of a random one. */
  gameFixedDraw?: number;
  replyQueueUrl?: string;
  /** API Gateway Management API endpoint of the WebSocket stage (`https://{api}.execute-api.{region}…/{stage}`). */
  pushEndpoint?: string;
  /** The user pool and web app client whose ID tokens the WebSocket $connect authorizer accepts. */
  cognitoUserPoolId?: string;
  cognitoClientId?: string;
  maxBodyBytes: number;
  /** Check every success response against the route's declared schema (tests). */
  validateResponses: boolean;
  /** Deepest nesting of arrays/objects a request body may have (checked before schema validation). */
  maxBodyDepth: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const DEFAULT_ORIGINS = 'https://amianai.com,http://localhost:3000';

function text(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function number(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a number between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

function inLambda(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.AWS_LAMBDA_FUNCTION_NAME) && !env.AWS_SAM_LOCAL;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const origins = (text(env, 'ALLOWED_ORIGINS') ?? DEFAULT_ORIGINS)
    .split(',')
    .map((o) => o.trim().replace(/\/$/, ''))
    .filter(Boolean);
  return {
    stage: text(env, 'STAGE') ?? 'local',
    version: text(env, 'APP_VERSION') ?? '0.1.0',
    databaseUrl: text(env, 'DATABASE_URL'),
    dbSecretArn: text(env, 'DB_SECRET_ARN'),
    dbHost: text(env, 'DB_HOST'),
    dbPort: number(env, 'DB_PORT', 5432, 1, 65535),
    dbName: text(env, 'DB_NAME') ?? 'amianai',
    dbPoolMax: number(env, 'DB_POOL_MAX', 2, 1, 100),
    // Node 20+ Lambda runtimes no longer trust Amazon's CAs by default; this bundle ships in the runtime.
    dbCaFile: text(env, 'DB_CA_FILE') ?? (inLambda(env) ? '/var/runtime/ca-cert.pem' : undefined),
    dbStatementTimeoutMs: number(env, 'DB_STATEMENT_TIMEOUT_MS', 10_000, 100, 600_000),
    dbConnectTimeoutMs: number(env, 'DB_CONNECT_TIMEOUT_MS', 5_000, 100, 60_000),
    openaiApiKey: text(env, 'OPENAI_API_KEY'),
    openaiSecretArn: text(env, 'OPENAI_SECRET_ARN'),
    openaiBaseUrl: text(env, 'OPENAI_BASE_URL'),
    openaiTimeoutMs: number(env, 'OPENAI_TIMEOUT_MS', 20_000, 100, 600_000),
    openaiMaxRetries: number(env, 'OPENAI_MAX_RETRIES', 3, 0, 10),
    allowedOrigins: origins,
    writeRateLimitPerMinute: number(env, 'WRITE_RATE_LIMIT_PER_MINUTE', 60, 1, 100_000),
    aiDailyBudgetUsd: number(env, 'AI_DAILY_BUDGET_USD', 1, 0, 100_000),
    houseAiDailyBudgetUsd: number(env, 'HOUSE_AI_DAILY_BUDGET_USD', 5, 0, 100_000),
    aiTypingDelayScale: number(env, 'AI_TYPING_DELAY_SCALE', 1, 0, 10),
    gameFixedDraw:
      env.GAME_FIXED_DRAW && ['local', 'test'].includes(text(env, 'STAGE') ?? 'local')
        ? number(env, 'GAME_FIXED_DRAW', 0.5, 0, 0.999)
        : undefined,
    replyQueueUrl: text(env, 'REPLY_QUEUE_URL'),
    pushEndpoint: text(env, 'PUSH_ENDPOINT'),
    cognitoUserPoolId: text(env, 'COGNITO_USER_POOL_ID'),
    cognitoClientId: text(env, 'COGNITO_CLIENT_ID'),
    maxBodyBytes: number(env, 'MAX_BODY_BYTES', 64 * 1024, 1024, 6 * 1024 * 1024),
    validateResponses: env.VALIDATE_RESPONSES === 'true',
    // Far above what any schema needs, far below where recursive validation would overflow the stack.
    maxBodyDepth: number(env, 'MAX_BODY_DEPTH', 32, 4, 256),
  };
}

let cached: Config | undefined;

/** The validated config of this execution environment (read once). */
export function config(): Config {
  cached ??= loadConfig();
  return cached;
}

/** For tests that change the environment between cases. */
export function resetConfig(): void {
  cached = undefined;
}
