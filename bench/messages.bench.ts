/**
 * Messages figures (issue 4):
 * - read.messagesAfter.* / write.postMessage.*: warm handler latency against the raw SQL that very request
 *   ran. The statements are recorded from a real handler call and replayed on one raw pg client, so the
 *   baseline cannot drift from the code.
 * - scale.messagesList.*: the feed query (a deep backwards page and an after-poll) with ~1,000 vs ~1,000,000
 *   messages in the table, with EXPLAIN (ANALYZE, BUFFERS) summaries.
 * - http.pollers.*: 50 concurrent conditional pollers against the local server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureUser } from '@amianai/shared/auth';
import { resetConfig } from '@amianai/shared/config';
import { closePool, query } from '@amianai/shared/db';
import { encodeCursor } from '@amianai/shared/http';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { handler } from '../functions/conversations/handler';
import { startLocalServer } from '../local/server';
import { apiEvent, lambdaContext, newCaller, type TestCaller } from '../tests/support/events';
import { percentile, ratioResult, round, timeIt } from './stats';
import { benchDatabase } from './support';
import type { BenchResult } from './types';

const SAMPLES = 300;
const TARGET_MESSAGES = 500;
const BIG_TABLE = 1_000_000;
const BULK_PER_CONVERSATION = 500;
const BULK_CONVERSATIONS_PER_STATEMENT = 200;
const BULK_BUDGET_MS = 180_000;
const POLLERS = 50;
const POLL_SECONDS = 10;

interface Player {
  caller: TestCaller;
  userId: string;
  personaId: string;
}
interface Statement {
  text: string;
  values: unknown[];
  row?: Record<string, unknown>;
}
type Response = { statusCode: number; body: string };
type QueryFn = (this: Client, ...args: unknown[]) => unknown;

async function player(name: string): Promise<Player> {
  const caller = newCaller(name);
  const user = await ensureUser({ sub: caller.sub, name: caller.name, groups: [], isAdmin: false });
  // Public, so the other player may bring it into a conversation.
  const { rows } = await query<{ id: string }>(
    "UPDATE personas SET visibility = 'public' WHERE owner_id = $1 RETURNING id",
    [user.id],
  );
  return { caller, userId: user.id, personaId: rows[0]!.id };
}

const MESSAGES = '/api/conversations/{id}/messages';
const getEvent = (who: Player, id: string, q: Record<string, string>) =>
  apiEvent({ method: 'GET', resource: MESSAGES, pathParameters: { id }, query: q, caller: who.caller });
const postEvent = (who: Player, id: string, n: number) =>
  apiEvent({
    method: 'POST',
    resource: MESSAGES,
    pathParameters: { id },
    caller: who.caller,
    body: {
      personaId: who.personaId,
      content: `bench message ${n}`,
      clientMessageId: `bench-${n}-${Date.now()}`,
    },
  });

async function call(event: ReturnType<typeof apiEvent>, expect: number): Promise<Response> {
  const res = (await handler(event, lambdaContext('conversations'))) as Response;
  if (res.statusCode !== expect) throw new Error(`expected ${expect}, got ${res.statusCode}: ${res.body}`);
  return res;
}

/** A conversation between two human personas (so posting queues no AI work), created through the handler. */
async function conversation(a: Player, b: Player): Promise<string> {
  const res = await call(
    apiEvent({
      method: 'POST',
      resource: '/api/conversations',
      caller: a.caller,
      body: { title: 'Bench chat', participantPersonaIds: [a.personaId, b.personaId] },
    }),
    201,
  );
  return (JSON.parse(res.body) as { id: string }).id;
}

/** Every statement (with its values and first result row) the pg clients send while `fn` runs. */
async function record(fn: () => Promise<unknown>): Promise<Statement[]> {
  const proto = Client.prototype as unknown as { query: QueryFn };
  const original = proto.query;
  const seen: Statement[] = [];
  proto.query = function (this: Client, ...args: unknown[]) {
    const [first, second] = args as [string | { text: string; values?: unknown[] }, unknown];
    const s: Statement = {
      text: typeof first === 'string' ? first : first.text,
      values: Array.isArray(second) ? [...second] : typeof first === 'string' ? [] : (first.values ?? []),
    };
    seen.push(s);
    const last = args.length - 1;
    const cb = args[last];
    if (typeof cb === 'function') {
      args[last] = (err: unknown, res?: { rows?: Record<string, unknown>[] }) => {
        s.row = res?.rows?.[0];
        (cb as (e: unknown, r: unknown) => void)(err, res);
      };
      return original.apply(this, args);
    }
    const out = original.apply(this, args) as Promise<{ rows?: Record<string, unknown>[] }> | undefined;
    if (out && typeof out.then === 'function')
      out.then(
        (res) => {
          s.row = res?.rows?.[0];
        },
        () => undefined,
      );
    return out;
  };
  try {
    await fn();
  } finally {
    proto.query = original;
  }
  return seen;
}

