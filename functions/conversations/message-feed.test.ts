import { randomUUID } from 'node:crypto';
import { query } from '@amianai/shared/db';
import { encodeCursor } from '@amianai/shared/http';
import {
  aiPersona,
  callConversations,
  conversation,
  expectErrorShape,
  listMessages,
  post,
  seedAiMessage,
  usePlayer,
  useTestDatabase,
  withoutWriteLimit,
} from '../../tests/support/fixtures';

withoutWriteLimit();
useTestDatabase();

const alice = usePlayer('Alice');
const bob = usePlayer('Bob');
const eve = usePlayer('Eve');
const admin = usePlayer('Ada', true);
let ai: string;

beforeAll(async () => {
  ai = await aiPersona({ name: 'Sol' });
  await query("UPDATE personas SET visibility = 'public' WHERE id = $1", [bob.personaId]);
});

const seqs = (items: Array<{ seq: number }>) => items.map((m) => m.seq);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('GET /api/conversations/{id}/messages', () => {
  it('pages backwards across boundaries without duplicates or gaps while new messages arrive', async () => {
    const id = await conversation(alice, [bob.personaId]);
    for (let i = 1; i <= 23; i++) await post(i % 3 ? alice : bob, id, `m${i}`);
    const first = await listMessages(bob, id, { limit: '5' });
    expect(seqs(first.body.items)).toEqual(range(19, 23));
    const seen = [...first.body.items];
    let cursor: string | null = first.body.nextCursor;
    let arrived = 0;
    while (cursor) {
      await post(alice, id, 'arriving meanwhile');
      arrived += 1;
      const page = await listMessages(bob, id, { limit: '5', cursor });
      expect(page.status).toBe(200);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    }
    expect(seqs(seen).sort((a, b) => a - b)).toEqual(range(1, 23));
    const newer = await listMessages(bob, id, { after: '23' });
    expect(seqs(newer.body.items)).toEqual(range(24, 23 + arrived));
    expect(newer.body.nextCursor).toBeNull();
  });

  it('polls with after: newer messages, oldest first, up to the limit', async () => {
    const id = await conversation(alice, [ai]);
    for (let i = 1; i <= 6; i++) await post(alice, id, `p${i}`);
    expect(seqs((await listMessages(alice, id, { after: '2', limit: '3' })).body.items)).toEqual([3, 4, 5]);
    expect((await listMessages(alice, id, { after: '6' })).body.items).toEqual([]);
    expect(seqs((await listMessages(alice, id, { after: '0' })).body.items)).toEqual(range(1, 6));
  });

  it.each([
    ['after', '2.5'],
    ['after', 'true'],
    ['after', '0x1'],
    ['limit', '1e2'],
    ['limit', '2.5'],
  ])('returns 400 for %s=%s instead of reading it as another number', async (name, value) => {
    const id = await conversation(alice, [ai]);
    const res = await listMessages(alice, id, { [name]: value });
    expect(res.status).toBe(400);
    expectErrorShape(res.body);
  });

  it('returns an empty first page for a new conversation', async () => {
    const id = await conversation(alice, [ai]);
    const res = await listMessages(alice, id);
    expect(res.body).toEqual({ items: [], nextCursor: null, typing: [], requests: [] });
  });

  it('shows a message only once it is visible, and never lets a poller skip it', async () => {
    const id = await conversation(alice, [ai]);
    await post(alice, id, 'question');
    const hidden = await seedAiMessage(id, ai, 'typed slowly', {}, 60);
    await post(alice, id, 'are you there?');
    const latest = await listMessages(alice, id);
    expect(seqs(latest.body.items)).toEqual([1]);
    expect((await listMessages(alice, id, { after: '1' })).body.items).toEqual([]);
    await query(
      "UPDATE messages SET visible_at = now() - interval '1 second' WHERE seq = $1 AND conversation_id = $2",
      [hidden, id],
    );
    const poll = await listMessages(alice, id, { after: '1' });
    expect(seqs(poll.body.items)).toEqual([2, 3]);
    expect(poll.body.items[0].createdAt).toBe(
      (
        await query('SELECT visible_at FROM messages WHERE conversation_id = $1 AND seq = 2', [id])
      ).rows[0]!.visible_at.toISOString(),
    );
  });

  it('serves participants and admins, and answers 404 to other users and unknown ids', async () => {
    const id = await conversation(alice, [bob.personaId]);
    expect((await listMessages(bob, id)).status).toBe(200);
    expect((await listMessages(admin, id)).status).toBe(200);
    expect((await listMessages(eve, id)).status).toBe(404);
    expect((await listMessages(alice, randomUUID())).status).toBe(404);
    expect((await callConversations(undefined, 'GET', 'messages', { id })).status).toBe(401);
  });

  it.each([
    ['after together with cursor', { after: '1', cursor: encodeCursor({ before: 5 }) }],
    ['a negative after', { after: '-1' }],
    ['a non-numeric after', { after: 'abc' }],
    ['an after beyond the integer range', { after: '99999999999' }],
    ['a malformed cursor', { cursor: 'not a cursor' }],
    ['a cursor of another list', { cursor: encodeCursor({ a: 1, id: randomUUID() }) }],
    ['a cursor below 1', { cursor: encodeCursor({ before: 0 }) }],
    ['a limit of 101', { limit: '101' }],
    ['an unknown parameter', { since: '1' }],
  ])('returns 400 for %s', async (_, q) => {
    const id = await conversation(alice, [ai]);
    const res = await listMessages(alice, id, q);
    expect(res.status).toBe(400);
    expectErrorShape(res.body);
  });
});

