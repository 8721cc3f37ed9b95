/**
 * The AI worker with the real openai client against the fake server: replies, retries, failures, duplicate
 * deliveries and crashes. No reply queue here: redeliveries are done by hand, as SQS would.
 */
import { publishDueReplies, runJob, typingPersonas } from '@amianai/core/replies';
import { db, query } from '@amianai/shared/db';
import {
  aiPersona,
  deliver,
  job,
  jobsOf,
  makeDue,
  makeStale,
  messagesOf,
  pendingReply,
  player,
  seedConversation,
  seedPost,
  useFakeOpenAI,
  usePlayer,
  useTestDatabase,
} from '../../tests/support/fixtures';
import { handler } from './handler';

useTestDatabase();
const fake = useFakeOpenAI({ OPENAI_MAX_RETRIES: '2', OPENAI_TIMEOUT_MS: '800' });

const MAGS = { name: 'Mags', style: 'storyteller', knowledge: ['sailing'] };

const alice = usePlayer('Alice');
let mags: string;

beforeAll(async () => {
  mags = await aiPersona(MAGS);
});

/**
 * A new chat with a new Mags (a persona answers one chat at a time, so one left typing elsewhere would make
 * the next test wait); `mags` is that persona.
 */
async function oneToOne(content = 'hello Mags, how are you?') {
  const reply = await pendingReply(alice, MAGS, content);
  mags = reply.persona;
  return reply;
}

const usageRows = async (jobId: string) =>
  (
    await query<{ outcome: string; cost_usd: number; input_tokens: number }>(
      'SELECT outcome, cost_usd, input_tokens FROM ai_usage WHERE job_id = $1',
      [jobId],
    )
  ).rows;

