/**
 * The AI benchmark's lost / duplicated counts: what they call lost (an acknowledged message nobody answered)
 * and duplicated (a job with two outcomes, a reply answering nothing) is what they count.
 */
import { randomUUID } from 'node:crypto';
import { runJob } from '@amianai/core/replies';
import { query } from '@amianai/shared/db';
import { countLostAndDuplicated } from '../../bench/ai.bench';
import {
  aiPersona,
  player,
  seedConversation,
  seedPost,
  useFakeOpenAI,
  useTestDatabase,
} from '../support/fixtures';

useTestDatabase();
useFakeOpenAI({ AI_TYPING_DELAY_SCALE: '0' });

/** An AI message stored straight in the table, at the next seq (what a broken engine might leave). */
async function strayReply(conversationId: string, personaId: string, jobId: string) {
  const { rows } = await query<{ seq: number }>(
    'UPDATE conversations SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq AS seq',
    [conversationId],
  );
  await query(
    "INSERT INTO messages (conversation_id, seq, persona_id, content, ai_job_id) VALUES ($1, $2, $3, 'again', $4)",
    [conversationId, rows[0]!.seq, personaId, jobId],
  );
}

describe('the AI benchmark counts', () => {
  it('count an unanswered or unknown message as lost, and a failed reply as an answer', async () => {
    const user = await player('Pat');
    const bot = await aiPersona({ name: 'Bot' });
    const id = await seedConversation({ createdBy: user, ais: [bot] });
    const first = await seedPost(id, user, 'one');
    await runJob(first.jobIds[0]!, { deadline: Date.now() + 10_000 });
    expect(await countLostAndDuplicated([first.messageId], [id])).toEqual({ lost: 0, duplicated: 0 });

    const second = await seedPost(id, user, 'two');
    const both = [first.messageId, second.messageId];
    expect(await countLostAndDuplicated(both, [id])).toEqual({ lost: 1, duplicated: 0 });
    expect(await countLostAndDuplicated([first.messageId, randomUUID()], [id])).toEqual({
      lost: 1,
      duplicated: 0,
    });

    await query("UPDATE ai_jobs SET status = 'failed', finished_at = now() WHERE id = $1", [
      second.jobIds[0],
    ]);
    expect(await countLostAndDuplicated(both, [id])).toEqual({ lost: 0, duplicated: 0 });
  });

  it('count a job with a second outcome and a reply answering nothing as duplicated', async () => {
    const user = await player('Sam');
    const bot = await aiPersona({ name: 'Bot' });
    const id = await seedConversation({ createdBy: user, ais: [bot] });
    const first = await seedPost(id, user, 'one');
    await runJob(first.jobIds[0]!, { deadline: Date.now() + 10_000 });

    // A reply with no human message since the previous one.
    await strayReply(id, bot, randomUUID());
    expect(await countLostAndDuplicated([first.messageId], [id])).toEqual({ lost: 0, duplicated: 1 });

    // The first job also failed: two outcomes.
    await query("UPDATE ai_jobs SET status = 'failed' WHERE id = $1", [first.jobIds[0]]);
    expect(await countLostAndDuplicated([first.messageId], [id])).toEqual({ lost: 0, duplicated: 2 });
  });
});
