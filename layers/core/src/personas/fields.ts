/** Turns validated request bodies into stored persona fields: trimming, defaults and partial-update merging. */
import { Invalid } from '@amianai/shared/http';
import type { CreatePersonaBody, UpdatePersonaBody } from './schemas';
import { AI_DEFAULTS, BIG_FIVE, PERSONA_LIMITS } from './schemas';
import { randomProfile } from './starter-profile';
import type { PersonaFields } from './store';
import type { PersonaRow } from './types';

const DEFAULT_TRAIT = 50;
const DEFAULT_STYLE = 'casual';

/** Knowledge topics are tags: trimmed, single-spaced, lower-case, each once (so filters match exactly). */
export function normalizeTopic(topic: string): string {
  return topic.trim().replace(/\s+/g, ' ').toLowerCase();
}

function normalizeKnowledge(items: string[]): string[] {
  return [...new Set(items.map(normalizeTopic))];
}

function checkTraitCount(traits: Record<string, number>): Record<string, number> {
  if (Object.keys(traits).length > PERSONA_LIMITS.traitKeys) {
    throw new Invalid('Too many traits', [
      {
        path: 'body/personality/traits',
        message: `At most ${PERSONA_LIMITS.traitKeys} traits, the Big Five included`,
      },
    ]);
  }
  return traits;
}

function rejectAiForHuman(ai: unknown): void {
  if (ai !== undefined && ai !== null) {
    throw new Invalid('Human personas have no AI settings', [
      { path: 'body/ai', message: 'Only AI personas take AI settings' },
    ]);
  }
}

/** True when the body names the persona and nothing about who it is. */
const onlyNamed = (body: CreatePersonaBody) =>
  body.description === undefined &&
  body.personality === undefined &&
  body.knowledge === undefined &&
  body.communicationStyle === undefined;

export function fieldsForCreate(body: CreatePersonaBody): PersonaFields {
  if (body.kind === 'human') rejectAiForHuman(body.ai);
  // A persona given only a name gets a starter profile, whatever its kind, as a new user's first one does:
  // an empty profile would otherwise stand out among the written ones.
  if (onlyNamed(body)) {
    return {
      name: body.name.trim(),
      ...randomProfile(),
      avatarUrl: body.avatarUrl ?? null,
      visibility: body.visibility ?? 'public',
      ai: body.kind === 'ai' ? { ...AI_DEFAULTS, ...(body.ai ?? {}) } : null,
    };
  }
  const traits: Record<string, number> = Object.fromEntries(BIG_FIVE.map((k) => [k, DEFAULT_TRAIT]));
  Object.assign(traits, body.personality?.traits ?? {});
  return {
    name: body.name.trim(),
    description: (body.description ?? '').trim(),
    personality: { traits: checkTraitCount(traits), summary: (body.personality?.summary ?? '').trim() },
    knowledge: normalizeKnowledge(body.knowledge ?? []),
    communicationStyle: (body.communicationStyle ?? DEFAULT_STYLE).trim(),
    avatarUrl: body.avatarUrl ?? null,
    visibility: body.visibility ?? 'public',
    ai: body.kind === 'ai' ? { ...AI_DEFAULTS, ...(body.ai ?? {}) } : null,
  };
}

function mergeTraits(
  current: Record<string, number>,
  patch: Record<string, number | null>,
): Record<string, number> {
  const traits = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value !== null) {
      traits[key] = value;
    } else if ((BIG_FIVE as readonly string[]).includes(key)) {
      throw new Invalid('The Big Five traits cannot be removed', [
        { path: `body/personality/traits/${key}`, message: 'Set a value from 0 to 100 instead of null' },
      ]);
    } else {
      delete traits[key];
    }
  }
  return checkTraitCount(traits);
}

/** True when the body changes something besides naming the version it read. */
export function hasChanges(body: UpdatePersonaBody): boolean {
  return Object.keys(body).some((key) => key !== 'version');
}

/** The row's fields with the body's changes applied. Omitted fields keep their value. */
export function fieldsForUpdate(row: PersonaRow, body: UpdatePersonaBody): PersonaFields {
  if (row.kind === 'human') rejectAiForHuman(body.ai);
  const personality = body.personality ?? {};
  return {
    name: body.name?.trim() ?? row.name,
    description: body.description?.trim() ?? row.description,
    personality: {
      traits: mergeTraits(row.personality.traits ?? {}, personality.traits ?? {}),
      summary: personality.summary?.trim() ?? row.personality.summary ?? '',
    },
    knowledge: body.knowledge ? normalizeKnowledge(body.knowledge) : row.knowledge,
    communicationStyle: body.communicationStyle?.trim() ?? row.communication_style,
    avatarUrl: body.avatarUrl !== undefined ? body.avatarUrl : row.avatar_url,
    visibility: body.visibility ?? row.visibility,
    ai: row.kind === 'ai' ? { ...AI_DEFAULTS, ...(row.ai ?? {}), ...(body.ai ?? {}) } : null,
  };
}
