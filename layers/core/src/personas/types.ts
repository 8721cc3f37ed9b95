/** Persona rows as stored, and the two ways a persona is shown (docs/design.md, "API conventions"). */

export type PersonaKind = 'human' | 'ai';
export type Visibility = 'public' | 'private';

export interface AiSettings {
  model: string;
  temperature: number;
  maxTokens: number;
  systemPrompt: string | null;
  typingWpm: number;
  talkativeness: number;
}

export interface Personality {
  traits: Record<string, number>;
  summary: string;
}

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
export interface Viewer {
  userId: string;
  isAdmin: boolean;
}

/** What anyone may see. A human and an AI persona have exactly these keys, so nothing gives the kind away. */
export interface PersonaPublicView {
  id: string;
  name: string;
  description: string;
  personality: Personality;
  knowledge: string[];
  communicationStyle: string;
  /** The owner's image, or the default avatar drawn from the id: every persona has one. */
  avatarUrl: string;
  createdAt: string;
  updatedAt: string;
}

/** What the owner and admins see. */
export interface PersonaOwnerView extends PersonaPublicView {
  kind: PersonaKind;
  visibility: Visibility;
  ai: AiSettings | null;
  ownerId: string | null;
  version: number;
}

export type PersonaView = PersonaPublicView | PersonaOwnerView;
