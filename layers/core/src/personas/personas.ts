/** The personas use cases: who may do what, in which order, with which errors. Handlers only wire these up. */
import type { AuthContext } from '@amianai/shared/auth';
import { db, withTransaction } from '@amianai/shared/db';
import {
  Conflict,
  DEFAULT_LIMIT,
  decodeCursor,
  encodeCursor,
  Forbidden,
  Invalid,
  NotFound,
  type Page,
} from '@amianai/shared/http';
import { enforceWriteLimit } from '@amianai/shared/limits';
import { leaveConversationsOfOthers } from '../conversations/store';
import { fieldsForCreate, fieldsForUpdate, hasChanges, normalizeTopic } from './fields';
import {
  type CreatePersonaBody,
  type ListPersonasQuery,
  PERSONA_LIMITS,
  PersonaCursor,
  type UpdatePersonaBody,
} from './schemas';
import {
  countOwnPersonasLocked,
  findPersona,
  findPersonaForViewer,
  insertPersona,
  isPersonaInActiveConversation,
  listPersonas,
  type PersonaForViewer,
  softDeletePersona,
  updatePersonaAtVersion,
} from './store';
import type { PersonaOwnerView, PersonaRow, PersonaView, Viewer } from './types';
import { canManagePersona, canSeePersona, toOwnerView, toPersonaView } from './view';

const viewerOf = (auth: AuthContext): Viewer => ({ userId: auth.user.id, isAdmin: auth.isAdmin });

/** A persona the viewer may see; private ones of others are 404, exactly like ones that do not exist. */
function visibleOr404(row: PersonaRow | undefined, viewer: Viewer, coParticipant = false): PersonaRow {
  if (!row || !canSeePersona(row, viewer, coParticipant)) throw new NotFound('Persona');
  return row;
}

/** 404 for those who may not see it, 403 for those who may see but not change it (co-players included). */
function manageableOr403(row: PersonaForViewer | PersonaRow | undefined, viewer: Viewer): PersonaRow {
  const visible = visibleOr404(row, viewer, row && 'co_participant' in row && row.co_participant);
  if (!canManagePersona(visible, viewer))
    throw new Forbidden('Only the owner or an admin can change this persona');
  return visible;
}

function readCursor(cursor: string): PersonaCursor {
  const position = decodeCursor(PersonaCursor, cursor);
  // The pattern admits impossible dates (2026-02-30) and the year 0, which PostgreSQL does not have;
  // those must be a 400, not a database error.
  const ms = `${position.t.slice(0, 23)}Z`;
  const date = new Date(ms);
  if (Number.isNaN(date.getTime()) || date.toISOString() !== ms || date.getUTCFullYear() < 1) {
    throw new Invalid('The cursor is not valid', undefined, 'invalid_cursor');
  }
  return position;
}

export async function listVisiblePersonas(
  auth: AuthContext,
  query: ListPersonasQuery,
): Promise<Page<PersonaView>> {
  if (query.kind && query.mine !== true) {
    throw new Invalid('The kind filter applies to your own personas only', [
      { path: 'query/kind', message: 'Add mine=true to filter your own personas by kind' },
    ]);
  }
  const limit = query.limit ?? DEFAULT_LIMIT;
  const rows = await listPersonas(db, {
    viewerId: auth.user.id,
    mine: query.mine === true,
    kind: query.kind,
    style: query.style?.trim(),
    knowledge: query.knowledge ? normalizeTopic(query.knowledge) : undefined,
    q: query.q?.trim(),
    after: query.cursor ? readCursor(query.cursor) : undefined,
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const viewer = viewerOf(auth);
  return {
    items: page.map((row) => toPersonaView(row, viewer)),
    nextCursor: rows.length > limit && last ? encodeCursor({ t: last.cursor_at, i: last.id }) : null,
  };
}

export async function getPersona(auth: AuthContext, id: string): Promise<PersonaView> {
  const viewer = viewerOf(auth);
  const row = await findPersonaForViewer(db, id, viewer.userId);
  return toPersonaView(visibleOr404(row, viewer, row?.co_participant), viewer);
}

export async function createPersona(auth: AuthContext, body: CreatePersonaBody): Promise<PersonaOwnerView> {
  const fields = fieldsForCreate(body);
  await enforceWriteLimit(db, auth.user.id);
  const row = await withTransaction(async (tx) => {
    if ((await countOwnPersonasLocked(tx, auth.user.id)) >= PERSONA_LIMITS.perUser) {
      throw new Conflict(`You can have at most ${PERSONA_LIMITS.perUser} personas`, 'persona_limit_reached');
    }
    return insertPersona(tx, auth.user.id, body.kind, fields);
  });
  return toOwnerView(row);
}

function versionConflict(current: number): Conflict {
  return new Conflict(
    `The persona was changed meanwhile (now version ${current}); reload it and apply your change again`,
    'version_conflict',
  );
}

export async function updatePersona(
  auth: AuthContext,
  id: string,
  body: UpdatePersonaBody,
): Promise<PersonaOwnerView> {
  const viewer = viewerOf(auth);
  const row = manageableOr403(await findPersonaForViewer(db, id, viewer.userId), viewer);
  if (!hasChanges(body)) throw new Invalid('Nothing to update: send at least one field besides version');
  if (row.version !== body.version) throw versionConflict(row.version);
  const fields = fieldsForUpdate(row, body);
  await enforceWriteLimit(db, auth.user.id);
  const updated = await updatePersonaAtVersion(db, id, body.version, fields);
  if (updated) return toOwnerView(updated);
  // Someone else wrote (or deleted) between our read and our write.
  const now = await findPersona(db, id);
  if (!now) throw new NotFound('Persona');
  throw versionConflict(now.version);
}

export async function deletePersona(auth: AuthContext, id: string): Promise<void> {
  const viewer = viewerOf(auth);
  manageableOr403(await findPersonaForViewer(db, id, viewer.userId), viewer);
  await enforceWriteLimit(db, auth.user.id);
  await withTransaction(async (tx) => {
    // The row lock orders this against conversations that lock their personas FOR SHARE while joining them.
    const row = manageableOr403(await findPersona(tx, id, { lock: 'update' }), viewer);
    // Other people's conversations lose the persona; only conversations its owner can end still block.
    await leaveConversationsOfOthers(tx, row.id, row.owner_id);
    if (await isPersonaInActiveConversation(tx, row.id)) {
      throw new Conflict(
        'The persona is in an active conversation of its owner; end it first',
        'persona_in_use',
      );
    }
    await softDeletePersona(tx, row.id);
  });
}
