// Persona form values, validation that mirrors the API's limits (so mistakes show inline before a
// round trip), and mapping of the API's 400 details back onto fields.
import { BIG_FIVE, PERSONA_LIMITS } from '@amianai/core/personas/limits';
import type {
  AiSettings,
  Persona,
  PersonaInput,
  PersonaKind,
  PersonalityTraits,
  Visibility,
} from '../api/types';

// The API's own bounds: one source for the server's schemas and these forms.
export const LIMITS = PERSONA_LIMITS;
export const TRAITS = BIG_FIVE;
export type TraitName = (typeof TRAITS)[number];

export const STYLE_SUGGESTIONS = [
  'casual',
  'formal',
  'academic',
  'creative',
  'technical',
  'empathetic',
  'analytical',
  'humorous',
];
export const MODEL_SUGGESTIONS = ['gpt-4o-mini', 'gpt-4o', 'gpt-4.1-mini', 'gpt-4.1'];

export interface AiFormValues {
  model: string;
  temperature: string;
  maxTokens: string;
  systemPrompt: string;
  typingWpm: string;
  talkativeness: string;
}

export interface PersonaFormValues {
  name: string;
  kind: PersonaKind;
  description: string;
  summary: string;
  traits: Record<TraitName, number>;
  knowledge: string[];
  communicationStyle: string;
  avatarUrl: string;
  visibility: Visibility;
  ai: AiFormValues;
}

export type FieldErrors = Partial<Record<string, string>>;

export const DEFAULT_AI: AiFormValues = {
  model: 'gpt-4o-mini',
  temperature: '0.8',
  maxTokens: '300',
  systemPrompt: '',
  typingWpm: '45',
  talkativeness: '0.5',
};

export function emptyPersonaForm(): PersonaFormValues {
  return {
    name: '',
    kind: 'human',
    description: '',
    summary: '',
    traits: { openness: 50, conscientiousness: 50, extraversion: 50, agreeableness: 50, neuroticism: 50 },
    knowledge: [],
    communicationStyle: 'casual',
    avatarUrl: '',
    visibility: 'public',
    ai: { ...DEFAULT_AI },
  };
}

export function formFromPersona(persona: Persona): PersonaFormValues {
  const base = emptyPersonaForm();
  const traits = { ...base.traits };
  for (const trait of TRAITS) {
    const value = persona.personality?.traits?.[trait];
    if (typeof value === 'number') traits[trait] = value;
  }
  const ai = persona.ai;
  return {
    name: persona.name,
    kind: persona.kind ?? 'human',
    description: persona.description ?? '',
    summary: persona.personality?.summary ?? '',
    traits,
    knowledge: [...(persona.knowledge ?? [])],
    communicationStyle: persona.communicationStyle ?? '',
    // A data: URI is the default avatar the API draws; the field holds only an image its owner chose.
    avatarUrl: persona.avatarUrl && !persona.avatarUrl.startsWith('data:') ? persona.avatarUrl : '',
    visibility: persona.visibility ?? 'public',
    ai: ai
      ? {
          model: ai.model,
          temperature: String(ai.temperature),
          maxTokens: String(ai.maxTokens),
          systemPrompt: ai.systemPrompt ?? '',
          typingWpm: String(ai.typingWpm),
          talkativeness: String(ai.talkativeness),
        }
      : { ...DEFAULT_AI },
  };
}

function checkNumber(
  errors: FieldErrors,
  field: string,
  raw: string,
  { min, max }: { min: number; max: number },
  integer = false,
): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) errors[field] = 'Enter a number.';
  else if (integer && !Number.isInteger(value)) errors[field] = 'Enter a whole number.';
  else if (value < min || value > max) errors[field] = `Must be between ${min} and ${max}.`;
  return value;
}

export function validateKnowledgeItem(item: string, existing: string[]): string | null {
  const text = item.trim();
  if (!text) return 'Enter a topic.';
  if (text.length > LIMITS.knowledgeItem.max)
    return `Keep each topic to ${LIMITS.knowledgeItem.max} characters.`;
  if (existing.some((entry) => entry.toLowerCase() === text.toLowerCase())) return 'Already added.';
  if (existing.length >= LIMITS.knowledgeItems) return `At most ${LIMITS.knowledgeItems} topics.`;
  return null;
}

