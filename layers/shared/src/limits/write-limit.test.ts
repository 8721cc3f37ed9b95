import { resetConfig } from '@amianai/shared/config';
import { query } from '@amianai/shared/db';
import { HttpError } from '@amianai/shared/http';
import { enforceWriteLimit } from '@amianai/shared/limits';
import { useTestDatabase } from '../../../../tests/support/fixtures';

useTestDatabase();

async function newUser(name: string): Promise<string> {
  const { rows } = await query<{ id: string }>(
    'INSERT INTO users (cognito_sub, display_name) VALUES ($1, $2) RETURNING id',
    [`limit-${name}-${Math.random()}`, name],
  );
  return rows[0]!.id;
}

/** Writes recorded `secondsAgo` (one entry per element), as if the user had written then. */
async function wroteBefore(userId: string, secondsAgo: number[]): Promise<void> {
  await query(
    `INSERT INTO write_limits (user_id, recent)
     SELECT $1, ARRAY(SELECT now() - make_interval(secs => s) FROM unnest($2::float8[]) AS s ORDER BY 1)`,
    [userId, secondsAgo],
  );
}

async function refusal(userId: string): Promise<HttpError | undefined> {
  try {
    await enforceWriteLimit({ query }, userId);
    return undefined;
  } catch (err) {
    return err as HttpError;
  }
}

describe('enforceWriteLimit (sliding one-minute window)', () => {
  const previous = process.env.WRITE_RATE_LIMIT_PER_MINUTE;
  beforeAll(() => {
    process.env.WRITE_RATE_LIMIT_PER_MINUTE = '3';
    resetConfig();
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.WRITE_RATE_LIMIT_PER_MINUTE;
    else process.env.WRITE_RATE_LIMIT_PER_MINUTE = previous;
    resetConfig();
  });

  it('counts writes and allows up to the limit', async () => {
    const user = await newUser('Counted');
    const states = [];
    for (let i = 0; i < 3; i++) states.push(await enforceWriteLimit({ query }, user));
    expect(states.map((s) => s.count)).toEqual([1, 2, 3]);
    expect(states[0]).toMatchObject({ limit: 3 });
    expect(states[0]!.resetsInSeconds).toBeGreaterThanOrEqual(59);
    expect(states[0]!.resetsInSeconds).toBeLessThanOrEqual(60);
  });

  it('throws 429 rate_limited with Retry-After once the window is full', async () => {
    const user = await newUser('Busy');
    for (let i = 0; i < 3; i++) await enforceWriteLimit({ query }, user);
    const err = await refusal(user);
    expect(err).toBeInstanceOf(HttpError);
    expect(err?.status).toBe(429);
    expect(err?.code).toBe('rate_limited');
    expect(Number(err?.headers?.['Retry-After'])).toBeGreaterThanOrEqual(59);
    expect(Number(err?.headers?.['Retry-After'])).toBeLessThanOrEqual(60);
  });

  it('counts the last 60 seconds, not the clock minute: a burst just before a boundary still counts', async () => {
    // Three writes 59 and 10 seconds ago, whichever clock minute they fell in: the window is full.
    const user = await newUser('Boundary');
    await wroteBefore(user, [59, 59, 10]);
    const err = await refusal(user);
    expect(err?.status).toBe(429);
    // The two oldest leave the window in about a second; then exactly one more write fits.
    expect(Number(err?.headers?.['Retry-After'])).toBeLessThanOrEqual(2);
  });

  it('frees a place as soon as a write is 60 seconds old, and forgets older writes', async () => {
    const user = await newUser('Patient');
    await wroteBefore(user, [61, 61, 30]);
    await expect(enforceWriteLimit({ query }, user)).resolves.toMatchObject({ count: 2 });
    await expect(enforceWriteLimit({ query }, user)).resolves.toMatchObject({ count: 3 });
    expect((await refusal(user))?.status).toBe(429);
    const { rows } = await query<{ n: number }>(
      'SELECT cardinality(recent) AS n FROM write_limits WHERE user_id = $1',
      [user],
    );
    expect(rows[0]!.n).toBe(3);
  });

  it('a refused write does not count: waiting is enough to write again', async () => {
    const user = await newUser('Refused');
    await wroteBefore(user, [50, 40, 30]);
    for (let i = 0; i < 5; i++) expect((await refusal(user))?.status).toBe(429);
    await query(
      "UPDATE write_limits SET recent = ARRAY(SELECT t - interval '20 seconds' FROM unnest(recent) AS t) WHERE user_id = $1",
      [user],
    );
    await expect(enforceWriteLimit({ query }, user)).resolves.toMatchObject({ count: 2 });
  });

  it('never lets concurrent writes past the limit', async () => {
    const user = await newUser('Racing');
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        enforceWriteLimit({ query }, user).then(
          () => 'ok',
          (err: HttpError) => err.status,
        ),
      ),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(3);
    expect(results.filter((r) => r === 429)).toHaveLength(9);
  });

  it('keeps users apart', async () => {
    const noisy = await newUser('Noisy');
    await wroteBefore(noisy, [1, 1, 1]);
    expect((await refusal(noisy))?.status).toBe(429);
    await expect(enforceWriteLimit({ query }, await newUser('Quiet'))).resolves.toMatchObject({ count: 1 });
  });
});
