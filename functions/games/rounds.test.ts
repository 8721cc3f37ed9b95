/**
 * A round from queue to reveal: phases at their boundaries (scripted clock), the rules of votes and
 * results, and integrity — before the reveal nothing a player can see tells which participant is an AI.
 */

import { clock, GAME, joinQueue, pollQueue } from '@amianai/core/games';
import { handler as aiHandler } from '@amianai/fn-ai/handler';
import { handler as conversations } from '@amianai/fn-conversations/handler';
import { query } from '@amianai/shared/db';
import {
  aiPersona,
  type CallInput,
  callConversations,
  callGames,
  invoke,
  manualClock,
  type Player,
  player,
  seatsIn,
  useTestDatabase,
  withoutWriteLimit,
} from '../../tests/support/fixtures';

withoutWriteLimit();
useTestDatabase();
let time: ReturnType<typeof manualClock>;
let a: Player;
let b: Player;
let outsider: Player;
let id: string;
/** The seat each player plays in the round: a copy of their persona made for it. */
let seatA: string;
let seatB: string;
let round: { endsAt: string; votingClosesAt: string };
const fixed = () => 0.5; // no solo draw: the two due humans share a group

const conv = (who: Player, method: string, resource: `/${string}`, input: CallInput = {}) =>
  callConversations(who, method, resource, { id, ...input });
const others = async (who: Player) =>
  (await seatsIn(who, id)).filter((p) => !p.isMine).map((p) => p.personaId);
const mySeat = async (who: Player) => (await seatsIn(who, id)).find((p) => p.isMine)!.personaId;
const vote = (who: Player, votes: unknown[]) =>
  callGames(who, 'POST', '/api/games/{id}/votes', { id, body: { votes } });

beforeAll(async () => {
  for (let i = 0; i < 4; i++) await aiPersona({ name: `House ${i}` });
  time = manualClock(Date.UTC(2032, 5, 1));
  [a, b, outsider] = [await player('Ada'), await player('Ben'), await player('Cy')];
  await joinQueue(a.userId, { format: 'group' }, { random: fixed });
  await joinQueue(b.userId, { format: 'group' }, { random: fixed });
  time.advance(GAME.dueTicks.max * GAME.tickMs);
  const ticket = await pollQueue(a.userId, { random: fixed });
  id = ticket.conversationId!;
  expect((await pollQueue(b.userId)).conversationId).toBe(id);
  round = (await conv(a, 'GET', '/api/conversations/{id}')).body.round;
  [seatA, seatB] = [await mySeat(a), await mySeat(b)];
});
afterAll(() => clock.reset());

describe('a live round', () => {
  it('is a game conversation with a round, four seats, and no kind anywhere', async () => {
    const res = await conv(a, 'GET', '/api/conversations/{id}');
    expect(res.body).toEqual(
      expect.objectContaining({
        mode: 'game',
        status: 'active',
        round: expect.objectContaining({ format: 'group', phase: 'live', myVotesSubmitted: false }),
      }),
    );
    const seats = res.body.participants as Record<string, unknown>[];
    expect(seats).toHaveLength(4);
    for (const s of seats) {
      expect(Object.keys(s).sort()).toEqual(['avatarUrl', 'isMine', 'name', 'personaId']);
      // Drawn from the id for every seat; an owner's own picture would single its persona out.
      expect(s.avatarUrl).toMatch(/^data:image\/svg\+xml,/);
    }
    expect(JSON.stringify(res.body)).not.toMatch(/"kind"|"ai"|"human"|model|ownerId/);
  });

  it('shows every message with the same keys whoever wrote it, and charges AI replies to the house', async () => {
    expect(
      (
        await conv(a, 'POST', '/api/conversations/{id}/messages', {
          body: { personaId: seatA, content: 'hi all' },
        })
      ).status,
    ).toBe(201);
    const jobs = await query<{ triggered_by: string | null }>(
      'SELECT triggered_by FROM ai_jobs WHERE conversation_id = $1',
      [id],
    );
    expect(jobs.rows.every((j) => j.triggered_by === null)).toBe(true);
    const [ai] = (
      await query<{ persona_id: string }>(
        `SELECT persona_id FROM conversation_participants WHERE conversation_id = $1 AND user_id IS NULL LIMIT 1`,
        [id],
      )
    ).rows;
    await query(
      `WITH s AS (UPDATE conversations SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq)
       INSERT INTO messages (conversation_id, seq, persona_id, content, metadata) SELECT $1, last_seq, $2, 'hey', '{"model":"x"}' FROM s`,
      [id, ai!.persona_id],
    );
    const page = await conv(b, 'GET', '/api/conversations/{id}/messages');
    const keys = (page.body.items as Record<string, unknown>[]).map((m) => Object.keys(m).sort().join());
    expect(new Set(keys).size).toBe(1);
    expect(
      page.body.items.every((m: { avatarUrl: string }) => m.avatarUrl.startsWith('data:image/svg+xml,')),
    ).toBe(true);
    expect(JSON.stringify(page.body)).not.toMatch(/model|metadata/);
  });

  it('answers generate-response with the same 403 for every participant', async () => {
    const bodies = new Set<string>();
    for (const personaId of await others(a)) {
      const res = await invoke(aiHandler, {
        method: 'POST',
        resource: '/api/ai/generate-response',
        caller: a.caller,
        body: { conversationId: id, personaId },
      });
      expect(res.status).toBe(403);
      bodies.add(JSON.stringify({ ...res.body.error, requestId: undefined }));
    }
    expect(bodies.size).toBe(1);
  });

  it('cannot be ended by hand, and no conversation can be created as a game', async () => {
    expect((await conv(a, 'POST', '/api/conversations/{id}/end', { body: {} })).status).toBe(403);
    const made = await invoke(conversations, {
      method: 'POST',
      resource: '/api/conversations',
      caller: a.caller,
      body: { title: 'x', mode: 'game', participantPersonaIds: [a.personaId, b.personaId] },
    });
    expect(made.status).toBe(400);
  });

  it('gives the same answers about an AI and a human before the reveal', async () => {
    const ids = await others(a);
    const errors = new Set<number>();
    for (const personaId of ids) {
      // A ballot missing one participant is refused the same way whoever is left out.
      const res = await vote(
        a,
        ids.filter((x) => x !== personaId).map((p) => ({ personaId: p, verdict: 'ai' })),
      );
      expect(res.status).toBe(400);
      errors.add(res.body.error.details.length);
    }
    expect(errors.size).toBe(1);
    expect((await callGames(a, 'GET', '/api/games/{id}/result', { id })).body.error.code).toBe(
      'not_revealed',
    );
  });
});

