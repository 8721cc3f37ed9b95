/** The sweeper: nothing is lost when a send failed, a worker died, or nobody watches the conversation. */
import { sweepReplyJobs } from '@amianai/core/replies';
import { query } from '@amianai/shared/db';
import { sendReplyJobs } from '@amianai/shared/queue';
import scheduled from '../../events/sweeper/schedule.json';
import {
  aiPersona,
  deliver,
  job,
  lambdaContext,
  makeDue,
  makeStale,
  messagesOf,
  pendingReply,
  useFakeOpenAI,
  useFakeReplyQueue,
  usePlayer,
  useTestDatabase,
} from '../../tests/support/fixtures';
import { handler as worker } from '../ai-worker/handler';
import { handler as sweeper } from './handler';

useTestDatabase();
const fake = useFakeOpenAI();
const queue = useFakeReplyQueue();

const alice = usePlayer('Alice');
let sol: string;

beforeAll(async () => {
  sol = await aiPersona({ name: 'Sol' });
});

const sweep = () => sweeper(scheduled as never, lambdaContext('sweeper'));

/** A new chat with a new Sol (a persona answers one chat at a time, so each test gets its own). */
async function queuedJob() {
  const reply = await pendingReply(alice, { name: 'Sol' }, 'hello');
  sol = reply.persona;
  return reply;
}

describe('the sweeper', () => {
  it('re-sends a job whose queue message never went out, and leaves fresh jobs alone', async () => {
    queue.failing = true;
    const lost = await queuedJob();
    expect(await sendReplyJobs([lost.jobId])).toBe(0);
    queue.failing = false;
    const fresh = await queuedJob();

    await sweep();
    expect(queue.take().map((m) => m.jobId)).not.toContain(lost.jobId);

    await makeStale(lost.jobId);
    const result = await sweep();
    expect(result).toMatchObject({ requeued: 1 });
    expect(queue.take().map((m) => m.jobId)).toEqual([lost.jobId]);
    expect((await job(fresh.jobId)).status).toBe('queued');

    await deliver(worker, [lost.jobId]);
    expect((await job(lost.jobId)).status).toBe('ready');
  });

  it('takes a job back from a worker that died mid-call; the re-queued job yields exactly one reply', async () => {
    const { conversationId, jobId } = await queuedJob();
    await query("UPDATE ai_jobs SET status = 'running', attempts = 1, started_at = now() WHERE id = $1", [
      jobId,
    ]);
    await makeStale(jobId);
    await sweep();
    expect(await job(jobId)).toMatchObject({ status: 'queued', attempts: 1 });
    const [message] = queue.take();
    // SQS may still deliver the original message too: both deliveries together make one reply.
    await deliver(worker, [message!.jobId, jobId]);
    await makeDue(jobId);
    await sweep();
    expect((await messagesOf(conversationId)).filter((m) => m.persona_id === sol)).toHaveLength(1);
    expect(fake.requests).toHaveLength(1);
  });

  it('fails a job that died on its last attempt, silently (no "stepped away" notice)', async () => {
    const { conversationId, jobId } = await queuedJob();
    await query("UPDATE ai_jobs SET status = 'running', attempts = 3, started_at = now() WHERE id = $1", [
      jobId,
    ]);
    await makeStale(jobId);
    expect(await sweep()).toMatchObject({ failed: 1 });
    expect(await job(jobId)).toMatchObject({ status: 'failed', last_error: 'attempts_exhausted' });
    expect((await messagesOf(conversationId)).map((m) => m.kind)).toEqual(['text']);
  });

  it('publishes replies that came due in conversations nobody is reading', async () => {
    const { conversationId, jobId } = await queuedJob();
    await deliver(worker, [jobId]);
    queue.take();
    expect(await sweep()).toMatchObject({ published: 0 });
    await makeDue(jobId);
    expect(await sweep()).toMatchObject({ published: 1 });
    expect((await messagesOf(conversationId)).map((m) => m.persona_id)).toEqual([alice.personaId, sol]);
  });

  it('handles a bounded batch per run', async () => {
    const jobs = [await queuedJob(), await queuedJob(), await queuedJob()];
    for (const j of jobs) await makeStale(j.jobId);
    expect(await sweepReplyJobs({ limit: 2 })).toMatchObject({ requeued: 2 });
    expect(await sweepReplyJobs({ limit: 2 })).toMatchObject({ requeued: 1 });
  });
});
