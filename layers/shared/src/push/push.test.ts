/**
 * @amianai/shared/push against a real database and a Management API stand-in (an HTTP server answering
 * postToConnection as API Gateway does, 410 for gone connections), through the real AWS SDK client.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { useTestDatabase } from '../../../../tests/support/fixtures';
import { resetConfig } from '../config';
import { db, query } from '../db';
import {
  findConnection,
  MAX_SUBSCRIPTIONS,
  pushMessages,
  pushRound,
  pushTicket,
  pushToConversation,
  pushTyping,
  resetManagementClient,
  saveConnection,
  subscribe,
  typingFor,
} from '.';

useTestDatabase();

interface Post {
  connectionId: string;
  data: Record<string, unknown>;
}

let management: Server;
let posts: Post[] = [];
const gone = new Set<string>();
let ann: string;
let ben: string;
let ada: string;
let conversation: string;
let annPersona: string;

beforeAll(async () => {
  management = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const id = decodeURIComponent(req.url!.replace(/^.*\/@connections\//, ''));
      if (gone.has(id)) {
        res.writeHead(410, { 'Content-Type': 'application/json', 'x-amzn-ErrorType': 'GoneException' });
        return res.end('{"message":null}');
      }
      posts.push({ connectionId: id, data: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => management.listen(0, '127.0.0.1', r));
  process.env.PUSH_ENDPOINT = `http://127.0.0.1:${(management.address() as AddressInfo).port}/dev`;
  process.env.AWS_REGION ??= 'us-east-1';
  process.env.AWS_ACCESS_KEY_ID ??= 'test';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'test';
  resetConfig();
  resetManagementClient();
  const user = async (name: string, role = 'user') =>
    (
      await query<{ id: string }>(
        `INSERT INTO users (cognito_sub, display_name, role) VALUES ($1, $1, $2) RETURNING id`,
        [name, role],
      )
    ).rows[0]!.id;
  ann = await user('ann');
  ben = await user('ben');
  ada = await user('ada', 'admin');
  await user('cat');
  const persona = async (owner: string, name: string) =>
    (
      await query<{ id: string }>(
        `INSERT INTO personas (owner_id, name, kind, description, visibility) VALUES ($1, $2, 'human', 'x', 'public') RETURNING id`,
        [owner, name],
      )
    ).rows[0]!.id;
  annPersona = await persona(ann, 'Ann');
  const benPersona = await persona(ben, 'Ben');
  conversation = (
    await query<{ id: string }>(
      `INSERT INTO conversations (title, created_by) VALUES ('t', $1) RETURNING id`,
      [ann],
    )
  ).rows[0]!.id;
  await query(
    `INSERT INTO conversation_participants (conversation_id, persona_id, user_id) VALUES ($1, $2, $3), ($1, $4, $5)`,
    [conversation, annPersona, ann, benPersona, ben],
  );
});

afterAll(async () => {
  delete process.env.PUSH_ENDPOINT;
  resetConfig();
  await new Promise((r) => management.close(r));
});

beforeEach(async () => {
  posts = [];
  gone.clear();
  await query('DELETE FROM connections');
});

async function connected(id: string, userId: string, isAdmin = false, follow = true) {
  await saveConnection(db, id, { userId, isAdmin });
  if (follow) expect(await subscribe(db, id, conversation)).toBe('subscribed');
}

describe('subscribe', () => {
  it('follows a conversation once per connection, and knows no connection that is gone', async () => {
    await connected('ann-1', ann);
    expect(await subscribe(db, 'ann-1', conversation)).toBe('subscribed');
    const { rows } = await query<{ ids: string[] }>(
      `SELECT conversation_ids AS ids FROM connections WHERE id = 'ann-1'`,
    );
    expect(rows[0]!.ids).toEqual([conversation]);
    expect(await subscribe(db, 'ann-x', conversation)).toBe('unknown_connection');
    expect(await findConnection(db, 'ann-1')).toEqual({ id: 'ann-1', userId: ann, isAdmin: false });
    expect(await findConnection(db, 'ann-x')).toBeUndefined();
  });

  it('is bounded per connection', async () => {
    await connected('ann-3', ann);
    await query(
      `UPDATE connections SET conversation_ids = array(SELECT gen_random_uuid() FROM generate_series(1, $1)) WHERE id = 'ann-3'`,
      [MAX_SUBSCRIPTIONS],
    );
    expect(await subscribe(db, 'ann-3', conversation)).toBe('too_many');
  });
});

describe('fan-out', () => {
  it('renders once per viewer and posts to each of their connections', async () => {
    await connected('ann-a', ann);
    await connected('ann-b', ann);
    await connected('ben-a', ben);
    await connected('ada-a', ada, true);
    const rendered: string[] = [];
    const report = await pushToConversation(conversation, (viewer) => {
      rendered.push(viewer.userId);
      return {
        type: 'typing',
        conversationId: conversation,
        typing: viewer.isAdmin ? [] : [{ personaId: viewer.userId, name: 'me' }],
      };
    });
    expect(report).toEqual({ sent: 4, gone: 0, failed: 0 });
    expect(rendered.sort()).toEqual([ada, ann, ben].sort());
    const byConnection = Object.fromEntries(posts.map((p) => [p.connectionId, p.data]));
    expect((byConnection['ann-a'] as { typing: unknown[] }).typing).toEqual([{ personaId: ann, name: 'me' }]);
    expect(byConnection['ann-b']).toEqual(byConnection['ann-a']);
    expect((byConnection['ada-a'] as { typing: unknown[] }).typing).toEqual([]);
  });

  it('sends nothing to a viewer the render leaves out', async () => {
    await connected('ann-a', ann);
    await connected('ben-a', ben);
    await pushRound(conversation, (viewer) => (viewer.userId === ann ? { phase: 'voting' } : undefined));
    expect(posts).toEqual([
      {
        connectionId: 'ann-a',
        data: { type: 'round', conversationId: conversation, round: { phase: 'voting' } },
      },
    ]);
  });

  it('removes connections API Gateway no longer knows (410) and still delivers to the rest', async () => {
    await connected('ann-a', ann);
    await connected('ben-gone', ben);
    gone.add('ben-gone');
    const report = await pushToConversation(conversation, () => ({
      type: 'typing',
      conversationId: conversation,
      typing: [],
    }));
    expect(report).toEqual({ sent: 1, gone: 1, failed: 0 });
    const { rows } = await query<{ id: string }>('SELECT id FROM connections ORDER BY id');
    expect(rows.map((r) => r.id)).toEqual(['ann-a']);
  });

  it('never throws when the endpoint is unreachable: the request that caused the event goes on', async () => {
    await connected('ann-a', ann);
    process.env.PUSH_ENDPOINT = 'http://127.0.0.1:1/dev';
    resetConfig();
    try {
      const report = await pushToConversation(conversation, () => ({
        type: 'typing',
        conversationId: conversation,
        typing: [],
      }));
      expect(report).toEqual({ sent: 0, gone: 0, failed: 1 });
    } finally {
      process.env.PUSH_ENDPOINT = `http://127.0.0.1:${(management.address() as AddressInfo).port}/dev`;
      resetConfig();
    }
  });

  it('delivers messages in sequence order, each rendered by the view for its viewer', async () => {
    await connected('ann-a', ann);
    await connected('ben-a', ben);
    const items = [3, 1, 2].map((seq) => ({ seq, secret: `s${seq}`, ownerId: ann }));
    await pushMessages(conversation, items, (m, viewer) => ({
      seq: m.seq,
      ...(viewer.userId === m.ownerId ? { secret: m.secret } : {}),
    }));
    const to = (id: string) => posts.filter((p) => p.connectionId === id).map((p) => p.data.message);
    expect(to('ann-a')).toEqual([1, 2, 3].map((seq) => ({ seq, secret: `s${seq}` })));
    expect(to('ben-a')).toEqual([1, 2, 3].map((seq) => ({ seq })));
  });

  it('sends a ticket to its player only', async () => {
    await connected('ann-a', ann, false, false);
    await connected('ben-a', ben, false, false);
    await pushTicket(ann, { id: 't1', status: 'matched' });
    expect(posts).toEqual([
      { connectionId: 'ann-a', data: { type: 'ticket', ticket: { id: 't1', status: 'matched' } } },
    ]);
  });

  it('ignores expired connections', async () => {
    await connected('ann-old', ann);
    await query(`UPDATE connections SET expires_at = now() - interval '1 second'`);
    expect(
      await pushToConversation(conversation, () => ({
        type: 'typing',
        conversationId: conversation,
        typing: [],
      })),
    ).toEqual({
      sent: 0,
      gone: 0,
      failed: 0,
    });
  });
});

describe('typing', () => {
  it('shows people typing to everyone but themselves, and AI typing as the domain reports it', async () => {
    await connected('ann-a', ann);
    await connected('ben-a', ben);
    await pushTyping(conversation, {
      people: async () => [{ personaId: annPersona, name: 'Ann', userId: ann }],
      ais: async () => [{ personaId: 'ai-persona', name: 'Zed' }],
    });
    const to = (id: string) => posts.find((p) => p.connectionId === id)?.data;
    expect(to('ann-a')).toEqual({
      type: 'typing',
      conversationId: conversation,
      typing: [{ personaId: 'ai-persona', name: 'Zed' }],
    });
    expect(to('ben-a')).toEqual({
      type: 'typing',
      conversationId: conversation,
      typing: [
        { personaId: annPersona, name: 'Ann' },
        { personaId: 'ai-persona', name: 'Zed' },
      ],
    });
  });

  it('orders entries as the HTTP list does and carries nothing but id and name', () => {
    const list = typingFor(
      {
        people: [{ personaId: 'b', name: 'Bo', userId: 'u2' }],
        ais: [{ personaId: 'a', name: 'Al' }],
      },
      { userId: 'u1', isAdmin: false },
    );
    expect(list).toEqual([
      { personaId: 'a', name: 'Al' },
      { personaId: 'b', name: 'Bo' },
    ]);
  });
});
