/** TypeBox shapes of persona responses (for the OpenAPI document) and the bounds every persona field obeys. */
import { Type } from '@sinclair/typebox';
import type { AiSettings } from './types';

export const PERSONA_LIMITS = {
  name: { min: 1, max: 80 },
  description: { max: 1000 },
  summary: { max: 500 },
  trait: { min: 0, max: 100 },
  traitKeys: 12,
  knowledgeItems: 20,
  knowledgeItem: { min: 1, max: 40 },
  communicationStyle: { min: 1, max: 40 },
  avatarUrl: { max: 500 },
  model: { min: 1, max: 60 },
  temperature: { min: 0, max: 2 },
  maxTokens: { min: 16, max: 2000 },
  systemPrompt: { max: 4000 },
  typingWpm: { min: 10, max: 200 },
  talkativeness: { min: 0, max: 1 },
  /** Live personas one user may own (keeps `GET /api/me` bounded). */
  perUser: 100,
} as const;

export const BIG_FIVE = [
  'openness',
  'conscientiousness',
  'extraversion',
  'agreeableness',
  'neuroticism',
] as const;

/** Settings an AI persona gets for every field its creator leaves out. */
export const AI_DEFAULTS: AiSettings = {
  model: 'gpt-4o-mini',
  temperature: 0.9,
  maxTokens: 300,
  systemPrompt: null,
  typingWpm: 45,
  talkativeness: 0.5,
};

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
  avatarUrl: Type.Union([Type.String(), Type.Null()]),
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
