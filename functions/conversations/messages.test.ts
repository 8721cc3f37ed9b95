import { randomUUID } from 'node:crypto';
import { resetConfig } from '@amianai/shared/config';
import { query } from '@amianai/shared/db';
import { Client } from 'pg';
import {
  aiPersona,
  callConversations,
  conversation,
  expectErrorShape,
  listMessages,
  PUBLIC_MESSAGE_KEYS,
  player,
  post,
  seedAiMessage,
  usePlayer,
  useTestDatabase,
  withoutWriteLimit,
} from '../../tests/support/fixtures';

withoutWriteLimit();
const database = useTestDatabase();
const onServer = Boolean(process.env.TEST_SERVER_URL);

const alice = usePlayer('Alice');
const bob = usePlayer('Bob');
const eve = usePlayer('Eve');
const admin = usePlayer('Ada', true);
let aliceAi: string;
let id: string;

beforeAll(async () => {
  aliceAi = await aiPersona({ ownerId: alice.userId, visibility: 'public', name: 'Robo' });
  await query("UPDATE personas SET visibility = 'public' WHERE id = $1", [bob.personaId]);
  id = await conversation(alice, [bob.personaId, aliceAi]);
});

describe('POST /api/conversations/{id}/messages', () => {
  it('stores a trimmed message with the next sequence number', async () => {
    const res = await post(alice, id, '  hello there \n');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      conversationId: id,
      personaId: alice.personaId,
      content: 'hello there',
      kind: 'text',
    });
    const next = await post(bob, id, 'hi');
    expect(next.body.seq).toBe(res.body.seq + 1);
  });

  it('gives 50 concurrent posts 50 distinct consecutive sequence numbers', async () => {
    const chat = await conversation(alice, [bob.personaId]);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => post(i % 2 ? bob : alice, chat, `message ${i}`)),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    const seqs = results.map((r) => r.body.seq as number).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const detail = await callConversations(alice, 'GET', 'one', { id: chat });
    expect(detail.body.messageCount).toBe(50);
  });

  it('answers a retry with the same clientMessageId with the same message and 200', async () => {
    const clientMessageId = randomUUID();
    const first = await post(alice, id, 'once', { clientMessageId });
    expect(first.status).toBe(201);
    expect(first.body.clientMessageId).toBe(clientMessageId);
    const again = await post(alice, id, 'once', { clientMessageId });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
  });

  it('stores one message when the same clientMessageId arrives in parallel', async () => {
    const clientMessageId = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 8 }, () => post(alice, id, 'racing', { clientMessageId })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    const { rows } = await query('SELECT seq FROM messages WHERE conversation_id = $1 ORDER BY seq', [id]);
    const seqs = rows.map((r) => r.seq as number);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
  });

  // Needs real concurrent sessions (the embedded database runs one transaction at a time).
  (onServer ? it : it.skip)(
    'answers 200 with the stored message when the same clientMessageId commits while the request waits for the lock',
    async () => {
      const chat = await conversation(alice, [bob.personaId]);
      const clientMessageId = randomUUID();
      const other = new Client({ connectionString: database.url });
      const watcher = new Client({ connectionString: database.url });
      await Promise.all([other.connect(), watcher.connect()]);
      try {
        await other.query('BEGIN');
        const { rows } = await other.query(
          'UPDATE conversations SET last_seq = last_seq + 1, message_count = message_count + 1 WHERE id = $1 RETURNING last_seq',
          [chat],
        );
        const seq = rows[0].last_seq as number;
        await other.query(
          'INSERT INTO messages (conversation_id, seq, persona_id, content, client_message_id) VALUES ($1, $2, $3, $4, $5)',
          [chat, seq, alice.personaId, 'same', clientMessageId],
        );
        const pending = post(alice, chat, 'same', { clientMessageId });
        // Wait until the request is queued behind our lock on the conversation row.
        for (let i = 0; i < 1000; i++) {
          const w = await watcher.query(
            "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
          );
          if (w.rows[0].n > 0) break;
          await new Promise((r) => setTimeout(r, 5));
        }
        await other.query('COMMIT');
        const res = await pending;
        expect(res.status).toBe(200);
        expect(res.body.seq).toBe(seq);
        const after = await post(alice, chat, 'next');
        expect(after.body.seq).toBe(seq + 1);
      } finally {
        await Promise.all([other.end(), watcher.end()]);
      }
    },
  );

  it('returns 409 when a clientMessageId is reused for a different message', async () => {
    const clientMessageId = randomUUID();
    await post(alice, id, 'original', { clientMessageId });
    const other = await post(alice, id, 'different', { clientMessageId });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('client_message_id_reused');
    const bobs = await post(bob, id, 'original', { clientMessageId });
    expect(bobs.status).toBe(409);
  });

  it('returns 403 for a persona that is not the caller’s human persona here', async () => {
    const asBobsPersona = await callConversations(alice, 'POST', 'messages', {
      id,
      body: { personaId: bob.personaId, content: 'x' },
    });
    expect(asBobsPersona.status).toBe(403);
    const asOwnAi = await callConversations(alice, 'POST', 'messages', {
      id,
      body: { personaId: aliceAi, content: 'x' },
    });
    expect(asOwnAi.status).toBe(403);
    const notInIt = await callConversations(alice, 'POST', 'messages', {
      id,
      body: { personaId: randomUUID(), content: 'x' },
    });
    expect(notInIt.status).toBe(403);
    expect((await post(admin, id, 'admin here')).status).toBe(403);
  });

  it('returns 404, not 403, to a user outside the conversation', async () => {
    const res = await post(eve, id, 'let me in');
    expect(res.status).toBe(404);
    expect((await post(alice, randomUUID(), 'nowhere')).status).toBe(404);
  });

  it('returns 409 conversation_ended after the end, but still answers a retry of a stored message', async () => {
    const chat = await conversation(alice, [aliceAi]);
    const clientMessageId = randomUUID();
    await post(alice, chat, 'before the end', { clientMessageId });
    await callConversations(alice, 'POST', 'end', { id: chat });
    const late = await post(alice, chat, 'too late');
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('conversation_ended');
    expect((await post(alice, chat, 'before the end', { clientMessageId })).status).toBe(200);
  });

  it.each([
    ['empty content', { content: '' }],
    ['blank content', { content: ' \n\t ' }],
    ['content over 4000 characters', { content: 'x'.repeat(4001) }],
    ['content of the wrong type', { content: 5 }],
    ['a NUL character', { content: 'a\u0000b' }],
    ['a bad persona id', { personaId: 'abc' }],
    ['an empty clientMessageId', { clientMessageId: '' }],
    ['a clientMessageId over 100 characters', { clientMessageId: 'c'.repeat(101) }],
    ['an unknown field', { mood: 'happy' }],
  ])('returns 400 for %s', async (_, patch) => {
    const res = await callConversations(alice, 'POST', 'messages', {
      id,
      body: { personaId: alice.personaId, content: 'fine', ...patch },
    });
    expect(res.status).toBe(400);
    expectErrorShape(res.body);
  });

  it('accepts exactly 4000 characters', async () => {
    expect((await post(alice, id, 'y'.repeat(4000))).status).toBe(201);
  });

  it('returns 401 without an identity', async () => {
    const res = await callConversations(undefined, 'POST', 'messages', {
      id,
      body: { personaId: alice.personaId, content: 'x' },
    });
    expect(res.status).toBe(401);
  });

  it('returns 429 with Retry-After once the write limit is reached', async () => {
    const limited = await player('Lim');
    const chat = await conversation(limited, [aliceAi]);
    process.env.WRITE_RATE_LIMIT_PER_MINUTE = '1';
    resetConfig();
    try {
      const results = [await post(limited, chat, 'one'), await post(limited, chat, 'two')];
      const refused = results.find((r) => r.status === 429)!;
      expect(refused.body.error.code).toBe('rate_limited');
      expect(Number(refused.headers['Retry-After'])).toBeGreaterThanOrEqual(1);
    } finally {
      process.env.WRITE_RATE_LIMIT_PER_MINUTE = '100000';
      resetConfig();
    }
  });
});

