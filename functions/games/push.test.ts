/**
 * Game events over the WebSocket API, end to end through the local server: real sockets on /ws, the real
 * handlers, the emulated Management API, a scripted game clock. A ticket matched by someone else's
 * request, a round's phase changes (by a request, by every human voting, by the sweeper), each event
 * deep-equal to what that viewer's HTTP request returns at that moment, and a gone connection removed
 * without failing the request that pushed.
 */
import { clock, dice, GAME } from '@amianai/core/games';
import { query } from '@amianai/shared/db';
import {
  aiPersona,
  manualClock,
  ofType,
  START_TIMEOUT_MS,
  type TestSocket,
  useLocalApp,
  useTestDatabase,
} from '../../tests/support/fixtures';

const database = useTestDatabase();
// Replies at a person's pace (the app server's default is at once), as in a deployed stage.
const app = useLocalApp({ on: database, environment: { AI_TYPING_DELAY_SCALE: '1' } });
let time: ReturnType<typeof manualClock>;

type Json = Record<string, unknown>;
interface Who {
  token: string;
  userId: string;
  personaId: string;
}

const api = <T = Json>(who: Who, method: string, url: string, body?: unknown) =>
  app.api<T>(who.token, method, url, body);

async function signIn(name: string, admin = false): Promise<Who> {
  const token = await app.token(name, admin);
  const me = await app.api<{ user: { id: string }; personas: { id: string }[] }>(token, 'GET', '/api/me');
  return { token, userId: me.body.user.id, personaId: me.body.personas[0]!.id };
}

const connect = (who: Who, ...conversationIds: string[]): Promise<TestSocket> =>
  app.socket(who.token, ...conversationIds);

/** A connection API Gateway no longer knows (the tab vanished without a $disconnect): posting to it is 410. */
async function goneConnection(who: Who, conversationId?: string): Promise<string> {
  const id = `gone-${Math.random().toString(36).slice(2)}`;
  await query(
    `INSERT INTO connections (id, user_id, conversation_ids, expires_at)
     VALUES ($1, $2, $3::uuid[], now() + interval '1 hour')`,
    [id, who.userId, conversationId ? [conversationId] : []],
  );
  return id;
}

const stillThere = async (id: string) =>
  (await query('SELECT 1 FROM connections WHERE id = $1', [id])).rows.length > 0;

const roundOf = async (who: Who, id: string) =>
  (await api<{ round: Json }>(who, 'GET', `/api/conversations/${id}`)).body.round;

const isRound = (id: string, phase: string) =>
  ofType('round', (m) => m.conversationId === id && (m.round as Json).phase === phase);

/** Two players queue for `format`; the clock moves past their deadlines; `matcher` polls and matches both. */
async function matchedPair(a: Who, b: Who, format: 'duel' | 'group', matcher: Who) {
  for (const p of [a, b]) expect((await api(p, 'POST', '/api/games/queue', { format })).status).toBe(201);
  time.advance((GAME.dueTicks.max + 1) * GAME.tickMs);
  const polled = await api<{ status: string; conversationId: string }>(matcher, 'GET', '/api/games/queue');
  expect(polled.body.status).toBe('matched');
  return polled.body.conversationId;
}

let ann: Who;
let ben: Who;
let admin: Who;

beforeAll(async () => {
  // No solo draw and a fixed due tick: two players who queue together share a round.
  dice.set(() => 0.5);
  time = manualClock(Date.UTC(2033, 2, 1));
  for (let i = 0; i < 6; i++) await aiPersona({ name: `Seat ${i}` });
  ann = await signIn('Ann Player');
  ben = await signIn('Ben Player');
  admin = await signIn('Ada Admin', true);
}, START_TIMEOUT_MS);

afterAll(() => {
  clock.reset();
  dice.reset();
});

afterEach(() => {
  // Every round of a test is over before the next: the players can queue again.
  time.advance(GAME.liveMs.group + GAME.votingMs + GAME.tickMs);
});

describe('ticket events', () => {
  it('tells the player whose partner matched them, with the ticket their own poll returns', async () => {
    const annSocket = await connect(ann);
    const benSocket = await connect(ben);
    const gone = await goneConnection(ann);
    const id = await matchedPair(ann, ben, 'duel', ben);

    const event = await annSocket.next(ofType('ticket', (m) => (m.ticket as Json).status === 'matched'));
    const annPoll = await api(ann, 'GET', '/api/games/queue');
    expect(event).toEqual({ type: 'ticket', ticket: annPoll.body });
    expect(event.ticket).toMatchObject({ status: 'matched', conversationId: id, personaId: ann.personaId });
    // The matcher's own other tabs hear it too; nobody hears anyone else's ticket.
    const own = await benSocket.next(ofType('ticket', (m) => (m.ticket as Json).status === 'matched'));
    expect(own.ticket).toEqual((await api(ben, 'GET', '/api/games/queue')).body);
    expect(annSocket.received.filter((m) => m.type === 'ticket')).toHaveLength(1);
    expect(benSocket.received.filter((m) => m.type === 'ticket')).toHaveLength(1);
    // The vanished tab was dropped while the poll that matched still answered 200.
    expect(await stillThere(gone)).toBe(false);
  });

  it('tells the player’s other tabs when they leave the queue', async () => {
    const other = await connect(ann);
    const joined = await api<Json>(ann, 'POST', '/api/games/queue', { format: 'duel' });
    const left = await api<Json>(ann, 'DELETE', '/api/games/queue');
    expect(left.body).toMatchObject({ id: joined.body.id, status: 'left' });
    expect(await other.next(ofType('ticket'))).toEqual({ type: 'ticket', ticket: left.body });
  });
});

