/**
 * What AI replies cost and who pays: the model price table, the per-user daily budget (and the house budget
 * for house personas), and the usage report a caller sees — only what they pay for.
 */
export { assertWithinBudget, budgetDay } from './budget';
export { BudgetExceededError } from './errors';
export { FALLBACK_PRICE, MODEL_PRICES, type ModelPrice, priceCall, priceFor } from './prices';
export { UsageTotals, UsageView } from './schemas';
export { spentTodayUsd } from './store';
export { usageReport } from './usage';
