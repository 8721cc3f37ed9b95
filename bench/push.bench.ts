/**
 * Real-time push figures (DESIGN §10), on the local server with the real template and handlers:
 * - push.latency.p50 / .p99: for each message one client posts, the time from its commit (the message's
 *   timestamp, taken at the start of its transaction) to the event on the other client's socket. Pushes go
 *   out before the poster's 201, so "201 → event" (in the notes) is 0 nearly always.
 * - requests.perChatterHour: REST + WebSocket requests that keep one chatter's open conversation current
 *   for an hour, push vs polling (the baseline). Per-event costs (frames per message, per typing start,
 *   per subscription) are counted on the wire in this run; the pace is the web app's own (frontend/src/
 *   realtime/pace.ts). Posts and heartbeats are the same in both modes and reported in the notes.
 */
import path from 'node:path';
import {
  ACTIVE_POLL_INTERVAL_MS,
  PING_INTERVAL_MS,
  POLL_INTERVAL_MS,
  SAFETY_NET_POLL_MS,
  TYPING_RECHECK_MS,
} from '../frontend/src/realtime/pace';
import { startLocalServer } from '../local/server';
import { ofType, openSocket } from '../tests/support/websocket';
import { percentile, round } from './stats';
import { benchDatabase } from './support';
import type { BenchResult } from './types';

const MESSAGES = 200;
const HOUR_S = 3600;
/** The scenario: an open conversation where one message a minute arrives, each after ~6 s of typing. */
const MESSAGES_PER_HOUR = 60;
const TYPING_BEFORE_MESSAGE_MS = 6_000;
/** The busier case for the notes: each side posts once a minute. */
const BUSY_MESSAGES_PER_HOUR = 120;

type Json = Record<string, unknown>;

async function api<T = Json>(base: string, token: string, method: string, url: string, body?: unknown) {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => undefined)) as T };
}

/**
 * Polling client (chat/poller.ts): a poll every 2 s, 1 s after one that brought news. News per message:
 * the typing start, the message itself and the typing end each make one poll come early.
 */
function pollingPerHour(messagesPerHour: number): number {
  const early = messagesPerHour * 3;
  return Math.round(
    HOUR_S / (POLL_INTERVAL_MS / 1000) + early * (1 - ACTIVE_POLL_INTERVAL_MS / POLL_INTERVAL_MS),
  );
}

interface WireCosts {
  /** Frames on the chatter's socket per message posted in the conversation (the event). */
  perMessage: number;
  /** Frames per typing start of someone else. */
  perTypingStart: number;
  /** Frames to connect and follow one conversation: $connect, subscribe, its answer. */
  perSession: number;
}

/** When events reach the chatter in the scenario: a typing start, then the message ~6 s later. */
function eventTimes(messagesPerHour: number): number[] {
  const every = (HOUR_S * 1000) / Math.max(1, messagesPerHour);
  const times: number[] = [];
  for (let i = 0; i < messagesPerHour; i++) times.push(i * every, i * every + TYPING_BEFORE_MESSAGE_MS);
  return times;
}

/** Safety-net polls (useLiveUpdates.skipPoll): one per interval, skipped while events came within it. */
function safetyPolls(events: number[]): number {
  let polls = 0;
  let last = Number.NEGATIVE_INFINITY;
  let next = 0;
  for (let t = SAFETY_NET_POLL_MS; t <= HOUR_S * 1000; t += SAFETY_NET_POLL_MS) {
    while (next < events.length && events[next]! <= t) last = events[next++]!;
    if (t - last >= SAFETY_NET_POLL_MS) polls++;
  }
  return polls;
}

function pushPerHour(
  messagesPerHour: number,
  wire: WireCosts,
): { total: number; parts: Record<string, number> } {
  const parts = {
    session: wire.perSession,
    pingsAndPongs: ((HOUR_S * 1000) / PING_INTERVAL_MS) * 2,
    messages: messagesPerHour * wire.perMessage,
    typing: messagesPerHour * wire.perTypingStart,
    safetyNet: safetyPolls(eventTimes(messagesPerHour)),
    // The message ends the typing it follows before the re-check fires.
    typingRechecks: TYPING_BEFORE_MESSAGE_MS < TYPING_RECHECK_MS ? 0 : messagesPerHour,
  };
  return { total: Math.round(Object.values(parts).reduce((a, b) => a + b, 0)), parts };
}

