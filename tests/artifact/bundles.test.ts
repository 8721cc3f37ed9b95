/**
 * The shipped artifacts, not the source: each built handler.js is loaded in a fresh Node process with the
 * built layer on NODE_PATH (as Lambda has /opt/nodejs/node_modules), from a copy outside the repository so no
 * workspace node_modules is reachable, and invoked with every one of its events/ samples against a real
 * database holding the rows those events refer to. Each sample's outcome is checked, not only its shape.
 * Builds first (npm run build's script) when .aws-sam/build is missing or older than the sources.
 */
import { execFile, execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { closePool } from '@amianai/shared/db';
import { Client } from 'pg';
import { useTestDatabase } from '../support/fixtures';
import { loadTemplate, ROOT } from '../template/cfn';
import { createEventFixtures, IDS } from './event-fixtures';

const run = promisify(execFile);
const BUILD = path.join(ROOT, '.aws-sam', 'build');
const MANIFEST = path.join(BUILD, 'build-manifest.json');
const RUN_DIR = mkdtempSync(path.join(os.tmpdir(), 'amianai-artifacts-'));
const LAYER_MODULES = path.join(RUN_DIR, 'SharedLayer', 'nodejs', 'node_modules');
const LAYER_PACKAGE = path.join(LAYER_MODULES, '@amianai', 'shared');
const INVOKER = path.join(__dirname, 'invoke-bundle.cjs');

// Strings only the pg driver and the OpenAI SDK contain.
const PG_MARKER = 'pg-native';
const OPENAI_MARKER = 'X-Stainless-Lang';

function folderOf(id: string): string {
  return id
    .replace(/Function$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();
}

const functions = Object.entries(loadTemplate().Resources)
  .filter(([, r]) => r.Type === 'AWS::Serverless::Function')
  .map(([id]) => ({ id, folder: folderOf(id) }))
  .filter((f) => existsSync(path.join(ROOT, 'functions', f.folder, 'handler.ts')));

function eventsOf(folder: string): string[] {
  const dir = path.join(ROOT, 'events', folder);
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
}

function newestSourceTime(): number {
  let newest = 0;
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) {
      for (const entry of readdirSync(p)) if (entry !== 'node_modules') visit(path.join(p, entry));
    } else if (!/\.test\.ts$/.test(p)) newest = Math.max(newest, s.mtimeMs);
  };
  for (const p of [
    'layers',
    'functions',
    'scripts/build.mjs',
    'scripts/build-all.mjs',
    'Makefile',
    'template.yaml',
  ]) {
    visit(path.join(ROOT, p));
  }
  return newest;
}

function buildIsCurrent(): boolean {
  if (!existsSync(MANIFEST)) return false;
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as {
    builtAt: string;
    artifacts: { id: string }[];
  };
  const built = new Set(manifest.artifacts.map((a) => a.id));
  if (!built.has('SharedLayer') || functions.some((f) => !built.has(f.id))) return false;
  return Date.parse(manifest.builtAt) >= newestSourceTime();
}

interface Invocation {
  ok: boolean;
  result?: unknown;
  error?: { name?: string; message?: string; stack?: string };
  loaded: string[];
}

interface ApiResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

const db = useTestDatabase({ migrate: false });

async function sql<R extends Record<string, unknown>>(text: string, params: unknown[] = []): Promise<R[]> {
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query<R>(text, params)).rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  // Only the child processes talk to the database from here on.
  await closePool();
  if (!buildIsCurrent()) {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-all.mjs'), '--skip-missing'], {
      cwd: ROOT,
      stdio: 'pipe',
      timeout: 300_000,
    });
  }
  cpSync(BUILD, RUN_DIR, { recursive: true });
}, 320_000);

afterAll(() => {
  rmSync(RUN_DIR, { recursive: true, force: true });
});