describe('conditional GET', () => {
  it('answers 304 with no body while nothing changed, and 200 with a new ETag after a change', async () => {
    const id = await conversation(alice, [bob.personaId]);
    await post(alice, id, 'hi');
    const first = await listMessages(bob, id, { after: '0' });
    const etag = first.headers.ETag!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await listMessages(bob, id, { after: '0' }, { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.body).toBeUndefined();
    expect(again.headers.ETag).toBe(etag);
    expect(
      (await listMessages(bob, id, { after: '0' }, { 'If-None-Match': `"other", W/${etag}` })).status,
    ).toBe(304);
    await post(alice, id, 'news');
    const changed = await listMessages(bob, id, { after: '0' }, { 'If-None-Match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.ETag).not.toBe(etag);
  });

  it('changes the ETag when someone starts typing', async () => {
    const id = await conversation(alice, [bob.personaId]);
    const idle = await listMessages(bob, id, { after: '0' });
    await callConversations(alice, 'POST', 'typing', { id, body: { personaId: alice.personaId } });
    const typing = await listMessages(bob, id, { after: '0' }, { 'If-None-Match': idle.headers.ETag! });
    expect(typing.status).toBe(200);
    expect(typing.body.typing).toEqual([{ personaId: alice.personaId, name: expect.any(String) }]);
  });
});

describe('POST /api/conversations/{id}/typing', () => {
  it('shows the persona as typing to others, not to the typist, until it posts', async () => {
    const id = await conversation(alice, [bob.personaId]);
    const res = await callConversations(alice, 'POST', 'typing', {
      id,
      body: { personaId: alice.personaId },
    });
    expect(res.status).toBe(204);
    expect((await listMessages(bob, id)).body.typing.map((t: { personaId: string }) => t.personaId)).toEqual([
      alice.personaId,
    ]);
    expect((await listMessages(alice, id)).body.typing).toEqual([]);
    await post(alice, id, 'done typing');
    expect((await listMessages(bob, id)).body.typing).toEqual([]);
  });

  it('forgets an expired heartbeat', async () => {
    const id = await conversation(alice, [bob.personaId]);
    await query(
      "INSERT INTO typing (conversation_id, persona_id, user_id, expires_at) VALUES ($1, $2, $3, now() - interval '1 second')",
      [id, alice.personaId, alice.userId],
    );
    expect((await listMessages(bob, id)).body.typing).toEqual([]);
  });

  it('shows an AI persona as typing while its reply waits to be shown, not once it is done', async () => {
    const id = await conversation(alice, [ai]);
    const trigger = (await post(alice, id, 'hello?')).body.id;
    // The engine may already have queued a job for this message; either way there is exactly one.
    await query(
      `INSERT INTO ai_jobs (conversation_id, persona_id, trigger_message_id) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING`,
      [id, ai, trigger],
    );
    const setStatus = (status: string) =>
      query(
        "UPDATE ai_jobs SET status = $3, visible_at = now() + interval '1 minute', updated_at = now() WHERE conversation_id = $1 AND persona_id = $2",
        [id, ai, status],
      );
    const typingFor = async () => (await listMessages(alice, id)).body.typing;
    await setStatus('queued');
    expect(await typingFor()).toEqual([]);
    await setStatus('ready');
    expect(await typingFor()).toEqual([{ personaId: ai, name: 'Sol' }]);
    await setStatus('done');
    expect(await typingFor()).toEqual([]);
  });

  it('answers 403 for someone else’s persona, 404 to outsiders, 409 once ended', async () => {
    const id = await conversation(alice, [bob.personaId, ai]);
    expect(
      (await callConversations(alice, 'POST', 'typing', { id, body: { personaId: bob.personaId } })).status,
    ).toBe(403);
    expect((await callConversations(alice, 'POST', 'typing', { id, body: { personaId: ai } })).status).toBe(
      403,
    );
    expect(
      (await callConversations(admin, 'POST', 'typing', { id, body: { personaId: admin.personaId } })).status,
    ).toBe(403);
    expect(
      (await callConversations(eve, 'POST', 'typing', { id, body: { personaId: eve.personaId } })).status,
    ).toBe(404);
    await callConversations(alice, 'POST', 'end', { id });
    const ended = await callConversations(alice, 'POST', 'typing', {
      id,
      body: { personaId: alice.personaId },
    });
    expect(ended.status).toBe(409);
    expect(ended.body.error.code).toBe('conversation_ended');
  });

  it('validates the body and needs an identity', async () => {
    const id = await conversation(alice, [ai]);
    expect((await callConversations(alice, 'POST', 'typing', { id, body: { personaId: 'x' } })).status).toBe(
      400,
    );
    expect((await callConversations(alice, 'POST', 'typing', { id, body: {} })).status).toBe(400);
    expect(
      (await callConversations(alice, 'POST', 'typing', { id, body: { personaId: alice.personaId, x: 1 } }))
        .status,
    ).toBe(400);
    expect(
      (await callConversations(undefined, 'POST', 'typing', { id, body: { personaId: alice.personaId } }))
        .status,
    ).toBe(401);
  });
});
