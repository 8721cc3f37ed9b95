/**
 * GET /api/usage: the caller's AI usage today and in total, by model and by persona, against the daily budget.
 * Only what the caller pays for: the replies of AI personas they own. Replies of house personas are the
 * house's and never appear here, nor does anything another player's message caused.
 */

import type { AuthContext } from '@amianai/shared/auth';
import { config } from '@amianai/shared/config';
import { failedRepliesOfOwner } from '../replies/store';
import { budgetDay } from './budget';
import type { UsageView } from './schemas';
import { usageOf } from './store';

const usd = (n: number) => Math.round(n * 1_000_000) / 1_000_000;

export async function usageReport(auth: AuthContext, now = new Date()): Promise<UsageView> {
  const day = budgetDay(now);
  const rows = await usageOf(auth.user.id, day.start, auth.isAdmin);
  const budgetUsd = config().aiDailyBudgetUsd;
  return {
    today: {
      ...rows.today,
      costUsd: usd(rows.today.costUsd),
      budgetUsd,
      remainingUsd: usd(Math.max(0, budgetUsd - rows.today.costUsd)),
      resetsAt: day.resetsAt.toISOString(),
    },
    allTime: { ...rows.allTime, costUsd: usd(rows.allTime.costUsd) },
    byModel: rows.byModel.map((r) => ({ ...r, costUsd: usd(r.costUsd) })),
    byPersona: rows.byPersona.map((r) => ({ ...r, costUsd: usd(r.costUsd) })),
    failedReplies: await failedRepliesOfOwner(auth.user.id),
  };
}