/**
 * Runs recorded statements again. Values an earlier statement returned (the new seq, the new message id) are
 * carried into later ones, and `fresh` swaps per-request values (the client message id).
 */
async function replay(client: Client, statements: Statement[], fresh = new Map<unknown, unknown>()) {
  const carried = new Map(fresh);
  for (const s of statements) {
    const { rows } = await client.query(
      s.text,
      s.values.map((v) => (carried.has(v) ? carried.get(v) : v)),
    );
    for (const key of ['last_seq', 'id'])
      if (s.row?.[key] !== undefined && rows[0]?.[key] !== s.row[key])
        carried.set(s.row[key], rows[0]?.[key]);
  }
}

const oneLine = (sql: string) => sql.replace(/\s+/g, ' ').trim().slice(0, 40);

async function latency(client: Client, a: Player, b: Player, kind: string): Promise<BenchResult[]> {
  const id = await conversation(a, b);
  for (let i = 0; i < 20; i++) await call(postEvent(i % 2 ? a : b, id, i), 201);
  const results: BenchResult[] = [];
  for (const [name, after, what] of [
    ['read.messagesAfter', '20', 'nothing new (the idle poll, 200 with an empty page)'],
    ['read.messagesAfterPage', '15', 'a small page (5 new messages)'],
  ] as const) {
    const event = getEvent(b, id, { after });
    const statements = await record(() => call(event, 200));
    const viaHandler = await timeIt(() => call(event, 200), SAMPLES);
    const raw = await timeIt(() => replay(client, statements), SAMPLES);
    const notes = `${kind} PostgreSQL, ${SAMPLES} warm calls, GET messages?after=${after}: ${what}; raw = the ${statements.length} statements the handler ran (${statements.map((s) => oneLine(s.text)).join(' | ')})`;
    results.push(ratioResult(`${name}.p50`, 'ms', percentile(viaHandler, 50), percentile(raw, 50), notes));
    results.push(ratioResult(`${name}.p99`, 'ms', percentile(viaHandler, 99), percentile(raw, 99), notes));
  }

  let n = 1000;
  const statements = await record(() => call(postEvent(a, id, n++), 201));
  const clientId = statements.find((s) => /client_message_id = \$2/.test(s.text))?.values[1];
  const events = Array.from({ length: SAMPLES + 20 }, () => postEvent(a, id, n++));
  let next = 0;
  const viaHandler = await timeIt(() => call(events[next++]!, 201), SAMPLES);
  const raw = await timeIt(
    () => replay(client, statements, new Map([[clientId, `raw-${n++}-${Date.now()}`]])),
    SAMPLES,
  );
  const notes = `${kind} PostgreSQL, ${SAMPLES} warm posts with a clientMessageId between two human personas (no AI reply jobs); raw = the ${statements.length} statements of the request (${statements.map((s) => oneLine(s.text)).join(' | ')})`;
  results.push(
    ratioResult('write.postMessage.p50', 'ms', percentile(viaHandler, 50), percentile(raw, 50), notes),
  );
  results.push(
    ratioResult('write.postMessage.p99', 'ms', percentile(viaHandler, 99), percentile(raw, 99), notes),
  );
  return results;
}

/** `count` conversations of `per` messages each, participants included, in one statement. */
async function bulkConversations(
  client: Client,
  a: Player,
  b: Player,
  count: number,
  per: number,
): Promise<void> {
  // On the raw client: the app's pool would (rightly) time a statement this big out.
  await client.query(
    `WITH c AS (
       INSERT INTO conversations (title, created_by, last_seq, message_count, last_message_at)
       SELECT 'Bulk ' || g, $1, $2, $2, now() FROM generate_series(1, $3) g RETURNING id
     ), p AS (
       INSERT INTO conversation_participants (conversation_id, persona_id, user_id)
       SELECT c.id, x.persona_id, x.user_id
         FROM c CROSS JOIN (VALUES ($4::uuid, $5::uuid), ($6::uuid, $1::uuid)) x (persona_id, user_id)
     )
     INSERT INTO messages (conversation_id, seq, persona_id, content)
     SELECT c.id, s, CASE WHEN s % 2 = 0 THEN $4::uuid ELSE $6::uuid END, 'Bulk message number ' || s || ' of a long chat'
       FROM c CROSS JOIN generate_series(1, $2) s`,
    [a.userId, per, count, b.personaId, b.userId, a.personaId],
  );
}

