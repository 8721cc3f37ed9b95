import { FakeSocket } from '../../test/fakeSocket';
import type { Ticket } from '../api/types';
import { GAME_SAFETY_NET_POLL_MS, QUEUE_POLL_MS } from '../realtime/pace';
import { RealtimeSocket } from '../realtime/socket';
import { laterTicket, roundPathOf, ticketPollDelay, watchTicket } from './ticketWatch';

const T0 = Date.parse('2026-03-01T12:00:00.000Z');
const ROUND = '7c1e2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';

function makeTicket(overrides: Partial<Ticket> = {}): Ticket {
  return {
    id: 'a1b2c3d4-0000-4000-8000-000000000001',
    status: 'waiting',
    format: 'duel',
    personaId: 'b1b2c3d4-0000-4000-8000-000000000002',
    queuedAt: new Date(T0).toISOString(),
    matchDeadline: new Date(T0 + 9_000).toISOString(),
    conversationId: null,
    ...overrides,
  };
}
const matched = (overrides: Partial<Ticket> = {}) =>
  makeTicket({ status: 'matched', conversationId: ROUND, ...overrides });

const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

/** A real RealtimeSocket on a fake WebSocket, opened. */
async function openSocket() {
  FakeSocket.all = [];
  const realtime = new RealtimeSocket({
    url: 'ws://app.test/ws',
    getToken: async () => 'token',
    createSocket: (url) => new FakeSocket(url),
    random: () => 0.5,
  });
  realtime.start();
  await flush();
  FakeSocket.all[0]!.open();
  return realtime;
}

function watch(initial: Ticket, socket: RealtimeSocket | null, answer: () => Promise<Ticket>) {
  const poll = jest.fn(answer);
  const changes: Ticket[] = [];
  const errors: unknown[] = [];
  const stop = watchTicket(initial, {
    poll,
    socket,
    onChange: (ticket) => changes.push(ticket),
    onError: (error) => errors.push(error),
  });
  return { poll, changes, errors, stop };
}

describe('following a ticket', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    jest.setSystemTime(T0);
  });
  afterEach(() => jest.useRealTimers());

  it('moves the player to the round as soon as a matched ticket is pushed, and polls no more', async () => {
    const realtime = await openSocket();
    const { poll, changes } = watch(makeTicket(), realtime, async () => makeTicket());
    await jest.advanceTimersByTimeAsync(2_000);
    FakeSocket.all[0]!.push({ type: 'ticket', ticket: matched() });
    expect(changes).toEqual([matched()]);
    expect(roundPathOf(changes.at(-1)!)).toBe(`/play/${ROUND}`);
    await jest.advanceTimersByTimeAsync(120_000);
    expect(poll).not.toHaveBeenCalled();
    realtime.stop();
  });

  it('with the socket up, reads the queue at the due tick (which runs matching), not before', async () => {
    const realtime = await openSocket();
    const { poll, changes } = watch(makeTicket(), realtime, async () => matched());
    await jest.advanceTimersByTimeAsync(9_000);
    expect(poll).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(300);
    expect(poll).toHaveBeenCalledTimes(1);
    expect(changes).toEqual([matched()]);
    realtime.stop();
  });

  it('without a socket, polls at today’s pace', async () => {
    const { poll } = watch(makeTicket(), null, async () => makeTicket());
    await jest.advanceTimersByTimeAsync(QUEUE_POLL_MS);
    expect(poll).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(QUEUE_POLL_MS);
    expect(poll).toHaveBeenCalledTimes(2);
  });

  it('reads the queue once at once after a reconnect, then goes back to the slow pace', async () => {
    const realtime = await openSocket();
    const later = makeTicket({ matchDeadline: new Date(T0 + 60_000).toISOString() });
    const { poll } = watch(later, realtime, async () => later);
    FakeSocket.all[0]!.close();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(poll).not.toHaveBeenCalled();
    FakeSocket.all[1]!.open();
    await flush();
    expect(poll).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(GAME_SAFETY_NET_POLL_MS - 100);
    expect(poll).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(200);
    expect(poll).toHaveBeenCalledTimes(2);
    realtime.stop();
  });

  it('keeps a pushed match when a poll sent before it answers "waiting" afterwards', async () => {
    const realtime = await openSocket();
    let answer: (ticket: Ticket) => void = () => undefined;
    const { poll, changes } = watch(
      makeTicket(),
      realtime,
      () => new Promise<Ticket>((resolve) => (answer = resolve)),
    );
    await jest.advanceTimersByTimeAsync(9_300);
    expect(poll).toHaveBeenCalledTimes(1);
    FakeSocket.all[0]!.push({ type: 'ticket', ticket: matched() });
    answer(makeTicket());
    await flush();
    expect(changes).toEqual([matched()]);
    realtime.stop();
  });
});

describe('ticket pace and order', () => {
  const now = T0;
  it('waits for the due tick while the socket is up, never polling faster than every 15 s', () => {
    const far = makeTicket({ matchDeadline: new Date(now + 60_000).toISOString() });
    expect(ticketPollDelay(far, now, true)).toBe(GAME_SAFETY_NET_POLL_MS);
    expect(GAME_SAFETY_NET_POLL_MS).toBeGreaterThanOrEqual(15_000);
    expect(ticketPollDelay(makeTicket(), now, true)).toBe(9_250);
  });

  it('polls at the normal pace without a socket, and once the due tick has passed', () => {
    expect(ticketPollDelay(makeTicket(), now, false)).toBe(QUEUE_POLL_MS);
    expect(ticketPollDelay(makeTicket(), now + 10_000, true)).toBe(QUEUE_POLL_MS);
    expect(ticketPollDelay(matched(), now, true)).toBeNull();
  });

  it('keeps the newer of two views: settled over waiting, a later ticket over an earlier one', () => {
    expect(laterTicket(matched(), makeTicket())).toEqual(matched());
    expect(laterTicket(makeTicket(), matched())).toEqual(matched());
    const next = makeTicket({
      id: 'c0000000-0000-4000-8000-000000000003',
      queuedAt: new Date(now + 5).toISOString(),
    });
    expect(laterTicket(next, makeTicket({ status: 'left' }))).toBe(next);
    expect(laterTicket(makeTicket({ status: 'left' }), next)).toBe(next);
    expect(roundPathOf(makeTicket())).toBeNull();
  });
});
