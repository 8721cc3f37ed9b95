/** The caller's daily AI budget is spent; `resetsAt` is the next UTC midnight. */
export class BudgetExceededError extends Error {
  override name = 'BudgetExceededError';
  constructor(
    readonly spentUsd: number,
    readonly budgetUsd: number,
    readonly resetsAt: Date,
  ) {
    super('The daily AI budget is spent');
  }
}
