/** The ai function's SQL: who may ask which persona to reply, and the caller's usage report. */
import { query } from '@amianai/shared/db';

export interface ReplyAccess {
  mode: 'chat' | 'game';
  status: 'active' | 'ended';
  /** The caller controls one of the participants (or is an admin: decided by the caller). */
  isParticipantUser: boolean;
  /** The persona is an active, undeleted AI participant. */
  isAiParticipant: boolean;
  personaOwnerId: string | null;
}

/** undefined when the conversation does not exist. */
export async function replyAccess(
  conversationId: string,
  personaId: string,
  userId: string,
): Promise<ReplyAccess | undefined> {
  const { rows } = await query<{
    mode: 'chat' | 'game';
    status: 'active' | 'ended';
    is_participant_user: boolean;
    is_ai_participant: boolean;
    owner_id: string | null;
  }>(
    `SELECT c.mode, c.status,
            EXISTS (SELECT 1 FROM conversation_participants cp
                     WHERE cp.conversation_id = c.id AND cp.user_id = $3) AS is_participant_user,
            (tp.persona_id IS NOT NULL AND tp.left_at IS NULL AND p.kind = 'ai' AND p.deleted_at IS NULL) AS is_ai_participant,
            p.owner_id
       FROM conversations c
       LEFT JOIN conversation_participants tp ON tp.conversation_id = c.id AND tp.persona_id = $2
       LEFT JOIN personas p ON p.id = tp.persona_id
      WHERE c.id = $1`,
    [conversationId, personaId, userId],
  );
  const r = rows[0];
  return (
    r && {
      mode: r.mode,
      status: r.status,
      isParticipantUser: r.is_participant_user,
      isAiParticipant: r.is_ai_participant,
      personaOwnerId: r.owner_id,
    }
  );
}

export interface Totals {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

interface TotalsRow {
  calls: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
}

const totalsOf = (r: TotalsRow | undefined): Totals => ({
  calls: r?.calls ?? 0,
  inputTokens: r?.input_tokens ?? 0,
  outputTokens: r?.output_tokens ?? 0,
  costUsd: r?.cost_usd ?? 0,
});

const SUMS = `count(*) AS calls, COALESCE(sum(u.input_tokens), 0) AS input_tokens,
  COALESCE(sum(u.output_tokens), 0) AS output_tokens, COALESCE(sum(u.cost_usd), 0) AS cost_usd`;

export interface UsageRows {
  today: Totals;
  allTime: Totals;
  byModel: Array<Totals & { model: string }>;
  byPersona: Array<Totals & { personaId: string | null; name: string | null }>;
}

/**
 * The user's usage (ai_usage_user_time serves every query). By persona, only the user's own personas are
 * named (admins: all); calls for others' personas are summed in one anonymous row.
 */
export async function usageOf(userId: string, dayStart: Date, namesAll: boolean): Promise<UsageRows> {
  const totals = await query<TotalsRow & { scope: 'today' | 'all' }>(
    `SELECT 'all' AS scope, ${SUMS} FROM ai_usage u WHERE u.user_id = $1
     UNION ALL
     SELECT 'today', ${SUMS} FROM ai_usage u WHERE u.user_id = $1 AND u.created_at >= $2`,
    [userId, dayStart],
  );
  const byModel = await query<TotalsRow & { model: string }>(
    `SELECT u.model, ${SUMS} FROM ai_usage u WHERE u.user_id = $1 GROUP BY u.model ORDER BY cost_usd DESC, u.model`,
    [userId],
  );
  const byPersona = await query<TotalsRow & { persona_id: string | null; name: string | null }>(
    `SELECT x.persona_id, x.name, ${SUMS.replaceAll('u.', 'x.')}
       FROM (SELECT CASE WHEN $2 OR p.owner_id = $1 THEN u.persona_id END AS persona_id,
                    CASE WHEN $2 OR p.owner_id = $1 THEN p.name END AS name,
                    u.input_tokens, u.output_tokens, u.cost_usd
               FROM ai_usage u LEFT JOIN personas p ON p.id = u.persona_id
              WHERE u.user_id = $1) x
      GROUP BY x.persona_id, x.name
      ORDER BY cost_usd DESC, x.name NULLS LAST`,
    [userId, namesAll],
  );
  return {
    today: totalsOf(totals.rows.find((r) => r.scope === 'today')),
    allTime: totalsOf(totals.rows.find((r) => r.scope === 'all')),
    byModel: byModel.rows.map((r) => ({ model: r.model, ...totalsOf(r) })),
    byPersona: byPersona.rows.map((r) => ({ personaId: r.persona_id, name: r.name, ...totalsOf(r) })),
  };
}
