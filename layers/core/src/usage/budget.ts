/**
 * The per-user daily AI budget (AI_DAILY_BUDGET_USD), counted over `ai_usage` for the current UTC day.
 * Checked before every model call; concurrent calls may overshoot it by at most the calls in flight.
 */
import { config } from '@amianai/shared/config';
import { BudgetExceededError } from './errors';

/** The UTC day containing `now`: [start, resetsAt). */
export function budgetDay(now = new Date()): { start: Date; resetsAt: Date } {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  return { start, resetsAt: new Date(start.getTime() + 86_400_000) };
}

/** Throws BudgetExceededError when `spentUsd` has reached the daily budget. */
export function assertWithinBudget(spentUsd: number, now = new Date()): void {
  const budget = config().aiDailyBudgetUsd;
  if (spentUsd >= budget) throw new BudgetExceededError(spentUsd, budget, budgetDay(now).resetsAt);
}
