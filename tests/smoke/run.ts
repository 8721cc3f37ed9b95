/**
 * Black-box smoke test of a running API — the local server or a deployed stage:
 *
 *   npm run smoke -- --base-url <url> [--token <jwt>] [--origin <browser origin>]
 *
 * Checks health, the CORS preflight, 401 without a token, and with a token (given, or from the local
 * server's POST /api/dev/token) a persona → conversation → message round trip, cleaning up after itself.
 * Prints one line per check and a summary; exits non-zero when any check fails.
 */
import { writeFileSync } from 'node:fs';

interface Options {
  baseUrl: string;
  token?: string;
  origin: string;
}

interface Reply {
  status: number;
  headers: Headers;
  json: unknown;
}

type Check = { name: string; ok: boolean; detail?: string; skipped?: boolean };

function parseArgs(argv: string[]): Options {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const baseUrl = value('--base-url')?.replace(/\/$/, '');
  if (!baseUrl || !/^https?:\/\//.test(baseUrl)) {
    console.error(
      'usage: npm run smoke -- --base-url <http(s)://host[/stage]> [--token <jwt>] [--origin <origin>]',
    );
    process.exit(2);
  }
  const local = isLocal(baseUrl);
  return {
    baseUrl,
    token: value('--token'),
    origin: value('--origin') ?? (local ? 'http://localhost:3000' : baseUrl),
  };
}

function isLocal(url: string): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(new URL(url).hostname);
}