interface ScaleRun {
  before: number[];
  after: number[];
  plans: string[];
}

/** Plan lines worth keeping: the root, the scan of messages with its condition and buffers, the timing. */
function summarize(lines: string[]): string {
  const scan = lines.findIndex((l) => / on messages /.test(l));
  const keep = [lines[0]!, ...(scan < 0 ? [] : lines.slice(scan, scan + 3))];
  keep.push(...lines.filter((l) => /Execution Time/.test(l)));
  return keep.map((l) => l.replace(/^\s*(->\s*)?/, '').replace(/\s+/g, ' ')).join('; ');
}

async function measureList(client: Client, who: Player, id: string, last: number): Promise<ScaleRun> {
  const events = {
    before: getEvent(who, id, { cursor: encodeCursor({ before: Math.floor(last / 2) }) }),
    after: getEvent(who, id, { after: String(last - 10) }),
  };
  const plans: string[] = [];
  for (const [label, event] of Object.entries(events)) {
    const feed = (await record(() => call(event, 200))).find((s) => s.text.includes('WITH access'))!;
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, BUFFERS) ${feed.text}`,
      feed.values,
    );
    plans.push(`${label}: ${summarize(rows.map((r) => r['QUERY PLAN']))}`);
  }
  return {
    before: await timeIt(() => call(events.before, 200), SAMPLES),
    after: await timeIt(() => call(events.after, 200), SAMPLES),
    plans,
  };
}

async function scale(client: Client, a: Player, b: Player, kind: string): Promise<BenchResult[]> {
  await client.query('TRUNCATE messages, conversations CASCADE');
  const id = await conversation(a, b);
  await client.query(
    `WITH s AS (INSERT INTO messages (conversation_id, seq, persona_id, content)
       SELECT $1, s, CASE WHEN s % 2 = 0 THEN $2::uuid ELSE $3::uuid END, 'Target message ' || s
         FROM generate_series(1, $4) s)
     UPDATE conversations SET last_seq = $4, message_count = $4 WHERE id = $1`,
    [id, a.personaId, b.personaId, TARGET_MESSAGES],
  );
  await bulkConversations(client, a, b, 5, 100);
  const count = async () => (await query<{ n: number }>('SELECT count(*) AS n FROM messages')).rows[0]!.n;
  await client.query('ANALYZE');
  const smallCount = await count();
  const small = await measureList(client, b, id, TARGET_MESSAGES);

  const started = Date.now();
  let total = smallCount;
  while (total < BIG_TABLE) {
    const elapsed = Date.now() - started;
    // Stop before a statement that would overrun the budget (each takes about as long as the last).
    if (
      total > smallCount &&
      (elapsed / (total - smallCount)) * (total - smallCount + 100_000) > BULK_BUDGET_MS
    )
      break;
    const conversations = Math.min(
      BULK_CONVERSATIONS_PER_STATEMENT,
      Math.ceil((BIG_TABLE - total) / BULK_PER_CONVERSATION),
    );
    await bulkConversations(client, a, b, conversations, BULK_PER_CONVERSATION);
    total += conversations * BULK_PER_CONVERSATION;
  }
  await client.query('ANALYZE');
  const loadSeconds = round((Date.now() - started) / 1000, 1);
  const bigCount = await count();
  const big = await measureList(client, b, id, TARGET_MESSAGES);

  const header = `${kind} PostgreSQL; the same ${TARGET_MESSAGES}-message conversation with ${smallCount} vs ${bigCount} messages in the table (${bigCount - smallCount} inserted in ${loadSeconds} s by INSERT…SELECT generate_series, ${BULK_PER_CONVERSATION} per conversation); ${SAMPLES} calls each through the handler`;
  const results = [
    ratioResult(
      'scale.messagesList.p99',
      'ms',
      percentile([...big.before, ...big.after], 99),
      percentile([...small.before, ...small.after], 99),
      `${header}; backwards page (cursor before=${TARGET_MESSAGES / 2}, 50 rows) and after-poll (10 new rows) together. EXPLAIN ${smallCount}: ${small.plans.join(' || ')}. EXPLAIN ${bigCount}: ${big.plans.join(' || ')}`,
    ),
  ];
  for (const k of ['before', 'after'] as const)
    results.push(
      ratioResult(
        `scale.messagesList.${k}.p99`,
        'ms',
        percentile(big[k], 99),
        percentile(small[k], 99),
        `${header}; ${k === 'before' ? 'backwards page only' : 'after-poll only'}; p50 ${round(percentile(small[k], 50))} → ${round(percentile(big[k], 50))} ms`,
      ),
    );
  return results;
}

async function pollers(): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'amianai-pollers-'));
  const savedUrl = process.env.DATABASE_URL;
  delete process.env.DATABASE_URL;
  resetConfig();
  const server = await startLocalServer({ port: 0, dataDir, quiet: true });
  try {
    const api = async <T>(route: string, token?: string, body?: unknown): Promise<T> => {
      const res = await fetch(`${server.url}${route}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${route}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };
    // B joins with a public human persona (a private one only its owner may bring in).
    const signIn = async (name: string) => {
      const { token } = await api<{ token: string }>('/api/dev/token', undefined, { name, admin: false });
      const me = await api<{ personas: Array<{ id: string }> }>('/api/me', token);
      const pub = await api<{ id: string }>('/api/personas', token, {
        name,
        kind: 'human',
        visibility: 'public',
      });
      return { token, personaId: me.personas[0]!.id, publicId: pub.id };
    };
    const [a, b] = [await signIn('Poller A'), await signIn('Poller B')];
    const { id } = await api<{ id: string }>('/api/conversations', a.token, {
      title: 'Polled chat',
      participantPersonaIds: [a.personaId, b.publicId],
    });
    let seq = 0;
    for (let i = 0; i < 5; i++)
      ({ seq } = await api<{ seq: number }>(`/api/conversations/${id}/messages`, a.token, {
        personaId: a.personaId,
        content: `hello ${i}`,
      }));
    const route = `/api/conversations/${id}/messages?after=${seq}`;
    const first = await fetch(`${server.url}${route}`, { headers: { Authorization: `Bearer ${b.token}` } });
    const etag = first.headers.get('etag');
    if (first.status !== 200 || !etag) throw new Error(`first poll: ${first.status}, ETag ${etag}`);

    const result = await autocannon({
      url: `${server.url}${route}`,
      connections: POLLERS,
      duration: POLL_SECONDS,
      headers: { Authorization: `Bearer ${b.token}`, 'If-None-Match': etag },
    });
    const total = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
    const errors = result.errors + result.timeouts + result['4xx'] + result['5xx'];
    const notes = `${POLLERS} connections for ${POLL_SECONDS} s against the local server (embedded PostgreSQL), GET messages?after=<latest> with If-None-Match; ${total} responses, ${round((100 * result['3xx']) / Math.max(1, total), 1)}% 304, p99 latency ${result.latency.p99} ms`;
    return [
      { name: 'http.pollers.throughput', unit: 'req/s', value: round(result.requests.average, 1), notes },
      { name: 'http.pollers.errors', unit: 'count', value: errors, notes },
    ];
  } finally {
    // Bounded: a stuck shutdown of the embedded database must not hang the run (it exits with this process).
    await Promise.race([server.stop(), new Promise((resolve) => setTimeout(resolve, 15_000).unref())]);
    if (savedUrl !== undefined) process.env.DATABASE_URL = savedUrl;
    resetConfig();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function run(): Promise<BenchResult[]> {
  const savedLimit = process.env.WRITE_RATE_LIMIT_PER_MINUTE;
  // Before config is read: the benchmark posts far more than a person may.
  process.env.WRITE_RATE_LIMIT_PER_MINUTE = '100000';
  resetConfig();
  const results: BenchResult[] = [];
  try {
    const db = await benchDatabase();
    const client = new Client({ connectionString: db.url });
    try {
      await client.connect();
      const [a, b] = [await player('Bench A'), await player('Bench B')];
      results.push(...(await latency(client, a, b, db.kind)));
      results.push(...(await scale(client, a, b, db.kind)));
    } finally {
      await client.end().catch(() => undefined);
      await db.stop();
    }
    await closePool();
    results.push(...(await pollers()));
    return results;
  } finally {
    if (savedLimit === undefined) delete process.env.WRITE_RATE_LIMIT_PER_MINUTE;
    else process.env.WRITE_RATE_LIMIT_PER_MINUTE = savedLimit;
    resetConfig();
  }
}
