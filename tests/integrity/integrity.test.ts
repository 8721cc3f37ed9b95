/**
 * The game-integrity suite: a suspicious player against the local server (the real handlers, SQS emulation and
 * embedded PostgreSQL), with a fake OpenAI server that writes like a person and a scripted person who types at
 * ~40 wpm. The player (Pat) talks to an AI persona (Robin) and a person (Sam) in two chats set up alike, while an
 * observer (Quinn) sits in both and times everything. Every response, header, error, id, timestamp, avatar,
 * typing and timing statistic the player can reach is compared; docs/decisions.md, "Game integrity: replies".
 *
 * Time runs at SCALE (AI_TYPING_DELAY_SCALE for the AI, the same factor for the scripted person). Timing checks
 * compare medians with wide margins, so a busy machine slows both sides alike instead of failing the suite.
 */
import { Client } from 'pg';
import { type AppResponse, HUMAN_LINES, humanLike, START_TIMEOUT_MS, useLocalApp } from '../support/fixtures';

const SCALE = 0.2;
const WPM = 40;
const EXCHANGES = 6;

// Pat writes far more than a minute's share of the write limit; the limit is alike for everyone anyway.
const app = useLocalApp({
  openai: true,
  environment: {
    AI_TYPING_DELAY_SCALE: String(SCALE),
    HOUSE_AI_DAILY_BUDGET_USD: '5',
    WRITE_RATE_LIMIT_PER_MINUTE: '10000',
  },
  server: { queueVisibilityTimeoutMs: 500 },
});
const fake = app.fake;
const api = app.api;

let sql: Client;

beforeAll(async () => {
  sql = new Client({ connectionString: app.database.url });
  await sql.connect();
});
app.beforeStop(async () => sql?.end());

beforeEach(() => fake.setDefault(humanLike));

interface Message {
  id: string;
  seq: number;
  personaId: string | null;
  content: string;
  kind: string;
  createdAt: string;
}
interface Feed {
  items: Message[];
  typing: Array<{ personaId: string; name: string }>;
  requests: Array<{ personaId: string; requestedAt: string }>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
/** Header names, minus those that differ per response by nature. */
const headerNames = (h: Headers) =>
  [...h.keys()]
    .filter((k) => !['date', 'etag', 'content-length', 'x-amzn-requestid', 'x-amz-apigw-id'].includes(k))
    .sort();
/** The shape of a JSON value: keys (recursively) and value types, never the values. */
function shape(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? [shape(v[0])] : [];
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, x]) => [k, shape(x)]),
    );
  return v === null ? 'null' : typeof v;
}
const withoutRequestId = (body: { error?: Record<string, unknown> }) => ({ ...body.error, requestId: 0 });

// ---- the cast ----

interface Cast {
  pat: string;
  quinn: string;
  sam: string;
  olive: string;
  patPersona: string;
  quinnPersona: string;
  samPersona: string;
  robin: string;
}
let cast: Cast;

