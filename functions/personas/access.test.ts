import { query } from '@amianai/shared/db';
import {
  aiPersonaBody,
  createPersona,
  humanPersonaBody,
  newCaller,
  personasApi,
  type TestCaller,
  useTestDatabase,
} from '../../tests/support/fixtures';

useTestDatabase();

const owner = newCaller('Owen');
const other = newCaller('Otto');
const admin = newCaller('Ada', true);
const actors: Record<string, TestCaller> = { owner, other, admin };

const OWNER_ONLY_KEYS = ['kind', 'ai', 'ownerId', 'visibility', 'version'];

type Op = 'get' | 'update' | 'delete';
const run = (op: Op, caller: TestCaller, id: string) =>
  op === 'get'
    ? personasApi.get(caller, id)
    : op === 'update'
      ? personasApi.update(caller, id, { version: 1, name: 'Renamed' })
      : personasApi.remove(caller, id);

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
    const persona = await createPersona(owner, aiPersonaBody({ visibility }));
    const res = await run(op, actors[actor]!, persona.id);
    expect(res.status).toBe(status);
    if (status === 200) {
      for (const key of OWNER_ONLY_KEYS) expect(Object.hasOwn(res.body, key)).toBe(ownerView);
    }
    if (status >= 400) {
      expect(res.body.error.code).toBe(status === 403 ? 'forbidden' : 'not_found');
      // A refused change leaves the persona as it was.
      const after = await personasApi.get(owner, persona.id);
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
    expect((await personasApi.update(owner, id, { version: 1, name: 'Mine now' })).status).toBe(403);
    expect((await personasApi.remove(other, id)).status).toBe(403);
    expect(Object.hasOwn((await personasApi.get(owner, id)).body, 'kind')).toBe(false);
    expect((await personasApi.update(admin, id, { version: 1, name: 'House Cat II' })).status).toBe(200);
    expect((await personasApi.remove(admin, id)).status).toBe(204);
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
    const human = await createPersona(owner, humanPersonaBody({ avatarUrl: 'https://example.com/h.png' }));
    const ai = await createPersona(owner, aiPersonaBody({ avatarUrl: null }));
    const seenHuman = (await personasApi.get(other, human.id)).body;
    const seenAi = (await personasApi.get(other, ai.id)).body;
    expect(deepKeys(seenAi).sort()).toEqual(deepKeys(seenHuman).sort());
    for (const key of OWNER_ONLY_KEYS) expect(Object.hasOwn(seenAi, key)).toBe(false);
    expect(JSON.stringify(seenAi)).not.toContain('You are Juno.');
  });

  it('shows the same keys for human and AI personas in another user’s list', async () => {
    const lister = newCaller('Lister');
    await createPersona(owner, humanPersonaBody({ name: 'Integrity Human' }));
    await createPersona(owner, aiPersonaBody({ name: 'Integrity Bot' }));
    const res = await personasApi.list(lister, { q: 'Integrity', limit: '10' });
    expect(res.body.items).toHaveLength(2);
    const [a, b] = res.body.items;
    expect(deepKeys(a).sort()).toEqual(deepKeys(b).sort());
    expect(JSON.stringify(res.body)).not.toMatch(/"kind"|"ai"|ownerId|systemPrompt|"version"|"visibility"/);
  });

  it('shows the owner their own personas in full in lists', async () => {
    const res = await personasApi.list(owner, { mine: 'true', limit: '100' });
    for (const item of res.body.items)
      for (const key of OWNER_ONLY_KEYS) expect(Object.hasOwn(item, key)).toBe(true);
  });

  it('refuses to filter other people’s personas by kind', async () => {
    const res = await personasApi.list(other, { kind: 'ai' });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('query/kind');
    const admins = await personasApi.list(admin, { kind: 'ai' });
    expect(admins.status).toBe(400);
  });

  it('filters the caller’s own personas by kind with mine=true', async () => {
    const solo = newCaller('Solo');
    await createPersona(solo, aiPersonaBody({ name: 'Solo Bot' }));
    await createPersona(other, aiPersonaBody({ name: 'Not Solo Bot' }));
    const ais = await personasApi.list(solo, { mine: 'true', kind: 'ai' });
    expect(ais.body.items.map((p: { name: string }) => p.name)).toEqual(['Solo Bot']);
    const humans = await personasApi.list(solo, { mine: 'true', kind: 'human' });
    // Only the default persona created on the first request.
    expect(humans.body.items.map((p: { kind: string }) => p.kind)).toEqual(['human']);
  });

  it('never lists another user’s private personas, not even to an admin', async () => {
    const hidden = await createPersona(owner, aiPersonaBody({ name: 'Hidden Zebra', visibility: 'private' }));
    for (const caller of [other, admin]) {
      const res = await personasApi.list(caller, { q: 'Hidden Zebra' });
      expect(res.body.items).toEqual([]);
    }
    const mine = await personasApi.list(owner, { q: 'Hidden Zebra' });
    expect(mine.body.items.map((p: { id: string }) => p.id)).toEqual([hidden.id]);
  });
});
