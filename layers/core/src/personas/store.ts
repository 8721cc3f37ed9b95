/** The only module that writes SQL for the personas table. */
import type { Queryable, Transaction } from '@amianai/shared/db';
import { renamed } from './names';
import type { PersonaCursor } from './schemas';
import type { PersonaKind, PersonaRow } from './types';

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

/**
 * A round's seat copies (`seat_of`) belong to the games aggregate's rounds: the personas API never finds,
 * lists or counts them, so a seat id leads nowhere outside its round.
 */
const NOT_A_SEAT = 'seat_of IS NULL';
const LIVE = `deleted_at IS NULL AND ${NOT_A_SEAT}`;

// The locking clause must follow ORDER BY.
function suffix(opts: FindOptions, orderBy = ''): string {
  return ` AND ${opts.includeDeleted ? NOT_A_SEAT : LIVE}${orderBy}${opts.lock ? ` FOR ${opts.lock.toUpperCase()}` : ''}`;
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

/** A persona (live) with whether `userId` controls a participant of a conversation it takes part in. */
export type PersonaForViewer = PersonaRow & { co_participant: boolean };

/**
 * The persona plus whether the viewer shares a conversation with it, in one statement: the answer is the
 * same work whatever the persona is, so not even its timing differs between a public and a private one.
 */
export async function findPersonaForViewer(
  q: Queryable,
  id: string,
  userId: string,
): Promise<PersonaForViewer | undefined> {
  const { rows } = await q.query<PersonaForViewer>(
    `SELECT ${PERSONA_COLUMNS},
            EXISTS (SELECT 1 FROM conversation_participants theirs
                      JOIN conversation_participants mine ON mine.conversation_id = theirs.conversation_id
                     WHERE theirs.persona_id = personas.id AND mine.user_id = $2) AS co_participant
       FROM personas WHERE id = $1 AND ${LIVE}`,
    [id, userId],
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
    `SELECT ${PERSONA_COLUMNS} FROM personas WHERE owner_id = $1 AND ${LIVE} ORDER BY created_at, id`,
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

/** A row plus its exact keyset position (timestamps keep microseconds, a JS Date only milliseconds). */
export type ListedPersona = PersonaRow & { cursor_at: string };

export interface ListFilter {
  viewerId: string;
  /** Only the viewer's own personas (any visibility); otherwise public ones plus the viewer's private ones. */
  mine: boolean;
  kind?: PersonaKind;
  style?: string;
  knowledge?: string;
  q?: string;
  after?: PersonaCursor;
  /** Rows to fetch (page size + 1, to know whether there is a next page). */
  take: number;
}

const CURSOR_AT = `to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at`;
const NEWEST_FIRST = 'ORDER BY created_at DESC, id DESC';

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Newest first, keyset-paged. Public and own-private personas come from two branches so each can walk its
 * own index (`personas_public_recent`, `personas_owner_recent`) and stop after `take` rows.
 */
export async function listPersonas(q: Queryable, f: ListFilter): Promise<ListedPersona[]> {
  const values: unknown[] = [f.viewerId];
  const param = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  const conditions = [LIVE];
  if (f.kind) conditions.push(`kind = ${param(f.kind)}`);
  if (f.style) conditions.push(`lower(communication_style) = lower(${param(f.style)})`);
  if (f.knowledge) conditions.push(`knowledge @> ARRAY[${param(f.knowledge)}]::text[]`);
  // The same expression as the trigram index `personas_search`, so ILIKE can use it.
  if (f.q) conditions.push(`(name || ' ' || description) ILIKE ${param(`%${escapeLike(f.q)}%`)}`);
  if (f.after)
    conditions.push(`(created_at, id) < (${param(f.after.t)}::timestamptz, ${param(f.after.i)}::uuid)`);
  const where = conditions.join(' AND ');
  const take = param(f.take);
  const branch = (scope: string) =>
    `SELECT ${PERSONA_COLUMNS}, ${CURSOR_AT} FROM personas WHERE ${scope} AND ${where} ${NEWEST_FIRST} LIMIT ${take}`;
  const sql = f.mine
    ? branch('owner_id = $1')
    : `SELECT * FROM ((${branch("visibility = 'public'")}) UNION ALL (${branch("owner_id = $1 AND visibility = 'private'")})) p
       ${NEWEST_FIRST} LIMIT ${take}`;
  const { rows } = await q.query<ListedPersona>(sql, values);
  return rows;
}

export interface PersonaFields {
  name: string;
  description: string;
  personality: PersonaRow['personality'];
  knowledge: string[];
  communicationStyle: string;
  avatarUrl: string | null;
  visibility: PersonaRow['visibility'];
  ai: PersonaRow['ai'];
}

/** Locks the owner's users row so concurrent creates cannot exceed the per-user persona cap. */
export async function countOwnPersonasLocked(tx: Transaction, ownerId: string): Promise<number> {
  await tx.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [ownerId]);
  const { rows } = await tx.query<{ n: number }>(
    `SELECT count(*) AS n FROM personas WHERE owner_id = $1 AND ${LIVE}`,
    [ownerId],
  );
  return rows[0]?.n ?? 0;
}

/** Live personas (the admin status page runs it as a subquery among the others). */
export const PERSONAS_COUNT_SQL = `SELECT count(*) FROM personas WHERE ${LIVE}`;

export async function insertPersona(
  q: Queryable,
  ownerId: string,
  kind: PersonaKind,
  p: PersonaFields,
): Promise<PersonaRow> {
  const { rows } = await q.query<PersonaRow>(
    `INSERT INTO personas (owner_id, name, kind, description, personality, knowledge, communication_style,
                           avatar_url, visibility, ai)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     RETURNING ${PERSONA_COLUMNS}`,
    [ownerId, p.name, kind, ...fieldValues(p)],
  );
  return rows[0]!;
}

const fieldValues = (p: PersonaFields) => [
  p.description,
  p.personality,
  p.knowledge,
  p.communicationStyle,
  p.avatarUrl,
  p.visibility,
  p.ai,
];

/**
 * Writes the new field values only if the row is still at `version`, bumping version and updated_at in the
 * same statement; undefined when the version moved on (or the persona was deleted) in the meantime.
 */
export async function updatePersonaAtVersion(
  q: Queryable,
  id: string,
  version: number,
  p: PersonaFields,
): Promise<PersonaRow | undefined> {
  const { rows } = await q.query<PersonaRow>(
    `UPDATE personas
     SET name = $3, description = $4, personality = $5, knowledge = $6, communication_style = $7,
         avatar_url = $8, visibility = $9, ai = $10, version = version + 1, updated_at = now()
     WHERE id = $1 AND version = $2 AND deleted_at IS NULL
     RETURNING ${PERSONA_COLUMNS}`,
    [id, version, p.name, ...fieldValues(p)],
  );
  return rows[0];
}

export async function softDeletePersona(tx: Transaction, id: string): Promise<void> {
  await tx.query(
    'UPDATE personas SET deleted_at = now(), version = version + 1, updated_at = now() WHERE id = $1',
    [id],
  );
}

/** True when the table has any persona at all (seeding only an empty database). */
export async function anyPersonaExists(q: Queryable): Promise<boolean> {
  const { rows } = await q.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM personas) AS any');
  return rows[0]?.any === true;
}

/**
 * Inserts a persona unless its owner (none for a house persona) already has a live one of that name — the
 * natural key that makes seeding idempotent — with the creation time given. Undefined when it existed.
 */
export async function insertPersonaOnce(
  q: Queryable,
  ownerId: string | null,
  kind: PersonaKind,
  p: PersonaFields,
  createdAt: Date,
): Promise<PersonaRow | undefined> {
  const { rows } = await q.query<PersonaRow>(
    `INSERT INTO personas (owner_id, name, kind, description, personality, knowledge, communication_style,
                           avatar_url, visibility, ai, created_at, updated_at)
     SELECT $1::uuid, $2::text, $3::text, $4::text, $5::jsonb, $6::text[], $7::text, $8::text, $9::text,
            $10::jsonb, $11::timestamptz, $11::timestamptz
      WHERE NOT EXISTS (SELECT 1 FROM personas WHERE owner_id IS NOT DISTINCT FROM $1::uuid AND name = $2
                                                  AND ${LIVE})
     RETURNING ${PERSONA_COLUMNS}`,
    [ownerId, p.name, kind, ...fieldValues(p), createdAt],
  );
  return rows[0];
}

/** The live persona `ownerId` (null: the house) has under this name, if any. */
export async function findPersonaByName(
  q: Queryable,
  ownerId: string | null,
  name: string,
): Promise<PersonaRow | undefined> {
  const { rows } = await q.query<PersonaRow>(
    `SELECT ${PERSONA_COLUMNS} FROM personas
      WHERE owner_id IS NOT DISTINCT FROM $1::uuid AND name = $2 AND ${LIVE}
      ORDER BY created_at LIMIT 1`,
    [ownerId, name],
  );
  return rows[0];
}

/**
 * A round's seats: for each persona a private copy with the given id and alias (owner, kind, profile and AI
 * settings kept; no picture, so every seat shows the avatar drawn from its new id), all created at `at`.
 * The persona's own name is replaced by the alias in the copy's description and system prompt, so the AI
 * playing the seat has no other name to give.
 */
export async function insertSeatCopies(
  tx: Transaction,
  seats: ReadonlyArray<{ id: string; personaId: string; alias: string }>,
  at: Date,
): Promise<void> {
  const sources = await findPersonasByIds(
    tx,
    seats.map((s) => s.personaId),
    { includeDeleted: true },
  );
  const texts = seats.map((s) => {
    const p = sources.get(s.personaId);
    const rename = (text: string) => (p ? renamed(text, p.name, s.alias) : text);
    return {
      description: p ? rename(p.description) : '',
      systemPrompt: p?.ai?.systemPrompt ? rename(p.ai.systemPrompt) : null,
    };
  });
  await tx.query(
    `INSERT INTO personas (id, owner_id, name, kind, description, personality, knowledge, communication_style,
                           avatar_url, visibility, ai, seat_of, created_at, updated_at)
     SELECT s.id, p.owner_id, s.alias, p.kind, s.description, p.personality, p.knowledge, p.communication_style,
            NULL, 'private', p.ai || jsonb_build_object('systemPrompt', s.system_prompt), p.id, $6, $6
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[])
            AS s(id, persona_id, alias, description, system_prompt)
       JOIN personas p ON p.id = s.persona_id`,
    [
      seats.map((s) => s.id),
      seats.map((s) => s.personaId),
      seats.map((s) => s.alias),
      texts.map((t) => t.description),
      texts.map((t) => t.systemPrompt),
      at,
    ],
  );
}
