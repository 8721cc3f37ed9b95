/**
 * Prompt building: the persona's system prompt (its own, or one written from its personality, knowledge and
 * style) plus the conversation's recent messages with speaker names, trimmed to a token budget, newest kept.
 */
import { estimateTokens } from '@amianai/shared/openai';
import { escapeRegExp } from '../personas/names';
import type { ChatMessage, ConversationContext, HistoryMessage, PersonaProfile } from './types';

export { estimateTokens };

/** Default token budget for the whole prompt (system prompt + history). */
export const PROMPT_TOKEN_BUDGET = 3000;

const MESSAGE_OVERHEAD_TOKENS = 4;

function describeTraits(traits: Record<string, number>): string {
  const high: string[] = [];
  const low: string[] = [];
  for (const [trait, value] of Object.entries(traits)) {
    if (typeof value !== 'number') continue;
    if (value >= 70) high.push(trait);
    else if (value <= 30) low.push(trait);
  }
  const parts: string[] = [];
  if (high.length) parts.push(`high in ${high.join(', ')}`);
  if (low.length) parts.push(`low in ${low.join(', ')}`);
  return parts.join('; ');
}

function typingStyle(wpm: number): string {
  if (wpm < 35) return 'You type slowly, so you keep messages short and unhurried.';
  if (wpm > 75) return 'You type fast and fire off quick, informal messages.';
  return 'You type at an ordinary pace; a message is usually one to three sentences.';
}

/** The persona's character, from its own system prompt or generated from its fields. */
export function characterPrompt(persona: PersonaProfile): string {
  if (persona.ai.systemPrompt) return persona.ai.systemPrompt.trim();
  const lines = [`You are ${persona.name}.${persona.description ? ` ${persona.description.trim()}` : ''}`];
  const traits = describeTraits(persona.personality.traits ?? {});
  if (persona.personality.summary) lines.push(`Personality: ${persona.personality.summary.trim()}`);
  if (traits) lines.push(`Temperament: ${traits}.`);
  if (persona.knowledge.length) lines.push(`You know a lot about: ${persona.knowledge.join(', ')}.`);
  lines.push(`Communication style: ${persona.communicationStyle}.`);
  lines.push(typingStyle(persona.ai.typingWpm));
  return lines.join('\n');
}

/** The full system prompt: character, the conversation, and the rules every persona follows. */
export function systemPromptFor(persona: PersonaProfile, conversation: ConversationContext): string {
  const others = conversation.participantNames.filter((n) => n !== persona.name);
  const lines = [characterPrompt(persona), ''];
  lines.push(
    `You are in a group chat called "${conversation.title}"${conversation.topic ? ` about ${conversation.topic}` : ''}.`,
  );
  if (others.length) lines.push(`Also here: ${others.join(', ')}.`);
  lines.push(
    `Stay in character as ${persona.name} at all times. Write like a person in a chat: short, natural, no lists or headings.`,
    'Reply with the text of your next message only, without your name in front of it.',
  );
  if (conversation.mode === 'game') {
    lines.push(
      'This is a game in which the players try to guess who is an AI. Never say, hint or admit that you are an AI, ' +
        `a language model, a bot or an assistant; if someone asks, answer as ${persona.name} would, as a person.`,
      // A seat plays under an alias (games/seats.ts); a profile or owner's prompt may still carry the
      // persona's own name, which would match it to the public directory.
      `Everyone here goes by a nickname; yours is ${persona.name}. Never give yourself another name, not even ` +
        'one from your profile.',
      'You are a person chatting with strangers on your phone: casual, lower-case is fine, the odd typo or ' +
        'abbreviation in your own style, one short line (rarely more than 20 words). Never be helpful like an ' +
        'assistant, never list things, never explain at length. You may ignore a message or change the subject.',
    );
  }
  return lines.join('\n');
}

/** The newest messages that fit `budget` tokens, oldest first. The newest message is always kept (cut if huge). */
export function trimHistory(history: HistoryMessage[], budget: number): HistoryMessage[] {
  const kept: HistoryMessage[] = [];
  let used = 0;
  for (let i = history.length - 1; i >= 0; i--) {
    const m = history[i]!;
    const cost = estimateTokens(`${m.name}: ${m.content}`) + MESSAGE_OVERHEAD_TOKENS;
    if (used + cost > budget) {
      if (kept.length === 0) {
        const chars = Math.max(0, (budget - MESSAGE_OVERHEAD_TOKENS) * 4 - m.name.length - 2);
        kept.push({ ...m, content: m.content.slice(-chars) });
      }
      break;
    }
    kept.push(m);
    used += cost;
  }
  return kept.reverse();
}

export interface PromptInput {
  persona: PersonaProfile;
  conversation: ConversationContext;
  /** Visible messages, oldest first. */
  history: HistoryMessage[];
  tokenBudget?: number;
}

/**
 * Chat messages for the model: the persona's own lines as `assistant`, everyone else's as `user` prefixed
 * with the speaker's name (multi-party chats need names; the `name` field is not honoured by every server).
 */
export function buildPrompt(input: PromptInput): ChatMessage[] {
  const system = systemPromptFor(input.persona, input.conversation);
  const budget =
    (input.tokenBudget ?? PROMPT_TOKEN_BUDGET) - estimateTokens(system) - MESSAGE_OVERHEAD_TOKENS;
  const history = trimHistory(
    input.history.filter((m) => m.kind === 'text'),
    Math.max(budget, 64),
  );
  const messages: ChatMessage[] = [{ role: 'system', content: system }];
  for (const m of history) {
    if (m.personaId === input.persona.id) messages.push({ role: 'assistant', content: m.content });
    else messages.push({ role: 'user', content: `${m.name}: ${m.content}` });
  }
  if (history.length === 0 || messages.at(-1)?.role === 'assistant') {
    // Models answer a user turn; nudge it when the persona spoke last or nothing was said yet.
    messages.push({
      role: 'user',
      content: `(${input.persona.name}, say something to keep the chat going.)`,
    });
  }
  return messages;
}

/** Models sometimes echo the "Name:" convention back; the stored reply never starts with a name. */
export function cleanReply(text: string, personaName: string): string {
  let out = text.trim();
  const prefix = new RegExp(`^\\**${escapeRegExp(personaName)}\\**\\s*:\\s*`, 'i');
  out = out.replace(prefix, '');
  if (out.length >= 2 && out.startsWith('"') && out.endsWith('"') && !out.slice(1, -1).includes('"')) {
    out = out.slice(1, -1);
  }
  return out.trim().slice(0, 4000);
}
