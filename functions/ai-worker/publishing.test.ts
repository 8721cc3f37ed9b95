/**
 * Publishing: seq order is visibility order, a reply is published once whoever gets there first, the delayed
 * queue message does it when nobody watches, and a published AI reply can start an AI-to-AI exchange that
 * stops at the conversation's limit.
 */
import { publishDueReplies } from '@amianai/core/replies';
import { query } from '@amianai/shared/db';
import {
  aiPersona,
  deliver,
  job,
  jobsOf,
  makeDue,
  messagesOf,
  seedConversation,
  seedPost,
  useFakeOpenAI,
  useFakeReplyQueue,
  usePlayer,
  useTestDatabase,
} from '../../tests/support/fixtures';
import { handler } from './handler';

useTestDatabase();
const fake = useFakeOpenAI();
const queue = useFakeReplyQueue();

const alice = usePlayer('Alice');
const bob = usePlayer('Bob');

const setVisibleIn = (jobId: string, seconds: number) =>
  query('UPDATE ai_jobs SET visible_at = now() + make_interval(secs => $2::float8) WHERE id = $1', [
    jobId,
    seconds,
  ]);

describe('publishing ready replies', () => {
  it('queues a delayed message that publishes the reply when it is due', async () => {
    const sol = await aiPersona({ name: 'Sol' });
    const id = await seedConversation({ createdBy: alice, ais: [sol] });
    const { jobIds } = await seedPost(id, alice, 'morning');
    await deliver(handler, jobIds);

    const [publish] = queue.take();
    const ready = await job(jobIds[0]!);
    expect(publish!.jobId).toBe(jobIds[0]);
    expect(publish!.delaySeconds).toBeGreaterThanOrEqual(
      Math.floor((ready.visible_at!.getTime() - Date.now()) / 1000),
    );

    // Delivered early (SQS delays are whole seconds): it is sent on again for the rest of the wait.
    await deliver(handler, jobIds);
    expect(queue.take().map((m) => m.jobId)).toEqual(jobIds);
    expect(await messagesOf(id)).toHaveLength(1);

    await makeDue(jobIds[0]!);
    await deliver(handler, jobIds);
    expect((await messagesOf(id)).map((m) => m.persona_id)).toEqual([alice.personaId, sol]);
  });

  it('gives replies seqs in the order they become visible, after anything posted meanwhile', async () => {
    const [one, two] = [await aiPersona({ name: 'One' }), await aiPersona({ name: 'Two' })];
    const id = await seedConversation({ createdBy: alice, players: [alice, bob], ais: [one, two] });
    const { jobIds } = await seedPost(id, alice, 'One and Two, say hi');
    expect(jobIds).toHaveLength(2);
    await deliver(handler, jobIds);
    const byPersona = new Map((await jobsOf(id)).map((j) => [j.persona_id, j.id]));
    // Two finished typing first, One later.
    await setVisibleIn(byPersona.get(one)!, -1);
    await setVisibleIn(byPersona.get(two)!, -2);
    const seenBefore = (await messagesOf(id)).at(-1)!.seq;
    // Addressed to a person only: no AI answers it, so the replies in progress are not rewritten.
    await seedPost(id, bob, '@Alice me too');

    expect(await publishDueReplies(id)).toBe(2);
    const messages = await messagesOf(id);
    expect(messages.map((m) => [m.seq, m.persona_id])).toEqual([
      [1, alice.personaId],
      [2, bob.personaId],
      [3, two],
      [4, one],
    ]);
    // A client that polled ?after=<seq> before sees every reply with a greater seq.
    expect(messages.filter((m) => m.seq > seenBefore).map((m) => m.persona_id)).toEqual([
      bob.personaId,
      two,
      one,
    ]);
    const { rows } = await query<{ last_seq: number; message_count: number }>(
      'SELECT last_seq, message_count FROM conversations WHERE id = $1',
      [id],
    );
    expect(rows[0]).toEqual({ last_seq: 4, message_count: 4 });
  });

  it('drops replies that come due after the conversation ended', async () => {
    const sol = await aiPersona({ name: 'Sol' });
    const id = await seedConversation({ createdBy: alice, ais: [sol] });
    const { jobIds } = await seedPost(id, alice, 'bye');
    await deliver(handler, jobIds);
    await query("UPDATE conversations SET status = 'ended', ended_at = now() WHERE id = $1", [id]);
    await makeDue(jobIds[0]!);
    expect(await publishDueReplies(id)).toBe(0);
    expect(await job(jobIds[0]!)).toMatchObject({ status: 'skipped', last_error: 'conversation_ended' });
    expect(await messagesOf(id)).toHaveLength(1);
  });
});

describe('AI-to-AI exchanges', () => {
  /** Runs every queued job and publishes at once, until nothing is left (the queue drained by hand). */
  async function settle(conversationId: string) {
    for (let round = 0; round < 20; round++) {
      const pending = (await jobsOf(conversationId)).filter(
        (j) => j.status === 'queued' || j.status === 'ready',
      );
      if (pending.length === 0) return;
      await deliver(
        handler,
        pending.map((j) => j.id),
      );
      for (const j of pending) await makeDue(j.id);
      await publishDueReplies(conversationId);
    }
    throw new Error('the exchange did not settle');
  }

  it('lets an AI reply trigger another AI, and stops at maxAiTurnsInRow until a human speaks', async () => {
    const ping = await aiPersona({ name: 'Ping', ai: { talkativeness: 0 } });
    const pong = await aiPersona({ name: 'Pong', ai: { talkativeness: 0 } });
    const id = await seedConversation({ createdBy: alice, ais: [ping, pong], maxAiTurnsInRow: 3 });
    // Each persona addresses the other by name, so each reply asks for an answer.
    fake.setDefault((req) => ({
      type: 'reply',
      content: req.messages[0]!.content.startsWith('You are Ping') ? '@Pong your turn' : '@Ping your turn',
    }));

    await seedPost(id, alice, '@Ping start');
    await settle(id);
    const authors = (await messagesOf(id)).map((m) => m.persona_id);
    expect(authors).toEqual([alice.personaId, ping, pong, ping]);
    expect(queue.sent.length).toBeGreaterThan(0);

    await seedPost(id, alice, '@Pong again');
    await settle(id);
    expect((await messagesOf(id)).map((m) => m.persona_id).slice(4)).toEqual([
      alice.personaId,
      pong,
      ping,
      pong,
    ]);
  });

  it('charges an exchange of house personas to the house, never to the human who started it', async () => {
    const a = await aiPersona({ name: 'Ann' });
    const b = await aiPersona({ name: 'Ben' });
    const id = await seedConversation({ createdBy: bob, ais: [a, b], maxAiTurnsInRow: 2 });
    fake.setDefault({ type: 'reply', content: 'Ann, Ben: agreed' });
    await seedPost(id, bob, 'Ann?');
    await settle(id);
    const { rows } = await query<{ user_id: string }>(
      'SELECT DISTINCT user_id FROM ai_usage WHERE conversation_id = $1',
      [id],
    );
    expect(rows).toEqual([{ user_id: null }]);
    expect((await messagesOf(id)).length).toBe(3);
  });
});
