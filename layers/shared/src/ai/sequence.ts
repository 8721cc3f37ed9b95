/**
 * Message sequence numbers: allocated by bumping `conversations.last_seq` under the row lock, so they are
 * gap-free and race-free alongside human posts (which allocate the same way).
 */
import type { Transaction } from '../db/transaction';

/** Reserves `count` consecutive seqs; returns the first. The caller inserts exactly that many messages. */
export async function allocateSequence(tx: Transaction, conversationId: string, count = 1): Promise<number> {
  const { rows } = await tx.query<{ last_seq: number }>(
    `UPDATE conversations
        SET last_seq = last_seq + $2, message_count = message_count + $2,
            last_message_at = now(), last_activity_at = now()
      WHERE id = $1
      RETURNING last_seq`,
    [conversationId, count],
  );
  if (!rows[0]) throw new Error('conversation vanished while allocating a sequence number');
  return rows[0].last_seq - count + 1;
}

/** Locks the conversation row first (the one lock order every writer uses) and returns its status. */
export async function lockConversation(
  tx: Transaction,
  conversationId: string,
  opts: { skipLocked?: boolean } = {},
): Promise<'active' | 'ended' | undefined> {
  const { rows } = await tx.query<{ status: 'active' | 'ended' }>(
    `SELECT status FROM conversations WHERE id = $1 FOR UPDATE${opts.skipLocked ? ' SKIP LOCKED' : ''}`,
    [conversationId],
  );
  return rows[0]?.status;
}
