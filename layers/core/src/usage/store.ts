/** The only SQL over `ai_usage`: what a user spent today, and the usage report's sums. */
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
