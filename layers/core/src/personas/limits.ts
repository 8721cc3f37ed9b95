/**
 * The bounds every persona field obeys. No imports: the web app checks its forms against these same numbers
 * (through the `@amianai/core/personas/limits` export), so a form never accepts what the API refuses.
 */
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