async function invokeEvent(
  folder: string,
  event: unknown,
  extraEnv: Record<string, string> = {},
): Promise<Invocation> {
  const eventFile = path.join(RUN_DIR, `event-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(eventFile, JSON.stringify(event));
  const { stdout } = await run(
    process.execPath,
    [INVOKER, path.join(RUN_DIR, functions.find((f) => f.folder === folder)!.id, 'handler.js'), eventFile],
    {
      cwd: RUN_DIR,
      timeout: 60_000,
      maxBuffer: 16 * 1024 * 1024,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_PATH: LAYER_MODULES,
        NODE_OPTIONS: '--enable-source-maps',
        STAGE: 'test',
        DATABASE_URL: db.url,
        // Replies become visible at once, so the worker publishes in the same invocation.
        AI_TYPING_DELAY_SCALE: '0',
        POWERTOOLS_LOG_LEVEL: 'SILENT',
        POWERTOOLS_METRICS_DISABLED: 'true',
        POWERTOOLS_TRACE_ENABLED: 'false',
        // The WebSocket authorizer verifies against this pool; the forged sample token must fail offline.
        COGNITO_USER_POOL_ID: 'us-east-1_Artifact1',
        COGNITO_CLIENT_ID: 'artifacttestclient0000000',
        ...extraEnv,
      },
    },
  );
  const line = stdout.split('\n').find((l) => l.startsWith('@@RESULT '));
  if (!line) throw new Error(`no result from the bundle; output:\n${stdout}`);
  const out = JSON.parse(line.slice('@@RESULT '.length)) as Invocation;
  if (!out.ok) throw new Error(`handler threw: ${out.error?.stack ?? out.error?.message}`);
  return out;
}

/** The layer files a function's bundle loads at init, before any invocation. */
function loadedAtInit(folder: string): string[] {
  const handler = path.join(RUN_DIR, functions.find((f) => f.folder === folder)!.id, 'handler.js');
  const script = `require(${JSON.stringify(handler)});process.stdout.write(JSON.stringify(Object.keys(require.cache)))`;
  const out = execFileSync(process.execPath, ['-e', script], {
    cwd: RUN_DIR,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', NODE_PATH: LAYER_MODULES, POWERTOOLS_LOG_LEVEL: 'SILENT' },
  });
  return (JSON.parse(out) as string[]).map((f) => path.relative(LAYER_MODULES, f).split(path.sep).join('/'));
}

const readEvent = (folder: string, file: string) =>
  JSON.parse(readFileSync(path.join(ROOT, 'events', folder, file), 'utf8')) as Record<string, unknown>;

async function invokeSample(folder: string, file: string): Promise<Invocation> {
  return invokeEvent(folder, readEvent(folder, file));
}

function api(out: Invocation, status: number): Record<string, unknown> {
  const result = out.result as ApiResult;
  const json = result.body ? (JSON.parse(result.body) as Record<string, unknown>) : {};
  expect({ status: result.statusCode, error: json.error }).toEqual({ status, error: undefined });
  expect(result.headers['Access-Control-Allow-Origin']).toBe('http://localhost:3000');
  return json;
}

const WS_CONNECTION = 'Kq1mGFxnIAMCJQg=';

/** A WebSocket route's reply, as API Gateway sends it back to the client through the route response. */
function wsReply(out: Invocation): unknown {
  const result = out.result as { statusCode: number; body?: string };
  return result.body === undefined ? undefined : JSON.parse(result.body);
}

/** An authorizer result that refuses the handshake. */
function denied(out: Invocation): boolean {
  const result = out.result as { policyDocument: { Statement: { Effect: string }[] }; context?: unknown };
  return result.policyDocument.Statement.every((s) => s.Effect === 'Deny') && result.context === undefined;
}

/**
 * Every sample event, in an order that makes each one valid (a persona is updated before it is deleted, the
 * reply job runs before its conversation ends), with what it must have done.
 */
const scenario: { folder: string; file: string; check: (out: Invocation) => Promise<void> | void }[] = [
  {
    folder: 'admin',
    file: 'migrate.json',
    check: async (out) => {
      expect(out.result).toEqual(expect.objectContaining({ version: expect.any(Number) }));
      const [row] = await sql<{ t: string | null }>(`SELECT to_regclass('messages')::text AS t`);
      expect(row?.t).toBe('messages');
      await createEventFixtures(db.url);
    },
  },
  {
    folder: 'admin',
    file: 'setup-database.json',
    check: (out) => expect(api(out, 200)).toEqual({ applied: [], version: expect.any(Number) }),
  },
  {
    folder: 'admin',
    file: 'database-status.json',
    check: (out) =>
      expect(api(out, 200)).toEqual(
        expect.objectContaining({
          connected: true,
          pendingMigrations: 0,
          counts: expect.objectContaining({ users: 3 }),
        }),
      ),
  },
  {
    folder: 'personas',
    file: 'create-persona.json',
    check: async (out) => {
      const body = api(out, 201);
      const rows = await sql<{ name: string }>('SELECT name FROM personas WHERE id = $1', [body.id]);
      expect(rows).toEqual([{ name: 'Wren Calloway' }]);
    },
  },
  {
    folder: 'personas',
    file: 'list-personas.json',
    check: (out) => {
      const ids = (api(out, 200).items as { id: string }[]).map((p) => p.id);
      expect(ids).toContain(IDS.housePersona);
    },
  },
  {
    folder: 'personas',
    file: 'get-persona.json',
    check: (out) =>
      expect(api(out, 200)).toEqual(expect.objectContaining({ id: IDS.housePersona, name: 'Marta Quill' })),
  },
  {
    folder: 'personas',
    file: 'update-persona.json',
    check: async (out) => {
      expect(api(out, 200)).toEqual(
        expect.objectContaining({ version: 2, description: 'Now keeps two lighthouses.' }),
      );
      const [row] = await sql<{ t: number }>(
        `SELECT (ai->>'talkativeness')::float8 AS t FROM personas WHERE id = $1`,
        [IDS.playerPersona],
      );
      expect(row?.t).toBe(0.7);
    },
  },
  {
    folder: 'personas',
    file: 'delete-persona.json',
    check: async (out) => {
      expect((out.result as ApiResult).statusCode).toBe(204);
      const [row] = await sql<{ gone: boolean }>(
        'SELECT deleted_at IS NOT NULL AS gone FROM personas WHERE id = $1',
        [IDS.playerPersona],
      );
      expect(row?.gone).toBe(true);
    },
  },
  {
    folder: 'users',
    file: 'me.json',
    check: (out) => {
      const body = api(out, 200) as { user: { displayName: string }; personas: { id: string }[] };
      expect(body.user.displayName).toBe('Player');
      expect(body.personas.map((p) => p.id)).toContain(IDS.playerHumanPersona);
    },
  },
  {
    folder: 'conversations',
    file: 'create-conversation.json',
    check: async (out) => {
      const body = api(out, 201);
      const rows = await sql('SELECT 1 FROM conversation_participants WHERE conversation_id = $1', [body.id]);
      expect(rows.length).toBe(3);
    },
  },
  {
    folder: 'conversations',
    file: 'list-conversations.json',
    check: (out) => {
      const ids = (api(out, 200).items as { id: string }[]).map((c) => c.id);
      expect(ids).toContain(IDS.aliceConversation);
    },
  },
  {
    folder: 'conversations',
    file: 'get-conversation.json',
    check: (out) =>
      expect(api(out, 200)).toEqual(expect.objectContaining({ id: IDS.aliceConversation, status: 'active' })),
  },
  {
    folder: 'conversations',
    file: 'list-messages.json',
    check: (out) =>
      expect((api(out, 200).items as { seq: number }[]).map((m) => m.seq).sort()).toEqual([1, 2]),
  },
  {
    folder: 'conversations',
    file: 'poll-messages.json',
    check: (out) => expect(api(out, 200)).toEqual({ items: [], nextCursor: null, typing: [], requests: [] }),
  },
  {
    folder: 'conversations',
    file: 'post-message.json',
    check: async (out) => {
      const body = api(out, 201);
      expect(body).toEqual(
        expect.objectContaining({ seq: 3, content: 'Fine. Pepper soup counts as a meal.' }),
      );
      const rows = await sql('SELECT 1 FROM messages WHERE id = $1', [body.id]);
      expect(rows.length).toBe(1);
    },
  },
  {
    folder: 'conversations',
    file: 'typing.json',
    check: async (out) => {
      expect((out.result as ApiResult).statusCode).toBe(204);
      const rows = await sql('SELECT 1 FROM typing WHERE persona_id = $1 AND expires_at > now()', [
        IDS.alicePersona,
      ]);
      expect(rows.length).toBe(1);
    },
  },
  {
    folder: 'ai',
    file: 'generate-response.json',
    check: async (out) => {
      // Taken, the same as for a person: the reply job is queued, and the reply comes through the feed later.
      expect(api(out, 202)).toEqual({ requestedAt: expect.any(String) });
      const jobs = await sql<{ status: string }>(
        'SELECT status FROM ai_jobs WHERE conversation_id = $1 AND persona_id = $2',
        [IDS.playerConversation, IDS.housePersona],
      );
      expect(jobs).toEqual([{ status: 'queued' }]);
    },
  },
  {
    folder: 'ai',
    file: 'usage.json',
    check: (out) =>
      expect(api(out, 200)).toEqual(
        expect.objectContaining({ today: expect.objectContaining({ budgetUsd: 1 }) }),
      ),
  },
  {
    folder: 'ai-worker',
    file: 'reply-job.json',
    check: async (out) => {
      expect(out.result).toEqual({ batchItemFailures: [] });
      const replies = await sql<{ persona_id: string; status: string }>(
        `SELECT m.persona_id, j.status FROM ai_jobs j JOIN messages m ON m.ai_job_id = j.id WHERE j.id = $1`,
        [IDS.replyJob],
      );
      expect(replies).toEqual([{ persona_id: IDS.housePersona, status: 'done' }]);
    },
  },
  {
    folder: 'sweeper',
    file: 'schedule.json',
    check: (out) =>
      expect(out.result).toEqual({
        requeued: expect.any(Number),
        failed: expect.any(Number),
        published: expect.any(Number),
        // The sweeper's game pass (rounds due a phase change, tickets due a match).
        roundsSettled: expect.any(Number),
        roundsFormed: expect.any(Number),
      }),
  },
  {
    folder: 'conversations',
    file: 'rename-conversation.json',
    check: async (out) => {
      expect(api(out, 200)).toEqual(expect.objectContaining({ title: 'Soup, settled' }));
      const [row] = await sql<{ title: string }>('SELECT title FROM conversations WHERE id = $1', [
        IDS.aliceConversation,
      ]);
      expect(row?.title).toBe('Soup, settled');
    },
  },
  {
    folder: 'conversations',
    file: 'end-conversation.json',
    check: async (out) => {
      expect(api(out, 200)).toEqual(expect.objectContaining({ status: 'ended' }));
      const [row] = await sql<{ status: string }>('SELECT status FROM conversations WHERE id = $1', [
        IDS.aliceConversation,
      ]);
      expect(row?.status).toBe('ended');
    },
  },
  {
    folder: 'games',
    file: 'join-queue.json',
    check: (out) =>
      expect(api(out, 201)).toEqual(expect.objectContaining({ status: 'waiting', format: 'duel' })),
  },
  {
    folder: 'games',
    file: 'poll-queue.json',
    check: (out) => expect(['waiting', 'matched']).toContain(api(out, 200).status),
  },
  {
    folder: 'games',
    file: 'leave-queue.json',
    check: async (out) => {
      expect(['left', 'matched']).toContain(api(out, 200).status);
      expect(await sql(`SELECT 1 FROM game_tickets WHERE status = 'waiting'`)).toEqual([]);
    },
  },
  {
    folder: 'games',
    file: 'vote.json',
    check: async (out) => {
      expect(api(out, 201)).toEqual(expect.objectContaining({ conversationId: IDS.liveRound }));
      const rows = await sql('SELECT verdict FROM votes WHERE conversation_id = $1', [IDS.liveRound]);
      expect(rows).toEqual([{ verdict: 'human' }]);
    },
  },
  {
    folder: 'games',
    file: 'result.json',
    check: (out) =>
      expect(api(out, 200)).toEqual(
        expect.objectContaining({
          score: { correct: 1, total: 1, points: 1 },
          judgedAs: { human: 0, ai: 0 },
        }),
      ),
  },
  {
    folder: 'games',
    file: 'my-stats.json',
    check: (out) => expect(api(out, 200)).toEqual(expect.objectContaining({ rounds: 1, points: 1 })),
  },
  {
    folder: 'games',
    file: 'stats.json',
    check: (out) => expect(api(out, 200)).toEqual(expect.objectContaining({ rounds: 1 })),
  },
  {
    folder: 'games',
    file: 'leaderboard.json',
    check: (out) =>
      expect(api(out, 200)).toEqual({ board: 'personas', period: 'all', minimum: 10, items: [] }),
  },
  {
    folder: 'games',
    file: 'persona-game-stats.json',
    check: (out) =>
      expect(api(out, 200)).toEqual(expect.objectContaining({ personaId: IDS.gamePersona, gamePool: false })),
  },
  {
    folder: 'games',
    file: 'game-pool.json',
    check: async (out) => {
      expect(api(out, 200)).toEqual(expect.objectContaining({ gamePool: true }));
      expect(await sql('SELECT 1 FROM game_pool WHERE persona_id = $1', [IDS.gamePersona])).toHaveLength(1);
    },
  },
  {
    folder: 'admin',
    file: 'seed-database.json',
    check: (out) => expect(api(out, 200)).toEqual({ inserted: expect.any(Object) }),
  },
  {
    folder: 'ws-connect-authorizer',
    file: 'connect-without-token.json',
    check: (out) => expect(denied(out)).toBe(true),
  },
  {
    folder: 'ws-connect-authorizer',
    file: 'connect-with-forged-token.json',
    check: (out) => expect(denied(out)).toBe(true),
  },
  {
    folder: 'ws-connections',
    file: 'connect.json',
    check: async (out) => {
      expect(out.result).toEqual({ statusCode: 200 });
      const rows = await sql<{ user: string }>(
        `SELECT u.cognito_sub AS user FROM connections c JOIN users u ON u.id = c.user_id WHERE c.id = $1`,
        [WS_CONNECTION],
      );
      expect(rows).toEqual([{ user: IDS.playerSub }]);
    },
  },
  {
    folder: 'ws-connections',
    file: 'subscribe.json',
    check: async (out) => {
      expect(wsReply(out)).toEqual({ type: 'subscribed', conversationId: IDS.playerConversation });
      const [row] = await sql<{ ids: string[] }>(
        'SELECT conversation_ids AS ids FROM connections WHERE id = $1',
        [WS_CONNECTION],
      );
      expect(row?.ids).toEqual([IDS.playerConversation]);
    },
  },
  {
    folder: 'ws-connections',
    file: 'subscribe-not-a-participant.json',
    check: async (out) => {
      expect(wsReply(out)).toEqual(
        expect.objectContaining({ type: 'error', error: expect.objectContaining({ code: 'not_found' }) }),
      );
      const [row] = await sql<{ ids: string[] }>(
        'SELECT conversation_ids AS ids FROM connections WHERE id = $1',
        [WS_CONNECTION],
      );
      expect(row?.ids).toEqual([IDS.playerConversation]);
    },
  },
  {
    folder: 'ws-connections',
    file: 'ping.json',
    check: (out) => expect(wsReply(out)).toEqual({ type: 'pong' }),
  },
  {
    folder: 'ws-connections',
    file: 'disconnect.json',
    check: async (out) => {
      expect(out.result).toEqual({ statusCode: 200 });
      expect(await sql('SELECT 1 FROM connections WHERE id = $1', [WS_CONNECTION])).toEqual([]);
    },
  },
  {
    folder: 'health',
    file: 'get-health.json',
    check: (out) => expect(api(out, 200)).toEqual(expect.objectContaining({ status: 'ok', stage: 'test' })),
  },
  {
    folder: 'openapi',
    file: 'get-openapi.json',
    check: (out) => {
      const doc = api(out, 200) as { openapi: string; paths: Record<string, unknown> };
      expect(doc.openapi).toMatch(/^3\./);
      expect(Object.keys(doc.paths)).toContain('/api/conversations/{id}/messages');
    },
  },
];

describe('the built layer', () => {
  it('maps every subpath export of @amianai/shared to a bundled file', () => {
    const source = JSON.parse(readFileSync(path.join(ROOT, 'layers', 'shared', 'package.json'), 'utf8')) as {
      exports: Record<string, string>;
    };
    const built = JSON.parse(readFileSync(path.join(LAYER_PACKAGE, 'package.json'), 'utf8')) as {
      name: string;
      exports: Record<string, string>;
    };
    expect(built.name).toBe('@amianai/shared');
    for (const subpath of Object.keys(source.exports)) {
      expect(built.exports[subpath]).toBe(`${subpath}/index.js`);
      expect(existsSync(path.join(LAYER_PACKAGE, built.exports[subpath]!))).toBe(true);
    }
  });

  it('carries every SQL migration next to the db module', () => {
    const sqlFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.sql'));
    const source = sqlFiles(path.join(ROOT, 'layers', 'shared', 'src', 'db', 'migrations'));
    expect(source.length).toBeGreaterThan(0);
    expect(sqlFiles(path.join(LAYER_PACKAGE, 'db', 'migrations'))).toEqual(source);
  });

  it('holds each library once, in its vendor bundle, and no node_modules of its own', () => {
    expect(readdirSync(LAYER_MODULES)).toEqual(['@amianai']);
    const vendor = path.join(LAYER_PACKAGE, 'vendor');
    const files = readdirSync(vendor).filter((f) => f.endsWith('.js'));
    const holding = (marker: string) =>
      files.filter((f) => readFileSync(path.join(vendor, f), 'utf8').includes(marker));
    expect(holding(PG_MARKER)).toEqual(['pg.js']);
    expect(holding(OPENAI_MARKER)).toEqual(['openai.js']);
    // TypeBox's format registry is module state: two copies would each miss the other's formats.
    const everyJs = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory()
          ? everyJs(path.join(dir, e.name))
          : e.name.endsWith('.js')
            ? [path.join(dir, e.name)]
            : [],
      );
    const registries = everyJs(LAYER_MODULES).filter((f) =>
      readFileSync(f, 'utf8').includes('Expected union value'),
    );
    expect(registries.map((f) => path.relative(LAYER_PACKAGE, f))).toEqual(['vendor/sinclair__typebox.js']);
  });
});

describe.each(functions)('$id bundle', ({ folder }) => {
  const handlerFile = () => path.join(RUN_DIR, functions.find((f) => f.folder === folder)!.id, 'handler.js');

  it('has sample events, each with a checked outcome in this test', () => {
    const events = eventsOf(folder);
    expect(events.length).toBeGreaterThan(0);
    const covered = scenario.filter((s) => s.folder === folder).map((s) => s.file);
    expect(covered.sort()).toEqual(events.sort());
  });

  it('contains only its own code: every library comes from the layer', () => {
    const code = readFileSync(handlerFile(), 'utf8');
    expect(code).not.toContain(PG_MARKER);
    expect(code).not.toContain(OPENAI_MARKER);
    expect(code).not.toContain('Expected union value');
    expect(existsSync(`${handlerFile()}.map`)).toBe(true);
    const map = JSON.parse(readFileSync(`${handlerFile()}.map`, 'utf8')) as { sources: string[] };
    expect(map.sources.filter((s) => s.includes('node_modules'))).toEqual([]);
  });

  it('leaves source maps to its own code: no library bundle carries one for Node to parse at start-up', () => {
    const vendor = path.join(LAYER_PACKAGE, 'vendor');
    const bundles = readdirSync(vendor).filter((f) => f.endsWith('.js'));
    expect(bundles.length).toBeGreaterThan(0);
    for (const f of bundles) {
      expect(readFileSync(path.join(vendor, f), 'utf8')).not.toContain('sourceMappingURL');
      expect(existsSync(path.join(vendor, `${f}.map`))).toBe(false);
    }
  });
});

describe('every sample event, run by its built function', () => {
  it.each(scenario.map((s) => [`${s.folder}/${s.file}`, s] as const))('%s', async (_name, step) => {
    await step.check(await invokeSample(step.folder, step.file));
  });

  it('drops a malformed reply-queue body without failing the batch, and reports an unexpected failure', async () => {
    const sample = readEvent('ai-worker', 'reply-job.json') as { Records: Record<string, unknown>[] };
    const record = sample.Records[0]!;
    const malformed = { Records: [{ ...record, messageId: 'bad-1', body: '{"jobId":"not-a-uuid"}' }] };
    expect((await invokeEvent('ai-worker', malformed)).result).toEqual({ batchItemFailures: [] });
    // A database that refuses connections is unexpected: the record is reported so SQS redelivers it.
    const unreachable = { Records: [{ ...record, messageId: 'retry-1' }] };
    const out = await invokeEvent('ai-worker', unreachable, {
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    });
    expect(out.result).toEqual({ batchItemFailures: [{ itemIdentifier: 'retry-1' }] });
  });
});

describe('a new user, whichever function they reach first', () => {
  // Each function with user routes wires the starting persona into auth; a function that forgot would
  // create users without one, and only a new user's first request would show it.
  it.each([
    ['ai', 'usage.json'],
    ['users', 'me.json'],
    ['personas', 'list-personas.json'],
    ['conversations', 'list-conversations.json'],
    ['games', 'stats.json'],
  ])('gets their starting persona from the built %s function', async (folder, file) => {
    const event = readEvent(folder, file) as {
      requestContext: { authorizer: { claims: Record<string, string> } };
    };
    const sub = `first-${folder}-${Date.now()}`;
    event.requestContext.authorizer.claims = {
      ...event.requestContext.authorizer.claims,
      sub,
      'cognito:groups': '',
    };
    const out = await invokeEvent(folder, event);
    expect((out.result as ApiResult).statusCode).toBe(200);
    const personas = await sql<{ kind: string }>(
      'SELECT p.kind FROM personas p JOIN users u ON u.id = p.owner_id WHERE u.cognito_sub = $1',
      [sub],
    );
    expect(personas).toEqual([{ kind: 'human' }]);
  });
});

describe('cold-start weight', () => {
  it('loads neither pg nor openai nor the AWS SDK for the health function', async () => {
    const out = await invokeSample('health', eventsOf('health')[0]!);
    const loaded = out.loaded.filter((f) => f.startsWith('@amianai/shared/'));
    expect(loaded.length).toBeGreaterThan(0);
    for (const heavy of [
      'db/index.js',
      'ai/index.js',
      'vendor/pg.js',
      'vendor/openai.js',
      'vendor/aws-sdk.js',
    ]) {
      expect(loaded).not.toContain(`@amianai/shared/${heavy}`);
    }
  });

  it("creates a new user's persona without loading the persona routes' code at init", () => {
    for (const folder of ['ai', 'conversations', 'ws-connections']) {
      const loaded = loadedAtInit(folder);
      expect(loaded).toContain('@amianai/core/personas/default-persona/index.js');
      expect(loaded).not.toContain('@amianai/core/personas/index.js');
    }
  });

  it('starts the sweeper without TypeBox, the HTTP module or the persona aggregate: it serves no request', () => {
    const loaded = loadedAtInit('sweeper');
    expect(loaded).toContain('@amianai/core/games/sweep/index.js');
    for (const heavy of [
      '@amianai/shared/vendor/sinclair__typebox.js',
      '@amianai/shared/http/index.js',
      '@amianai/core/games/index.js',
      '@amianai/core/personas/index.js',
    ])
      expect(loaded).not.toContain(heavy);
  });

  it("leaves pg's Cloudflare Workers probe out, so loading pg does not load Node's fetch", () => {
    const pg = readFileSync(path.join(LAYER_PACKAGE, 'vendor', 'pg.js'), 'utf8');
    expect(pg).toContain('isCloudflareRuntime');
    expect(pg).not.toContain('new Response(');
  });

  it('loads the AWS SDK only when a client is first used, not at the AI worker cold start', async () => {
    const sample = readEvent('ai-worker', 'reply-job.json') as { Records: Record<string, unknown>[] };
    const malformed = { Records: [{ ...sample.Records[0], body: '{}' }] };
    const out = await invokeEvent('ai-worker', malformed);
    expect(out.loaded).toContain('@amianai/shared/vendor/sinclair__typebox.js');
    expect(out.loaded).not.toContain('@amianai/shared/vendor/aws-sdk.js');
  });
});
