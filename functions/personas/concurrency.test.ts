import { PERSONA_LIMITS } from '@amianai/core/personas';
import { resetConfig } from '@amianai/shared/config';
import { query } from '@amianai/shared/db';
import {
  aiPersonaBody,
  createPersona,
  humanPersonaBody,
  newCaller,
  personasApi,
  userIdOf,
  useTestDatabase,
} from '../../tests/support/fixtures';

useTestDatabase();

const owner = newCaller('Conny');

async function startConversation(personaId: string, userId: string): Promise<string> {
  const { rows } = await query<{ id: string }>(
    "INSERT INTO conversations (title, created_by) VALUES ('Chat', $1) RETURNING id",
    [userId],
  );
  const id = rows[0]!.id;
  await query(
    'INSERT INTO conversation_participants (conversation_id, persona_id, user_id) VALUES ($1, $2, $3)',
    [id, personaId, userId],
  );
  return id;
}

describe('parallel updates', () => {
  it('lets exactly one of many updates with the same version win', async () => {
    const persona = await createPersona(owner, aiPersonaBody());
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        personasApi.update(owner, persona.id, { version: 1, name: `Writer ${i}` }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, ...Array(9).fill(409)]);
    for (const r of results.filter((x) => x.status === 409))
      expect(r.body.error.code).toBe('version_conflict');
    const winner = results.find((r) => r.status === 200)!.body;
    const now = (await personasApi.get(owner, persona.id)).body;
    expect(now).toMatchObject({ version: 2, name: winner.name });
  });

  it('accepts updates that each name the version they read', async () => {
    const persona = await createPersona(owner, humanPersonaBody());
    let version = persona.version;
    for (const name of ['One', 'Two', 'Three']) {
      const res = await personasApi.update(owner, persona.id, { version, name });
      expect(res.status).toBe(200);
      version = res.body.version;
    }
    expect(version).toBe(4);
  });
});

describe('soft delete rules', () => {
  it('returns 409 persona_in_use while the persona is in an active conversation, and allows it once ended', async () => {
    const persona = await createPersona(owner, humanPersonaBody());
    const conversation = await startConversation(persona.id, await userIdOf(owner));
    const refused = await personasApi.remove(owner, persona.id);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('persona_in_use');
    expect((await personasApi.get(owner, persona.id)).status).toBe(200);
    // Editing stays allowed while it plays.
    expect(
      (await personasApi.update(owner, persona.id, { version: 1, description: 'Still here' })).status,
    ).toBe(200);
    await query("UPDATE conversations SET status = 'ended', ended_at = now() WHERE id = $1", [conversation]);
    expect((await personasApi.remove(owner, persona.id)).status).toBe(204);
  });

  it('refuses an admin too while the persona is in use', async () => {
    const persona = await createPersona(owner, aiPersonaBody());
    await startConversation(persona.id, await userIdOf(owner));
    expect((await personasApi.remove(newCaller('Admin', true), persona.id)).status).toBe(409);
  });

  it('allows deleting a persona that left its active conversation', async () => {
    const persona = await createPersona(owner, aiPersonaBody());
    const conversation = await startConversation(persona.id, await userIdOf(owner));
    await query('UPDATE conversation_participants SET left_at = now() WHERE conversation_id = $1', [
      conversation,
    ]);
    expect((await personasApi.remove(owner, persona.id)).status).toBe(204);
  });

  it('cannot be blocked by a stranger: the persona leaves conversations its owner is not in', async () => {
    const persona = await createPersona(owner, aiPersonaBody());
    const stranger = await userIdOf(newCaller('Mallory'));
    // The stranger's conversation with the public AI persona: played by nobody, ended only by the stranger.
    const theirs = await startConversation(persona.id, stranger);
    await query('UPDATE conversation_participants SET user_id = NULL WHERE conversation_id = $1', [theirs]);
    const mine = await startConversation(persona.id, await userIdOf(owner));

    // The owner's own active conversation still blocks (the owner can end it); nothing changed meanwhile.
    expect((await personasApi.remove(owner, persona.id)).status).toBe(409);
    const left = () =>
      query<{ left: boolean }>(
        'SELECT left_at IS NOT NULL AS left FROM conversation_participants WHERE conversation_id = $1',
        [theirs],
      );
    expect((await left()).rows[0]?.left).toBe(false);

    await query("UPDATE conversations SET status = 'ended', ended_at = now() WHERE id = $1", [mine]);
    expect((await personasApi.remove(owner, persona.id)).status).toBe(204);
    expect((await left()).rows[0]?.left).toBe(true);
    const { rows } = await query<{ status: string }>('SELECT status FROM conversations WHERE id = $1', [
      theirs,
    ]);
    expect(rows[0]?.status).toBe('active');
  });

  it('keeps a deleted persona readable by conversations through its row', async () => {
    const persona = await createPersona(owner, aiPersonaBody());
    expect((await personasApi.remove(owner, persona.id)).status).toBe(204);
    const { rows } = await query<{ name: string }>('SELECT name FROM personas WHERE id = $1', [persona.id]);
    expect(rows[0]?.name).toBe(persona.name);
  });
});

describe('per-user persona cap', () => {
  it(`returns 409 persona_limit_reached beyond ${PERSONA_LIMITS.perUser} live personas`, async () => {
    const hoarder = newCaller('Hoarder');
    const userId = await userIdOf(hoarder); // owns its default persona already
    await query(
      `INSERT INTO personas (owner_id, name, kind) SELECT $1, 'Copy ' || g, 'human' FROM generate_series(1, $2) g`,
      [userId, PERSONA_LIMITS.perUser - 1],
    );
    const res = await personasApi.create(hoarder, humanPersonaBody());
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('persona_limit_reached');
    await query("UPDATE personas SET deleted_at = now() WHERE owner_id = $1 AND name = 'Copy 1'", [userId]);
    expect((await personasApi.create(hoarder, humanPersonaBody())).status).toBe(201);
  });
});

describe('write rate limit', () => {
  const previous = process.env.WRITE_RATE_LIMIT_PER_MINUTE;
  beforeAll(() => {
    process.env.WRITE_RATE_LIMIT_PER_MINUTE = '3';
    resetConfig();
  });
  afterAll(() => {
    process.env.WRITE_RATE_LIMIT_PER_MINUTE = previous;
    resetConfig();
  });

  it('returns 429 rate_limited with Retry-After once a user writes too often, counting every kind of write', async () => {
    const busy = newCaller('Busy');
    const persona = await createPersona(busy, humanPersonaBody());
    // With a limit of 3, seven writes fill one minute window even if a window boundary falls in between.
    const writes = [
      () => personasApi.update(busy, persona.id, { version: 1, name: 'a' }),
      () => personasApi.create(busy, aiPersonaBody()),
      () => personasApi.create(busy, aiPersonaBody()),
      () => personasApi.create(busy, aiPersonaBody()),
      () => personasApi.create(busy, aiPersonaBody()),
      () => personasApi.create(busy, aiPersonaBody()),
    ];
    let refused: Awaited<ReturnType<typeof personasApi.create>> | undefined;
    for (const write of writes) {
      const res = await write();
      if (res.status === 429) {
        refused = res;
        break;
      }
      expect(res.status).toBeLessThan(300);
    }
    expect(refused?.body.error).toMatchObject({ code: 'rate_limited', requestId: expect.any(String) });
    const retryAfter = Number(refused?.headers['Retry-After']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Reads are never limited, and other users are unaffected.
    expect((await personasApi.list(busy)).status).toBe(200);
    expect((await personasApi.create(newCaller('Calm'), humanPersonaBody())).status).toBe(201);
  });
});