async function call(
  opts: Options,
  method: string,
  path: string,
  init: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    Origin: opts.origin,
    ...init.headers,
  };
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${opts.baseUrl}${path}`, {
    method,
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = { unparsable: text.slice(0, 200) };
  }
  return { status: res.status, headers: res.headers, json };
}

function field(value: unknown, ...path: string[]): unknown {
  let v = value;
  for (const key of path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

function expectStatus(reply: Reply, ...allowed: number[]): void {
  if (!allowed.includes(reply.status)) {
    throw new Error(
      `HTTP ${reply.status} (wanted ${allowed.join('/')}): ${JSON.stringify(reply.json).slice(0, 300)}`,
    );
  }
}

const checks: Check[] = [];

async function check(name: string, fn: () => Promise<unknown>): Promise<boolean> {
  try {
    const result = await fn();
    const detail = typeof result === 'string' ? result : undefined;
    checks.push({ name, ok: true, detail });
    console.log(`  ok    ${name}${detail ? ` — ${detail}` : ''}`);
    return true;
  } catch (err) {
    checks.push({ name, ok: false, detail: (err as Error).message });
    console.log(`  FAIL  ${name} — ${(err as Error).message}`);
    return false;
  }
}

function skip(name: string, why: string): void {
  checks.push({ name, ok: true, skipped: true, detail: why });
  console.log(`  skip  ${name} — ${why}`);
}

async function publicChecks(opts: Options): Promise<void> {
  await check('GET /api/health answers 200 with a version', async () => {
    const r = await call(opts, 'GET', '/api/health');
    expectStatus(r, 200);
    if (field(r.json, 'status') !== 'ok') throw new Error(`status is ${String(field(r.json, 'status'))}`);
    return `version ${String(field(r.json, 'version'))}, stage ${String(field(r.json, 'stage'))}`;
  });

  await check(`CORS preflight allows ${opts.origin}`, async () => {
    const r = await call(opts, 'OPTIONS', '/api/personas', {
      headers: {
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type',
      },
    });
    expectStatus(r, 200, 204);
    const allowOrigin = r.headers.get('access-control-allow-origin');
    if (allowOrigin !== opts.origin && allowOrigin !== '*')
      throw new Error(`Access-Control-Allow-Origin: ${allowOrigin}`);
    const methods = r.headers.get('access-control-allow-methods') ?? '';
    if (!methods.includes('POST')) throw new Error(`Access-Control-Allow-Methods: ${methods}`);
  });

  await check('GET /api/me without a token answers 401', async () => {
    const r = await call(opts, 'GET', '/api/me');
    expectStatus(r, 401);
  });
}

async function obtainToken(opts: Options): Promise<string | undefined> {
  if (opts.token) return opts.token;
  if (!isLocal(opts.baseUrl)) return undefined;
  const r = await call(opts, 'POST', '/api/dev/token', { body: { name: 'Smoke Tester', admin: false } });
  expectStatus(r, 200, 201);
  const token = field(r.json, 'token');
  if (typeof token !== 'string') throw new Error('no token in the dev token response');
  return token;
}

async function roundTrip(opts: Options, token: string): Promise<void> {
  const stamp = new Date().toISOString();
  let personaId: string | undefined;
  let conversationId: string | undefined;

  await check('GET /api/me answers the caller', async () => {
    const r = await call(opts, 'GET', '/api/me', { token });
    expectStatus(r, 200);
    return String(field(r.json, 'user', 'displayName') ?? field(r.json, 'user', 'id'));
  });

  const created = await check('POST /api/personas creates a human persona', async () => {
    const r = await call(opts, 'POST', '/api/personas', {
      token,
      body: {
        name: 'Smoke Test Persona',
        kind: 'human',
        description: `Created by the smoke test at ${stamp}`,
        visibility: 'private',
      },
    });
    expectStatus(r, 201);
    personaId = String(field(r.json, 'id'));
    return personaId;
  });

  if (created) {
    await check('POST /api/conversations starts a conversation', async () => {
      const list = await call(opts, 'GET', '/api/personas?limit=20', { token });
      expectStatus(list, 200);
      const items = (field(list.json, 'items') ?? []) as { id: string }[];
      const partner = items.find((p) => p.id !== personaId);
      const r = await call(opts, 'POST', '/api/conversations', {
        token,
        body: {
          title: 'Smoke test',
          topic: stamp,
          participantPersonaIds: partner ? [personaId, partner.id] : [personaId],
        },
      });
      expectStatus(r, 201);
      conversationId = String(field(r.json, 'id'));
      return conversationId;
    });
  }

  if (conversationId) {
    const clientMessageId = `smoke-${Date.now()}`;
    await check('POST …/messages stores a message', async () => {
      const r = await call(opts, 'POST', `/api/conversations/${conversationId}/messages`, {
        token,
        body: { personaId, content: `Hello from the smoke test (${stamp})`, clientMessageId },
      });
      expectStatus(r, 200, 201);
      return `seq ${String(field(r.json, 'seq'))}`;
    });
    await check('GET …/messages returns it', async () => {
      const r = await call(opts, 'GET', `/api/conversations/${conversationId}/messages`, { token });
      expectStatus(r, 200);
      const items = (field(r.json, 'items') ?? []) as { clientMessageId?: string }[];
      if (!items.some((m) => m.clientMessageId === clientMessageId))
        throw new Error('message not in the list');
    });
    await check('POST …/end ends the conversation', async () => {
      const r = await call(opts, 'POST', `/api/conversations/${conversationId}/end`, { token });
      expectStatus(r, 200);
    });
  }

  if (personaId) {
    await check('DELETE /api/personas/:id cleans up', async () => {
      const r = await call(opts, 'DELETE', `/api/personas/${personaId}`, { token });
      expectStatus(r, 200, 204);
    });
  }
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  console.log(`Smoke test of ${opts.baseUrl} (origin ${opts.origin})`);
  await publicChecks(opts);
  let token: string | undefined;
  await check('obtain a token', async () => {
    token = await obtainToken(opts);
    return token ? undefined : 'none given';
  });
  if (token) await roundTrip(opts, token);
  else skip('persona → conversation → message round trip', 'no --token for a deployed API');

  const failed = checks.filter((c) => !c.ok).length;
  const skipped = checks.filter((c) => c.skipped).length;
  const passed = checks.length - failed - skipped;
  console.log(`smoke: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  // CI adds these to its closing total.
  if (process.env.SMOKE_COUNTS_FILE) writeFileSync(process.env.SMOKE_COUNTS_FILE, `${passed} ${failed}\n`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
