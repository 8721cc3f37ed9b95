/**
 * Against a real PostgreSQL server only (skipped without TEST_SERVER_URL): several users post messages through
 * the local server while every connection of the app is terminated again and again, which empties the pool
 * and makes it refill. Each poster retries a failed post with the same clientMessageId, as the web app does.
 * Holds: every answer is a success or a clean 503 in the error shape; no acknowledged message is lost or
 * stored twice and sequence numbers stay gapless; within 5 s of the last fault every post succeeds again.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { type AppServer, createTestDatabase, startAppServer, type TestDatabase } from '../support/fixtures';
import { START_TIMEOUT_MS } from './local-server';

const onServer = Boolean(process.env.TEST_SERVER_URL);
const POSTERS = 4;
const FAULTS = 8;
const FAULT_INTERVAL_MS = 300;
const RECOVERY_MS = 5_000;
/** Clean posting after the last fault before the load stops. */
const AFTER_LAST_FAULT_MS = 2_000;
/** Upper bound on requests per poster, whatever happens. */
const MAX_ATTEMPTS = 400;

let db: TestDatabase;
let app: AppServer;

interface Attempt {
  poster: number;
  clientMessageId: string;
  status: number;
  at: number;
  body: unknown;
}

async function api(token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${app.server.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

async function ok<T>(token: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await api(token, method, path, body);
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as T;
}

/** Terminates every connection the app holds; returns how many there were. */
async function terminateAppConnections(): Promise<number> {
  const killer = new Client({ connectionString: db.url });
  await killer.connect();
  try {
    const { rows } = await killer.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (
         SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name LIKE 'amianai-%'
       ) AS killed`,
    );
    return rows[0]?.n ?? 0;
  } finally {
    await killer.end();
  }
}

beforeAll(async () => {
  if (!onServer) return;
  db = await createTestDatabase();
  app = await startAppServer(db.url);
}, START_TIMEOUT_MS);

afterAll(async () => {
  await app?.stop();
  await db?.stop();
}, START_TIMEOUT_MS);

(onServer ? describe : describe.skip)('posting while PostgreSQL terminates the app’s connections', () => {
  it('acknowledges every message exactly once, answers clean 503s meanwhile and recovers within 5 s', async () => {
    // Two people in one conversation of human personas only (no AI replies in the count), four posters.
    const auth = app.server.devAuth;
    const ada = (await auth.issue({ name: 'Fault Ada', admin: false })).token;
    const bob = (await auth.issue({ name: 'Fault Bob', admin: false })).token;
    type Me = { personas: Array<{ id: string; kind: string; version: number }> };
    const adaHuman = (await ok<Me>(ada, 'GET', '/api/me')).personas.find((p) => p.kind === 'human')!;
    const bobHuman = (await ok<Me>(bob, 'GET', '/api/me')).personas.find((p) => p.kind === 'human')!;
    await ok(bob, 'PUT', `/api/personas/${bobHuman.id}`, { version: bobHuman.version, visibility: 'public' });
    const conversation = await ok<{ id: string }>(ada, 'POST', '/api/conversations', {
      title: 'Under fire',
      participantPersonaIds: [adaHuman.id, bobHuman.id],
    });
    const posters = [
      { token: ada, personaId: adaHuman.id },
      { token: bob, personaId: bobHuman.id },
      { token: ada, personaId: adaHuman.id },
      { token: bob, personaId: bobHuman.id },
    ].slice(0, POSTERS);

    const attempts: Attempt[] = [];
    const acknowledged = new Map<string, string>(); // clientMessageId → content
    let lastFault = Number.POSITIVE_INFINITY;
    let faultsDone = false;
    let terminated = 0;

    const killer = (async () => {
      for (let i = 0; i < FAULTS; i++) {
        await new Promise((resolve) => setTimeout(resolve, FAULT_INTERVAL_MS));
        terminated += await terminateAppConnections();
        lastFault = Date.now();
      }
      faultsDone = true;
    })();

    const post = async (poster: number) => {
      const { token, personaId } = posters[poster]!;
      let clientMessageId = randomUUID();
      let pending = false; // the current message failed at least once: finish it before stopping
      for (let n = 0; n < MAX_ATTEMPTS; n++) {
        if (!pending && faultsDone && Date.now() > lastFault + AFTER_LAST_FAULT_MS) return;
        const content = `poster ${poster}: ${clientMessageId}`;
        const res = await api(token, 'POST', `/api/conversations/${conversation.id}/messages`, {
          personaId,
          content,
          clientMessageId,
        });
        attempts.push({ poster, clientMessageId, status: res.status, at: Date.now(), body: res.body });
        if (res.status === 201 || res.status === 200) {
          acknowledged.set(clientMessageId, content);
          clientMessageId = randomUUID();
          pending = false;
        } else {
          pending = true;
          // Retry the same message, as a client does after a 503.
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    };

    await Promise.all([killer, ...posters.map((_, i) => post(i))]);

    // The faults hit the app: connections were there to kill.
    expect(terminated).toBeGreaterThan(0);
    expect(acknowledged.size).toBeGreaterThan(20);

    // Every failure is a clean 503 in the error shape, nothing else.
    const failures = attempts.filter((a) => a.status !== 201 && a.status !== 200);
    for (const failure of failures) {
      expect({ status: failure.status, body: failure.body }).toEqual({
        status: 503,
        body: {
          error: {
            code: 'service_unavailable',
            message: expect.any(String),
            requestId: expect.any(String),
          },
        },
      });
    }

    // Recovery: nothing fails later than 5 s after the last fault, and posts succeed after it.
    const lateFailures = failures.filter((a) => a.at > lastFault + RECOVERY_MS);
    expect(lateFailures).toEqual([]);
    expect(attempts.some((a) => a.at > lastFault && (a.status === 201 || a.status === 200))).toBe(true);

    // What is stored: each acknowledged message exactly once, nothing else, gapless sequence numbers.
    const reader = new Client({ connectionString: db.url });
    await reader.connect();
    try {
      const { rows } = await reader.query<{ seq: number; client_message_id: string | null; content: string }>(
        'SELECT seq, client_message_id, content FROM messages WHERE conversation_id = $1 ORDER BY seq',
        [conversation.id],
      );
      const stored = new Map<string, number>();
      for (const row of rows)
        stored.set(row.client_message_id ?? '', (stored.get(row.client_message_id ?? '') ?? 0) + 1);
      expect([...stored.values()].every((count) => count === 1)).toBe(true);
      expect([...stored.keys()].sort()).toEqual([...acknowledged.keys()].sort());
      for (const row of rows) expect(row.content).toBe(acknowledged.get(row.client_message_id ?? ''));
      expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    } finally {
      await reader.end();
    }
  }, 120_000);
});
