import { query } from '@amianai/shared/db';
import { invoke, newCaller, type TestCaller, useTestDatabase } from '../../tests/support/fixtures';
import { handler } from './handler';

useTestDatabase();

const me = (caller?: TestCaller) => invoke(handler, { method: 'GET', resource: '/api/me', caller });

describe('GET /api/me', () => {
  it('creates the user and a private default human persona named after them on the first request', async () => {
    const caller = newCaller('Nina');
    const res = await me(caller);
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({
      id: expect.any(String),
      displayName: caller.name,
      email: `${caller.name.toLowerCase().replace(/\W+/g, '.')}@example.test`,
      role: 'user',
    });
    expect(res.body.personas).toHaveLength(1);
    expect(res.body.personas[0]).toMatchObject({
      name: caller.name,
      kind: 'human',
      ai: null,
      visibility: 'private',
      ownerId: res.body.user.id,
      version: 1,
    });
  });

  it('returns the same user on later requests without creating anything more', async () => {
    const caller = newCaller('Repeat');
    const first = await me(caller);
    const second = await me(caller);
    expect(second.body).toEqual(first.body);
    const { rows } = await query<{ users: number; personas: number }>(
      `SELECT (SELECT count(*) FROM users WHERE cognito_sub = $1) AS users,
              (SELECT count(*) FROM personas p JOIN users u ON u.id = p.owner_id WHERE u.cognito_sub = $1) AS personas`,
      [caller.sub],
    );
    expect(rows[0]).toEqual({ users: 1, personas: 1 });
  });

  it('creates exactly one user and one default persona under concurrent first requests', async () => {
    const caller = newCaller('Racer');
    const results = await Promise.all(Array.from({ length: 5 }, () => me(caller)));
    expect(results.map((r) => r.status)).toEqual(Array(5).fill(200));
    expect(new Set(results.map((r) => r.body.user.id)).size).toBe(1);
    const { rows } = await query<{ n: number }>(
      'SELECT count(*) AS n FROM personas p JOIN users u ON u.id = p.owner_id WHERE u.cognito_sub = $1',
      [caller.sub],
    );
    expect(rows[0]!.n).toBe(1);
  });

  it('lists only the caller’s live personas, oldest first, in the owner view', async () => {
    const caller = newCaller('Collector');
    const { user } = (await me(caller)).body;
    await query(
      `INSERT INTO personas (owner_id, name, kind, ai, created_at) VALUES
         ($1, 'Later Bot', 'ai', '{"model":"m","temperature":1,"maxTokens":100,"systemPrompt":"hi","typingWpm":40,"talkativeness":0.5}', now() + interval '1 second'),
         ($1, 'Gone', 'human', NULL, now() + interval '2 seconds')`,
      [user.id],
    );
    await query("UPDATE personas SET deleted_at = now() WHERE owner_id = $1 AND name = 'Gone'", [user.id]);
    await me(newCaller('Someone Else'));
    const res = await me(caller);
    expect(res.body.personas.map((p: { name: string }) => p.name)).toEqual([caller.name, 'Later Bot']);
    expect(res.body.personas[1]).toMatchObject({ kind: 'ai', ai: { systemPrompt: 'hi' } });
  });

  it('takes the role from the Cognito admin group, also when it changes', async () => {
    const caller = newCaller('Ada');
    expect((await me(caller)).body.user.role).toBe('user');
    expect((await me({ ...caller, admin: true })).body.user.role).toBe('admin');
    expect((await me(caller)).body.user.role).toBe('user');
  });

  it('is 401 without claims', async () => {
    const res = await me(undefined);
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ code: 'unauthorized', requestId: expect.any(String) });
  });

  it('answers 404 in the error shape for a method it does not serve', async () => {
    const res = await invoke(handler, { method: 'POST', resource: '/api/me', caller: newCaller() });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});
