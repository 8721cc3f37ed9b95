/** The only SQL over `ai_usage`: recording a model call, what a user spent today, and the usage report's sums. */
import { type Queryable, query } from '@amianai/shared/db';
import { budgetDay } from './budget';

export async function spentTodayUsd(db: Queryable, userId: string, now = new Date()): Promise<number> {
  const { rows } = await db.query<{ spent: number }>(
    'SELECT COALESCE(sum(cost_usd), 0) AS spent FROM ai_usage WHERE user_id = $1 AND created_at >= $2',
    [userId, budgetDay(now).start],
  );
  return rows[0]?.spent ?? 0;
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

export interface UsageRecord {
  model: string;
  provider: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  latencyMs: number;
  outcome: 'ok' | 'error' | 'timeout' | 'rate_limited';
}

/** Who a model call is recorded for: the user charged (null: the house), the persona, its chat and job. */
export interface UsageOwner {
  userId: string | null;
  personaId: string;
  conversationId: string;
  jobId: string;
}

/**
 * A data-modifying CTE (`WITH usage AS (…) `) recording one model call, its parameters numbered from
 * `first`: the reply engine puts it in front of the statement that stores the call's outcome, so the usage
 * row and the job change are one round trip. Without a call it is a no-op CTE.
 */
export function recordUsageCte(
  owner: UsageOwner,
  usage: UsageRecord | undefined,
  first: number,
): { sql: string; params: unknown[] } {
  if (!usage) return { sql: 'WITH usage AS (SELECT 1) ', params: [] };
  const n = (i: number) => `$${first + i}`;
  return {
    sql: `WITH usage AS (
            INSERT INTO ai_usage (user_id, persona_id, conversation_id, job_id, model, provider, input_tokens,
                                  output_tokens, cost_usd, latency_ms, outcome)
            VALUES (${Array.from({ length: 11 }, (_, i) => n(i)).join(', ')})
          ) `,
    params: [
      owner.userId,
      owner.personaId,
      owner.conversationId,
      owner.jobId,
      usage.model.slice(0, 100),
      usage.provider,
      usage.inputTokens,
      usage.outputTokens,
      usage.costUsd,
      Math.round(usage.latencyMs),
      usage.outcome,
    ],
  };
}
