import { query } from '@amianai/shared/db';
import { useTestDatabase } from '../../tests/support/database';
import { newCaller, type TestCaller } from '../../tests/support/events';
import { aiBody, api, createAs, humanBody } from './testing';

useTestDatabase();

const owner = newCaller('Owen');
const other = newCaller('Otto');
const admin = newCaller('Ada', true);
const actors: Record<string, TestCaller> = { owner, other, admin };

const OWNER_ONLY_KEYS = ['kind', 'ai', 'ownerId', 'visibility', 'version'];

type Op = 'get' | 'update' | 'delete';
const run = (op: Op, caller: TestCaller, id: string) =>
  op === 'get'
    ? api.get(caller, id)
    : op === 'update'
      ? api.update(caller, id, { version: 1, name: 'Renamed' })
      : api.remove(caller, id);

describe('access matrix', () => {
  // [visibility, actor, op, status, sees the owner view]
  const matrix: Array<[string, string, Op, number, boolean]> = [
    ['public', 'owner', 'get', 200, true],
    ['public', 'owner', 'update', 200, true],
    ['public', 'owner', 'delete', 204, false],
    ['public', 'other', 'get', 200, false],
    ['public', 'other', 'update', 403, false],
    ['public', 'other', 'delete', 403, false],
    ['public', 'admin', 'get', 200, true],
    ['public', 'admin', 'update', 200, true],
    ['public', 'admin', 'delete', 204, false],
    ['private', 'owner', 'get', 200, true],
    ['private', 'owner', 'update', 200, true],
    ['private', 'owner', 'delete', 204, false],
    ['private', 'other', 'get', 404, false],
    ['private', 'other', 'update', 404, false],
    ['private', 'other', 'delete', 404, false],
    ['private', 'admin', 'get', 200, true],
    ['private', 'admin', 'update', 200, true],
    ['private', 'admin', 'delete', 204, false],
  ];

  it.each(matrix)('a %s persona: %s → %s is %i', async (visibility, actor, op, status, ownerView) => {
    const persona = await createAs(owner, aiBody({ visibility }));
    const res = await run(op, actors[actor]!, persona.id);
    expect(res.status).toBe(status);
    if (status === 200) {
      for (const key of OWNER_ONLY_KEYS) expect(Object.hasOwn(res.body, key)).toBe(ownerView);
    }
    if (status >= 400) {
      expect(res.body.error.code).toBe(status === 403 ? 'forbidden' : 'not_found');
      // A refused change leaves the persona as it was.
      const after = await api.get(owner, persona.id);
      expect(after.body).toMatchObject({ name: persona.name, version: 1 });
    }
  });

  it('lets only admins change or delete a house persona (no owner)', async () => {
    const { rows } = await query<{ id: string }>(
      `INSERT INTO personas (owner_id, name, kind, description, ai)
       VALUES (NULL, 'House Cat', 'ai', 'Lives here.', '{"model":"gpt-4o-mini","temperature":1,"maxTokens":100,"systemPrompt":null,"typingWpm":40,"talkativeness":0.5}')
       RETURNING id`,
    );
    const id = rows[0]!.id;
    expect((await api.update(owner, id, { version: 1, name: 'Mine now' })).status).toBe(403);
    expect((await api.remove(other, id)).status).toBe(403);
    expect(Object.hasOwn((await api.get(owner, id)).body, 'kind')).toBe(false);
    expect((await api.update(admin, id, { version: 1, name: 'House Cat II' })).status).toBe(200);
    expect((await api.remove(admin, id)).status).toBe(204);
  });
});

describe('game integrity', () => {
  const deepKeys = (value: unknown, prefix = ''): string[] =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.entries(value).flatMap(([k, v]) =>
          k === 'traits' ? [`${prefix}${k}`] : [`${prefix}${k}`, ...deepKeys(v, `${prefix}${k}.`)],
        )
      : [];

  it('serializes a human and an AI persona to the same keys for anyone but the owner', async () => {
    const human = await createAs(owner, humanBody({ avatarUrl: 'https://example.com/h.png' }));
    const ai = await createAs(owner, aiBody({ avatarUrl: null }));
    const seenHuman = (await api.get(other, human.id)).body;
    const seenAi = (await api.get(other, ai.id)).body;
    expect(deepKeys(seenAi).sort()).toEqual(deepKeys(seenHuman).sort());
    for (const key of OWNER_ONLY_KEYS) expect(Object.hasOwn(seenAi, key)).toBe(false);
    expect(JSON.stringify(seenAi)).not.toContain('You are Juno.');
  });

  it('shows the same keys for human and AI personas in another user’s list', async () => {
    const lister = newCaller('Lister');
    await createAs(owner, humanBody({ name: 'Integrity Human' }));
    await createAs(owner, aiBody({ name: 'Integrity Bot' }));
    const res = await api.list(lister, { q: 'Integrity', limit: '10' });
    expect(res.body.items).toHaveLength(2);
    const [a, b] = res.body.items;
    expect(deepKeys(a).sort()).toEqual(deepKeys(b).sort());
    expect(JSON.stringify(res.body)).not.toMatch(/"kind"|"ai"|ownerId|systemPrompt|"version"|"visibility"/);
  });

  it('shows the owner their own personas in full in lists', async () => {
    const res = await api.list(owner, { mine: 'true', limit: '100' });
    for (const item of res.body.items)
      for (const key of OWNER_ONLY_KEYS) expect(Object.hasOwn(item, key)).toBe(true);
  });

  it('refuses to filter other people’s personas by kind', async () => {
    const res = await api.list(other, { kind: 'ai' });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('query/kind');
    const admins = await api.list(admin, { kind: 'ai' });
    expect(admins.status).toBe(400);
  });

  it('filters the caller’s own personas by kind with mine=true', async () => {
    const solo = newCaller('Solo');
    await createAs(solo, aiBody({ name: 'Solo Bot' }));
    await createAs(other, aiBody({ name: 'Not Solo Bot' }));
    const ais = await api.list(solo, { mine: 'true', kind: 'ai' });
    expect(ais.body.items.map((p: { name: string }) => p.name)).toEqual(['Solo Bot']);
    const humans = await api.list(solo, { mine: 'true', kind: 'human' });
    // Only the default persona created on the first request.
    expect(humans.body.items.map((p: { kind: string }) => p.kind)).toEqual(['human']);
  });

  it('never lists another user’s private personas, not even to an admin', async () => {
    const hidden = await createAs(owner, aiBody({ name: 'Hidden Zebra', visibility: 'private' }));
    for (const caller of [other, admin]) {
      const res = await api.list(caller, { q: 'Hidden Zebra' });
      expect(res.body.items).toEqual([]);
    }
    const mine = await api.list(owner, { q: 'Hidden Zebra' });
    expect(mine.body.items.map((p: { id: string }) => p.id)).toEqual([hidden.id]);
  });
});