describe('votes', () => {
  it('refuses bad verdicts, self-votes, strangers and duplicates with 400; outsiders get 404', async () => {
    const ids = await others(a);
    const all = (verdict: string) => ids.map((personaId) => ({ personaId, verdict }));
    expect((await vote(a, all('robot'))).status).toBe(400);
    expect((await vote(a, [...all('ai'), { personaId: seatA, verdict: 'human' }])).status).toBe(400);
    expect(
      (await vote(a, [...all('ai').slice(1), { personaId: outsider.personaId, verdict: 'human' }])).status,
    ).toBe(400);
    expect((await vote(a, [...all('ai'), { personaId: ids[0], verdict: 'ai' }])).status).toBe(400);
    expect((await vote(outsider, all('ai'))).status).toBe(404);
  });

  it('stores once: the same ballot again is 200, a different one 409', async () => {
    const ids = await others(a);
    const ballot = ids.map((personaId, i) => ({
      personaId,
      verdict: i === 0 ? 'human' : 'ai',
      confidence: 3,
    }));
    const first = await vote(a, ballot);
    expect(first.status).toBe(201);
    expect(first.body.round.myVotesSubmitted).toBe(true);
    expect((await vote(a, [...ballot].reverse())).status).toBe(200);
    const changed = await vote(
      a,
      ballot.map((v) => ({ ...v, verdict: 'human' })),
    );
    expect(changed.status).toBe(409);
    expect(changed.body.error.code).toBe('votes_final');
  });
});

describe('phases', () => {
  it('stays live until the last millisecond, then ends the chat: 409 round_over', async () => {
    time.at = new Date(Date.parse(round.endsAt) - 1);
    expect((await conv(b, 'GET', '/api/conversations/{id}')).body.round.phase).toBe('live');
    time.at = new Date(round.endsAt);
    const post = await conv(b, 'POST', '/api/conversations/{id}/messages', {
      body: { personaId: seatB, content: 'late' },
    });
    expect(post.status).toBe(409);
    expect(post.body.error.code).toBe('round_over');
    const typing = await conv(b, 'POST', '/api/conversations/{id}/typing', {
      body: { personaId: seatB },
    });
    expect(typing.body.error.code).toBe('round_over');
    const view = (await conv(b, 'GET', '/api/conversations/{id}')).body;
    expect(view).toEqual(
      expect.objectContaining({ status: 'ended', round: expect.objectContaining({ phase: 'voting' }) }),
    );
    expect((await conv(b, 'GET', '/api/conversations/{id}/messages')).body.typing).toEqual([]);
  });

  it('reveals as soon as the last human votes', async () => {
    time.advance(10_000);
    const ids = await others(b);
    const res = await vote(
      b,
      ids.map((personaId) => ({ personaId, verdict: personaId === seatA ? 'human' : 'ai' })),
    );
    expect(res.body.round.phase).toBe('revealed');
  });
});

describe('the result', () => {
  it('tells the round’s own players who was what, their score and how they were judged', async () => {
    const res = await callGames(b, 'GET', '/api/games/{id}/result', { id });
    expect(res.status).toBe(200);
    expect(res.body.participants).toHaveLength(4);
    expect(res.body.participants.filter((p: { kind: string }) => p.kind === 'human')).toHaveLength(2);
    expect(res.body.score).toEqual({ correct: 3, total: 3, points: 3 + res.body.judgedAs.human });
    // Ada judged everyone, Ben included; the AIs cast no verdicts.
    expect(res.body.judgedAs.human + res.body.judgedAs.ai).toBe(1);
  });

  it('is 404 to anyone else', async () => {
    expect((await callGames(outsider, 'GET', '/api/games/{id}/result', { id })).status).toBe(404);
  });

  it('reveals at votingClosesAt when a player never votes', async () => {
    const lone = await player('Quiet');
    time.advance(GAME.liveMs.group);
    await joinQueue(lone.userId, {}, { random: fixed });
    time.advance(GAME.dueTicks.max * GAME.tickMs);
    const other = (await pollQueue(lone.userId)).conversationId!;
    const r = (
      await invoke(conversations, {
        method: 'GET',
        resource: '/api/conversations/{id}',
        caller: lone.caller,
        pathParameters: { id: other },
      })
    ).body.round;
    time.at = new Date(Date.parse(r.votingClosesAt) - 1);
    expect((await callGames(lone, 'GET', '/api/games/{id}/result', { id: other })).status).toBe(409);
    time.at = new Date(r.votingClosesAt);
    const res = await callGames(lone, 'GET', '/api/games/{id}/result', { id: other });
    expect(res.status).toBe(200);
    expect(res.body.score).toEqual({ correct: 0, total: 0, points: 0 });
  });
});
