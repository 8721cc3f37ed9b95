import { offlineGeneration, offlineReply, topicOf, voiceOf } from './offline';
import { aiSettings, type HistoryMessage, type PersonaProfile } from './types';

const base: PersonaProfile = {
  id: 'p-1',
  name: 'Ilse Varga',
  description: 'Linguist.',
  personality: { traits: {}, summary: 'Precise and formal.' },
  knowledge: ['etymology', 'opera'],
  communicationStyle: 'formal',
  ai: aiSettings({}),
};
const history: HistoryMessage[] = [
  {
    personaId: 'p-alice',
    name: 'Alice Moreau',
    content: 'I just watched an opera about lighthouses',
    kind: 'text',
  },
];

describe('the offline responder', () => {
  it('answers the same input with the same words', () => {
    expect(offlineReply(base, history, 'seed-1')).toBe(offlineReply(base, history, 'seed-1'));
  });

  it('varies between messages', () => {
    const replies = new Set(Array.from({ length: 12 }, (_, i) => offlineReply(base, history, `seed-${i}`)));
    expect(replies.size).toBeGreaterThan(1);
  });

  it('speaks in the voice of its communication style', () => {
    expect(voiceOf('formal')).toBe('formal');
    expect(voiceOf('terse')).toBe('terse');
    expect(voiceOf('cheerful')).toBe('cheerful');
    expect(voiceOf('storyteller')).toBe('story');
    expect(voiceOf('something else')).toBe('casual');
    const dex = {
      ...base,
      communicationStyle: 'terse',
      personality: { traits: {}, summary: 'Types in lowercase.' },
    };
    const reply = offlineReply(dex, history, 'seed-2');
    expect(reply).toBe(reply.toLowerCase());
  });

  it('picks up what was just said, or its own interests', () => {
    expect(topicOf('I just watched an opera about lighthouses')).toBe('lighthouses');
    const replies = Array.from({ length: 12 }, (_, i) => offlineReply(base, history, `s${i}`));
    expect(
      replies.some(
        (r) =>
          r.includes('lighthouses') || r.includes('Alice') || r.includes('etymology') || r.includes('opera'),
      ),
    ).toBe(true);
  });

  it('never says it is an AI', () => {
    for (const style of ['formal', 'terse', 'cheerful', 'storyteller', 'inquisitive', 'laconic', 'casual']) {
      for (let i = 0; i < 10; i++) {
        const reply = offlineReply({ ...base, communicationStyle: style }, history, `k${i}`);
        expect(reply).not.toMatch(/\b(AI|bot|language model|assistant)\b/i);
      }
    }
  });

  it('is labelled as the offline provider at no cost', () => {
    const g = offlineGeneration(base, history, [{ role: 'system', content: 'x'.repeat(400) }], 'seed');
    expect(g).toMatchObject({ provider: 'offline', model: 'offline', finishReason: 'stop' });
    expect(g.inputTokens).toBeGreaterThanOrEqual(100);
    expect(g.outputTokens).toBeGreaterThan(0);
  });
});
