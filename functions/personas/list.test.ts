import { query } from '@amianai/shared/db';
import { encodeCursor } from '@amianai/shared/http';
import {
  aiPersonaBody,
  createPersona,
  humanPersonaBody,
  newCaller,
  personasApi,
  type TestCaller,
  userIdOf,
  useTestDatabase,
} from '../../tests/support/fixtures';

useTestDatabase();

interface Item {
  id: string;
  name: string;
}

/** Follows nextCursor to the end and returns every item in order. */
async function walk(
  caller: TestCaller,
  params: Record<string, string>,
  between?: () => Promise<void>,
): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const res = await personasApi.list(caller, { ...params, ...(cursor ? { cursor } : {}) });
    expect(res.status).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
    if (!cursor) return items;
    await between?.();
  }
  throw new Error('too many pages');
}

/** Inserts personas straight into the table, with chosen creation times (to force ties and µs gaps). */
async function insertRaw(
  ownerId: string | null,
  style: string,
  times: string[],
  visibility = 'public',
): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, t] of times.entries()) {
    const { rows } = await query<{ id: string }>(
      `INSERT INTO personas (owner_id, name, kind, description, communication_style, visibility, created_at)
       VALUES ($1, $2, 'human', '', $3, $4, $5) RETURNING id`,
      [ownerId, `Raw ${style} ${i}`, style, visibility, t],
    );
    ids.push(rows[0]!.id);
  }
  return ids;
}

/** The expected order: newest first, ties broken by id descending. */
async function expectedOrder(where: string, values: unknown[]): Promise<string[]> {
  const { rows } = await query<{ id: string }>(
    `SELECT id FROM personas WHERE deleted_at IS NULL AND ${where} ORDER BY created_at DESC, id DESC`,
    values,
  );
  return rows.map((r) => r.id);
}

describe('GET /api/personas pagination', () => {
  it('walks pages with no duplicates or gaps, through ties and microsecond differences', async () => {
    const reader = newCaller('Reader');
    const same = '2026-03-01T10:00:00.123456Z';
    await insertRaw(null, 'tie-test', Array(25).fill(same));
    await insertRaw(null, 'tie-test', [
      '2026-03-01T10:00:00.123457Z',
      '2026-03-01T10:00:00.123455Z',
      '2026-03-01T10:00:00.123Z',
    ]);
    const expected = await expectedOrder("communication_style = 'tie-test'", []);
    expect(expected).toHaveLength(28);
    for (const limit of ['1', '7', '10', '28', '100']) {
      const items = await walk(reader, { style: 'tie-test', limit });
      expect(items.map((p) => p.id)).toEqual(expected);
    }
  });

  it('defaults to 20 per page and allows up to 100', async () => {
    const reader = newCaller('Counter');
    await insertRaw(
      null,
      'count-test',
      Array.from({ length: 25 }, (_, i) => `2026-04-01T00:00:${String(i).padStart(2, '0')}Z`),
    );
    const first = await personasApi.list(reader, { style: 'count-test' });
    expect(first.body.items).toHaveLength(20);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const all = await personasApi.list(reader, { style: 'count-test', limit: '100' });
    expect(all.body.items).toHaveLength(25);
    expect(all.body.nextCursor).toBeNull();
  });

  it('mixes public personas with the caller’s private ones, hiding others’ private ones, across pages', async () => {
    const me = newCaller('Mixer');
    const them = newCaller('Them');
    const [myId, theirId] = [await userIdOf(me), await userIdOf(them)];
    const stamp = (i: number) => `2026-05-01T00:00:${String(i).padStart(2, '0')}.000001Z`;
    await insertRaw(myId, 'mix-test', [0, 3, 6, 9, 12].map(stamp), 'private');
    await insertRaw(myId, 'mix-test', [1, 4].map(stamp), 'public');
    await insertRaw(theirId, 'mix-test', [2, 5, 8, 11].map(stamp), 'private');
    await insertRaw(null, 'mix-test', [7, 10, 13, 14].map(stamp), 'public');
    const expected = await expectedOrder(
      "communication_style = 'mix-test' AND (visibility = 'public' OR owner_id = $1)",
      [myId],
    );
    expect(expected).toHaveLength(11);
    expect((await walk(me, { style: 'mix-test', limit: '3' })).map((p) => p.id)).toEqual(expected);
    const theirs = await walk(them, { style: 'mix-test', limit: '4' });
    expect(theirs).toHaveLength(6 + 4);
  });

  it('keeps pages consistent while new personas are created between requests', async () => {
    const writer = newCaller('Writer');
    for (let i = 0; i < 12; i++)
      await createPersona(
        writer,
        humanPersonaBody({ name: `Stable ${i}`, communicationStyle: 'stable-test' }),
      );
    const before = await expectedOrder("communication_style = 'stable-test'", []);
    let n = 0;
    const items = await walk(newCaller('Walker'), { style: 'stable-test', limit: '5' }, async () => {
      await createPersona(
        writer,
        humanPersonaBody({ name: `Newer ${n++}`, communicationStyle: 'stable-test' }),
      );
    });
    expect(items.map((p) => p.id)).toEqual(before);
  });

  it.each([
    ['garbage', 'not a cursor!'],
    ['base64 of a non-object', Buffer.from('"x"').toString('base64url')],
    ['a wrong shape', encodeCursor({ created: 1, id: 2 })],
    [
      'an extra field',
      encodeCursor({ t: '2026-01-01T00:00:00.000000Z', i: '00000000-0000-4000-8000-000000000001', x: 1 }),
    ],
    ['a bad id', encodeCursor({ t: '2026-01-01T00:00:00.000000Z', i: 'nope' })],
    [
      'an impossible date',
      encodeCursor({ t: '2026-02-30T00:00:00.000000Z', i: '00000000-0000-4000-8000-000000000001' }),
    ],
    [
      'an hour of 24',
      encodeCursor({ t: '2026-02-01T24:00:00.000000Z', i: '00000000-0000-4000-8000-000000000001' }),
    ],
    [
      'the year 0 (PostgreSQL has none)',
      encodeCursor({ t: '0000-01-01T00:00:00.000000Z', i: '00000000-0000-4000-8000-000000000001' }),
    ],
  ])('returns 400 invalid_cursor for %s', async (_label, cursor) => {
    const res = await personasApi.list(newCaller(), { cursor });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_cursor');
  });

  it.each([['0'], ['101'], ['ten'], ['-5'], ['2.5'], ['1e2'], ['0x10'], ['true']])(
    'returns 400 for limit=%s',
    async (limit) => {
      const res = await personasApi.list(newCaller(), { limit });
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].path).toBe('query/limit');
    },
  );

  it.each([['1'], ['yes'], ['TRUE']])('returns 400 for mine=%s (only true or false)', async (mine) => {
    const res = await personasApi.list(newCaller(), { mine });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('query/mine');
  });

  it('returns 400 for an unknown query parameter', async () => {
    const res = await personasApi.list(newCaller(), { sort: 'name' });
    expect(res.status).toBe(400);
  });
});

