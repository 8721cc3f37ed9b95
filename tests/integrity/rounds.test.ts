/**
 * The game-integrity suite for rounds: a suspicious player in a group round (two people, two AIs: a house
 * persona and a creator's pool persona, both public and in the directory, each with a picture of its own)
 * tries to match the seats against everything else they can reach: the persona directory, profiles, their
 * own persona list, ballots naming a directory persona, chats, and what the AI is told. Every seat must lead
 * nowhere outside its round (docs/decisions.md, "Seats, not personas, in a round").
 */
import { ALIASES, clock, GAME, joinQueue, pollQueue } from '@amianai/core/games';
import { handler as worker } from '@amianai/fn-ai-worker/handler';
import { query } from '@amianai/shared/db';
import {
  aiPersona,
  callConversations,
  callGames,
  deliver,
  makeRead,
  manualClock,
  type Player,
  personasApi,
  player,
  type Seat,
  seatsIn,
  useFakeOpenAI,
  useTestDatabase,
  withoutWriteLimit,
} from '../support/fixtures';

withoutWriteLimit();
useTestDatabase();
const fake = useFakeOpenAI();

interface Persona {
  id: string;
  name: string;
  avatarUrl: string;
}

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const fixed = () => 0.5; // no solo draw: the two due humans share a group

let ada: Player;
let ben: Player;
let creator: Player;
let time: ReturnType<typeof manualClock>;
let house: string;
let pooled: string;
let id: string;
let seats: Seat[];

const seatsOf = (who: Player) => seatsIn(who, id);

