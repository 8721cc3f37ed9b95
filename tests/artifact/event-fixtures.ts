/**
 * The rows the sample events in events/ refer to, created with the ids those events carry, so each event
 * is a valid request against a fresh database. Written as plain SQL on purpose: it must not depend on the
 * code under test (the artifact test checks that code), only on the schema.
 */
import { Client } from 'pg';

export const IDS = {
  adminSub: '0f6c7e2a-1b2c-4d5e-8f90-a1b2c3d4e5f6',
  playerSub: '7d1e3c52-4a6b-4f0e-9c1d-2b3a4c5d6e7f',
  aliceSub: 'demo|alice',
  /** A public house persona (no owner) that answers in both conversations. */
  housePersona: '5eed0000-0000-4000-8000-000000000101',
  otherHousePersona: '5eed0000-0000-4000-8000-000000000102',
  /** Alice's own persona, the speaker of the conversation events. */
  alicePersona: '5eed0000-0000-4000-8000-000000000201',
  /** The player's own persona, updated and then deleted by the persona events. */
  playerPersona: '3f2a9c1e-8b7d-4e6f-a5c4-d3b2a1908f7e',
  playerHumanPersona: '5eed0000-0000-4000-8000-000000000202',
  aliceConversation: '5eed0000-0000-4000-8000-000000000301',
  playerConversation: '5eed0000-0000-4000-8000-000000000201',
  triggerMessage: '5eed0000-0000-4000-8000-00000000f001',
  replyJob: '5eed0000-0000-4000-8000-00000000a001',
  /** The player's public AI persona, entered in the game by the game-pool event. */
  gamePersona: '5eed0000-0000-4000-8000-000000000203',
  /** A live duel: the player and a house persona (the vote event judges it). */
  liveRound: '5eed0000-0000-4000-8000-000000000401',
  /** A revealed duel of the player's (the result event reads it). */
  revealedRound: '5eed0000-0000-4000-8000-000000000402',
} as const;

const AI = JSON.stringify({
  model: 'gpt-4o-mini',
  temperature: 0.8,
  maxTokens: 200,
  systemPrompt: null,
  typingWpm: 40,
  talkativeness: 0.5,
});

export async function createEventFixtures(url: string): Promise<void> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    await db.query('BEGIN');
    const user = async (sub: string, name: string, role = 'user') =>
      (
        await db.query<{ id: string }>(
          `INSERT INTO users (cognito_sub, display_name, email, role) VALUES ($1, $2, $3, $4) RETURNING id`,
          [sub, name, `${name.toLowerCase()}@example.com`, role],
        )
      ).rows[0]!.id;
    await user(IDS.adminSub, 'Admin', 'admin');
    const player = await user(IDS.playerSub, 'Player');
    const alice = await user(IDS.aliceSub, 'Alice');
    const persona = (id: string, owner: string | null, name: string, kind: string) =>
      db.query(
        `INSERT INTO personas (id, owner_id, name, kind, description, ai, visibility, knowledge)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, 'public', $7)`,
        [
          id,
          owner,
          name,
          kind,
          `${name} likes astronomy and a good conversation.`,
          kind === 'ai' ? AI : null,
          ['astronomy'],
        ],
      );
    await persona(IDS.housePersona, null, 'Marta Quill', 'ai');
    await persona(IDS.otherHousePersona, null, 'Olu Bassey', 'ai');
    await persona(IDS.alicePersona, alice, 'Alice', 'human');
    await persona(IDS.playerPersona, player, 'Wren Calloway', 'ai');
    await persona(IDS.playerHumanPersona, player, 'Player', 'human');
    await persona(IDS.gamePersona, player, 'Tamsin Reed', 'ai');
    const conversation = async (id: string, creator: string, human: string) => {
      await db.query(`INSERT INTO conversations (id, title, created_by) VALUES ($1, 'Soup talk', $2)`, [
        id,
        creator,
      ]);
      await db.query(
        `INSERT INTO conversation_participants (conversation_id, persona_id, user_id)
         VALUES ($1, $2, $3), ($1, $4, NULL)`,
        [id, human, creator, IDS.housePersona],
      );
    };
    await conversation(IDS.aliceConversation, alice, IDS.alicePersona);
    await conversation(IDS.playerConversation, player, IDS.playerHumanPersona);
    // Two messages, so the poll event (`?after=2`) and the post event (the third) are in range.
    await db.query(
      `INSERT INTO messages (id, conversation_id, seq, persona_id, content)
       VALUES ($1, $2, 1, $3, 'Is soup a meal?'), (gen_random_uuid(), $2, 2, $3, 'Asking for a friend.')`,
      [IDS.triggerMessage, IDS.aliceConversation, IDS.alicePersona],
    );
    // generate-response needs something to reply to in the player's conversation.
    await db.query(
      `INSERT INTO messages (conversation_id, seq, persona_id, content) VALUES ($1, 1, $2, 'Anyone up?')`,
      [IDS.playerConversation, IDS.playerHumanPersona],
    );
    await db.query(
      `UPDATE conversations SET last_seq = 1, message_count = 1, last_message_at = now() WHERE id = $1`,
      [IDS.playerConversation],
    );
    await db.query(
      `UPDATE conversations SET last_seq = 2, message_count = 2, last_message_at = now() WHERE id = $1`,
      [IDS.aliceConversation],
    );
    await db.query(
      `INSERT INTO ai_jobs (id, conversation_id, persona_id, trigger_message_id, triggered_by)
       VALUES ($1, $2, $3, $4, NULL)`,
      [IDS.replyJob, IDS.aliceConversation, IDS.housePersona, IDS.triggerMessage],
    );
    // Two duels of the player's against house personas: one live for a day, one revealed.
    for (const [id, opponent, live] of [
      [IDS.liveRound, IDS.housePersona, true],
      [IDS.revealedRound, IDS.otherHousePersona, false],
    ] as const) {
      await db.query(
        `INSERT INTO conversations (id, title, mode, status, created_by, closes_at)
         VALUES ($1, 'Round', 'game', $3, $2, now() + interval '1 day')`,
        [id, player, live ? 'active' : 'ended'],
      );
      await db.query(
        `INSERT INTO conversation_participants (conversation_id, persona_id, user_id) VALUES ($1, $2, $3), ($1, $4, NULL)`,
        [id, IDS.playerHumanPersona, player, opponent],
      );
      await db.query(
        live
          ? `INSERT INTO rounds (conversation_id, format, starts_at, ends_at, voting_closes_at)
             VALUES ($1, 'duel', now(), now() + interval '1 day', now() + interval '2 days')`
          : `INSERT INTO rounds (conversation_id, format, phase, starts_at, ends_at, voting_closes_at, revealed_at)
             VALUES ($1, 'duel', 'revealed', now() - interval '1 hour', now() - interval '58 minutes',
                     now() - interval '57 minutes', now() - interval '57 minutes')`,
        [id],
      );
    }
    await db.query(
      `INSERT INTO votes (conversation_id, voter_user_id, voter_persona_id, judged_persona_id, verdict, correct, created_at)
       VALUES ($1, $2, $3, $4, 'ai', true, now() - interval '58 minutes')`,
      [IDS.revealedRound, player, IDS.playerHumanPersona, IDS.otherHousePersona],
    );
    await db.query('COMMIT');
  } catch (err) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await db.end();
  }
}