describe('game integrity in messages', () => {
  let chat: string;
  beforeAll(async () => {
    chat = await conversation(alice, [bob.personaId, aliceAi]);
    await post(alice, chat, 'first words', { clientMessageId: 'c-1' });
    await seedAiMessage(chat, aliceAi, 'machine words', {
      model: 'gpt-4o-mini',
      costUsd: 0.0001,
      inputTokens: 12,
    });
  });

  const keys = (m: object) => Object.keys(m).sort();

  it('serializes a human and an AI message to the same keys for another participant', async () => {
    const res = await listMessages(bob, chat);
    const [human, machine] = res.body.items;
    expect(keys(human)).toEqual(keys(machine));
    expect(keys(human)).toEqual(PUBLIC_MESSAGE_KEYS);
    expect(JSON.stringify(res.body)).not.toMatch(/gpt|costUsd|inputTokens|"ai"|human/);
  });

  it('shows metadata and client ids to the author persona’s owner and to admins', async () => {
    const own = await listMessages(alice, chat);
    expect(own.body.items[0].clientMessageId).toBe('c-1');
    expect(own.body.items[1].metadata).toMatchObject({ model: 'gpt-4o-mini' });
    const asAdmin = await listMessages(admin, chat);
    expect(asAdmin.body.items[1].metadata).toMatchObject({ costUsd: 0.0001 });
  });

  it('shows a non-owner the same participant keys for humans and AIs', async () => {
    const res = await callConversations(bob, 'GET', 'one', { id: chat });
    const sets = new Set(res.body.participants.map((p: object) => keys(p).join()));
    expect(sets.size).toBe(1);
  });
});
