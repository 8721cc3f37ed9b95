/**
 * End to end through the local server (the same template, handlers, SQS event source and schedule as in
 * AWS), as a browser would: post a message to an AI persona, see it typing, then its reply after the delay.
 */
import { Client } from 'pg';
import { useLocalApp } from '../support/fixtures';

const app = useLocalApp({
  openai: true,
  environment: { AI_TYPING_DELAY_SCALE: '0.5' },
  server: { queueVisibilityTimeoutMs: 500 },
});
const fake = app.fake;
const api = app.api;

interface Message {
  seq: number;
  personaId: string | null;
  personaName: string | null;
  content: string;
  kind: string;
  metadata?: unknown;
}
interface Page {
  items: Message[];
  typing: Array<{ personaId: string; name: string }>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('an AI persona in a game, through the local server', () => {
  it('shows the persona typing, then its reply after a human-like delay, without giving away what it is', async () => {
    fake.setDefault({ type: 'reply', content: "Evening! Kettle's on, pull up a chair.", delayMs: 300 });
    const alice = await app.token('Alice Local');
    const bob = await app.token('Bob Local');

    const mags = await api<{ id: string }>(bob, 'POST', '/api/personas', {
      name: 'Mags Local',
      kind: 'ai',
      description: 'Retired ship cook.',
      communicationStyle: 'storyteller',
      visibility: 'public',
    });
    expect(mags.status).toBe(201);
    const me = await api<{ personas: Array<{ id: string }> }>(alice, 'GET', '/api/me');
    const conversation = await api<{ id: string }>(alice, 'POST', '/api/conversations', {
      title: 'Evening chat',
      mode: 'chat',
      participantPersonaIds: [me.body.personas[0]!.id, mags.body.id],
    });
    expect(conversation.status).toBe(201);
    // Rounds come only from the game queue; a chat made a game conversation in SQL stands in for one here.
    const sql = new Client({ connectionString: app.database.url });
    await sql.connect();
    await sql.query(`UPDATE conversations SET mode = 'game' WHERE id = $1`, [conversation.body.id]);
    await sql.end();
    const path = `/api/conversations/${conversation.body.id}/messages`;
    const posted = await api<Message>(alice, 'POST', path, {
      personaId: me.body.personas[0]!.id,
      content: 'hi Mags, busy day?',
    });
    expect(posted.status).toBe(201);

    let sawTyping = false;
    let reply: Message | undefined;
    while (!reply) {
      const page = await api<Page>(alice, 'GET', `${path}?after=${posted.body.seq}`);
      expect(page.status).toBe(200);
      if (page.body.typing.some((t) => t.personaId === mags.body.id)) sawTyping = true;
      reply = page.body.items.find((m) => m.personaId === mags.body.id);
      if (!reply) await sleep(100);
    }

    expect(sawTyping).toBe(true);
    expect(reply).toEqual(
      expect.objectContaining({
        seq: posted.body.seq + 1,
        personaName: 'Mags Local',
        content: "Evening! Kettle's on, pull up a chair.",
        kind: 'text',
      }),
    );
    expect(reply).not.toHaveProperty('metadata');
    expect(JSON.stringify(reply)).not.toMatch(/gpt|token|cost|"ai"|kind":"ai/i);
    expect((await api<Page>(alice, 'GET', `${path}?after=${reply.seq}`)).body.typing).toEqual([]);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]!.messages[0]!.content).toMatch(/never say, hint or admit that you are an AI/i);

    // A game round draws on the house budget: neither the player who wrote nor the persona's owner sees a call.
    type Usage = { today: { calls: number }; byPersona: Array<{ personaId: string | null }> };
    for (const user of [alice, bob]) {
      const usage = await api<Usage>(user, 'GET', '/api/usage');
      expect(usage.body.today.calls).toBe(0);
      expect(usage.body.byPersona).toEqual([]);
    }
  }, 60_000);
});
