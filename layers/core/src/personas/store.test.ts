import { query, withTransaction } from '@amianai/shared/db';
import { useTestDatabase } from '../../../../tests/support/fixtures';
import {
  findPersona,
  findPersonasByIds,
  isPersonaInActiveConversation,
  listOwnPersonas,
  personaColumns,
} from './store';

useTestDatabase();

let ownerId: string;
let alive: string;
let gone: string;

beforeAll(async () => {
  const u = await query<{ id: string }>(
    "INSERT INTO users (cognito_sub, display_name) VALUES ('store-owner', 'Owner') RETURNING id",
  );
  ownerId = u.rows[0]!.id;
  const p = await query<{ id: string }>(
    `INSERT INTO personas (owner_id, name, kind, created_at) VALUES
       ($1, 'Alive', 'human', now()), ($1, 'Gone', 'human', now() + interval '1 second') RETURNING id`,
    [ownerId],
  );
  [alive, gone] = p.rows.map((r) => r.id) as [string, string];
  await query('UPDATE personas SET deleted_at = now() WHERE id = $1', [gone]);
});

describe('persona reads', () => {
  it('finds live personas, and deleted ones only when asked', async () => {
    expect((await findPersona({ query }, alive))?.name).toBe('Alive');
    expect(await findPersona({ query }, gone)).toBeUndefined();
    expect((await findPersona({ query }, gone, { includeDeleted: true }))?.name).toBe('Gone');
  });

  it('finds many by id, ignoring duplicates and unknown ids', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const found = await findPersonasByIds({ query }, [alive, alive, gone, unknown]);
    expect([...found.keys()]).toEqual([alive]);
    expect((await findPersonasByIds({ query }, [])).size).toBe(0);
    const withDeleted = await findPersonasByIds({ query }, [alive, gone], { includeDeleted: true });
    expect(withDeleted.size).toBe(2);
  });

  it.each(['share', 'update'] as const)('locks rows FOR %s inside a transaction', async (lock) => {
    await withTransaction(async (tx) => {
      expect((await findPersona(tx, alive, { lock }))?.id).toBe(alive);
      expect((await findPersonasByIds(tx, [alive, gone], { lock })).size).toBe(1);
    });
  });

  it('lists the owner’s live personas oldest first', async () => {
    expect((await listOwnPersonas({ query }, ownerId)).map((p) => p.name)).toEqual(['Alive']);
  });

  it('qualifies columns with an alias for joins', () => {
    expect(personaColumns('p')).toMatch(/^p\.id, p\.owner_id, /);
  });

  it('knows when a persona is in an active conversation', async () => {
    expect(await isPersonaInActiveConversation({ query }, alive)).toBe(false);
    const c = await query<{ id: string }>(
      "INSERT INTO conversations (title, created_by) VALUES ('t', $1) RETURNING id",
      [ownerId],
    );
    await query('INSERT INTO conversation_participants (conversation_id, persona_id) VALUES ($1, $2)', [
      c.rows[0]!.id,
      alive,
    ]);
    expect(await isPersonaInActiveConversation({ query }, alive)).toBe(true);
    await query("UPDATE conversations SET status = 'ended' WHERE id = $1", [c.rows[0]!.id]);
    expect(await isPersonaInActiveConversation({ query }, alive)).toBe(false);
  });
});
