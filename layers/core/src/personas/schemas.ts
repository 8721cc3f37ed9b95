/** TypeBox shapes of persona responses (for the OpenAPI document) and the bounds every persona field obeys. */
import { Cursor, Limit, Uuid } from '@amianai/shared/http';
import { type Static, Type } from '@sinclair/typebox';
import { PERSONA_LIMITS } from './limits';

export { BIG_FIVE, PERSONA_LIMITS } from './limits';

export const AiSettingsView = Type.Object(
  {
    model: Type.String(),
    temperature: Type.Number(),
    maxTokens: Type.Integer(),
    systemPrompt: Type.Union([Type.String(), Type.Null()]),
    typingWpm: Type.Integer(),
    talkativeness: Type.Number(),
  },
  { $id: 'AiSettings', additionalProperties: false },
);
type AiSettings = Static<typeof AiSettingsView>;

/** Settings an AI persona gets for every field its creator leaves out. */
export const AI_DEFAULTS: AiSettings = {
  model: 'gpt-4o-mini',
  temperature: 0.9,
  maxTokens: 300,
  systemPrompt: null,
  typingWpm: 45,
  talkativeness: 0.5,
};

const publicFields = {
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  description: Type.String(),
  personality: Type.Object(
    {
      traits: Type.Record(Type.String(), Type.Integer({ minimum: 0, maximum: 100 })),
      summary: Type.String(),
    },
    { additionalProperties: false },
  ),
  knowledge: Type.Array(Type.String()),
  communicationStyle: Type.String(),
  avatarUrl: Type.String({
    description:
      'An image URL: the one its owner gave, or a data: URI of the default avatar drawn from the id',
  }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
};

export const PersonaPublicViewSchema = Type.Object(publicFields, {
  $id: 'PersonaPublicView',
  additionalProperties: false,
  description: 'A persona as anyone but its owner or an admin sees it: nothing reveals whether it is an AI.',
});

export const PersonaOwnerViewSchema = Type.Object(
  {
    ...publicFields,
    kind: Type.Union([Type.Literal('human'), Type.Literal('ai')]),
    visibility: Type.Union([Type.Literal('public'), Type.Literal('private')]),
    ai: Type.Union([AiSettingsView, Type.Null()]),
    ownerId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
    version: Type.Integer({ minimum: 1 }),
  },
  {
    $id: 'PersonaOwnerView',
    additionalProperties: false,
    description: 'A persona as its owner or an admin sees it.',
  },
);

export const PersonaViewSchema = Type.Union([PersonaOwnerViewSchema, PersonaPublicViewSchema]);

// ---- requests ----

const L = PERSONA_LIMITS;

/** At least one visible character; surrounding whitespace is trimmed before saving. */
const Text = (min: number, max: number, description?: string) =>
  Type.String({ minLength: min, maxLength: max, ...(min > 0 ? { pattern: '\\S' } : {}), description });

const Kind = Type.Union([Type.Literal('human'), Type.Literal('ai')]);
const Visibility = Type.Union([Type.Literal('public'), Type.Literal('private')], {
  description: 'Private personas are seen by their owner (and admins) only',
});
const TRAIT_KEY = '^[a-zA-Z][a-zA-Z0-9_]{0,31}$';
const TraitValue = Type.Integer({ minimum: L.trait.min, maximum: L.trait.max });

const Traits = Type.Record(Type.String({ pattern: TRAIT_KEY }), TraitValue, {
  maxProperties: L.traitKeys,
  additionalProperties: false,
  description: `Big Five (openness, conscientiousness, extraversion, agreeableness, neuroticism; 50 when left out) plus custom traits, 0–100, at most ${L.traitKeys} keys`,
});
/** On update, a trait set to null is removed (the Big Five cannot be removed). */
const TraitsPatch = Type.Record(Type.String({ pattern: TRAIT_KEY }), Type.Union([TraitValue, Type.Null()]), {
  maxProperties: L.traitKeys,
  additionalProperties: false,
  description: 'Traits to change; keys left out keep their value, null removes a custom trait',
});

const Summary = Text(0, L.summary.max, 'Free-text personality summary');
const Knowledge = Type.Array(Text(L.knowledgeItem.min, L.knowledgeItem.max), {
  maxItems: L.knowledgeItems,
  description: 'Topics the persona knows about; stored trimmed, lower-case and without duplicates',
});
const AvatarUrl = Type.Union([Type.String({ format: 'uri', maxLength: L.avatarUrl.max }), Type.Null()], {
  description: 'An http(s) image URL',
});

const AiSettingsInput = Type.Object(
  {
    model: Type.Optional(
      Type.String({
        minLength: L.model.min,
        maxLength: L.model.max,
        pattern: '^[A-Za-z0-9][A-Za-z0-9._:/-]*$',
      }),
    ),
    temperature: Type.Optional(Type.Number({ minimum: L.temperature.min, maximum: L.temperature.max })),
    maxTokens: Type.Optional(Type.Integer({ minimum: L.maxTokens.min, maximum: L.maxTokens.max })),
    systemPrompt: Type.Optional(
      Type.Union([Type.String({ maxLength: L.systemPrompt.max }), Type.Null()], {
        description: 'null: a prompt is built from personality, knowledge and style',
      }),
    ),
    typingWpm: Type.Optional(Type.Integer({ minimum: L.typingWpm.min, maximum: L.typingWpm.max })),
    talkativeness: Type.Optional(Type.Number({ minimum: L.talkativeness.min, maximum: L.talkativeness.max })),
  },
  {
    additionalProperties: false,
    description: 'AI settings; fields left out keep their default (or current) value',
  },
);

const editable = {
  name: Text(L.name.min, L.name.max),
  description: Text(0, L.description.max),
  knowledge: Knowledge,
  communicationStyle: Text(
    L.communicationStyle.min,
    L.communicationStyle.max,
    'e.g. casual, terse, storyteller',
  ),
  avatarUrl: AvatarUrl,
  visibility: Visibility,
};

export const CreatePersonaBody = Type.Object(
  {
    name: editable.name,
    kind: Kind,
    description: Type.Optional(editable.description),
    personality: Type.Optional(
      Type.Object(
        { traits: Type.Optional(Traits), summary: Type.Optional(Summary) },
        { additionalProperties: false },
      ),
    ),
    knowledge: Type.Optional(editable.knowledge),
    communicationStyle: Type.Optional(editable.communicationStyle),
    avatarUrl: Type.Optional(editable.avatarUrl),
    visibility: Type.Optional(editable.visibility),
    ai: Type.Optional(
      Type.Union([AiSettingsInput, Type.Null()], {
        description: 'AI personas only (defaults apply); null or absent for humans',
      }),
    ),
  },
  { additionalProperties: false },
);
export type CreatePersonaBody = Static<typeof CreatePersonaBody>;

export const UpdatePersonaBody = Type.Object(
  {
    version: Type.Integer({
      minimum: 1,
      description: 'The version you last read; 409 version_conflict if stale',
    }),
    name: Type.Optional(editable.name),
    description: Type.Optional(editable.description),
    personality: Type.Optional(
      Type.Object(
        { traits: Type.Optional(TraitsPatch), summary: Type.Optional(Summary) },
        { additionalProperties: false },
      ),
    ),
    knowledge: Type.Optional(editable.knowledge),
    communicationStyle: Type.Optional(editable.communicationStyle),
    avatarUrl: Type.Optional(editable.avatarUrl),
    visibility: Type.Optional(editable.visibility),
    ai: Type.Optional(AiSettingsInput),
  },
  { additionalProperties: false, description: 'Any subset of the fields, plus the version you last read' },
);
export type UpdatePersonaBody = Static<typeof UpdatePersonaBody>;

export const ListPersonasQuery = Type.Object(
  {
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
    q: Type.Optional(Text(1, 100, 'Text to find in the name or description (case-insensitive)')),
    style: Type.Optional(Text(1, L.communicationStyle.max, 'Communication style, exact (case-insensitive)')),
    knowledge: Type.Optional(Text(1, L.knowledgeItem.max, 'A knowledge topic the persona must list')),
    mine: Type.Optional(
      Type.Boolean({ description: "true: only the caller's own personas (any visibility)" }),
    ),
    kind: Type.Optional(
      Type.Union([Type.Literal('human'), Type.Literal('ai')], {
        description:
          "Filters the caller's own personas by kind; requires mine=true (no one learns the kind of others')",
      }),
    ),
  },
  { additionalProperties: false },
);
export type ListPersonasQuery = Static<typeof ListPersonasQuery>;

/** The keyset position after the last item of a page: its exact creation time (µs) and id. */
export const PersonaCursor = Type.Object(
  {
    t: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z$' }),
    i: Uuid(),
  },
  { additionalProperties: false },
);
export type PersonaCursor = Static<typeof PersonaCursor>;

export const PersonaPage = Type.Object(
  {
    items: Type.Array(PersonaViewSchema),
    nextCursor: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);
