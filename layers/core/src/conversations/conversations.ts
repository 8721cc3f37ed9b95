/** Conversations: create with participants, list the caller's, read one, rename one, end one. */

import type { AuthContext } from '@amianai/shared/auth';
import { db, withTransaction } from '@amianai/shared/db';
import { decodeCursor, encodeCursor, Forbidden, Invalid, NotFound, type Page } from '@amianai/shared/http';
import { enforceWriteLimit } from '@amianai/shared/limits';
import type { Static } from '@sinclair/typebox';
import { withRounds } from '../games/rounds';
import { findPersonasByIds } from '../personas/store';
import type { PersonaRow } from '../personas/types';
import { dropPendingJobs } from '../replies/store';
import {
  ConversationCursor,
  type ConversationView,
  type CreateConversationBody,
  LIMITS,
  type ListConversationsQuery,
  type RenameConversationBody,
} from './schemas';
import {
  findConversation,
  insertConversation,
  listConversationsOfUser,
  markEnded,
  type NewConversation,
  updateTitle,
} from './store';
import { type ConversationRow, canSeeConversation, toConversationView, type Viewer } from './views';

type Conversation = Static<typeof ConversationView>;

export const viewerOf = (auth: AuthContext): Viewer => ({ userId: auth.user.id, isAdmin: auth.isAdmin });

/** Trims a required text field; blank is as invalid as empty. */
export function requiredText(value: string, path: string): string {
  const text = value.trim();
  if (!text) throw new Invalid('Invalid body', [{ path, message: 'Must not be blank' }]);
  return text;
}

/** The conversation if the viewer may see it; 404 otherwise (never 403: its existence stays secret). */
export async function visibleConversation(id: string, viewer: Viewer): Promise<ConversationRow> {
  const row = await findConversation(db, id);
  if (!row || !canSeeConversation(row.participants ?? [], viewer)) throw new NotFound('Conversation');
  return row;
}

/**
 * Who controls each persona in the new conversation. Unknown, deleted and other users' private personas
 * are refused with the same message, so the answer reveals neither their existence nor their kind.
 */
function resolveParticipants(ids: string[], found: Map<string, PersonaRow>, userId: string) {
  const participants: NewConversation['participants'] = [];
  const unavailable = [];
  let controlsHuman = false;
  for (const [i, id] of ids.entries()) {
    const persona = found.get(id);
    const own = persona?.owner_id === userId;
    if (!persona || (!own && persona.visibility !== 'public')) {
      unavailable.push({
        path: `body/participantPersonaIds/${i}`,
        message: 'No such persona, or not available',
      });
      continue;
    }
    if (own && persona.kind === 'human') controlsHuman = true;
    // A human persona is played by its owner, wherever it joins; AI and house personas by nobody.
    participants.push({ personaId: id, userId: persona.kind === 'human' ? persona.owner_id : null });
  }
  if (unavailable.length) throw new Invalid('Some personas cannot join', unavailable, 'invalid_participants');
  if (!controlsHuman) {
    throw new Invalid(
      'Include at least one of your own human personas',
      [{ path: 'body/participantPersonaIds', message: 'None of your human personas is in the list' }],
      'invalid_participants',
    );
  }
  return participants;
}

export async function createConversation(
  auth: AuthContext,
  body: CreateConversationBody,
): Promise<Conversation> {
  const title = requiredText(body.title, 'body/title');
  const ids = body.participantPersonaIds.map((id) => id.toLowerCase());
  if (new Set(ids).size !== ids.length) {
    throw new Invalid('Invalid body', [
      { path: 'body/participantPersonaIds', message: 'Personas must be unique' },
    ]);
  }
  await enforceWriteLimit(db, auth.user.id);
  const id = await withTransaction(async (tx) => {
    // FOR SHARE: none of them can be deleted or made private until the conversation exists.
    const found = await findPersonasByIds(tx, ids, { lock: 'share' });
    return insertConversation(tx, {
      title,
      topic: body.topic?.trim() ?? '',
      mode: 'chat',
      createdBy: auth.user.id,
      settings: { maxAiTurnsInRow: body.settings?.maxAiTurnsInRow ?? LIMITS.maxAiTurnsInRow.default },
      participants: resolveParticipants(ids, found, auth.user.id),
    });
  });
  const row = await findConversation(db, id);
  return view(row!, auth);
}

/** The view with its round (null for chats), the round settled first. */
async function view(row: ConversationRow, auth: AuthContext): Promise<Conversation> {
  return (await withRounds([toConversationView(row, viewerOf(auth))], auth.user.id))[0]!;
}

export async function listConversations(
  auth: AuthContext,
  query: ListConversationsQuery,
): Promise<Page<Conversation>> {
  const limit = query.limit ?? 20;
  const after = query.cursor ? decodeCursor(ConversationCursor, query.cursor) : undefined;
  const rows = await listConversationsOfUser(db, {
    userId: auth.user.id,
    status: query.status,
    mode: query.mode,
    after,
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const viewer = viewerOf(auth);
  return {
    items: await withRounds(
      page.map((r) => toConversationView(r, viewer)),
      auth.user.id,
    ),
    nextCursor: rows.length > limit && last ? encodeCursor({ a: last.activity_us, id: last.id }) : null,
  };
}

export async function getConversation(auth: AuthContext, id: string): Promise<Conversation> {
  return view(await visibleConversation(id, viewerOf(auth)), auth);
}

/** Renames it (any participant's user, or an admin; ended ones too, since the title only labels history). */
export async function renameConversation(
  auth: AuthContext,
  id: string,
  body: RenameConversationBody,
): Promise<Conversation> {
  const viewer = viewerOf(auth);
  const title = requiredText(body.title, 'body/title');
  const before = await visibleConversation(id, viewer);
  if (before.mode === 'game') throw new Forbidden('A round keeps its title');
  if (before.title === title) return view(before, auth);
  await enforceWriteLimit(db, auth.user.id);
  await updateTitle(db, id, title);
  return view((await findConversation(db, id))!, auth);
}

/** Ends the conversation (any participant's user, or an admin). Ending it again returns it unchanged. */
export async function endConversation(auth: AuthContext, id: string): Promise<Conversation> {
  const viewer = viewerOf(auth);
  const before = await visibleConversation(id, viewer);
  if (before.mode === 'game') throw new Forbidden('A round ends on its own timer');
  if (before.status === 'ended') return view(before, auth);
  await enforceWriteLimit(db, auth.user.id);
  await withTransaction(async (tx) => {
    await markEnded(tx, id);
    // Nobody types in an ended conversation, and its personas are free to answer elsewhere.
    await dropPendingJobs(tx, id);
  });
  return view((await findConversation(db, id))!, auth);
}
