/**
 * The OpenAI client: one per execution environment, key from OPENAI_SECRET_ARN or OPENAI_API_KEY, any
 * OpenAI-compatible server through OPENAI_BASE_URL, with timeouts and our own retry loop. What to say and
 * when is the domain's (`@amianai/core/replies`).
 */
export {
  aiProvider,
  announceAiProvider,
  callModel,
  isReasoningModel,
  type ModelRequest,
  type Provider,
} from './client';
export { ModelCallError, type ModelFailure } from './errors';
export { estimateTokens } from './tokens';
export type { ChatMessage, Generation } from './types';