async function humanPersona(token: string, name: string): Promise<string> {
  const res = await api<{ id: string }>(token, 'POST', '/api/personas', {
    name,
    kind: 'human',
    description: 'Likes long walks and short meetings.',
    communicationStyle: 'casual',
    knowledge: ['cooking', 'cycling'],
    visibility: 'public',
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

async function conversationWith(personaId: string, title = 'Evening chat'): Promise<string> {
  const res = await api<{ id: string }>(cast.pat, 'POST', '/api/conversations', {
    title,
    participantPersonaIds: [cast.patPersona, cast.quinnPersona, personaId],
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

beforeAll(async () => {
  const [pat, quinn, sam, olive] = await Promise.all(
    ['Pat Integrity', 'Quinn Integrity', 'Sam Integrity', 'Olive Integrity'].map((n) => app.token(n)),
  );
  const robin = await api<{ id: string }>(olive!, 'POST', '/api/personas', {
    name: 'Robin Hale',
    kind: 'ai',
    description: 'Likes long walks and short meetings.',
    communicationStyle: 'casual',
    knowledge: ['cooking', 'cycling'],
    visibility: 'public',
    ai: { typingWpm: WPM, talkativeness: 0.5 },
  });
  expect(robin.status).toBe(201);
  cast = {
    pat: pat!,
    quinn: quinn!,
    sam: sam!,
    olive: olive!,
    patPersona: await humanPersona(pat!, 'Pat Player'),
    quinnPersona: await humanPersona(quinn!, 'Quinn Watcher'),
    samPersona: await humanPersona(sam!, 'Sam Reyes'),
    robin: robin.body.id,
  };
}, START_TIMEOUT_MS);

// ---- the scripted person: reads, then types at ~40 wpm with heartbeats, then sends ----

/** Reads like the persona does (noticing, then ~30 ms a character), with a person's variation. */
const humanReadingMs = (text: string) => (1_200 + 30 * text.length) * (0.8 + Math.random() * 0.45) * SCALE;
const humanTypingMs = (text: string) => (text.length / 5 / WPM) * 60_000 * (1 + Math.random() * 0.3) * SCALE;

function scriptedHuman(token: string, conversationId: string, personaId: string) {
  let stopped = false;
  let lines = 0;
  const run = async () => {
    let after = 0;
    let heard: { at: number; text: string } | undefined;
    while (!stopped) {
      const feed = await api<Feed>(
        token,
        'GET',
        `/api/conversations/${conversationId}/messages?after=${after}`,
      );
      if (feed.status !== 200) break;
      for (const m of feed.body.items) {
        after = Math.max(after, m.seq);
        if (m.personaId !== personaId && m.kind === 'text') heard = { at: Date.now(), text: m.content };
      }
      // Once nobody has written for as long as reading the last message takes, type an answer.
      if (heard && Date.now() - heard.at >= humanReadingMs(heard.text)) {
        const reply = HUMAN_LINES[(lines++ * 3 + 1) % HUMAN_LINES.length]!;
        const typing = humanTypingMs(reply);
        const until = Date.now() + typing;
        while (!stopped && Date.now() < until) {
          await api(token, 'POST', `/api/conversations/${conversationId}/typing`, { personaId });
          await sleep(Math.min(1_000, Math.max(0, until - Date.now())));
        }
        heard = undefined;
        if (!stopped)
          await api(token, 'POST', `/api/conversations/${conversationId}/messages`, {
            personaId,
            content: reply,
          });
      }
      await sleep(40);
    }
  };
  const done = run();
  return {
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}

// ---- the observer: when typing shows, when the reply comes ----

interface Sample {
  typingAfterMs: number;
  replyAfterMs: number;
  typingMs: number;
  chars: number;
}

/** Pat writes; Quinn watches until `personaId` answers. */
async function exchange(conversationId: string, personaId: string, text: string): Promise<Sample> {
  const posted = await api<Message>(cast.pat, 'POST', `/api/conversations/${conversationId}/messages`, {
    personaId: cast.patPersona,
    content: text,
  });
  expect(posted.status).toBe(201);
  const t0 = Date.parse(posted.body.createdAt);
  let typingAt: number | undefined;
  for (;;) {
    const feed = await api<Feed>(
      cast.quinn,
      'GET',
      `/api/conversations/${conversationId}/messages?after=${posted.body.seq}`,
    );
    if (typingAt === undefined && feed.body.typing.some((t) => t.personaId === personaId))
      typingAt = Date.now();
    const reply = feed.body.items.find((m) => m.personaId === personaId);
    if (reply) {
      const replyAt = Date.parse(reply.createdAt);
      const from = typingAt ?? replyAt;
      return {
        typingAfterMs: from - t0,
        replyAfterMs: replyAt - t0,
        typingMs: replyAt - from,
        chars: reply.content.length,
      };
    }
    await sleep(30);
  }
}

const QUESTIONS = [
  'hey, how was your day?',
  'what do you usually cook on weekends?',
  'ever been cycling somewhere far?',
  'rain or sun, which do you prefer?',
  'what are you up to tonight?',
  'any good films lately?',
  'tea or coffee in the morning?',
  'what is the last thing you laughed at?',
];

// ---- the comparisons ----

describe('a suspicious player comparing an AI persona and a person', () => {
  it('sees the same profile: key set, value shapes, id pattern, timestamps, avatar, headers and errors', async () => {
    const [ai, person] = await Promise.all(
      [cast.robin, cast.samPersona].map((id) => api(cast.pat, 'GET', `/api/personas/${id}`)),
    );
    expect(ai!.status).toBe(200);
    expect(person!.status).toBe(ai!.status);
    expect(shape(person!.body)).toEqual(shape(ai!.body));
    expect(headerNames(person!.headers)).toEqual(headerNames(ai!.headers));
    const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    for (const r of [ai!, person!]) {
      expect(r.body.id).toMatch(uuidV4);
      expect(JSON.stringify(r.body)).not.toMatch(/"kind"|"ai"|model|typingWpm|systemPrompt|gpt|token|cost/i);
    }
    expect(person!.body.avatarUrl === null).toBe(ai!.body.avatarUrl === null);
    expect(person!.body.createdAt).not.toBe(ai!.body.createdAt);

    // Acting as them: the same refusal, word for word.
    const id = await conversationWith(cast.robin, 'Profiles');
    const asAi = await api(cast.pat, 'POST', `/api/conversations/${id}/messages`, {
      personaId: cast.robin,
      content: 'hi',
    });
    const id2 = await conversationWith(cast.samPersona, 'Profiles');
    const asPerson = await api(cast.pat, 'POST', `/api/conversations/${id2}/messages`, {
      personaId: cast.samPersona,
      content: 'hi',
    });
    expect(asAi.status).toBe(403);
    expect([asPerson.status, withoutRequestId(asPerson.body)]).toEqual([
      asAi.status,
      withoutRequestId(asAi.body),
    ]);
    for (const c of [id, id2]) await api(cast.pat, 'POST', `/api/conversations/${c}/end`);
  });

  it('gets the same answer from "ask to reply": status, body, headers, and about the same time', async () => {
    const aiChat = await conversationWith(cast.robin, 'Asking');
    const personChat = await conversationWith(cast.samPersona, 'Asking');
    // Pat writes to Quinn only in both, so nobody is due to answer yet.
    for (const c of [aiChat, personChat])
      await api(cast.pat, 'POST', `/api/conversations/${c}/messages`, {
        personaId: cast.patPersona,
        content: '@Quinn hi',
      });
    const times = { ai: [] as number[], person: [] as number[] };
    let first: { ai?: AppResponse; person?: AppResponse } = {};
    for (let i = 0; i < 12; i++) {
      const order = i % 2 ? (['ai', 'person'] as const) : (['person', 'ai'] as const);
      for (const who of order) {
        const res = await api(cast.pat, 'POST', '/api/ai/generate-response', {
          conversationId: who === 'ai' ? aiChat : personChat,
          personaId: who === 'ai' ? cast.robin : cast.samPersona,
        });
        expect(res.status).toBe(202);
        times[who].push(res.ms);
        first = { ...first, [who]: first[who] ?? res };
      }
    }
    expect(shape(first.person!.body)).toEqual(shape(first.ai!.body));
    expect(headerNames(first.person!.headers)).toEqual(headerNames(first.ai!.headers));
    const [a, p] = [median(times.ai), median(times.person)];
    // Generous: a few milliseconds of queueing must not become a stopwatch tell, and load is shared.
    expect(Math.abs(a - p)).toBeLessThan(Math.max(60, 1.5 * Math.min(a, p)));

    // The person sees the request; Pat and Quinn see nothing either way.
    const samFeed = await api<Feed>(cast.sam, 'GET', `/api/conversations/${personChat}/messages`);
    expect(samFeed.body.requests.map((r) => r.personaId)).toEqual([cast.samPersona]);
    for (const c of [aiChat, personChat]) {
      const feed = await api<Feed>(cast.pat, 'GET', `/api/conversations/${c}/messages`);
      expect(feed.body.requests).toEqual([]);
    }
    for (const c of [aiChat, personChat]) await api(cast.pat, 'POST', `/api/conversations/${c}/end`);

    // In a round: the same 403 for both.
    const round = await api<{ id: string }>(cast.pat, 'POST', '/api/conversations', {
      title: 'Round',
      mode: 'game',
      participantPersonaIds: [cast.patPersona, cast.robin, cast.samPersona],
    });
    if (round.status === 201) {
      const [x, y] = await Promise.all(
        [cast.robin, cast.samPersona].map((personaId) =>
          api(cast.pat, 'POST', '/api/ai/generate-response', { conversationId: round.body.id, personaId }),
        ),
      );
      expect(x!.status).toBe(403);
      expect([y!.status, withoutRequestId(y!.body)]).toEqual([x!.status, withoutRequestId(x!.body)]);
      await api(cast.pat, 'POST', `/api/conversations/${round.body.id}/end`);
    }
  });

  it('cannot tell them apart by when typing shows, how fast they type or when the reply comes', async () => {
    const aiChat = await conversationWith(cast.robin, 'Timing');
    const personChat = await conversationWith(cast.samPersona, 'Timing');
    const sam = scriptedHuman(cast.sam, personChat, cast.samPersona);
    const samples = { ai: [] as Sample[], person: [] as Sample[] };
    try {
      await Promise.all(
        (['ai', 'person'] as const).map(async (who) => {
          for (let i = 0; i < EXCHANGES; i++) {
            const s = await exchange(
              who === 'ai' ? aiChat : personChat,
              who === 'ai' ? cast.robin : cast.samPersona,
              QUESTIONS[i % QUESTIONS.length]!,
            );
            samples[who].push(s);
            await sleep(300);
          }
        }),
      );
    } finally {
      await sam.stop();
    }
    const stats = (xs: Sample[]) => ({
      typingAfter: median(xs.map((s) => s.typingAfterMs)),
      replyAfter: median(xs.map((s) => s.replyAfterMs)),
      // Words per minute of the persona's own clock (scaled time back to real time).
      wpm: median(xs.map((s) => s.chars / 5 / (s.typingMs / SCALE / 60_000))),
    });
    const [ai, person] = [stats(samples.ai), stats(samples.person)];
    const within = (x: number, y: number, factor: number) => x <= y * factor && y <= x * factor;

    // Reading comes first, whatever the model's speed (the issue: typing 0.1–0.4 s after a question).
    for (const s of samples.ai) expect(s.typingAfterMs).toBeGreaterThanOrEqual(1_000 * SCALE * 0.9 - 50);
    expect(within(ai.typingAfter, person.typingAfter, 3)).toBe(true);
    // Never faster than 40 wpm (the issue: a long reply at ≈220 wpm), and about as fast as the person.
    for (const s of samples.ai)
      expect(s.chars / 5 / (s.typingMs / SCALE / 60_000)).toBeLessThanOrEqual(WPM * 1.1);
    expect(within(ai.wpm, person.wpm, 2)).toBe(true);
    expect(within(ai.replyAfter, person.replyAfter, 2)).toBe(true);

    // The same message shape, and nothing for Pat or Quinn in their usage.
    const [aiFeed, personFeed] = await Promise.all(
      [aiChat, personChat].map((c) => api<Feed>(cast.pat, 'GET', `/api/conversations/${c}/messages`)),
    );
    const last = (f: AppResponse<Feed>, id: string) => f.body.items.filter((m) => m.personaId === id).at(-1);
    expect(shape(last(personFeed!, cast.samPersona))).toEqual(shape(last(aiFeed!, cast.robin)));
    expect(headerNames(personFeed!.headers)).toEqual(headerNames(aiFeed!.headers));
    for (const token of [cast.pat, cast.quinn, cast.sam]) {
      const usage = await api<{ today: { calls: number }; byModel: unknown[] }>(token, 'GET', '/api/usage');
      expect(usage.body.today.calls).toBe(0);
      expect(usage.body.byModel).toEqual([]);
    }
    // Only the owner pays for, and sees, the AI's calls.
    const olive = await api<{ today: { calls: number } }>(cast.olive, 'GET', '/api/usage');
    expect(olive.body.today.calls).toBeGreaterThanOrEqual(EXCHANGES);
    for (const c of [aiChat, personChat]) await api(cast.pat, 'POST', `/api/conversations/${c}/end`);
  }, 150_000);

  it('gets one answer to a burst of three short messages from either, and no typing once the chat ends', async () => {
    const aiChat = await conversationWith(cast.robin, 'Burst');
    const personChat = await conversationWith(cast.samPersona, 'Burst');
    const sam = scriptedHuman(cast.sam, personChat, cast.samPersona);
    try {
      const answers = await Promise.all(
        [
          [aiChat, cast.robin],
          [personChat, cast.samPersona],
        ].map(async ([c, who]) => {
          let lastSeq = 0;
          for (const line of ['hey', 'you there?', 'quick question']) {
            const r = await api<Message>(cast.pat, 'POST', `/api/conversations/${c}/messages`, {
              personaId: cast.patPersona,
              content: line,
            });
            lastSeq = r.body.seq;
            await sleep(100);
          }
          // Wait for the first answer (a loaded machine slows both alike), then long enough for a second one
          // to each of the other messages, had either answered them separately.
          const deadline = Date.now() + 60_000;
          let replies: Message[] = [];
          let quietUntil = Number.POSITIVE_INFINITY;
          while (Date.now() < Math.min(deadline, quietUntil)) {
            const feed = await api<Feed>(
              cast.quinn,
              'GET',
              `/api/conversations/${c}/messages?after=${lastSeq}`,
            );
            replies = feed.body.items.filter((m) => m.personaId === who);
            if (replies.length > 0 && quietUntil === Number.POSITIVE_INFINITY)
              quietUntil = Date.now() + 40_000 * SCALE;
            await sleep(100);
          }
          return replies.length;
        }),
      );
      expect(answers).toEqual([1, 1]);

      // Both start typing again; the chat ends; from then on nobody is typing and nothing arrives.
      for (const [c] of [[aiChat], [personChat]])
        await api(cast.pat, 'POST', `/api/conversations/${c}/messages`, {
          personaId: cast.patPersona,
          content: 'one more thing, what do you think about long train journeys?',
        });
      await sleep(3_000 * SCALE + 500);
      for (const c of [aiChat, personChat]) {
        const ended = await api(cast.pat, 'POST', `/api/conversations/${c}/end`);
        expect(ended.status).toBe(200);
      }
      const seqs = await Promise.all(
        [aiChat, personChat].map(
          async (c) =>
            (await api<Feed>(cast.quinn, 'GET', `/api/conversations/${c}/messages`)).body.items.at(-1)!.seq,
        ),
      );
      await sleep(30_000 * SCALE);
      for (const [i, c] of [aiChat, personChat].entries()) {
        const feed = await api<Feed>(cast.quinn, 'GET', `/api/conversations/${c}/messages?after=${seqs[i]}`);
        expect(feed.body.typing).toEqual([]);
        expect(feed.body.items).toEqual([]);
      }
    } finally {
      await sam.stop();
    }
  }, 90_000);

  it('sees no notice and no budget effect when the AI cannot answer — it is just quiet, like a person away', async () => {
    // A house persona (no owner), as the seed makes them.
    const house = await sql.query<{ id: string }>(
      `INSERT INTO personas (owner_id, name, kind, description, personality, knowledge, communication_style, visibility, ai)
       VALUES (NULL, 'Jo Marsh', 'ai', 'Likes long walks.', '{"traits":{},"summary":""}', '{cooking}', 'casual', 'public',
               '{"model":"gpt-4o-mini","typingWpm":40,"talkativeness":0.5}') RETURNING id`,
    );
    const jo = house.rows[0]!.id;
    const failing = await conversationWith(jo, 'Quiet');
    fake.setDefault({ type: 'status', status: 401 });
    await api(cast.pat, 'POST', `/api/conversations/${failing}/messages`, {
      personaId: cast.patPersona,
      content: 'hello Jo',
    });
    await sleep(4_000);
    let feed = await api<Feed>(cast.pat, 'GET', `/api/conversations/${failing}/messages`);
    expect(feed.body.items.map((m) => m.kind)).toEqual(['text']);
    expect(feed.body.typing).toEqual([]);

    // The house budget spent: no error, no notice, no call; asking still answers 202 as for anyone.
    fake.setDefault(humanLike);
    await sql.query(
      `INSERT INTO ai_usage (user_id, persona_id, model, provider, cost_usd, outcome) VALUES (NULL, $1, 'gpt-4o', 'openai', 50, 'ok')`,
      [jo],
    );
    const calls = fake.requests.length;
    const broke = await conversationWith(jo, 'Broke');
    const posted = await api(cast.pat, 'POST', `/api/conversations/${broke}/messages`, {
      personaId: cast.patPersona,
      content: 'hi Jo',
    });
    expect(posted.status).toBe(201);
    const asked = await api(cast.pat, 'POST', '/api/ai/generate-response', {
      conversationId: broke,
      personaId: jo,
    });
    expect(asked.status).toBe(202);
    await sleep(4_000);
    feed = await api<Feed>(cast.pat, 'GET', `/api/conversations/${broke}/messages`);
    expect(feed.body.items.map((m) => m.kind)).toEqual(['text']);
    expect(feed.body.typing).toEqual([]);
    expect(fake.requests.length).toBe(calls);
    expect((await api<{ today: { calls: number } }>(cast.pat, 'GET', '/api/usage')).body.today.calls).toBe(0);
    for (const c of [failing, broke]) await api(cast.pat, 'POST', `/api/conversations/${c}/end`);
  }, 60_000);
});
