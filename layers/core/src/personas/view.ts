/**
 * Row → JSON for personas, enforcing game integrity in one place: only the owner and admins learn the
 * kind, the AI settings, the owner and the version. Every other code path that shows a persona uses this.
 */
import { avatarOf } from './avatar';
import type { PersonaOwnerView, PersonaPublicView, PersonaRow, PersonaView, Viewer } from './types';

/** True when `viewer` may see everything about the persona (its owner, or an admin). */
export function canManagePersona(row: Pick<PersonaRow, 'owner_id'>, viewer: Viewer): boolean {
  return viewer.isAdmin || (row.owner_id !== null && row.owner_id === viewer.userId);
}

/**
 * True when `viewer` may see the persona at all: public ones, private ones they manage, and any persona they
 * share a conversation with (`coParticipant`) — a co-player can open every profile at the table alike,
 * whether a person's private default persona or a public house AI sits behind it.
 */
export function canSeePersona(
  row: Pick<PersonaRow, 'owner_id' | 'visibility'>,
  viewer: Viewer,
  coParticipant = false,
): boolean {
  return row.visibility === 'public' || coParticipant || canManagePersona(row, viewer);
}

export function toPublicView(row: PersonaRow): PersonaPublicView {
  // Built key by key (never by spreading the row) so a new column cannot leak by accident.
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    personality: {
      traits: { ...(row.personality?.traits ?? {}) },
      summary: row.personality?.summary ?? '',
    },
    knowledge: [...row.knowledge],
    communicationStyle: row.communication_style,
    avatarUrl: avatarOf(row.id, row.avatar_url),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toOwnerView(row: PersonaRow): PersonaOwnerView {
  return {
    ...toPublicView(row),
    kind: row.kind,
    visibility: row.visibility,
    ai: row.ai ? { ...row.ai } : null,
    ownerId: row.owner_id,
    version: row.version,
  };
}

/** The view `viewer` is entitled to. */
export function toPersonaView(row: PersonaRow, viewer: Viewer): PersonaView {
  return canManagePersona(row, viewer) ? toOwnerView(row) : toPublicView(row);
}
