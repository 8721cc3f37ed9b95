import { query } from '@amianai/shared/db';
import { encodeCursor } from '@amianai/shared/http';
import {
  aiPersona,
  callConversations,
  conversation,
  expectErrorShape,
  humanPersona,
  type Player,
  post,
  usePlayer,
  useTestDatabase,
  withoutWriteLimit,
} from '../../tests/support/fixtures';

withoutWriteLimit();
useTestDatabase();

const alice = usePlayer('Alice');
const eve = usePlayer('Eve');
const admin = usePlayer('Ada', true);
let ai: string;
const ids: string[] = [];

beforeAll(async () => {
  ai = await aiPersona();
  for (let i = 0; i < 7; i++) ids.push(await conversation(alice, [ai]));
  // Rounds come from the game queue only; stand-ins for three of them, made game conversations in SQL.
  await query(`UPDATE conversations SET mode = 'game' WHERE id = ANY($1)`, [[ids[1], ids[3], ids[5]]]);
  await conversation(eve, [ai]);
  await conversation(admin, [ai]);
});

type Item = { id: string; status: string; mode: string };

async function allPages(who: Player, q: Record<string, string>): Promise<Item[]> {
  const seen: Item[] = [];
  let cursor: string | null = null;
  do {
    const res = await callConversations(who, 'GET', 'list', {
      query: { ...q, ...(cursor ? { cursor } : {}) },
    });
    expect(res.status).toBe(200);
    seen.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return seen;
}

describe('GET /api/conversations', () => {
  it('lists only the caller’s conversations, newest activity first', async () => {
    const res = await callConversations(alice, 'GET', 'list');
    expect(res.status).toBe(200);
    expect(res.body.items.map((c: Item) => c.id)).toEqual([...ids].reverse());
    expect(res.body.nextCursor).toBeNull();
  });

  it('moves a conversation to the front when a message is posted', async () => {
    await post(alice, ids[0]!, 'bump');
    const res = await callConversations(alice, 'GET', 'list', { query: { limit: '1' } });
    expect(res.body.items[0].id).toBe(ids[0]);
    expect(res.body.items[0]).toMatchObject({ messageCount: 1, lastMessageAt: expect.any(String) });
  });

  it('pages with a cursor without duplicates or gaps', async () => {
    const items = await allPages(alice, { limit: '2' });
    expect(items.map((c) => c.id).sort()).toEqual([...ids].sort());
  });

  it('filters by mode and by status', async () => {
    const games = await allPages(alice, { mode: 'game', limit: '2' });
    expect(games).toHaveLength(3);
    expect(games.every((c) => c.mode === 'game')).toBe(true);
    await callConversations(alice, 'POST', 'end', { id: ids[0]! });
    const ended = await allPages(alice, { status: 'ended' });
    expect(ended.map((c) => c.id)).toEqual([ids[0]]);
    const active = await allPages(alice, { status: 'active' });
    expect(active).toHaveLength(6);
  });

  it('shows an admin only their own conversations here', async () => {
    const items = await allPages(admin, {});
    expect(items).toHaveLength(1);
  });

  it('keeps one entry per conversation when the caller plays two personas in it', async () => {
    const second = await humanPersona({ ownerId: eve.userId, visibility: 'private' });
    await conversation(eve, [second, ai]);
    const items = await allPages(eve, {});
    expect(items).toHaveLength(2);
  });

  it.each([
    ['a cursor that is not base64 JSON', { cursor: '%%%' }],
    ['a cursor of the wrong shape', { cursor: encodeCursor({ before: 3 }) }],
    ['a cursor with a bad id', { cursor: encodeCursor({ a: 1, id: 'x' }) }],
    ['a limit of 0', { limit: '0' }],
    ['a limit of 101', { limit: '101' }],
    ['a non-numeric limit', { limit: 'ten' }],
    ['an unknown status', { status: 'paused' }],
    ['an unknown parameter', { sort: 'title' }],
  ])('returns 400 for %s', async (_, q) => {
    const res = await callConversations(alice, 'GET', 'list', { query: q });
    expect(res.status).toBe(400);
    expectErrorShape(res.body);
  });

  it('returns 401 without an identity', async () => {
    expect((await callConversations(undefined, 'GET', 'list')).status).toBe(401);
  });
});
