/**
 * Personas: rows stored directly (`aiPersona`, `humanPersona`: house personas, deleted ones, settings the API
 * would not take), valid request bodies for the personas API (`aiPersonaBody`, `humanPersonaBody`) and the
 * API itself (`personasApi`, `createPersona`).
 */
import type { AiSettings } from '@amianai/core/personas';
import { query } from '@amianai/shared/db';
import { callerFor, type Invoked } from './api';
import type { Who } from './players';

export interface PersonaInput {
  name?: string;
  /** Null (the default): a house persona. */
  ownerId?: string | null;
  visibility?: 'public' | 'private';
  deleted?: boolean;
  style?: string;
  summary?: string;
  knowledge?: string[];
}

export interface AiPersonaInput extends PersonaInput {
  ai?: Partial<AiSettings>;
}

const AI_SETTINGS: AiSettings = {
  model: 'gpt-4o-mini',
  temperature: 0.9,
  maxTokens: 200,
  systemPrompt: null,
  typingWpm: 60,
  talkativeness: 0.5,
};

async function insertPersona(kind: 'ai' | 'human', input: AiPersonaInput): Promise<string> {
  const name = input.name ?? (kind === 'ai' ? 'AI persona' : 'Human persona');
  const { rows } = await query<{ id: string }>(
    `INSERT INTO personas (owner_id, name, kind, visibility, description, personality, knowledge,
                           communication_style, ai, avatar_url, deleted_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'https://example.test/avatar.png', CASE WHEN $10 THEN now() END)
     RETURNING id`,
    [
      input.ownerId ?? null,
      name,
      kind,
      input.visibility ?? 'public',
      `${name}, a regular.`,
      JSON.stringify({ traits: { extraversion: 70 }, summary: input.summary ?? 'Friendly.' }),
      input.knowledge ?? ['cooking'],
      input.style ?? 'casual',
      kind === 'ai' ? JSON.stringify({ ...AI_SETTINGS, ...input.ai }) : null,
      input.deleted ?? false,
    ],
  );
  return rows[0]!.id;
}

/** Stores an AI persona (public, a house one unless `ownerId` is given) and returns its id. */
export const aiPersona = (input: AiPersonaInput = {}): Promise<string> => insertPersona('ai', input);

/** Stores a human persona (public unless told) and returns its id. */
export const humanPersona = (input: PersonaInput = {}): Promise<string> => insertPersona('human', input);

/** A valid POST /api/personas body for a human persona. */
export const humanPersonaBody = (overrides: Record<string, unknown> = {}) => ({
  name: 'Robin Vale',
  kind: 'human',
  description: 'Sails small boats, reads big books.',
  personality: { traits: { openness: 70 }, summary: 'Curious and calm.' },
  knowledge: ['Sailing', 'books'],
  communicationStyle: 'casual',
  ...overrides,
});

/** A valid POST /api/personas body for an AI persona. */
export const aiPersonaBody = (overrides: Record<string, unknown> = {}) => ({
  name: 'Juno Park',
  kind: 'ai',
  description: 'Bakes sourdough and argues about jazz.',
  personality: { traits: { openness: 80, wit: 90 }, summary: 'Warm, quick, a little smug.' },
  knowledge: ['baking', 'jazz'],
  communicationStyle: 'casual',
  ai: { temperature: 1.1, systemPrompt: 'You are Juno.' },
  ...overrides,
});

const callPersonas = callerFor({
  load: async () => (await import('../../functions/personas/handler')).handler,
});

/** The personas API, one call per route, as `who`. */
export const personasApi = {
  list: (who: Who, query?: Record<string, string>): Promise<Invoked> =>
    callPersonas(who, 'GET', '/api/personas', { query }),
  create: (who: Who, body: unknown): Promise<Invoked> => callPersonas(who, 'POST', '/api/personas', { body }),
  get: (who: Who, id: string): Promise<Invoked> => callPersonas(who, 'GET', '/api/personas/{id}', { id }),
  update: (who: Who, id: string, body: unknown): Promise<Invoked> =>
    callPersonas(who, 'PUT', '/api/personas/{id}', { id, body }),
  remove: (who: Who, id: string): Promise<Invoked> =>
    callPersonas(who, 'DELETE', '/api/personas/{id}', { id }),
};

/** Creates a persona through the API as `who` and returns its owner view. */
// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON response bodies
export async function createPersona(who: Who, body: unknown): Promise<any> {
  const res = await personasApi.create(who, body);
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
