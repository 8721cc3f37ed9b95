/** Why a model call failed, and whether trying again later can help. */

export type ModelFailure = 'rate_limited' | 'timeout' | 'unavailable' | 'bad_response' | 'rejected';

export class ModelCallError extends Error {
  override name = 'ModelCallError';
  readonly status?: number;
  /** What the API asked us to wait (Retry-After / retry-after-ms), if anything. */
  readonly retryAfterMs?: number;

  constructor(
    readonly kind: ModelFailure,
    message: string,
    extra: { status?: number; retryAfterMs?: number } = {},
  ) {
    super(message);
    this.status = extra.status;
    this.retryAfterMs = extra.retryAfterMs;
  }

  /** A refused request (bad key, bad model, no quota) fails the same way every time. */
  get retryable(): boolean {
    return this.kind !== 'rejected';
  }

  /** The `ai_usage.outcome` this failure is recorded as. */
  get outcome(): 'error' | 'timeout' | 'rate_limited' {
    return this.kind === 'timeout' ? 'timeout' : this.kind === 'rate_limited' ? 'rate_limited' : 'error';
  }
}