export async function run(): Promise<BenchResult[]> {
  const db = await benchDatabase();
  // One poster sends hundreds of messages; the per-user write limit is not what is measured here.
  process.env.WRITE_RATE_LIMIT_PER_MINUTE = '100000';
  const server = await startLocalServer({
    port: 0,
    quiet: true,
    schedules: false,
    databaseUrl: db.url,
    envFile: path.join(__dirname, 'no-env.json'),
  });
  try {
    const token = async (name: string) =>
      (await api<{ token: string }>(server.url, '', 'POST', '/api/dev/token', { name })).body.token;
    const ann = await token('Bench Ann');
    const ben = await token('Bench Ben');
    const annPersona = (await api<{ personas: { id: string }[] }>(server.url, ann, 'GET', '/api/me')).body
      .personas[0]!.id;
    const benPersona = (
      await api<{ id: string }>(server.url, ben, 'POST', '/api/personas', {
        name: 'Bench Ben Public',
        kind: 'human',
        description: 'Ben on the bench.',
        visibility: 'public',
      })
    ).body.id;
    const conversation = (
      await api<{ id: string }>(server.url, ann, 'POST', '/api/conversations', {
        title: 'Bench',
        participantPersonaIds: [annPersona, benPersona],
      })
    ).body.id;

    const socket = await openSocket(server.webSocketUrl!, ann);
    socket.send({ action: 'subscribe', conversationId: conversation });
    await socket.next(ofType('subscribed'));
    const perSession = 1 + 1 + 1; // $connect, subscribe, its answer

    const arrived = new Map<string, { at: number; wall: number; createdAt: string }>();
    socket.socket.on('message', (data) => {
      const m = JSON.parse(String(data)) as {
        type: string;
        message?: { content: string; createdAt: string };
      };
      if (m.type === 'message' && m.message)
        arrived.set(m.message.content, {
          at: performance.now(),
          wall: Date.now(),
          createdAt: m.message.createdAt,
        });
    });
    const latencies: number[] = [];
    const afterAck: number[] = [];
    const sendToEvent: number[] = [];
    // The event writer warms up (first pushes load the SDK client) before timing starts.
    for (let i = -10; i < MESSAGES; i++) {
      const content = `bench ${i}`;
      const sent = performance.now();
      const res = await api(server.url, ben, 'POST', `/api/conversations/${conversation}/messages`, {
        personaId: benPersona,
        content,
      });
      if (res.status !== 201) throw new Error(`post answered ${res.status}`);
      const acknowledged = performance.now();
      await socket.next(
        ofType('message', (m) => (m.message as Json).content === content),
        10_000,
      );
      const event = arrived.get(content)!;
      if (i < 0) continue;
      // The message's timestamp is taken when its transaction starts, a little before the commit.
      latencies.push(event.wall - Date.parse(event.createdAt));
      afterAck.push(Math.max(0, event.at - acknowledged));
      sendToEvent.push(event.at - sent);
    }
    const messageFrames = socket.received.filter((m) => m.type === 'message').length / (MESSAGES + 10);

    const before = socket.received.length;
    await api(server.url, ben, 'POST', `/api/conversations/${conversation}/typing`, {
      personaId: benPersona,
    });
    await socket.next(ofType('typing'));
    await api(server.url, ben, 'POST', `/api/conversations/${conversation}/typing`, {
      personaId: benPersona,
    });
    await new Promise((r) => setTimeout(r, 300));
    const typingFrames = socket.received.length - before;
    await socket.close();

    const wire = { perMessage: messageFrames, perTypingStart: typingFrames, perSession };
    const push = pushPerHour(MESSAGES_PER_HOUR, wire);
    const polling = pollingPerHour(MESSAGES_PER_HOUR);
    const busyPush = pushPerHour(BUSY_MESSAGES_PER_HOUR, wire).total;
    const busyPolling = pollingPerHour(BUSY_MESSAGES_PER_HOUR);
    const idlePush = pushPerHour(0, wire).total;
    const idlePolling = pollingPerHour(0);
    const writes =
      MESSAGES_PER_HOUR / 2 + (MESSAGES_PER_HOUR / 2) * Math.ceil(TYPING_BEFORE_MESSAGE_MS / 3000);
    return [
      {
        name: 'push.latency.p50',
        unit: 'ms',
        value: round(percentile(latencies, 50)),
        notes:
          `${MESSAGES} messages on the local server, from the message's own timestamp (its transaction's start, so a ` +
          `little before the commit) to the event on the other client's socket. The event comes before the poster's ` +
          `201 (201 → event p50 ${round(percentile(afterAck, 50))} ms); POST sent → event p50 ${round(percentile(sendToEvent, 50))} ms. ` +
          'Polling every 2 s shows a message ~1,000 ms later on average.',
      },
      {
        name: 'push.latency.p99',
        unit: 'ms',
        value: round(percentile(latencies, 99)),
        notes: `201 → event p99 ${round(percentile(afterAck, 99))} ms; POST sent → event p99 ${round(percentile(sendToEvent, 99))} ms`,
      },
      {
        name: 'requests.perChatterHour',
        unit: 'requests',
        value: push.total,
        baseline: polling,
        ratio: round(push.total / polling),
        notes:
          `Keeping one open conversation current for an hour with ${MESSAGES_PER_HOUR} messages (each after ~6 s of typing): ` +
          `push ${JSON.stringify(push.parts)} vs polling every 2 s (1 s after news); ${round(polling / push.total, 1)}× fewer. ` +
          `Measured on the wire: ${wire.perMessage} frame per message, ${wire.perTypingStart} per typing start (none per heartbeat). ` +
          `At ${BUSY_MESSAGES_PER_HOUR} messages an hour: ${busyPush} vs ${busyPolling} (${round(busyPolling / busyPush, 1)}× fewer); ` +
          `with nothing happening: ${idlePush} vs ${idlePolling} (${round(idlePolling / idlePush, 1)}× fewer). ` +
          `The chatter's own posts and heartbeats (~${writes} an hour at this pace) cost the same in both modes and are not counted.`,
      },
    ];
  } finally {
    delete process.env.WRITE_RATE_LIMIT_PER_MINUTE;
    await server.stop();
    await db.stop();
  }
}
