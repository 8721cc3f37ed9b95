import { publishDueReplies } from '@amianai/core/replies';
import { query } from '@amianai/shared/db';
import {
  aiPersona,
  deliver,
  invoke,
  jobsOf,
  makeDue,
  messagesOf,
  type Player,
  player,
  seedConversation,
  seedPost,
  useFakeOpenAI,
  usePlayer,
  useTestDatabase,
} from '../../tests/support/fixtures';
import { handler as worker } from '../ai-worker/handler';
import { handler as conversations } from '../conversations/handler';
import { handler } from './handler';

useTestDatabase();
const fake = useFakeOpenAI({
  OPENAI_MAX_RETRIES: '1',
  OPENAI_TIMEOUT_MS: '5000',
  AI_DAILY_BUDGET_USD: '0.5',
});

const alice = usePlayer('Alice');
const bob = usePlayer('Bob');
const eve = usePlayer('Eve');
let house: string;

beforeAll(async () => {
  house = await aiPersona({ name: 'Mags' });
});

const generate = (user: Player, body: unknown) =>
  invoke(handler, { method: 'POST', resource: '/api/ai/generate-response', caller: user.caller, body });
const usage = (user: Player) =>
  invoke(handler, { method: 'GET', resource: '/api/usage', caller: user.caller });

