// The deployed config.json decides API location and sign-in mode, so one build serves every environment.

export interface LocalAuthConfig {
  mode: 'local';
}

export interface CognitoAuthConfig {
  mode: 'cognito';
  authority: string;
  clientId: string;
  domain: string;
  scope?: string;
}

export interface RuntimeConfig {
  apiBaseUrl: string;
  /** The WebSocket API (wss://…); absent = /ws beside a same-origin API, or polling only. */
  webSocketUrl?: string;
  auth: LocalAuthConfig | CognitoAuthConfig;
}

export class ConfigError extends Error {}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireString(source: Record<string, unknown>, key: string): string {
  const value = source[key];
  if (typeof value !== 'string' || value.trim() === '')
    throw new ConfigError(`config.json: "auth.${key}" is required`);
  return value.trim();
}

export function parseRuntimeConfig(raw: unknown): RuntimeConfig {
  if (!isRecord(raw)) throw new ConfigError('config.json must be a JSON object');
  const apiBaseUrl = typeof raw.apiBaseUrl === 'string' ? raw.apiBaseUrl.trim().replace(/\/+$/, '') : '';
  const auth = isRecord(raw.auth) ? raw.auth : { mode: 'local' };
  const webSocketUrl =
    typeof raw.webSocketUrl === 'string' && /^wss?:\/\//.test(raw.webSocketUrl.trim())
      ? raw.webSocketUrl.trim()
      : undefined;
  if (auth.mode === 'cognito') {
    return {
      apiBaseUrl,
      ...(webSocketUrl ? { webSocketUrl } : {}),
      auth: {
        mode: 'cognito',
        authority: requireString(auth, 'authority'),
        clientId: requireString(auth, 'clientId'),
        domain: requireString(auth, 'domain').replace(/\/+$/, ''),
        scope: typeof auth.scope === 'string' ? auth.scope : undefined,
      },
    };
  }
  if (auth.mode !== 'local') throw new ConfigError(`config.json: unknown auth mode "${String(auth.mode)}"`);
  return { apiBaseUrl, ...(webSocketUrl ? { webSocketUrl } : {}), auth: { mode: 'local' } };
}

export async function loadRuntimeConfig(fetchFn: typeof fetch = fetch): Promise<RuntimeConfig> {
  const response = await fetchFn('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new ConfigError(`Could not load config.json (HTTP ${response.status})`);
  return parseRuntimeConfig(await response.json());
}
