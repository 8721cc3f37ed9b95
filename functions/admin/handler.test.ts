import { listMigrations, query } from '@amianai/shared/db';
import {
  aiPersona,
  invoke,
  lambdaContext,
  newCaller,
  player,
  seedConversation,
  seedPost,
  useTestDatabase,
} from '../../tests/support/fixtures';
import { handler } from './handler';
import { CONVERSATIONS, PERSONAS } from './seed-data';

useTestDatabase();

const admin = newCaller('Ada', true);
const user = newCaller('Uma');

/** The newest migration shipped (numbers may have gaps). */
const LATEST = Math.max(...listMigrations().map((m) => m.version));

describe('admin API', () => {
  it.each([
    ['GET', '/api/admin/database-status'],
    ['POST', '/api/admin/setup-database'],
    ['POST', '/api/admin/seed-database'],
  ])('%s %s is 401 without identity and 403 for a non-admin', async (method, resource) => {
    const anonymous = await invoke(handler, { method, resource });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('unauthorized');
    const forbidden = await invoke(handler, { method, resource, caller: user });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('forbidden');
  });

  it('reports connectivity, migration version and row counts', async () => {
    const res = await invoke(handler, {
      method: 'GET',
      resource: '/api/admin/database-status',
      caller: admin,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ connected: true, migrationVersion: LATEST, pendingMigrations: 0 });
    expect(res.body.counts).toEqual(
      expect.objectContaining({
        users: expect.any(Number),
        personas: expect.any(Number),
        messages: expect.any(Number),
      }),
    );
  });

  it('counts live rows of each table, and the counts follow what is written', async () => {
    const status = async () =>
      (await invoke(handler, { method: 'GET', resource: '/api/admin/database-status', caller: admin })).body;
    const before = (await status()).counts;
    expect(Object.keys(before).sort()).toEqual(['aiJobs', 'conversations', 'messages', 'personas', 'users']);
    const ava = await player('Ava Counted');
    const ai = await aiPersona({ name: 'Counted Bot' });
    await aiPersona({ name: 'Gone Bot', deleted: true });
    const chat = await seedConversation({ createdBy: ava, ais: [ai] });
    const { jobIds } = await seedPost(chat, ava, 'hello Counted Bot');
    expect((await status()).counts).toEqual({
      users: before.users + 1,
      personas: before.personas + 2,
      conversations: before.conversations + 1,
      messages: before.messages + 1,
      aiJobs: before.aiJobs + jobIds.length,
    });
  });

  it('applies migrations idempotently', async () => {
    const res = await invoke(handler, {
      method: 'POST',
      resource: '/api/admin/setup-database',
      caller: admin,
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ applied: [], version: LATEST });
  });

  it('seeds the demo cast once, and a second run inserts nothing', async () => {
    const first = await invoke(handler, {
      method: 'POST',
      resource: '/api/admin/seed-database',
      caller: admin,
    });
    expect(first.status).toBe(200);
    expect(first.body.inserted).toMatchObject({
      personas: PERSONAS.length,
      conversations: CONVERSATIONS.length,
    });
    const second = await invoke(handler, {
      method: 'POST',
      resource: '/api/admin/seed-database',
      caller: admin,
    });
    expect(second.body.inserted).toEqual({ users: 0, personas: 0, conversations: 0, messages: 0 });
    const { rows } = await query<{ ai: number; human: number }>(
      "SELECT count(*) FILTER (WHERE kind = 'ai') AS ai, count(*) FILTER (WHERE kind = 'human') AS human FROM personas WHERE owner_id IS NULL OR owner_id IN (SELECT id FROM users WHERE cognito_sub LIKE 'demo|%')",
    );
    expect(rows[0]!.ai).toBeGreaterThanOrEqual(5);
    expect(rows[0]!.human).toBeGreaterThanOrEqual(3);
  });

  it('rejects unknown fields in the seed body', async () => {
    const res = await invoke(handler, {
      method: 'POST',
      resource: '/api/admin/seed-database',
      caller: admin,
      body: { wipe: true },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toContain('body');
  });

  it('refuses to seed production without explicit confirmation', async () => {
    const previous = process.env.STAGE;
    process.env.STAGE = 'prod';
    const { resetConfig } = await import('@amianai/shared/config');
    resetConfig();
    try {
      const refused = await invoke(handler, {
        method: 'POST',
        resource: '/api/admin/seed-database',
        caller: admin,
      });
      expect(refused.status).toBe(403);
      const confirmed = await invoke(handler, {
        method: 'POST',
        resource: '/api/admin/seed-database',
        caller: admin,
        body: { confirmProduction: true },
      });
      expect(confirmed.status).toBe(200);
    } finally {
      process.env.STAGE = previous;
      resetConfig();
    }
  });

  it('migrates through direct invocation, as a deploy does', async () => {
    const result = await handler({ action: 'migrate' }, lambdaContext('admin'));
    expect(result).toEqual({ applied: [], version: LATEST });
    await expect(handler({ action: 'drop-everything' }, lambdaContext('admin'))).rejects.toThrow(
      /Invalid event/,
    );
  });
});