/** Every persona `who` can list, page by page: public ones and their own. */
async function directory(who: Player): Promise<Persona[]> {
  const all: Persona[] = [];
  let cursor: string | undefined;
  do {
    const page = await personasApi.list(who, { limit: '100', ...(cursor ? { cursor } : {}) });
    expect(page.status).toBe(200);
    all.push(...page.body.items);
    cursor = page.body.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

const ownIds = async (who: Player) =>
  (await personasApi.list(who, { mine: 'true', limit: '100' })).body.items.map((p: Persona) => p.id).sort();

let adaOwnBefore: string[];
let directoryBefore: string[];

beforeAll(async () => {
  creator = await player('Creator');
  // Only these two can take the AI seats: the round's AIs are exactly them.
  await query("UPDATE personas SET deleted_at = now() WHERE kind = 'ai' AND deleted_at IS NULL");
  house = await aiPersona({ name: 'Robin Hale' });
  pooled = await aiPersona({ name: 'Mimic Jones', ownerId: creator.userId });
  await query('INSERT INTO game_pool (persona_id) VALUES ($1)', [pooled]);
  time = manualClock(Date.UTC(2033, 2, 1));
  [ada, ben] = [await player('Ada Lovelace'), await player('Ben Okafor')];
  adaOwnBefore = await ownIds(ada);
  directoryBefore = (await directory(ada)).map((p) => p.id).sort();
  await joinQueue(ada.userId, { format: 'group' }, { random: fixed });
  await joinQueue(ben.userId, { format: 'group' }, { random: fixed });
  time.advance(GAME.dueTicks.max * GAME.tickMs);
  id = (await pollQueue(ada.userId, { random: fixed })).conversationId!;
  seats = await seatsOf(ada);
});
afterAll(() => clock.reset());

describe('the seats of a round', () => {
  it('are four, and every player sees the same ids, names and avatars', async () => {
    expect(seats).toHaveLength(4);
    const strip = (list: Seat[]) => list.map(({ isMine: _, ...s }) => s);
    expect(strip(await seatsOf(ben))).toEqual(strip(seats));
    expect(seats.filter((s) => s.isMine)).toHaveLength(1);
  });

  it('carry fresh ids shaped like every persona id, none of them a persona anyone can find', async () => {
    const known = new Set([
      ...(await directory(ada)).map((p) => p.id),
      ...(await directory(ben)).map((p) => p.id),
      ada.personaId,
      ben.personaId,
      house,
      pooled,
    ]);
    for (const s of seats) {
      expect(s.personaId).toMatch(UUID_V4);
      expect(known.has(s.personaId)).toBe(false);
    }
  });

  it('open no profile, the player’s own included: the same 404 for every seat', async () => {
    const answers = new Set<string>();
    for (const s of seats) {
      for (const who of [ada, ben]) {
        const res = await personasApi.get(who, s.personaId);
        expect(res.status).toBe(404);
        answers.add(JSON.stringify({ ...res.body.error, requestId: 0 }));
      }
    }
    expect(answers.size).toBe(1);
  });

  it('go by aliases, distinct and unlike any name in the directory or the players’ own', async () => {
    const names = seats.map((s) => s.name);
    expect(new Set(names).size).toBe(4);
    for (const n of names) expect(ALIASES).toContain(n);
    const listed = new Set((await directory(ada)).map((p) => p.name));
    for (const n of [...listed, 'Ada Lovelace', 'Ben Okafor', 'Robin Hale', 'Mimic Jones'])
      expect(names).not.toContain(n);
  });

  it('show the avatar drawn from the seat, never a picture from a profile', async () => {
    const pictures = new Set((await directory(ada)).map((p) => p.avatarUrl));
    for (const s of seats) {
      expect(s.avatarUrl).toMatch(/^data:image\/svg\+xml,/);
      expect(pictures.has(s.avatarUrl)).toBe(false);
    }
    expect(new Set(seats.map((s) => s.avatarUrl)).size).toBe(4);
  });

  it('never join anyone’s persona list or the directory, and need no persona slot', async () => {
    expect(await ownIds(ada)).toEqual(adaOwnBefore);
    expect((await directory(ada)).map((p) => p.id).sort()).toEqual(directoryBefore);
    for (const s of seats) {
      const found = await personasApi.list(ada, { q: s.name });
      expect(found.body.items.map((p: Persona) => p.id)).not.toContain(s.personaId);
    }
  });

  it('cannot be taken into a chat: refused as a persona that does not exist', async () => {
    const answer = async (personaId: string) => {
      const res = await callConversations(ada, 'POST', '/api/conversations', {
        body: { title: 'After the round', participantPersonaIds: [ada.personaId, personaId] },
      });
      return { status: res.status, error: { ...res.body.error, requestId: 0, details: undefined } };
    };
    const stranger = await answer('6f1c2d3e-4b5a-4c6d-8e7f-901234567890');
    expect(stranger.status).toBeGreaterThanOrEqual(400);
    for (const s of seats.filter((x) => !x.isMine)) expect(await answer(s.personaId)).toEqual(stranger);
  });
});

describe('a ballot', () => {
  it('naming a directory persona is refused exactly like one naming nobody', async () => {
    const others = seats.filter((s) => !s.isMine).map((s) => s.personaId);
    const refusal = async (extra: string) => {
      const res = await callGames(ada, 'POST', '/api/games/{id}/votes', {
        id,
        body: {
          votes: [
            ...others.slice(1).map((personaId) => ({ personaId, verdict: 'ai' })),
            { personaId: extra, verdict: 'ai' },
          ],
        },
      });
      return { status: res.status, details: res.body.error.details };
    };
    const nobody = await refusal('6f1c2d3e-4b5a-4c6d-8e7f-901234567890');
    expect(nobody.status).toBe(400);
    expect(await refusal(house)).toEqual(nobody);
    expect(await refusal(pooled)).toEqual(nobody);
  });
});

describe('an AI seat', () => {
  it('is told its alias and hears everyone by theirs, never the persona’s own name', async () => {
    const mine = seats.find((s) => s.isMine)!;
    const ais = (
      await query<{ persona_id: string }>(
        'SELECT persona_id FROM conversation_participants WHERE conversation_id = $1 AND user_id IS NULL',
        [id],
      )
    ).rows.map((r) => r.persona_id);
    const ai = seats.find((s) => ais.includes(s.personaId))!;
    fake.script({ type: 'reply', content: 'not much, just got back from a walk' });
    const posted = await callConversations(ada, 'POST', '/api/conversations/{id}/messages', {
      id,
      body: { personaId: mine.personaId, content: `hey ${ai.name}, what are you up to?` },
    });
    expect(posted.status).toBe(201);
    const jobs = (
      await query<{ id: string; persona_id: string }>(
        "SELECT id, persona_id FROM ai_jobs WHERE conversation_id = $1 AND status = 'queued'",
        [id],
      )
    ).rows;
    expect(jobs.map((j) => j.persona_id)).toEqual([ai.personaId]);
    await makeRead(jobs.map((j) => j.id));
    expect(await deliver(worker, [jobs[0]!.id])).toEqual({ batchItemFailures: [] });

    const request = fake.requests.at(-1)!;
    const system = request.messages[0]!.content;
    const prompt = request.messages.map((m) => m.content).join('\n');
    expect(system).toContain(`yours is ${ai.name}`);
    expect(prompt).toContain(`${mine.name}: hey ${ai.name}`);
    for (const real of ['Robin Hale', 'Mimic Jones', 'Ada Lovelace', 'Ben Okafor']) {
      expect(prompt).not.toContain(real);
    }
  });
});

describe('after the reveal', () => {
  it('tells the players what each seat was, under the seat’s id and alias', async () => {
    time.advance(GAME.liveMs.group);
    for (const who of [ada, ben]) {
      const own = await seatsOf(who);
      const res = await callGames(who, 'POST', '/api/games/{id}/votes', {
        id,
        body: {
          votes: own.filter((s) => !s.isMine).map((s) => ({ personaId: s.personaId, verdict: 'human' })),
        },
      });
      expect(res.status).toBe(201);
    }
    const result = await callGames(ada, 'GET', '/api/games/{id}/result', { id });
    expect(result.status).toBe(200);
    const shown = (result.body.participants as Array<{ personaId: string; name: string; kind: string }>)
      .map((p) => `${p.personaId} ${p.name}`)
      .sort();
    expect(shown).toEqual(seats.map((s) => `${s.personaId} ${s.name}`).sort());
    expect(result.body.participants.filter((p: { kind: string }) => p.kind === 'ai')).toHaveLength(2);
  });

  it('counts the verdicts on a pool persona’s seat for that persona, on its owner’s page', async () => {
    const page = await callGames(creator, 'GET', '/api/games/personas/{id}', { id: pooled });
    expect(page.status).toBe(200);
    expect(page.body).toEqual(
      expect.objectContaining({ rounds: 1, judgedAs: { human: 2, ai: 0 }, judgedHumanRate: 1 }),
    );
  });
});
