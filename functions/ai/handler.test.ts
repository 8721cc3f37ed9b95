import { query } from '@amianai/shared/db';
import {
  createAiPersona,
  createConversation,
  createUser,
  jobsOf,
  messagesOf,
  postHuman,
  type TestUser,
} from '../../tests/support/ai-fixtures';
import { useTestDatabase } from '../../tests/support/database';
import { invoke } from '../../tests/support/events';
import { useFakeOpenAI } from '../../tests/support/fake-openai';
import { handler } from './handler';

useTestDatabase();
const fake = useFakeOpenAI({ OPENAI_MAX_RETRIES: '1', OPENAI_TIMEOUT_MS: '600', AI_DAILY_BUDGET_USD: '0.5' });

let alice: TestUser;
let bob: TestUser;
let eve: TestUser;
let admin: TestUser;
let house: string;

beforeAll(async () => {
  alice = await createUser('Alice');
  bob = await createUser('Bob');
  eve = await createUser('Eve');
  admin = await createUser('Ada', true);
  house = await createAiPersona({ name: 'Mags' });
});

const generate = (user: TestUser, body: unknown) =>
  invoke(handler, { method: 'POST', resource: '/api/ai/generate-response', caller: user.caller, body });
const usage = (user: TestUser) =>
  invoke(handler, { method: 'GET', resource: '/api/usage', caller: user.caller });

async function chat(mode: 'chat' | 'game' = 'chat', ais = [house]) {
  const id = await createConversation({ createdBy: alice, humans: [alice, bob], ais, mode });
  await postHuman(id, alice, 'anyone there?');
  return id;
}

describe('POST /api/ai/generate-response', () => {
  it('has the AI participant reply now and returns the stored message, without model details for non-owners', async () => {
    const id = await chat();
    fake.script({ type: 'reply', content: 'Right here, love.' });
    const res = await generate(bob, { conversationId: id, personaId: house });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: expect.any(String),
      conversationId: id,
      seq: 2,
      personaId: house,
      personaName: 'Mags',
      avatarUrl: expect.stringMatching(/^data:image\/svg\+xml,/),
      content: 'Right here, love.',
      kind: 'text',
      createdAt: expect.any(String),
    });
    expect(JSON.stringify(res.body)).not.toMatch(/gpt|token|cost|model/i);
    expect(fake.requests).toHaveLength(1);
    expect((await messagesOf(id)).map((m) => m.content)).toEqual(['anyone there?', 'Right here, love.']);
    expect((await jobsOf(id))[0]!.status).toBe('done');
  });

  it("shows the persona's owner (and admins) the model, tokens and cost", async () => {
    const own = await createAiPersona({ name: 'Alice Bot', ownerId: alice.id });
    const id = await chat('chat', [own]);
    const mine = await generate(alice, { conversationId: id, personaId: own });
    expect(mine.status).toBe(200);
    expect(mine.body.metadata).toMatchObject({
      model: 'gpt-4o-mini',
      inputTokens: 100,
      outputTokens: 20,
      costUsd: expect.any(Number),
    });
    const asAdmin = await generate(admin, { conversationId: id, personaId: own });
    expect(asAdmin.body.metadata).toMatchObject({ model: 'gpt-4o-mini' });
  });

  it('answers 404 to outsiders and for unknown conversations', async () => {
    const id = await chat();
    expect((await generate(eve, { conversationId: id, personaId: house })).status).toBe(404);
    expect(
      (await generate(alice, { conversationId: '00000000-0000-4000-8000-000000000000', personaId: house }))
        .status,
    ).toBe(404);
    expect(fake.requests).toHaveLength(0);
  });

  it('in a game, refuses every persona the caller does not own alike, so it cannot reveal which are AI', async () => {
    const id = await chat('game');
    const asAi = await generate(alice, { conversationId: id, personaId: house });
    const asHuman = await generate(alice, { conversationId: id, personaId: bob.personaId });
    expect(asAi.status).toBe(403);
    expect(asHuman.status).toBe(asAi.status);
    expect({ ...asHuman.body.error, requestId: 0 }).toEqual({ ...asAi.body.error, requestId: 0 });
    expect(fake.requests).toHaveLength(0);
  });

  it('answers 404 for a persona that is not an AI participant, 409 once ended or with nothing to reply to', async () => {
    const id = await chat();
    expect((await generate(alice, { conversationId: id, personaId: bob.personaId })).status).toBe(404);
    const empty = await createConversation({ createdBy: alice, ais: [house] });
    const nothing = await generate(alice, { conversationId: empty, personaId: house });
    expect([nothing.status, nothing.body.error.code]).toEqual([409, 'nothing_to_reply_to']);
    await query("UPDATE conversations SET status = 'ended' WHERE id = $1", [id]);
    const ended = await generate(alice, { conversationId: id, personaId: house });
    expect([ended.status, ended.body.error.code]).toEqual([409, 'conversation_ended']);
  });

  it('rejects unknown fields and a missing identity', async () => {
    const id = await chat();
    const bad = await generate(alice, { conversationId: id, personaId: house, model: 'gpt-4' });
    expect(bad.status).toBe(400);
    const anonymous = await invoke(handler, {
      method: 'POST',
      resource: '/api/ai/generate-response',
      body: { conversationId: id, personaId: house },
    });
    expect(anonymous.status).toBe(401);
  });

  it('answers 503 when the model keeps failing and 504 when it hangs, failing the job quietly', async () => {
    const id = await chat();
    fake.setDefault({ type: 'status', status: 500, retryAfterMs: 1 });
    const failed = await generate(alice, { conversationId: id, personaId: house });
    expect([failed.status, failed.body.error.code]).toEqual([503, 'ai_unavailable']);
    expect(failed.body.error.message).not.toMatch(/500|openai|fake/i);
    expect((await jobsOf(id))[0]!.status).toBe('failed');
    expect((await messagesOf(id)).map((m) => m.kind)).toEqual(['text']);

    fake.setDefault({ type: 'hang' });
    const hung = await generate(alice, { conversationId: id, personaId: house });
    expect([hung.status, hung.body.error.code]).toEqual([504, 'ai_timeout']);

    // The persona can be asked again once the model is back.
    fake.setDefault({ type: 'reply', content: 'Sorry, I was away.' });
    const again = await generate(alice, { conversationId: id, personaId: house });
    expect([again.status, again.body.content]).toEqual([200, 'Sorry, I was away.']);
  });

  it('answers 429 budget_exceeded with the reset time before calling the model', async () => {
    const spender = await createUser('Spender');
    const id = await createConversation({ createdBy: spender, ais: [house] });
    await postHuman(id, spender, 'hello');
    await query(
      `INSERT INTO ai_usage (user_id, persona_id, model, provider, input_tokens, output_tokens, cost_usd, outcome)
       VALUES ($1, $2, 'gpt-4o', 'openai', 100000, 20000, 0.5, 'ok')`,
      [spender.id, house],
    );
    const res = await generate(spender, { conversationId: id, personaId: house });
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('budget_exceeded');
    const resetsAt = res.body.error.details[0].message as string;
    expect(new Date(resetsAt).toISOString()).toBe(resetsAt);
    expect(resetsAt.endsWith('T00:00:00.000Z')).toBe(true);
    expect(Number(res.headers['Retry-After'])).toBeGreaterThan(0);
    expect(fake.requests).toHaveLength(0);
    // The job the message queued is untouched: no claim, no call.
    expect((await jobsOf(id)).map((j) => [j.status, j.attempts])).toEqual([['queued', 0]]);
  });
});

