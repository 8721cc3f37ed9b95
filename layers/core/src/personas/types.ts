/**
 * Persona rows as stored, and the two ways a persona is shown (docs/design.md, "API conventions"); the view
 * types come from their schemas, so the OpenAPI document and the code cannot disagree.
 */
import type { Static } from '@sinclair/typebox';
import type { AiSettingsView, PersonaOwnerViewSchema, PersonaPublicViewSchema } from './schemas';

export type AiSettings = Static<typeof AiSettingsView>;
export type PersonaPublicView = Static<typeof PersonaPublicViewSchema>;
/** What the owner and admins see. */
export type PersonaOwnerView = Static<typeof PersonaOwnerViewSchema>;
export type PersonaView = PersonaPublicView | PersonaOwnerView;
export type Personality = PersonaPublicView['personality'];
export type PersonaKind = PersonaOwnerView['kind'];
export type Visibility = PersonaOwnerView['visibility'];

/** A `personas` row as `PERSONA_COLUMNS` selects it. */
export interface PersonaRow {
  id: string;
  owner_id: string | null;
  name: string;
  kind: PersonaKind;
  description: string;
  personality: Personality;
  knowledge: string[];
  communication_style: string;
  avatar_url: string | null;
  visibility: Visibility;
  ai: AiSettings | null;
  version: number;
  deleted_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** Who is looking: decides between the owner view and the public view. */
export type { Viewer } from '@amianai/shared/auth';
