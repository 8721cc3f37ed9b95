import {
  buildPrompt,
  characterPrompt,
  cleanReply,
  estimateTokens,
  systemPromptFor,
  trimHistory,
} from './prompt';
import { aiSettings, type ConversationContext, type HistoryMessage, type PersonaProfile } from './types';

const persona: PersonaProfile = {
  id: 'p-mags',
  name: 'Mags Okafor',
  description: 'Retired ship cook.',
  personality: {
    traits: { extraversion: 85, neuroticism: 20, openness: 55 },
    summary: 'Warm and tangential.',
  },
  knowledge: ['cooking', 'sailing'],
  communicationStyle: 'storyteller',
  ai: aiSettings({ typingWpm: 30 }),
};

const conversation: ConversationContext = {
  id: 'c-1',
  title: 'Galley talk',
  topic: 'food at sea',
  mode: 'chat',
  status: 'active',
  participantNames: ['Alice', 'Mags Okafor', 'Dex'],
};

const msg = (i: number, name = 'Alice', personaId: string | null = 'p-alice'): HistoryMessage => ({
  personaId,
  name,
  content: `message number ${i} ${'x'.repeat(40)}`,
  kind: 'text',
});

describe('the system prompt', () => {
  it('is generated from personality, knowledge, communication style and typing style', () => {
    const text = characterPrompt(persona);
    expect(text).toContain('You are Mags Okafor. Retired ship cook.');
    expect(text).toContain('Warm and tangential.');
    expect(text).toContain('high in extraversion');
    expect(text).toContain('low in neuroticism');
    expect(text).not.toContain('openness');
    expect(text).toContain('cooking, sailing');
    expect(text).toContain('storyteller');
    expect(text).toMatch(/type slowly/);
  });

  it("uses the persona's own system prompt when it has one, still with the conversation's rules", () => {
    const own = { ...persona, ai: { ...persona.ai, systemPrompt: 'You are a pirate named Mags.' } };
    const text = systemPromptFor(own, { ...conversation, mode: 'game' });
    expect(text.startsWith('You are a pirate named Mags.')).toBe(true);
    expect(text).not.toContain('Retired ship cook');
    expect(text).toMatch(/Never say, hint or admit that you are an AI/);
    // In a round the persona plays a seat under an alias, which overrides the name in its own prompt.
    expect(text).toContain(`yours is ${persona.name}. Never give yourself another name`);
  });

  it('tells the persona never to admit being an AI in game mode only', () => {
    expect(systemPromptFor(persona, { ...conversation, mode: 'game' })).toMatch(
      /never say, hint or admit that you are an AI/i,
    );
    expect(systemPromptFor(persona, conversation)).not.toMatch(/admit that you are an AI/);
  });

  it('names the other participants and the topic', () => {
    const text = systemPromptFor(persona, conversation);
    expect(text).toContain('"Galley talk" about food at sea');
    expect(text).toContain('Also here: Alice, Dex.');
  });
});

describe('the history in the prompt', () => {
  it("labels other speakers by name and the persona's own lines as its own", () => {
    const messages = buildPrompt({
      persona,
      conversation,
      history: [msg(1), { ...msg(2, 'Mags Okafor', 'p-mags') }, msg(3, 'Dex', 'p-dex')],
    });
    expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(messages[1]!.content).toMatch(/^Alice: message number 1/);
    expect(messages[2]!.content).toMatch(/^message number 2/);
    expect(messages[3]!.content).toMatch(/^Dex: message number 3/);
  });

  it('leaves system notices out', () => {
    const notice: HistoryMessage = { personaId: null, name: '', content: 'Dex stepped away', kind: 'system' };
    const messages = buildPrompt({ persona, conversation, history: [msg(1), notice] });
    expect(messages.some((m) => m.content.includes('stepped away'))).toBe(false);
  });

  it('keeps the newest messages when trimming to a small token budget', () => {
    const history = Array.from({ length: 50 }, (_, i) => msg(i + 1));
    const kept = trimHistory(history, 60);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(50);
    expect(kept.at(-1)!.content).toContain('message number 50');
    const numbers = kept.map((m) => Number(/number (\d+)/.exec(m.content)![1]));
    expect(numbers).toEqual(numbers.map((_, i) => 50 - numbers.length + 1 + i));
    const used = kept.reduce((n, m) => n + estimateTokens(`${m.name}: ${m.content}`) + 4, 0);
    expect(used).toBeLessThanOrEqual(60);
  });

  it('fits the whole prompt in its token budget, newest message included', () => {
    const history = Array.from({ length: 200 }, (_, i) => msg(i + 1));
    const messages = buildPrompt({ persona, conversation, history, tokenBudget: 400 });
    const total = messages.reduce((n, m) => n + estimateTokens(m.content) + 4, 0);
    expect(total).toBeLessThanOrEqual(400);
    expect(messages.at(-1)!.content).toContain('message number 200');
  });

  it('keeps the end of a single message that alone exceeds the budget', () => {
    const huge: HistoryMessage = { ...msg(1), content: `${'a'.repeat(5000)} the end` };
    const kept = trimHistory([huge], 50);
    expect(kept).toHaveLength(1);
    expect(kept[0]!.content.endsWith('the end')).toBe(true);
    expect(kept[0]!.content.length).toBeLessThan(200);
  });

  it('asks for a message when the persona spoke last or nothing was said', () => {
    const own = buildPrompt({ persona, conversation, history: [{ ...msg(1, 'Mags Okafor', 'p-mags') }] });
    expect(own.at(-1)!.role).toBe('user');
    expect(buildPrompt({ persona, conversation, history: [] }).at(-1)!.role).toBe('user');
  });
});

describe('cleanReply', () => {
  it('strips an echoed name prefix and wrapping quotes', () => {
    expect(cleanReply('Mags Okafor: Hello love', 'Mags Okafor')).toBe('Hello love');
    expect(cleanReply('**Mags Okafor**: Hello', 'Mags Okafor')).toBe('Hello');
    expect(cleanReply('"Hello there"', 'Mags Okafor')).toBe('Hello there');
    expect(cleanReply('  "Quote" and more "quotes"  ', 'Mags Okafor')).toBe('"Quote" and more "quotes"');
  });
});