describe('GET /api/usage', () => {
  it('reports zero usage and the full budget to a new user', async () => {
    const fresh = await createUser('Fresh');
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
    });
  });

  it("adds up the caller's calls, names only the caller's own personas, and leaves out everyone else's usage", async () => {
    const carol = await createUser('Carol');
    const own = await createAiPersona({ name: 'Carol Bot', ownerId: carol.id });
    const id = await createConversation({ createdBy: carol, ais: [own, house] });
    await postHuman(id, carol, 'hi');
    fake.setDefault((req) => ({
      type: 'reply',
      promptTokens: 1000 * req.n,
      completionTokens: 10 * req.n,
      model: 'gpt-4o-mini-2024-07-18',
    }));
    for (const personaId of [own, house, own]) {
      expect((await generate(carol, { conversationId: id, personaId })).status).toBe(200);
    }
    // Someone else's calls are not Carol's.
    const other = await chat();
    await generate(bob, { conversationId: other, personaId: house });

    const res = await usage(carol);
    const expectedCost = [1, 2, 3].reduce((usd, n) => usd + (1000 * n * 0.15 + 10 * n * 0.6) / 1e6, 0);
    expect(res.body.today).toMatchObject({ calls: 3, inputTokens: 6000, outputTokens: 60 });
    expect(res.body.today.costUsd).toBeCloseTo(expectedCost, 6);
    expect(res.body.today.remainingUsd).toBeCloseTo(0.5 - expectedCost, 6);
    expect(res.body.allTime).toEqual({
      calls: 3,
      inputTokens: 6000,
      outputTokens: 60,
      costUsd: res.body.today.costUsd,
    });
    expect(res.body.byModel).toEqual([
      {
        model: 'gpt-4o-mini-2024-07-18',
        calls: 3,
        inputTokens: 6000,
        outputTokens: 60,
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
        costUsd: expect.any(Number),
      },
      {
        personaId: null,
        name: null,
        calls: 1,
        inputTokens: 2000,
        outputTokens: 20,
        costUsd: expect.any(Number),
      },
    ]);
    const sum = res.body.byPersona.reduce((n: number, p: { costUsd: number }) => n + p.costUsd, 0);
    expect(sum).toBeCloseTo(res.body.allTime.costUsd, 6);
  });
});
