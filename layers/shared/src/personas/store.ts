/** Shared persona reads, usable with the pool or inside a transaction. */
import type { Queryable } from '../db/pool';
import type { PersonaRow } from './types';

const COLUMNS = [
  'id',
  'owner_id',
  'name',
  'kind',
  'description',
  'personality',
  'knowledge',
  'communication_style',
  'avatar_url',
  'visibility',
  'ai',
  'version',
  'deleted_at',
  'created_at',
  'updated_at',
] as const;

/** The select list that yields a `PersonaRow`, optionally qualified by a table alias (`personaColumns('p')`). */
export function personaColumns(alias?: string): string {
  return alias ? COLUMNS.map((c) => `${alias}.${c}`).join(', ') : COLUMNS.join(', ');
}

export const PERSONA_COLUMNS = personaColumns();

export interface FindOptions {
  /** Also return soft-deleted personas (e.g. to show who took part in an old conversation). */
  includeDeleted?: boolean;
  /** Lock the rows (`FOR SHARE`) so they cannot be deleted or changed until the transaction ends. */
  lock?: 'share' | 'update';
}

// The locking clause must follow ORDER BY.
function suffix(opts: FindOptions, orderBy = ''): string {
  return `${opts.includeDeleted ? '' : ' AND deleted_at IS NULL'}${orderBy}${opts.lock ? ` FOR ${opts.lock.toUpperCase()}` : ''}`;
}

export async function findPersona(
  q: Queryable,
  id: string,
  opts: FindOptions = {},
): Promise<PersonaRow | undefined> {
  const { rows } = await q.query<PersonaRow>(
    `SELECT ${PERSONA_COLUMNS} FROM personas WHERE id = $1${suffix(opts)}`,
    [id],
  );
  return rows[0];
}

/** The personas with these ids (missing or deleted ones are simply absent), keyed by id. */
export async function findPersonasByIds(
  q: Queryable,
  ids: readonly string[],
  opts: FindOptions = {},
): Promise<Map<string, PersonaRow>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const { rows } = await q.query<PersonaRow>(
    `SELECT ${PERSONA_COLUMNS} FROM personas WHERE id = ANY($1::uuid[])${suffix(opts, ' ORDER BY id')}`,
    [unique],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** The caller's own live personas, oldest first (their default human persona leads). */
export async function listOwnPersonas(q: Queryable, ownerId: string): Promise<PersonaRow[]> {
  const { rows } = await q.query<PersonaRow>(
    `SELECT ${PERSONA_COLUMNS} FROM personas WHERE owner_id = $1 AND deleted_at IS NULL ORDER BY created_at, id`,
    [ownerId],
  );
  return rows;
}

/** True while the persona takes part in a conversation that has not ended. */
export async function isPersonaInActiveConversation(q: Queryable, personaId: string): Promise<boolean> {
  const { rows } = await q.query<{ busy: boolean }>(
    `SELECT EXISTS (
       SELECT 1 FROM conversation_participants cp JOIN conversations c ON c.id = cp.conversation_id
       WHERE cp.persona_id = $1 AND cp.left_at IS NULL AND c.status = 'active'
     ) AS busy`,
    [personaId],
  );
  return rows[0]?.busy === true;
}