describe('GET /api/personas filters', () => {
  const finder = newCaller('Finder');
  beforeAll(async () => {
    const maker = newCaller('Maker');
    await createPersona(
      maker,
      aiPersonaBody({
        name: 'Quill Harper',
        description: 'Writes 100% true stories',
        knowledge: ['Poetry', 'Old Maps'],
        communicationStyle: 'Poetic',
      }),
    );
    await createPersona(
      maker,
      humanPersonaBody({
        name: 'Bram Stoke',
        description: 'Fire_starter and smith',
        knowledge: ['metalwork'],
        communicationStyle: 'gruff',
      }),
    );
    await createPersona(
      maker,
      humanPersonaBody({
        name: 'Cora Lane',
        description: 'Maps rivers for a living',
        knowledge: ['old maps', 'rivers'],
        communicationStyle: 'poetic',
      }),
    );
  });
  const names = async (params: Record<string, string>) =>
    (await personasApi.list(finder, { limit: '100', ...params })).body.items.map((p: Item) => p.name).sort();

  it('finds text in the name or description, case-insensitively', async () => {
    expect(await names({ q: 'harper' })).toEqual(['Quill Harper']);
    expect(await names({ q: 'MAPS RIVERS' })).toEqual(['Cora Lane']);
  });

  it('treats % and _ in q as plain characters', async () => {
    expect(await names({ q: '100%' })).toEqual(['Quill Harper']);
    expect(await names({ q: 'fire_starter' })).toEqual(['Bram Stoke']);
    expect(await names({ q: 'am_st' })).toEqual([]);
  });

  it('filters by communication style, case-insensitively', async () => {
    expect(await names({ style: 'POETIC' })).toEqual(['Cora Lane', 'Quill Harper']);
  });

  it('filters by a knowledge topic, normalized like stored topics', async () => {
    expect(await names({ knowledge: '  Old   Maps ' })).toEqual(['Cora Lane', 'Quill Harper']);
    expect(await names({ knowledge: 'metalwork', style: 'gruff' })).toEqual(['Bram Stoke']);
    expect(await names({ knowledge: 'metalwork', style: 'poetic' })).toEqual([]);
  });

  it('returns 400 for filters that are too long or empty', async () => {
    const cases: Array<Record<string, string>> = [
      { q: 'x'.repeat(101) },
      { q: '' },
      { style: 'x'.repeat(41) },
      { knowledge: 'x'.repeat(41) },
      { mine: 'maybe' },
    ];
    for (const params of cases) {
      expect((await personasApi.list(finder, params)).status).toBe(400);
    }
  });
});