export function validatePersona(values: PersonaFormValues): FieldErrors {
  const errors: FieldErrors = {};
  const name = values.name.trim();
  if (name.length < LIMITS.name.min) errors.name = 'Give your persona a name.';
  else if (name.length > LIMITS.name.max) errors.name = `Keep the name to ${LIMITS.name.max} characters.`;
  if (values.description.length > LIMITS.description.max)
    errors.description = `Keep the description to ${LIMITS.description.max} characters.`;
  if (values.summary.length > LIMITS.summary.max)
    errors.summary = `Keep the summary to ${LIMITS.summary.max} characters.`;
  const style = values.communicationStyle.trim();
  if (style.length < LIMITS.communicationStyle.min)
    errors.communicationStyle = 'Describe how it writes, e.g. casual.';
  else if (style.length > LIMITS.communicationStyle.max)
    errors.communicationStyle = `Keep the style to ${LIMITS.communicationStyle.max} characters.`;
  for (const trait of TRAITS) {
    const value = values.traits[trait];
    if (!Number.isFinite(value) || value < LIMITS.trait.min || value > LIMITS.trait.max)
      errors[`traits.${trait}`] = 'Must be between 0 and 100.';
  }
  if (values.knowledge.length > LIMITS.knowledgeItems)
    errors.knowledge = `At most ${LIMITS.knowledgeItems} topics.`;
  else if (values.knowledge.some((item) => item.length > LIMITS.knowledgeItem.max))
    errors.knowledge = `Keep each topic to ${LIMITS.knowledgeItem.max} characters.`;
  const avatarUrl = values.avatarUrl.trim();
  if (avatarUrl && !/^https:\/\/\S+$/i.test(avatarUrl))
    errors.avatarUrl = 'Use an https:// image address, or leave it empty.';
  else if (avatarUrl.length > LIMITS.avatarUrl.max)
    errors.avatarUrl = `Keep the address to ${LIMITS.avatarUrl.max} characters.`;
  if (values.kind === 'ai') {
    const model = values.ai.model.trim();
    if (!model) errors['ai.model'] = 'Choose a model.';
    else if (model.length > LIMITS.model.max || !/^[A-Za-z0-9][A-Za-z0-9._:/-]*$/.test(model))
      errors['ai.model'] = 'Use a model id like gpt-4o-mini (letters, digits, . _ : / -).';
    checkNumber(errors, 'ai.temperature', values.ai.temperature, LIMITS.temperature);
    checkNumber(errors, 'ai.maxTokens', values.ai.maxTokens, LIMITS.maxTokens, true);
    if (values.ai.systemPrompt.length > LIMITS.systemPrompt.max)
      errors['ai.systemPrompt'] = `Keep the prompt to ${LIMITS.systemPrompt.max} characters.`;
    checkNumber(errors, 'ai.typingWpm', values.ai.typingWpm, LIMITS.typingWpm, true);
    checkNumber(errors, 'ai.talkativeness', values.ai.talkativeness, LIMITS.talkativeness);
  }
  return errors;
}

export function aiSettingsFrom(values: AiFormValues): AiSettings {
  return {
    model: values.model.trim(),
    temperature: Number(values.temperature),
    maxTokens: Number(values.maxTokens),
    // null asks the API to build the prompt from personality, knowledge and style.
    systemPrompt: values.systemPrompt.trim() ? values.systemPrompt : null,
    typingWpm: Number(values.typingWpm),
    talkativeness: Number(values.talkativeness),
  };
}

export function personaInputFrom(values: PersonaFormValues): PersonaInput {
  const input: PersonaInput = {
    name: values.name.trim(),
    kind: values.kind,
    description: values.description.trim(),
    personality: { traits: { ...values.traits } as PersonalityTraits, summary: values.summary.trim() },
    knowledge: values.knowledge,
    communicationStyle: values.communicationStyle.trim(),
    visibility: values.visibility,
    ai: values.kind === 'ai' ? aiSettingsFrom(values.ai) : null,
  };
  if (values.avatarUrl.trim()) input.avatarUrl = values.avatarUrl.trim();
  return input;
}

/** Maps API validation details (JSON-pointer paths) onto form fields; returns the rest unmatched. */
export function fieldErrorsFromDetails(details: unknown[]): { fields: FieldErrors; other: string[] } {
  const fields: FieldErrors = {};
  const other: string[] = [];
  for (const detail of details) {
    if (typeof detail !== 'object' || detail === null) {
      if (typeof detail === 'string') other.push(detail);
      continue;
    }
    const record = detail as Record<string, unknown>;
    const rawPath = [record.path, record.instancePath, record.field].find(
      (value) => typeof value === 'string',
    ) as string | undefined;
    const message = typeof record.message === 'string' ? record.message : 'Invalid value.';
    const field = rawPath ? fieldForPath(rawPath) : null;
    if (field && !fields[field]) fields[field] = message;
    else other.push(rawPath ? `${rawPath}: ${message}` : message);
  }
  return { fields, other };
}

function fieldForPath(path: string): string | null {
  // The API prefixes where the problem is ("body/name"); the rest is a JSON pointer into the body.
  const parts = path.split(/[/.]/).filter(Boolean);
  if (parts[0] === 'body') parts.shift();
  const [first, second, third] = parts;
  if (!first) return null;
  if (first === 'personality') {
    if (second === 'traits' && third) return `traits.${third}`;
    if (second === 'summary') return 'summary';
    return null;
  }
  if (first === 'ai') return second ? `ai.${second}` : 'ai.model';
  if (first === 'knowledge') return 'knowledge';
  return ['name', 'description', 'communicationStyle', 'avatarUrl', 'visibility', 'kind'].includes(first)
    ? first
    : null;
}
