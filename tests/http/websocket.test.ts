/**
 * The WebSocket API through the local server, as a browser uses it: the real template and handlers, a real
 * WebSocket client (the `ws` package) against /ws, dev tokens, and the pushes the handlers make through
 * the emulated Management API — each event rendered for its viewer exactly as the HTTP API renders it.
 */
import { Client } from 'pg';
import { ofType, openSocket, PUBLIC_MESSAGE_KEYS, START_TIMEOUT_MS, useLocalApp } from '../support/fixtures';

// AI replies become visible as soon as they exist (the app server's default); the offline responder writes them.
const app = useLocalApp();
const api = app.api;
const tokens: Record<'ann' | 'ben' | 'cat' | 'admin', string> = { ann: '', ben: '', cat: '', admin: '' };
const personas = { ann: '', ben: '', annAi: '' };
let humansOnly = '';
let withAi = '';

type Json = Record<string, unknown>;

/** Posts as Ben's public persona (or Ann's own) through the HTTP API. */
const postAs = (who: 'ann' | 'ben', conversationId: string, content: string, extra: Json = {}) =>
  api<Json & { id: string; seq: number }>(
    tokens[who],
    'POST',
    `/api/conversations/${conversationId}/messages`,
    {
      personaId: personas[who],
      content,
      ...extra,
    },
  );

const connect = (who: keyof typeof tokens, ...conversationIds: string[]) =>
  app.socket(tokens[who], ...conversationIds);

async function connectionCount(): Promise<number> {
  const client = new Client({ connectionString: app.database.url });
  await client.connect();
  try {
    return Number((await client.query('SELECT count(*)::int AS n FROM connections')).rows[0].n);
  } finally {
    await client.end();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  tokens.ann = await app.token('Ann Socket');
  tokens.ben = await app.token('Ben Socket');
  tokens.cat = await app.token('Cat Outsider');
  tokens.admin = await app.token('Ada Admin', true);
  const me = async (t: string) =>
    (await api<{ personas: { id: string; kind: string }[] }>(t, 'GET', '/api/me')).body.personas[0]!.id;
  personas.ann = await me(tokens.ann);
  await me(tokens.cat);
  const ben = await api<{ id: string }>(tokens.ben, 'POST', '/api/personas', {
    name: 'Ben Public',
    kind: 'human',
    description: 'Ben, playing as himself in public.',
    visibility: 'public',
  });
  personas.ben = ben.body.id;
  const ai = await api<{ id: string }>(tokens.ann, 'POST', '/api/personas', {
    name: 'Quill Bot',
    kind: 'ai',
    description: 'A cheerful companion who likes puzzles.',
    visibility: 'public',
    ai: {
      model: 'gpt-4o-mini',
      temperature: 0.7,
      maxTokens: 120,
      systemPrompt: null,
      typingWpm: 60,
      talkativeness: 1,
    },
  });
  expect(ai.status).toBe(201);
  personas.annAi = ai.body.id;
  const create = async (ids: string[]) =>
    (
      await api<{ id: string }>(tokens.ann, 'POST', '/api/conversations', {
        title: 'Socket talk',
        participantPersonaIds: ids,
      })
    ).body.id;
  humansOnly = await create([personas.ann, personas.ben]);
  withAi = await create([personas.ann, personas.ben, personas.annAi]);
}, START_TIMEOUT_MS);

describe('the handshake', () => {
  it('refuses a connection without a token (401) or with a bad one (403)', async () => {
    await expect(openSocket(app.server.webSocketUrl!)).rejects.toMatchObject({ status: 401 });
    await expect(openSocket(app.server.webSocketUrl!, 'not-a-token')).rejects.toMatchObject({ status: 403 });
  });

  it('records a connection for a signed-in user and forgets it on close', async () => {
    const before = await connectionCount();
    const socket = await openSocket(app.server.webSocketUrl!, tokens.cat);
    expect(await connectionCount()).toBe(before + 1);
    await socket.close();
    for (let i = 0; i < 50 && (await connectionCount()) !== before; i++) await sleep(50);
    expect(await connectionCount()).toBe(before);
  });
});

describe('subscribe', () => {
  it('lets participants and admins follow a conversation', async () => {
    await connect('ann', humansOnly);
    await connect('admin', humansOnly);
  });

  it('refuses anyone else as a 404 would, in the HTTP error shape', async () => {
    const cat = await connect('cat');
    cat.send({ action: 'subscribe', conversationId: humansOnly });
    const refused = await cat.next(ofType('error'));
    expect(refused).toMatchObject({
      action: 'subscribe',
      conversationId: humansOnly,
      error: { code: 'not_found', message: 'Conversation not found' },
    });
  });

  it('answers bad input with 4xx errors and ping with pong', async () => {
    const socket = await connect('cat');
    socket.send({ action: 'subscribe', conversationId: 'nope' });
    expect(await socket.next(ofType('error'))).toMatchObject({ error: { code: 'invalid_request' } });
    socket.send({ action: 'dance' });
    expect(await socket.next(ofType('error'))).toMatchObject({ error: { code: 'invalid_request' } });
    socket.socket.send('not json');
    expect(await socket.next(ofType('error'))).toMatchObject({ error: { code: 'invalid_request' } });
    socket.send({ action: 'ping' });
    await socket.next(ofType('pong'));
  });
});

