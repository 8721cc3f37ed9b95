/**
 * A reply due as soon as it is written (no typing time left) is published by the completion itself: one
 * message with the next seq, the job done with it, the conversation's counters moved, nothing queued for
 * later. When the conversation ended meanwhile, or another AI takes part, the ordinary publishing decides.
 */
import { runJob } from '@amianai/core/replies';
import { query } from '@amianai/shared/db';
import {
  aiPersona,
  deliver,
  job,
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
useFakeOpenAI({ AI_TYPING_DELAY_SCALE: '0' });
const queue = useFakeReplyQueue();

const alice = usePlayer('Alice');

const counters = async (id: string) =>
  (
    await query<{ last_seq: number; message_count: number; last_message_at: Date }>(
      'SELECT last_seq, message_count, last_message_at FROM conversations WHERE id = $1',
      [id],
    )
  ).rows[0]!;

describe('a reply due at once', () => {
  it('is published by its completion: next seq, job done with its message, counters moved, nothing queued', async () => {
    const sol = await aiPersona({ name: 'Sol' });
    const id = await seedConversation({ createdBy: alice, ais: [sol] });
    const { jobIds } = await seedPost(id, alice, 'morning');
    const before = await counters(id);

    const { outcome } = await runJob(jobIds[0]!, { deadline: Date.now() + 10_000 });

    expect(outcome).toBe('published');
    const messages = await messagesOf(id);
    expect(messages).toHaveLength(2);
    const reply = messages[1]!;
    expect(reply).toMatchObject({ seq: 2, persona_id: sol, kind: 'text', ai_job_id: jobIds[0] });
    expect(reply.metadata).toMatchObject({ model: expect.any(String), attempts: 1 });
    const done = await job(jobIds[0]!);
    expect(done.status).toBe('done');
    const { rows } = await query<{ message_id: string; finished_at: Date | null }>(
      'SELECT message_id, finished_at FROM ai_jobs WHERE id = $1',
      [jobIds[0]],
    );
    const { rows: ids } = await query<{ id: string }>('SELECT id FROM messages WHERE ai_job_id = $1', [
      jobIds[0],
    ]);
    expect(rows[0]!.message_id).toBe(ids[0]!.id);
    expect(rows[0]!.finished_at).not.toBeNull();
    const after = await counters(id);
    expect(after.last_seq).toBe(before.last_seq + 1);
    expect(after.message_count).toBe(before.message_count + 1);
    expect(after.last_message_at.getTime()).toBeGreaterThanOrEqual(before.last_message_at.getTime());
    expect(queue.take()).toEqual([]);

    // Delivered again (a duplicate): nothing more.
    await deliver(handler, jobIds);
    expect(await messagesOf(id)).toHaveLength(2);
  });

  it('is not published when the conversation ended while it was written', async () => {
    const sol = await aiPersona({ name: 'Sol' });
    const id = await seedConversation({ createdBy: alice, ais: [sol] });
    const { jobIds } = await seedPost(id, alice, 'morning');

    await runJob(jobIds[0]!, {
      deadline: Date.now() + 10_000,
      hooks: {
        afterGeneration: async () => {
          await query("UPDATE conversations SET status = 'ended' WHERE id = $1", [id]);
        },
      },
    });

    expect(await messagesOf(id)).toHaveLength(1);
    expect((await job(jobIds[0]!)).status).toBe('skipped');
  });

  it('with another AI taking part, is still published once, by the ordinary publishing', async () => {
    const sol = await aiPersona({ name: 'Sol' });
    const kit = await aiPersona({ name: 'Kit', ai: { talkativeness: 0 } });
    const id = await seedConversation({ createdBy: alice, ais: [sol, kit], maxAiTurnsInRow: 0 });
    const { jobIds } = await seedPost(id, alice, 'Sol, morning');
    expect(jobIds).toHaveLength(1);

    const { outcome } = await runJob(jobIds[0]!, { deadline: Date.now() + 10_000 });

    expect(outcome).toBe('published');
    const messages = await messagesOf(id);
    expect(messages.map((m) => [m.seq, m.persona_id])).toEqual([
      [1, alice.personaId],
      [2, sol],
    ]);
    expect((await job(jobIds[0]!)).status).toBe('done');
  });
});
