import { randomUUID } from 'node:crypto';
import { query } from '@amianai/shared/db';
import {
  aiPersona,
  callConversations,
  conversation,
  expectErrorShape,
  type Player,
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
let houseAi: string;

beforeAll(async () => {
  houseAi = await aiPersona({ name: 'House AI' });
  await query("UPDATE personas SET visibility = 'public' WHERE id = $1", [bob.personaId]);
});

const create = (who: Player, body: Record<string, unknown>) =>
  callConversations(who, 'POST', 'list', { body });

describe('POST /api/conversations', () => {
  it('refuses to start a game by hand: rounds come from the queue', async () => {
    const res = await create(alice, {
      title: 'x',
      mode: 'game',
      participantPersonaIds: [alice.personaId, houseAi],
    });
    expect(res.status).toBe(400);
  });

  it('creates a conversation with the caller, a public human and a house AI', async () => {
    const res = await create(alice, {
      title: '  Who is real?  ',
      topic: 'guessing',
      mode: 'chat',
      participantPersonaIds: [alice.personaId, bob.personaId, houseAi],
      settings: { maxAiTurnsInRow: 5 },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      title: 'Who is real?',
      topic: 'guessing',
      mode: 'chat',
      status: 'active',
      settings: { maxAiTurnsInRow: 5 },
      messageCount: 0,
      lastMessageAt: null,
      endedAt: null,
    });
    expect(res.body.participants).toHaveLength(3);
    const mine = res.body.participants.filter((p: { isMine: boolean }) => p.isMine);
    expect(mine.map((p: { personaId: string }) => p.personaId)).toEqual([alice.personaId]);
    // Bob's public human persona is played by Bob: he sees the conversation.
    const asBob = await callConversations(bob, 'GET', 'one', { id: res.body.id });
    expect(asBob.status).toBe(200);
  });

  it('defaults mode, topic and maxAiTurnsInRow', async () => {
    const res = await create(alice, { title: 'Chat', participantPersonaIds: [alice.personaId, houseAi] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ mode: 'chat', topic: '', settings: { maxAiTurnsInRow: 3 } });
  });

  it('accepts the caller’s own private AI persona', async () => {
    const ownAi = await aiPersona({ ownerId: alice.userId, visibility: 'private' });
    const res = await create(alice, { title: 'Mine', participantPersonaIds: [alice.personaId, ownAi] });
    expect(res.status).toBe(201);
    expect(res.body.participants.every((p: { isMine: boolean }) => p.isMine)).toBe(true);
  });

  it('refuses a conversation without one of the caller’s own human personas', async () => {
    const res = await create(alice, { title: 'No me', participantPersonaIds: [bob.personaId, houseAi] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_participants');
  });

  it('refuses a conversation where the caller brings only their own AI', async () => {
    const ownAi = await aiPersona({ ownerId: alice.userId });
    const res = await create(alice, { title: 'Bots', participantPersonaIds: [ownAi, houseAi] });
    expect(res.status).toBe(400);
  });

  it('refuses other users’ private personas, deleted and unknown ones with the same answer', async () => {
    const evePrivateAi = await aiPersona({ ownerId: eve.userId, visibility: 'private' });
    const deleted = await aiPersona({ deleted: true });
    for (const other of [eve.personaId, evePrivateAi, deleted, randomUUID()]) {
      const res = await create(alice, { title: 'x', participantPersonaIds: [alice.personaId, other] });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_participants');
      expect(res.body.error.details).toEqual([
        { path: 'body/participantPersonaIds/1', message: 'No such persona, or not available' },
      ]);
    }
  });

  it('accepts another user’s public AI persona, which nobody controls', async () => {
    const evePublicAi = await aiPersona({ ownerId: eve.userId, visibility: 'public' });
    const id = await conversation(alice, [evePublicAi]);
    const { rows } = await query('SELECT user_id FROM conversation_participants WHERE persona_id = $1', [
      evePublicAi,
    ]);
    expect(rows[0]!.user_id).toBeNull();
    // Owning an AI in it does not make it Eve's conversation.
    expect((await callConversations(eve, 'GET', 'one', { id })).status).toBe(404);
  });

  it.each([
    ['a missing title', { title: undefined }],
    ['a blank title', { title: ' \n\t ' }],
    ['a topic that is too long', { topic: 'x'.repeat(501) }],
    ['a title that is too long', { title: 'x'.repeat(121) }],
    ['a wrong type', { title: 42 }],
    ['an unknown field', { color: 'red' }],
    ['one participant', { participantPersonaIds: ['ME'] }],
    ['no participant list', { participantPersonaIds: undefined }],
    ['nine participants', { participantPersonaIds: Array.from({ length: 9 }, () => randomUUID()) }],
    ['a bad UUID', { participantPersonaIds: ['ME', 'not-a-uuid'] }],
    ['duplicates', { participantPersonaIds: ['ME', 'ME'] }],
    ['the same UUID in two cases', { participantPersonaIds: ['ME', 'ME_UPPER'] }],
    ['maxAiTurnsInRow above 10', { settings: { maxAiTurnsInRow: 11 } }],
    ['an unknown setting', { settings: { speed: 1 } }],
    ['an unknown mode', { mode: 'battle' }],
  ])('returns 400 for %s', async (_, patch) => {
    const body: Record<string, unknown> = {
      title: 'Valid',
      participantPersonaIds: [alice.personaId, houseAi],
      ...patch,
    };
    body.participantPersonaIds = (body.participantPersonaIds as string[] | undefined)?.map((v) =>
      v === 'ME' ? alice.personaId : v === 'ME_UPPER' ? alice.personaId.toUpperCase() : v,
    );
    const res = await create(alice, body);
    expect(res.status).toBe(400);
    expectErrorShape(res.body);
  });

  it('returns 401 without an identity', async () => {
    const res = await callConversations(undefined, 'POST', 'list', {
      body: { title: 'x', participantPersonaIds: [alice.personaId, houseAi] },
    });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
  });

  it('returns 415 for a body that is not JSON', async () => {
    const res = await callConversations(alice, 'POST', 'list', {
      rawBody: 'title=x',
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(res.status).toBe(415);
  });
});

describe('GET /api/conversations/{id}', () => {
  let id: string;
  beforeAll(async () => {
    id = await conversation(alice, [houseAi]);
  });

  it('shows participants without their kind to a participant', async () => {
    const res = await callConversations(alice, 'GET', 'one', { id });
    expect(res.status).toBe(200);
    for (const p of res.body.participants)
      expect(Object.keys(p).sort()).toEqual(['avatarUrl', 'isMine', 'name', 'personaId']);
  });

  it('lets an admin see any conversation', async () => {
    const res = await callConversations(admin, 'GET', 'one', { id });
    expect(res.status).toBe(200);
    expect(res.body.participants.every((p: { isMine: boolean }) => !p.isMine)).toBe(true);
  });

  it('answers 404, not 403, to another user', async () => {
    const res = await callConversations(eve, 'GET', 'one', { id });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect((await callConversations(alice, 'GET', 'one', { id: randomUUID() })).status).toBe(404);
    const bad = await callConversations(alice, 'GET', 'one', { id: 'abc' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('path/id');
  });

  it('returns 401 without an identity', async () => {
    expect((await callConversations(undefined, 'GET', 'one', { id })).status).toBe(401);
  });
});

describe('PUT /api/conversations/{id}', () => {
  it('renames for a participant, trimmed, and every participant sees the new title', async () => {
    const id = await conversation(alice, [bob.personaId]);
    const res = await callConversations(alice, 'PUT', 'one', { id, body: { title: '  Night owls  ' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, title: 'Night owls' });
    expect((await callConversations(bob, 'GET', 'one', { id })).body.title).toBe('Night owls');
    expect(
      (await callConversations(bob, 'PUT', 'one', { id, body: { title: 'Early birds' } })).body.title,
    ).toBe('Early birds');
  });

  it('answers 404 to a non-participant and leaves the title alone', async () => {
    const id = await conversation(alice, [houseAi]);
    expect((await callConversations(eve, 'PUT', 'one', { id, body: { title: 'Mine now' } })).status).toBe(
      404,
    );
    expect((await callConversations(alice, 'GET', 'one', { id })).body.title).not.toBe('Mine now');
    expect(
      (await callConversations(admin, 'PUT', 'one', { id, body: { title: 'Moderated' } })).body.title,
    ).toBe('Moderated');
  });

  it('rejects a blank or too long title and unknown fields', async () => {
    const id = await conversation(alice, [houseAi]);
    for (const body of [{ title: '   ' }, { title: 'x'.repeat(121) }, { title: 'Ok', topic: 'no' }, {}]) {
      const res = await callConversations(alice, 'PUT', 'one', { id, body });
      expect(res.status).toBe(400);
      expectErrorShape(res.body);
    }
  });

  it('returns 401 without an identity', async () => {
    const id = await conversation(alice, [houseAi]);
    expect((await callConversations(undefined, 'PUT', 'one', { id, body: { title: 'x' } })).status).toBe(401);
  });
});

describe('POST /api/conversations/{id}/end', () => {
  it('ends for a participant, and ending again returns the same conversation', async () => {
    const id = await conversation(alice, [houseAi]);
    const first = await callConversations(alice, 'POST', 'end', { id });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id, status: 'ended', endedAt: expect.any(String) });
    const second = await callConversations(alice, 'POST', 'end', { id });
    expect(second.status).toBe(200);
    expect(second.body.endedAt).toBe(first.body.endedAt);
  });

  it('lets an admin end it and answers 404 to anyone else', async () => {
    const id = await conversation(alice, [houseAi]);
    expect((await callConversations(eve, 'POST', 'end', { id })).status).toBe(404);
    expect((await callConversations(admin, 'POST', 'end', { id })).body.status).toBe('ended');
  });

  it('lets the other human participant end it', async () => {
    const id = await conversation(alice, [bob.personaId]);
    expect((await callConversations(bob, 'POST', 'end', { id })).body.status).toBe('ended');
  });

  it('rejects a body with unknown fields', async () => {
    const id = await conversation(alice, [houseAi]);
    const res = await callConversations(alice, 'POST', 'end', { id, body: { reason: 'bored' } });
    expect(res.status).toBe(400);
    expect((await callConversations(alice, 'GET', 'one', { id })).body.status).toBe('active');
  });

  it('returns 401 without an identity and 404 for an unknown id', async () => {
    expect((await callConversations(undefined, 'POST', 'end', { id: randomUUID() })).status).toBe(401);
    expect((await callConversations(alice, 'POST', 'end', { id: randomUUID() })).status).toBe(404);
  });
});
