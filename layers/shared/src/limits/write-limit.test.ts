import { resetConfig } from '@amianai/shared/config';
import { query } from '@amianai/shared/db';
import { HttpError } from '@amianai/shared/http';
import { enforceWriteLimit } from '@amianai/shared/limits';
import { useTestDatabase } from '../../../../tests/support/database';

useTestDatabase();

async function newUser(name: string): Promise<string> {
  const { rows } = await query<{ id: string }>(
    'INSERT INTO users (cognito_sub, display_name) VALUES ($1, $2) RETURNING id',
    [`limit-${name}-${Math.random()}`, name],
  );
  return rows[0]!.id;
}

describe('enforceWriteLimit', () => {
  const previous = process.env.WRITE_RATE_LIMIT_PER_MINUTE;
  beforeAll(() => {
    process.env.WRITE_RATE_LIMIT_PER_MINUTE = '3';
    resetConfig();
  });
  afterAll(() => {
    process.env.WRITE_RATE_LIMIT_PER_MINUTE = previous;
    resetConfig();
  });

  /** Writes until refused; with a limit of L, 2L+1 writes always fill one window even across a minute edge. */
  async function writeUntilRefused(userId: string): Promise<HttpError | undefined> {
    for (let i = 0; i < 7; i++) {
      try {
        await enforceWriteLimit({ query }, userId);
      } catch (err) {
        return err as HttpError;
      }
    }
    return undefined;
  }

  it('counts writes and allows up to the limit', async () => {
    const user = await newUser('Counted');
    const first = await enforceWriteLimit({ query }, user);
    expect(first).toMatchObject({ count: 1, limit: 3 });
    expect(first.resetsInSeconds).toBeGreaterThanOrEqual(1);
    expect(first.resetsInSeconds).toBeLessThanOrEqual(60);
  });

  it('throws 429 rate_limited with Retry-After once the window is full', async () => {
    const err = await writeUntilRefused(await newUser('Busy'));
    expect(err).toBeInstanceOf(HttpError);
    expect(err?.status).toBe(429);
    expect(err?.code).toBe('rate_limited');
    const retryAfter = Number(err?.headers?.['Retry-After']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });

  it('keeps users apart', async () => {
    await writeUntilRefused(await newUser('Noisy'));
    await expect(enforceWriteLimit({ query }, await newUser('Quiet'))).resolves.toMatchObject({ count: 1 });
  });

  it('deletes the user’s expired windows as it goes', async () => {
    const user = await newUser('Old');
    await query(
      "INSERT INTO rate_limits (user_id, window_start, count) VALUES ($1, date_trunc('minute', now()) - interval '5 minutes', 9)",
      [user],
    );
    await enforceWriteLimit({ query }, user);
    const { rows } = await query<{ n: number }>('SELECT count(*) AS n FROM rate_limits WHERE user_id = $1', [
      user,
    ]);
    expect(rows[0]!.n).toBe(1);
  });
});