describe('round events', () => {
  it('pushes each phase to every participant, rendered as their own GET returns it, with no kind in it', async () => {
    const id = await matchedPair(ann, ben, 'group', ann);
    const annSocket = await connect(ann, id);
    const benSocket = await connect(ben, id);
    const adminSocket = await connect(admin, id);
    const gone = await goneConnection(ben, id);
    const seats = (
      await api<{ participants: { personaId: string }[] }>(ann, 'GET', `/api/conversations/${id}`)
    ).body.participants;
    const ais = await query(
      'SELECT 1 FROM conversation_participants WHERE conversation_id = $1 AND user_id IS NULL',
      [id],
    );
    expect(ais.rows).toHaveLength(2);

    // live → voting: whichever request comes first after endsAt (here Ann's GET) settles and pushes.
    time.at = new Date(Date.parse((await roundOf(ann, id)).endsAt as string) + 1);
    const annView = await roundOf(ann, id);
    const toAnn = await annSocket.next(isRound(id, 'voting'));
    const toBen = await benSocket.next(isRound(id, 'voting'));
    const toAdmin = await adminSocket.next(isRound(id, 'voting'));
    expect(toAnn).toEqual({ type: 'round', conversationId: id, round: annView });
    expect(toBen).toEqual({ type: 'round', conversationId: id, round: await roundOf(ben, id) });
    expect(toAdmin).toEqual({ type: 'round', conversationId: id, round: await roundOf(admin, id) });
    // One shape for everyone, naming no seat: nothing singles out the AIs (before the reveal or after).
    for (const event of [toAnn, toBen, toAdmin]) {
      expect(Object.keys(event.round as Json).sort()).toEqual(
        ['endsAt', 'format', 'myVotesSubmitted', 'phase', 'startsAt', 'votingClosesAt'].sort(),
      );
      const text = JSON.stringify(event);
      for (const s of seats) expect(text).not.toContain(s.personaId);
      expect(text).not.toMatch(/"kind"|"ai"|"human"|model|ownerId/);
    }
    expect(await stillThere(gone)).toBe(false);

    // Ann votes: nothing moves for anyone (only her own answer says myVotesSubmitted).
    const verdicts = async (who: Who) =>
      (
        await api<{ participants: { personaId: string; isMine: boolean }[] }>(
          who,
          'GET',
          `/api/conversations/${id}`,
        )
      ).body.participants
        .filter((s) => !s.isMine)
        .map((s) => ({ personaId: s.personaId, verdict: 'human' }));
    expect((await api(ann, 'POST', `/api/games/${id}/votes`, { votes: await verdicts(ann) })).status).toBe(
      201,
    );
    // Ben's vote is the last human one: voting ends early and his request pushes the reveal.
    const benVote = await api<{ round: Json }>(ben, 'POST', `/api/games/${id}/votes`, {
      votes: await verdicts(ben),
    });
    expect(benVote.status).toBe(201);
    expect(benVote.body.round.phase).toBe('revealed');
    const revealedToAnn = await annSocket.next(isRound(id, 'revealed'));
    const revealedToBen = await benSocket.next(isRound(id, 'revealed'));
    const revealedToAdmin = await adminSocket.next(isRound(id, 'revealed'));
    expect(revealedToAnn.round).toEqual(await roundOf(ann, id));
    expect(revealedToBen.round).toEqual(await roundOf(ben, id));
    expect(revealedToAdmin.round).toEqual(await roundOf(admin, id));
    expect(revealedToAnn.round).toMatchObject({ myVotesSubmitted: true });
    expect(revealedToAdmin.round).toMatchObject({ myVotesSubmitted: false });
    // Exactly one event per phase change, whoever asked afterwards.
    expect(annSocket.received.filter((m) => m.type === 'round').map((m) => (m.round as Json).phase)).toEqual([
      'voting',
      'revealed',
    ]);
  });

  it('reaches the sockets when nobody asks: the sweeper settles due rounds and pushes them', async () => {
    const id = await matchedPair(ann, ben, 'duel', ben);
    const annSocket = await connect(ann, id);
    const benSocket = await connect(ben, id);
    const round = await roundOf(ann, id);

    time.at = new Date(Date.parse(round.endsAt as string) + 1);
    await app.server.runSchedule('SweeperFunction');
    const toAnn = await annSocket.next(isRound(id, 'voting'));
    const toBen = await benSocket.next(isRound(id, 'voting'));
    expect(toAnn.round).toEqual(await roundOf(ann, id));
    expect(toBen.round).toEqual(await roundOf(ben, id));

    time.at = new Date(Date.parse(round.votingClosesAt as string));
    await app.server.runSchedule('SweeperFunction');
    const revealed = await annSocket.next(isRound(id, 'revealed'));
    expect(revealed.round).toEqual(await roundOf(ann, id));
    await benSocket.next(isRound(id, 'revealed'));
  });
});