describe('events', () => {
  it('pushes a committed message to every follower, rendered as each would read it over HTTP', async () => {
    const ann = await connect('ann', humansOnly);
    const ben = await connect('ben', humansOnly);
    const admin = await connect('admin', humansOnly);
    const posted = await postAs('ben', humansOnly, 'Hello over the socket', { clientMessageId: 'ben-1' });
    expect(posted.status).toBe(201);
    const isIt = ofType('message', (m) => (m.message as Json).id === posted.body.id);
    const [toAnn, toBen, toAdmin] = await Promise.all([ann.next(isIt), ben.next(isIt), admin.next(isIt)]);
    const httpView = async (token: string) =>
      (
        await api<{ items: Json[] }>(
          token,
          'GET',
          `/api/conversations/${humansOnly}/messages?after=${Number(posted.body.seq) - 1}`,
        )
      ).body.items[0];
    expect(toAnn.message).toEqual(await httpView(tokens.ann));
    expect(toBen.message).toEqual(await httpView(tokens.ben));
    expect(toAdmin.message).toEqual(await httpView(tokens.admin));
    // The client message id marks its author as a person: only the author (and admins) get it.
    expect(toAnn.message).not.toHaveProperty('clientMessageId');
    expect(toBen.message).toHaveProperty('clientMessageId', 'ben-1');
  });

  it('delivers a burst in sequence order, one event per message', async () => {
    const ann = await connect('ann', humansOnly);
    const seqs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await postAs('ben', humansOnly, `burst ${i}`);
      seqs.push(res.body.seq);
    }
    const got: number[] = [];
    for (let i = 0; i < 5; i++) {
      const event = await ann.next(
        ofType('message', (m) => String((m.message as Json).content).startsWith('burst')),
      );
      got.push((event.message as { seq: number }).seq);
    }
    expect(got).toEqual(seqs);
    expect(seqs).toEqual([seqs[0], seqs[0]! + 1, seqs[0]! + 2, seqs[0]! + 3, seqs[0]! + 4]);
  });

  it('sends a typing event when someone starts typing, not on every heartbeat', async () => {
    const ann = await connect('ann', humansOnly);
    const ben = await connect('ben', humansOnly);
    const beat = () =>
      api(tokens.ben, 'POST', `/api/conversations/${humansOnly}/typing`, { personaId: personas.ben });
    expect((await beat()).status).toBe(204);
    const seen = await ann.next(ofType('typing'));
    expect(seen).toEqual({
      type: 'typing',
      conversationId: humansOnly,
      typing: [{ personaId: personas.ben, name: 'Ben Public' }],
    });
    await beat();
    await sleep(500);
    expect(ann.received.filter((m) => m.type === 'typing')).toHaveLength(1);
    // Nobody is shown their own typing, so Ben's list did not change: he gets no event.
    expect(ben.received.filter((m) => m.type === 'typing')).toHaveLength(0);
  });

  it('pushes the AI reply when it is published, with its metadata only to the persona owner', async () => {
    const ann = await connect('ann', withAi);
    const ben = await connect('ben', withAi);
    await postAs('ann', withAi, 'Quill, what is your favourite puzzle?');
    const fromAi = ofType('message', (m) => (m.message as Json).personaId === personas.annAi);
    const [toAnn, toBen] = await Promise.all([ann.next(fromAi, 30_000), ben.next(fromAi, 30_000)]);
    expect(toAnn.message).toHaveProperty('metadata');
    expect(toBen.message).not.toHaveProperty('metadata');
    expect(Object.keys(toBen.message as Json).sort()).toEqual(PUBLIC_MESSAGE_KEYS);
  }, 60_000);

  it('misses nothing across a reconnect: the catch-up poll returns what was sent meanwhile', async () => {
    const first = await connect('ann', humansOnly);
    const before = await postAs('ben', humansOnly, 'before the drop');
    await first.next(ofType('message', (m) => (m.message as Json).id === before.body.id));
    await first.close();
    const missed: string[] = [];
    for (const content of ['while away 1', 'while away 2']) {
      missed.push((await postAs('ben', humansOnly, content)).body.id);
    }
    const again = await connect('ann', humansOnly);
    const after = await api<{ items: { id: string; seq: number }[] }>(
      tokens.ann,
      'GET',
      `/api/conversations/${humansOnly}/messages?after=${before.body.seq}`,
    );
    expect(after.body.items.map((m) => m.id)).toEqual(missed);
    // Live again: the next message arrives by push, once.
    const next = await postAs('ben', humansOnly, 'back live');
    await again.next(ofType('message', (m) => (m.message as Json).id === next.body.id));
    await sleep(200);
    expect(
      again.received.filter((m) => m.type === 'message' && (m.message as Json).id === next.body.id),
    ).toHaveLength(1);
  });
});
