import { intentOf, offlineGeneration, offlineReply, voiceOf } from './offline';
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
const said = (content: string): HistoryMessage[] => [
  { personaId: 'p-alice', name: 'Alice Moreau', content, kind: 'text' },
];
const history = said('I just watched an opera about lighthouses');

/** Plays a whole conversation: the persona answers `n` messages, remembering what it said. */
function converse(persona: PersonaProfile, lines: string[]): Array<string | undefined> {
  const used: string[] = [];
  return lines.map((line, i) => {
    const reply = offlineReply(persona, said(line), `seed-${i}`, used);
    if (reply) used.unshift(reply);
    return reply;
  });
}

const STYLES = ['formal', 'terse', 'cheerful', 'storyteller', 'inquisitive', 'laconic', 'casual'];

describe('the offline responder', () => {
  it('answers the same input with the same words', () => {
    expect(offlineReply(base, history, 'seed-1')).toBe(offlineReply(base, history, 'seed-1'));
  });

  it('varies between messages', () => {
    const replies = new Set(Array.from({ length: 12 }, (_, i) => offlineReply(base, history, `seed-${i}`)));
    expect(replies.size).toBeGreaterThan(1);
  });

  it('speaks in the voice of its communication style, lowercase if that is how it types', () => {
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
    const reply = offlineReply(dex, history, 'seed-2')!;
    expect(reply).toBe(reply.toLowerCase());
  });

  it('answers by what kind of message it got', () => {
    expect(intentOf('hey there')).toBe('greeting');
    expect(intentOf('what do you do for work?')).toBe('question');
    expect(intentOf('are you a bot?')).toBe('doubt');
    expect(intentOf('nice weather today')).toBe('remark');
    expect(intentOf(undefined)).toBe('opener');
  });

  it('never echoes the other person\'s words back in a frame (no "what about evening yourself?")', () => {
    for (const style of STYLES) {
      const persona = { ...base, communicationStyle: style, knowledge: [] };
      const lines = [
        'I spent the evening repainting the greenhouse shutters',
        'what about evening yourself?',
      ];
      for (const [i, reply] of converse(persona, lines).entries()) {
        for (const word of ['repainting', 'greenhouse', 'shutters', 'evening yourself']) {
          if (i === 0) expect(reply ?? '').not.toContain(word);
        }
      }
      expect(
        offlineReply(persona, said('Honestly, the marmalade situation is getting worse'), 'x'),
      ).not.toMatch(/marmalade|situation/i);
    }
  });

  it('never uses the same frame twice in a conversation, and goes quiet rather than repeat', () => {
    for (const style of STYLES) {
      const persona = { ...base, communicationStyle: style };
      const lines = Array.from(
        { length: 40 },
        (_, i) => ['hi!', 'what do you think?', 'I like trains.', 'are you a bot?', 'sure.'][i % 5]!,
      );
      const replies = converse(persona, lines).filter((r): r is string => r !== undefined);
      expect(replies.length).toBeGreaterThan(10);
      // With the fillers ({who}, {field}) taken out, no two replies share their frame.
      const frames = replies.map((r) => r.replace(/Alice|etymology|opera/gi, '_'));
      expect(new Set(frames).size).toBe(frames.length);
    }
  });

  it('never says it is an AI', () => {
    for (const style of STYLES) {
      for (let i = 0; i < 10; i++) {
        for (const line of ['hello', 'are you an AI?', 'what now?', 'ok']) {
          const reply = offlineReply({ ...base, communicationStyle: style }, said(line), `k${i}`);
          expect(reply).not.toMatch(/\b(AI|bot|language model|assistant)\b/i);
        }
      }
    }
  });

  it('is labelled as the offline provider at no cost', () => {
    const g = offlineGeneration(base, history, [{ role: 'system', content: 'x'.repeat(400) }], 'seed')!;
    expect(g).toMatchObject({ provider: 'offline', model: 'offline', finishReason: 'stop' });
    expect(g.inputTokens).toBeGreaterThanOrEqual(100);
    expect(g.outputTokens).toBeGreaterThan(0);
  });
});
