/** With neither an OpenAI key nor a base URL, replies come from the offline responder, clearly labelled. */
import { publishDueReplies } from '@amianai/core/replies';
import { query } from '@amianai/shared/db';
import { aiProvider } from '@amianai/shared/openai';
import { handler as worker } from '../../functions/ai-worker/handler';
import {
  aiPersona,
  deliver,
  job,
  makeDue,
  messagesOf,
  player,
  seedConversation,
  seedPost,
  useTestDatabase,
} from '../support/fixtures';

useTestDatabase();

describe('the offline responder', () => {
  it('is what the engine uses without a key or base URL, and says so once', () => {
    expect(aiProvider()).toBe('offline');
    jest.isolateModules(() => {
      const fresh = {
        observability:
          require('@amianai/shared/observability') as typeof import('@amianai/shared/observability'),
        ai: require('@amianai/shared/openai') as typeof import('@amianai/shared/openai'),
      };
      const warn = jest.spyOn(fresh.observability.logger, 'warn').mockImplementation(() => undefined);
      fresh.ai.announceAiProvider();
      fresh.ai.announceAiProvider();
      expect(warn.mock.calls.filter(([m]) => String(m).includes('offline responder'))).toHaveLength(1);
    });
  });

  it('replies in character through the worker, marked provider "offline", at no cost', async () => {
    const alice = await player('Alice');
    const dex = await aiPersona({
      name: 'Dex',
      style: 'terse',
      summary: 'Dry, types in lowercase.',
      knowledge: ['synthesizers'],
    });
    const id = await seedConversation({ createdBy: alice, ais: [dex] });
    const { jobIds } = await seedPost(id, alice, 'do you like modular synthesizers?');
    await deliver(worker, jobIds);
    expect((await job(jobIds[0]!)).status).toBe('ready');
    await makeDue(jobIds[0]!);
    await publishDueReplies(id);

    const reply = (await messagesOf(id))[1]!;
    expect(reply.persona_id).toBe(dex);
    expect(reply.content).toBe(reply.content.toLowerCase());
    expect(reply.content.length).toBeGreaterThan(3);
    expect(reply.metadata).toMatchObject({ provider: 'offline', model: 'offline', costUsd: 0 });
    const usage = await query('SELECT provider, model, cost_usd, outcome FROM ai_usage WHERE job_id = $1', [
      jobIds[0],
    ]);
    expect(usage.rows).toEqual([{ provider: 'offline', model: 'offline', cost_usd: 0, outcome: 'ok' }]);
  });

  it('never repeats a frame within a conversation, through the worker', async () => {
    const carl = await player('Carl');
    const mags = await aiPersona({ name: 'Mags', style: 'storyteller', knowledge: ['the sea'] });
    const id = await seedConversation({ createdBy: carl, ais: [mags] });
    const lines = ['hello!', 'how are you?', 'I went fishing.', 'are you a bot?', 'what now?', 'nice.'];
    for (const line of [...lines, ...lines]) {
      const { jobIds } = await seedPost(id, carl, line);
      await deliver(worker, jobIds);
      await makeDue(jobIds[0]!);
      await publishDueReplies(id);
    }
    const replies = (await messagesOf(id)).filter((m) => m.persona_id === mags).map((m) => m.content);
    expect(replies.length).toBeGreaterThan(8);
    expect(new Set(replies.map((r) => r.replace(/Carl|the sea/g, '_'))).size).toBe(replies.length);
    for (const r of replies) expect(r).not.toMatch(/fishing|bot\b/i);
  });
});