describe('a queued reply job', () => {
  it('becomes a ready reply that appears as a message only when its typing time is over', async () => {
    const { conversationId, jobId } = await oneToOne();
    fake.script({ type: 'reply', content: 'Oh hello love, I was just thinking about boats.' });

    expect(await deliver(handler, [jobId])).toEqual({ batchItemFailures: [] });

    const ready = await job(jobId);
    expect(ready.status).toBe('ready');
    expect(ready.visible_at!.getTime()).toBeGreaterThan(ready.started_at!.getTime() + 1500);
    expect(await typingPersonas(db, conversationId)).toEqual([{ personaId: mags, name: 'Mags' }]);
    expect(await publishDueReplies(conversationId)).toBe(0);
    expect(await messagesOf(conversationId)).toHaveLength(1);

    await makeDue(jobId);
    expect(await publishDueReplies(conversationId)).toBe(1);
    const messages = await messagesOf(conversationId);
    expect(messages.map((m) => [m.seq, m.persona_id, m.content])).toEqual([
      [1, alice.personaId, 'hello Mags, how are you?'],
      [2, mags, 'Oh hello love, I was just thinking about boats.'],
    ]);
    expect(messages[1]!.metadata).toMatchObject({ model: 'gpt-4o-mini', inputTokens: 100, outputTokens: 20 });
    expect((await job(jobId)).status).toBe('done');
    expect(await typingPersonas(db, conversationId)).toEqual([]);
  });

  it('sends the persona prompt and the named history to the model', async () => {
    const { jobId } = await oneToOne('what do you know about knots?');
    await deliver(handler, [jobId]);
    expect(fake.requests).toHaveLength(1);
    const [req] = fake.requests;
    expect(req!.model).toBe('gpt-4o-mini');
    expect(req!.authorization).toBe('Bearer sk-test');
    expect(req!.messages[0]).toMatchObject({
      role: 'system',
      content: expect.stringContaining('You are Mags'),
    });
    expect(req!.messages[0]!.content).toContain('sailing');
    expect(req!.messages.at(-1)).toEqual({
      role: 'user',
      content: `${alice.caller.name}: what do you know about knots?`,
    });
  });

  it('retries a 429 (honouring Retry-After) and a 500, then succeeds with one reply and one usage row', async () => {
    const { jobId } = await oneToOne();
    fake.script(
      { type: 'status', status: 429, retryAfter: '1' },
      { type: 'status', status: 500, retryAfterMs: 5 },
      { type: 'reply' },
    );
    await deliver(handler, [jobId]);
    expect(fake.requests).toHaveLength(3);
    expect(fake.requests[1]!.receivedAt - fake.requests[0]!.receivedAt).toBeGreaterThanOrEqual(950);
    expect((await job(jobId)).status).toBe('ready');
    expect(await usageRows(jobId)).toEqual([
      { outcome: 'ok', cost_usd: expect.any(Number), input_tokens: 100 },
    ]);
  });

  it('retries a malformed answer and a hung request', async () => {
    const { jobId } = await oneToOne();
    fake.script({ type: 'malformed' }, { type: 'hang' }, { type: 'reply' });
    await deliver(handler, [jobId]);
    expect(fake.requests).toHaveLength(3);
    expect((await job(jobId)).status).toBe('ready');
  });

  it('is retried later when the model keeps failing, and fails silently after the last attempt', async () => {
    const { conversationId, jobId } = await oneToOne();
    fake.setDefault({ type: 'status', status: 503, retryAfterMs: 1 });

    await deliver(handler, [jobId]);
    expect(await job(jobId)).toMatchObject({ status: 'queued', attempts: 1, last_error: 'unavailable' });
    await deliver(handler, [jobId]);
    expect(await job(jobId)).toMatchObject({ status: 'queued', attempts: 2 });
    await deliver(handler, [jobId]);
    expect(await job(jobId)).toMatchObject({ status: 'failed', attempts: 3 });

    expect(fake.requests).toHaveLength(3 * 3);
    // No "stepped away" notice: only an AI could post one. The persona just doesn't answer, as people don't.
    const messages = await messagesOf(conversationId);
    expect(messages.map((m) => [m.kind, m.persona_id, m.content])).toEqual([
      ['text', alice.personaId, 'hello Mags, how are you?'],
    ]);
    expect(await typingPersonas(db, conversationId)).toEqual([]);
    expect((await usageRows(jobId)).map((u) => u.outcome)).toEqual(['error', 'error', 'error']);

    // Redelivered again: nothing more happens.
    await deliver(handler, [jobId]);
    expect(fake.requests).toHaveLength(9);
    expect(await messagesOf(conversationId)).toHaveLength(1);
  });

  it('fails without a notice in a game, where "stepped away" would tell the players it was an AI', async () => {
    const conversationId = await seedConversation({ createdBy: alice, ais: [mags], mode: 'game' });
    const { jobIds } = await seedPost(conversationId, alice, 'hello Mags, how are you?');
    fake.script({ type: 'status', status: 401 });
    await deliver(handler, [jobIds[0]!]);
    expect(await job(jobIds[0]!)).toMatchObject({ status: 'failed', attempts: 1 });
    expect((await messagesOf(conversationId)).map((m) => m.kind)).toEqual(['text']);
    expect(await typingPersonas(db, conversationId)).toEqual([]);
  });

  it('fails at once when the API refuses the request', async () => {
    const { conversationId, jobId } = await oneToOne();
    fake.script({ type: 'status', status: 401 });
    await deliver(handler, [jobId]);
    expect(await job(jobId)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(fake.requests).toHaveLength(1);
    expect((await messagesOf(conversationId)).map((m) => m.kind)).toEqual(['text']);
    expect(await typingPersonas(db, conversationId)).toEqual([]);
  });

  it('yields one reply however often the job is delivered', async () => {
    const { conversationId, jobId } = await oneToOne();
    await deliver(handler, [jobId, jobId, jobId]);
    await deliver(handler, [jobId]);
    await makeDue(jobId);
    await Promise.all([
      deliver(handler, [jobId, jobId]),
      deliver(handler, [jobId]),
      publishDueReplies(conversationId),
    ]);
    expect(fake.requests).toHaveLength(1);
    const replies = (await messagesOf(conversationId)).filter((m) => m.persona_id === mags);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.ai_job_id).toBe(jobId);
  });

  it('regenerates after a crash between the model call and the commit, still yielding one reply', async () => {
    const { conversationId, jobId } = await oneToOne();
    const crash = () => {
      throw new Error('process died');
    };
    await expect(
      runJob(jobId, { deadline: Date.now() + 10_000, hooks: { afterGeneration: crash } }),
    ).rejects.toThrow('process died');
    expect(await job(jobId)).toMatchObject({ status: 'queued', attempts: 1 });

    await deliver(handler, [jobId], 2);
    await makeDue(jobId);
    await deliver(handler, [jobId], 3);
    expect(fake.requests).toHaveLength(2);
    expect((await messagesOf(conversationId)).filter((m) => m.persona_id === mags)).toHaveLength(1);
  });

  it('is taken over once a worker that claimed it has gone quiet', async () => {
    const { conversationId, jobId } = await oneToOne();
    // A worker claimed it and died before answering.
    await query(
      "UPDATE ai_jobs SET status = 'running', attempts = 1, started_at = now(), updated_at = now() WHERE id = $1",
      [jobId],
    );
    await deliver(handler, [jobId]);
    expect(fake.requests).toHaveLength(0);
    await makeStale(jobId);
    await deliver(handler, [jobId]);
    expect(await job(jobId)).toMatchObject({ status: 'ready', attempts: 2 });
    await makeDue(jobId);
    await publishDueReplies(conversationId);
    expect((await messagesOf(conversationId)).filter((m) => m.persona_id === mags)).toHaveLength(1);
  });

  it("is charged to the persona's owner, or to the house for house personas, never to the player who wrote", async () => {
    const bob = await player('Bob Owner');
    const bobsAi = await aiPersona({ name: 'Quill', ownerId: bob.userId });
    const mine = await seedConversation({ createdBy: alice, ais: [bobsAi] });
    const house = await oneToOne();
    const { jobIds } = await seedPost(mine, alice, 'hello Quill');
    await deliver(handler, [jobIds[0]!, house.jobId]);
    const rows = await query<{ job_id: string; user_id: string | null }>(
      'SELECT job_id, user_id FROM ai_usage WHERE job_id = ANY($1)',
      [[jobIds[0]!, house.jobId]],
    );
    expect(Object.fromEntries(rows.rows.map((r) => [r.job_id, r.user_id]))).toEqual({
      [jobIds[0]!]: bob.userId,
      [house.jobId]: null,
    });
  });

  it("is skipped without a model call when the payer's budget is spent — the owner's or the house's", async () => {
    const bob = await player('Bob Spender');
    const bobsAi = await aiPersona({ name: 'Quill Two', ownerId: bob.userId });
    const spend = (userId: string | null, usd: number) =>
      query(
        `INSERT INTO ai_usage (user_id, model, provider, input_tokens, output_tokens, cost_usd, outcome)
         VALUES ($1, 'gpt-4o', 'openai', 1, 1, $2, 'ok') RETURNING id`,
        [userId, usd],
      );
    // The player who writes has spent everything: irrelevant, they pay for nothing here.
    const alicesSpend = await spend(alice.userId, 50);
    const house = await oneToOne();
    await deliver(handler, [house.jobId]);
    expect((await job(house.jobId)).status).toBe('ready');
    expect(fake.requests).toHaveLength(1);

    const bobsChat = await seedConversation({ createdBy: alice, ais: [bobsAi] });
    const bobsSpend = await spend(bob.userId, 5);
    const houseSpend = await spend(null, 500);
    try {
      const owned = await seedPost(bobsChat, alice, 'hello Quill');
      const houseAgain = await oneToOne();
      await deliver(handler, [owned.jobIds[0]!, houseAgain.jobId]);
      expect(await job(owned.jobIds[0]!)).toMatchObject({ status: 'skipped', last_error: 'budget_exceeded' });
      expect(await job(houseAgain.jobId)).toMatchObject({ status: 'skipped', last_error: 'budget_exceeded' });
      expect(fake.requests).toHaveLength(1);
      // Nothing shows: no typing, no notice.
      expect(await typingPersonas(db, bobsChat)).toEqual([]);
      expect((await messagesOf(houseAgain.conversationId)).map((m) => m.kind)).toEqual(['text']);
    } finally {
      const ids = [alicesSpend, bobsSpend, houseSpend].map((r) => (r.rows[0] as { id: string }).id);
      await query('DELETE FROM ai_usage WHERE id = ANY($1)', [ids]);
    }
  });

  it('drops a malformed queue message and reports only failing records', async () => {
    const { jobId } = await oneToOne();
    const res = await deliver(handler, [{ raw: 'not json' }, { raw: '{"jobId": "nope"}' }, jobId]);
    expect(res).toEqual({ batchItemFailures: [] });
    expect((await job(jobId)).status).toBe('ready');
  });

  it('records usage that adds up to the calls made', async () => {
    const before = await query<{ n: number; cost: number }>(
      'SELECT count(*) AS n, COALESCE(sum(cost_usd), 0) AS cost FROM ai_usage',
    );
    // Three personas: one persona answers one chat at a time.
    const ais = await Promise.all(['Una', 'Dos', 'Tres'].map((name) => aiPersona({ name })));
    const jobs = await Promise.all(
      ais.map(async (ai) => {
        const conversationId = await seedConversation({ createdBy: alice, ais: [ai] });
        const { jobIds } = await seedPost(conversationId, alice, 'hello there');
        return { conversationId, jobId: jobIds[0]! };
      }),
    );
    fake.setDefault((req) => ({ type: 'reply', promptTokens: 1000 * req.n, completionTokens: 100 * req.n }));
    await deliver(
      handler,
      jobs.map((j) => j.jobId),
    );
    const after = await query<{ n: number; cost: number }>(
      'SELECT count(*) AS n, COALESCE(sum(cost_usd), 0) AS cost FROM ai_usage',
    );
    expect(after.rows[0]!.n - before.rows[0]!.n).toBe(3);
    const expected = [1, 2, 3].reduce((usd, n) => usd + (1000 * n * 0.15 + 100 * n * 0.6) / 1e6, 0);
    expect(after.rows[0]!.cost - before.rows[0]!.cost).toBeCloseTo(expected, 6);
    expect((await jobsOf(jobs[0]!.conversationId))[0]!.status).toBe('ready');
  });
});