describe('POST /api/ai/generate-response', () => {
  /** A chat where nobody has a reply pending: Alice wrote to Bob only. */
  async function quietChat(ais = [house]) {
    const id = await seedConversation({ createdBy: alice, players: [alice, bob], ais });
    await seedPost(id, alice, '@Bob you around?');
    expect(await jobsOf(id)).toEqual([]);
    return id;
  }
  const feedOf = (user: Player, id: string) =>
    invoke(conversations, {
      method: 'GET',
      resource: '/api/conversations/{id}/messages',
      caller: user.caller,
      pathParameters: { id },
    });
  const comparable = (res: { status: number; headers: Record<string, string>; body: unknown }) => ({
    status: res.status,
    headers: Object.keys(res.headers).sort(),
    keys: Object.keys(res.body as object).sort(),
  });

  it('answers 202 { requestedAt } alike for an AI and a person: the AI gets a queued job, the person a request', async () => {
    const id = await quietChat();
    const before = Date.now();
    const asAi = await generate(alice, { conversationId: id, personaId: house });
    const asHuman = await generate(alice, { conversationId: id, personaId: bob.personaId });
    expect(asAi.status).toBe(202);
    expect(comparable(asHuman)).toEqual(comparable(asAi));
    expect(asAi.body).toEqual({ requestedAt: expect.any(String) });
    expect(Date.parse(asHuman.body.requestedAt)).toBeGreaterThanOrEqual(before - 1000);

    // The AI replies through the normal lifecycle, later: no model call in the request, a job still reading.
    expect(fake.requests).toHaveLength(0);
    const [jobRow] = await jobsOf(id);
    expect(jobRow).toMatchObject({ persona_id: house, status: 'queued' });
    expect(jobRow!.visible_at!.getTime()).toBeGreaterThan(Date.now());
    expect((await messagesOf(id)).map((m) => m.content)).toEqual(['@Bob you around?']);

    // Only Bob sees that he was asked.
    const bobs = await feedOf(bob, id);
    expect(bobs.body.requests).toEqual([{ personaId: bob.personaId, requestedAt: expect.any(String) }]);
    expect((await feedOf(alice, id)).body.requests).toEqual([]);
    // Answering clears it.
    const answered = await invoke(conversations, {
      method: 'POST',
      resource: '/api/conversations/{id}/messages',
      caller: bob.caller,
      pathParameters: { id },
      body: { personaId: bob.personaId, content: 'yes, here' },
    });
    expect(answered.status).toBe(201);
    expect((await feedOf(bob, id)).body.requests).toEqual([]);
  });

  it('asked again while a reply is pending, queues nothing more (one pending reply per persona)', async () => {
    const id = await quietChat();
    await generate(alice, { conversationId: id, personaId: house });
    await generate(bob, { conversationId: id, personaId: house });
    expect(await jobsOf(id)).toHaveLength(1);
  });

  it('answers 404 to outsiders, for unknown conversations, and alike for any persona that is not a participant', async () => {
    const id = await quietChat();
    expect((await generate(eve, { conversationId: id, personaId: house })).status).toBe(404);
    expect(
      (await generate(alice, { conversationId: '00000000-0000-4000-8000-000000000000', personaId: house }))
        .status,
    ).toBe(404);
    const otherAi = await aiPersona({ name: 'Elsewhere' });
    const notAi = await generate(alice, { conversationId: id, personaId: otherAi });
    const notHuman = await generate(alice, { conversationId: id, personaId: eve.personaId });
    expect(notAi.status).toBe(404);
    expect({ ...notHuman.body.error, requestId: 0 }).toEqual({ ...notAi.body.error, requestId: 0 });
    expect(fake.requests).toHaveLength(0);
  });

  it("in a game, refuses every persona alike (403), even the caller's own AI", async () => {
    const own = await aiPersona({ name: 'Alice Bot', ownerId: alice.userId });
    const id = await seedConversation({
      createdBy: alice,
      players: [alice, bob],
      ais: [house, own],
      mode: 'game',
    });
    const answers = await Promise.all(
      [house, bob.personaId, own].map((personaId) => generate(alice, { conversationId: id, personaId })),
    );
    for (const res of answers) {
      expect(res.status).toBe(403);
      expect({ ...res.body.error, requestId: 0 }).toEqual({ ...answers[0]!.body.error, requestId: 0 });
    }
    expect(await jobsOf(id)).toEqual([]);
  });

  it('answers 409 alike once the conversation ended, and 400 for yourself or unknown fields', async () => {
    const id = await quietChat();
    const self = await generate(alice, { conversationId: id, personaId: alice.personaId });
    expect([self.status, self.body.error.code]).toEqual([400, 'invalid_request']);
    const bad = await generate(alice, { conversationId: id, personaId: house, model: 'gpt-4' });
    expect(bad.status).toBe(400);
    await query("UPDATE conversations SET status = 'ended' WHERE id = $1", [id]);
    const ai = await generate(alice, { conversationId: id, personaId: house });
    const person = await generate(alice, { conversationId: id, personaId: bob.personaId });
    expect([ai.status, ai.body.error.code]).toEqual([409, 'conversation_ended']);
    expect({ ...person.body.error, requestId: 0 }).toEqual({ ...ai.body.error, requestId: 0 });
    const anonymous = await invoke(handler, {
      method: 'POST',
      resource: '/api/ai/generate-response',
      body: { conversationId: id, personaId: house },
    });
    expect(anonymous.status).toBe(401);
  });

  it('answers 429 budget_exceeded only to the owner asking their own AI; anyone else just gets no answer', async () => {
    const spender = await player('Spender');
    const own = await aiPersona({ name: 'Spent Bot', ownerId: spender.userId });
    const id = await seedConversation({ createdBy: spender, players: [spender, alice], ais: [own] });
    await seedPost(id, spender, '@Alice hello');
    await query(
      `INSERT INTO ai_usage (user_id, persona_id, model, provider, input_tokens, output_tokens, cost_usd, outcome)
       VALUES ($1, $2, 'gpt-4o', 'openai', 100000, 20000, 0.5, 'ok')`,
      [spender.userId, own],
    );
    const res = await generate(spender, { conversationId: id, personaId: own });
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('budget_exceeded');
    const resetsAt = res.body.error.details[0].message as string;
    expect(new Date(resetsAt).toISOString()).toBe(resetsAt);
    expect(resetsAt.endsWith('T00:00:00.000Z')).toBe(true);
    expect(Number(res.headers['Retry-After'])).toBeGreaterThan(0);
    // Alice may not learn about Spender's budget, nor that the persona is an AI.
    const asked = await generate(alice, { conversationId: id, personaId: own });
    expect(asked.status).toBe(202);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('GET /api/usage', () => {
  it('reports zero usage and the full budget to a new user', async () => {
    const fresh = await player('Fresh');
    const res = await usage(fresh);
    expect(res.status).toBe(200);
    const midnight = new Date();
    midnight.setUTCHours(24, 0, 0, 0);
    expect(res.body).toEqual({
      today: {
        calls: 0,
        inputTokens: 0,
        outputTokens: 0,
        costUsd: 0,
        budgetUsd: 0.5,
        remainingUsd: 0.5,
        resetsAt: midnight.toISOString(),
      },
      allTime: { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 },
      byModel: [],
      byPersona: [],
      failedReplies: [],
    });
  });

  it('adds up what the caller pays for — their own AI personas — and nothing of house personas or others', async () => {
    const carol = await player('Carol');
    const own = await aiPersona({ name: 'Carol Bot', ownerId: carol.userId });
    const id = await seedConversation({ createdBy: carol, ais: [own, house], maxAiTurnsInRow: 0 });
    fake.setDefault((req) => ({
      type: 'reply',
      promptTokens: 1000 * req.n,
      completionTokens: 10 * req.n,
      model: 'gpt-4o-mini-2024-07-18',
    }));
    // Carol Bot, the house's Mags, Carol Bot again: each reply generated and published by the worker.
    for (const line of ['Carol Bot, hi', 'Mags?', 'Carol Bot again']) {
      const { jobIds } = await seedPost(id, carol, line);
      expect(jobIds).toHaveLength(1);
      await deliver(worker, jobIds);
      await makeDue(jobIds[0]!);
      await publishDueReplies(id);
    }
    expect(fake.requests).toHaveLength(3);

    const res = await usage(carol);
    const expectedCost = [1, 3].reduce((usd, n) => usd + (1000 * n * 0.15 + 10 * n * 0.6) / 1e6, 0);
    expect(res.body.today).toMatchObject({ calls: 2, inputTokens: 4000, outputTokens: 40 });
    expect(res.body.today.costUsd).toBeCloseTo(expectedCost, 6);
    expect(res.body.today.remainingUsd).toBeCloseTo(0.5 - expectedCost, 6);
    expect(res.body.allTime).toEqual({
      calls: 2,
      inputTokens: 4000,
      outputTokens: 40,
      costUsd: res.body.today.costUsd,
    });
    expect(res.body.byModel).toEqual([
      {
        model: 'gpt-4o-mini-2024-07-18',
        calls: 2,
        inputTokens: 4000,
        outputTokens: 40,
        costUsd: res.body.today.costUsd,
      },
    ]);
    expect(res.body.byPersona).toEqual([
      {
        personaId: own,
        name: 'Carol Bot',
        calls: 2,
        inputTokens: 4000,
        outputTokens: 40,
        costUsd: res.body.today.costUsd,
      },
    ]);
    // A player who merely wrote to someone else's AI sees no model call at all.
    const dan = await player('Dan');
    const withDan = await seedConversation({ createdBy: dan, ais: [own] });
    const { jobIds } = await seedPost(withDan, dan, 'hello Carol Bot');
    await deliver(worker, jobIds);
    expect((await usage(dan)).body).toMatchObject({
      today: { calls: 0 },
      allTime: { calls: 0 },
      byModel: [],
      byPersona: [],
    });
    expect((await usage(carol)).body.today.calls).toBe(3);
  });

  it("shows a persona's failed replies to its owner only", async () => {
    const frank = await player('Frank');
    const own = await aiPersona({ name: 'Frank Bot', ownerId: frank.userId });
    const grace = await player('Grace');
    const id = await seedConversation({ createdBy: grace, ais: [own] });
    const { jobIds } = await seedPost(id, grace, 'hello?');
    fake.script({ type: 'status', status: 401 });
    await deliver(worker, jobIds);
    expect((await usage(frank)).body.failedReplies).toEqual([
      {
        personaId: own,
        name: 'Frank Bot',
        conversationId: id,
        reason: 'rejected',
        failedAt: expect.any(String),
      },
    ]);
    expect((await usage(grace)).body.failedReplies).toEqual([]);
    expect((await messagesOf(id)).map((m) => m.kind)).toEqual(['text']);
  });
});
