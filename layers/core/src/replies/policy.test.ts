import {
  mentionIndex,
  type PolicyInput,
  type PolicyParticipant,
  pickResponders,
  talkativenessRoll,
} from './policy';

const human = (personaId: string, name: string): PolicyParticipant => ({
  personaId,
  name,
  kind: 'human',
  talkativeness: 0,
});
const ai = (personaId: string, name: string, talkativeness = 0.5): PolicyParticipant => ({
  personaId,
  name,
  kind: 'ai',
  talkativeness,
});

const alice = human('h-alice', 'Alice');
const bob = human('h-bob', 'Bob');
const mags = ai('a-mags', 'Mags Okafor', 0.8);
const dex = ai('a-dex', 'Dex', 0.5);
const sol = ai('a-sol', 'Sol', 0.3);

function input(over: Partial<PolicyInput>): PolicyInput {
  return {
    messageId: 'm-1',
    authorPersonaId: alice.personaId,
    authorKind: 'human',
    content: 'hello everyone',
    participants: [alice, mags, dex, sol],
    aiTurnsInRow: 0,
    maxAiTurnsInRow: 3,
    ...over,
  };
}

describe('pickResponders', () => {
  it.each([
    ['@Dex what do you think?', [dex.personaId]],
    ['dex, your turn', [dex.personaId]],
    ['Mags Okafor and Sol, thoughts?', [mags.personaId, sol.personaId]],
    ['@Mags you first', [mags.personaId]],
    ['@MagsOkafor you first', [mags.personaId]],
    ['Sol and @Dex', [sol.personaId, dex.personaId]],
  ])('answers "%s" with exactly the addressed AIs, in mention order', (content, expected) => {
    expect(pickResponders(input({ content }))).toEqual(expected);
  });

  it.each([
    ['thanks Mags, that helps', [mags.personaId]],
    ['mags what about you', [mags.personaId]],
    ['Mags and Sol?', [mags.personaId, sol.personaId]],
  ])('addresses "%s" by first name, as people address each other', (content, expected) => {
    expect(pickResponders(input({ content }))).toEqual(expected);
  });

  it('uses a first name only when no other participant shares it', () => {
    const magsToo = ai('a-mags2', 'Mags Lee', 0);
    const participants = [alice, mags, magsToo];
    // Two "Mags": the first name alone addresses nobody, so the usual rules apply (a roll / the closest).
    expect(pickResponders(input({ content: 'thanks Mags', participants }))).not.toEqual([
      mags.personaId,
      magsToo.personaId,
    ]);
    expect(pickResponders(input({ content: 'thanks @MagsLee', participants }))).toEqual([magsToo.personaId]);
  });

  it('treats a first name that is an everyday word as a name only when capitalised', () => {
    const will = ai('a-will', 'Will Baker', 0);
    const participants = [alice, bob, will, sol];
    expect(pickResponders(input({ content: 'I will go later', participants }))).toEqual([]);
    expect(pickResponders(input({ content: 'Will, you coming?', participants }))).toEqual([will.personaId]);
  });

  it('lets no AI answer when only a person is addressed by first name', () => {
    const bobby = human('h-bobby', 'Bobby Tables');
    expect(
      pickResponders(input({ content: 'bobby you there?', participants: [alice, bobby, mags] })),
    ).toEqual([]);
  });

  it('does not match a name inside another word', () => {
    expect(mentionIndex('the solar panels', 'Sol')).toBe(-1);
    expect(mentionIndex('Dexterity matters', 'Dex')).toBe(-1);
    expect(mentionIndex('ask sol.', 'Sol')).toBe(4);
  });

  it('lets no AI answer when only a human is addressed', () => {
    expect(
      pickResponders(input({ participants: [alice, bob, mags, dex], content: 'Bob, are you there?' })),
    ).toEqual([]);
  });

  it('has the only AI participant answer every human message', () => {
    for (const id of ['m-1', 'm-2', 'm-3', 'm-4']) {
      expect(pickResponders(input({ messageId: id, participants: [alice, sol] }))).toEqual([sol.personaId]);
    }
  });

  it('rolls talkativeness deterministically per message when several AIs are present', () => {
    const first = pickResponders(input({ participants: [alice, bob, mags, dex, sol] }));
    const again = pickResponders(input({ participants: [alice, bob, mags, dex, sol] }));
    expect(again).toEqual(first);
    const eager = [mags, dex, sol].filter((p) => talkativenessRoll('m-1', p.personaId) < p.talkativeness);
    expect(new Set(first)).toEqual(new Set(eager.map((p) => p.personaId)));
  });

  it('makes talkative AIs answer more often than quiet ones', () => {
    const chatty = ai('a-chatty', 'Chatty', 0.9);
    const quiet = ai('a-quiet', 'Quiet', 0.1);
    const counts = { chatty: 0, quiet: 0 };
    for (let i = 0; i < 400; i++) {
      const picked = pickResponders(
        input({ messageId: `m-${i}`, participants: [alice, bob, chatty, quiet] }),
      );
      if (picked.includes(chatty.personaId)) counts.chatty++;
      if (picked.includes(quiet.personaId)) counts.quiet++;
    }
    expect(counts.chatty).toBeGreaterThan(300);
    expect(counts.quiet).toBeLessThan(100);
  });

  it('never leaves a lone human unanswered among AIs', () => {
    const shy = [ai('a-1', 'One', 0), ai('a-2', 'Two', 0)];
    for (let i = 0; i < 50; i++) {
      expect(pickResponders(input({ messageId: `m-${i}`, participants: [alice, ...shy] }))).toHaveLength(1);
    }
  });

  it('may leave a message unanswered when other humans are present', () => {
    const shy = [ai('a-1', 'One', 0), ai('a-2', 'Two', 0)];
    expect(pickResponders(input({ participants: [alice, bob, ...shy] }))).toEqual([]);
  });

  it('never lets an AI answer itself', () => {
    const picked = pickResponders(
      input({
        authorPersonaId: mags.personaId,
        authorKind: 'ai',
        content: 'Mags Okafor here, hi Dex',
        aiTurnsInRow: 1,
      }),
    );
    expect(picked).toEqual([dex.personaId]);
    expect(
      pickResponders(
        input({
          authorPersonaId: sol.personaId,
          authorKind: 'ai',
          participants: [alice, sol],
          aiTurnsInRow: 1,
        }),
      ),
    ).toEqual([]);
  });

  it('does not guarantee an answer to an AI from the only other AI', () => {
    const quiet = ai('a-quiet', 'Quiet', 0);
    const picked = pickResponders(
      input({
        authorPersonaId: dex.personaId,
        authorKind: 'ai',
        participants: [alice, dex, quiet],
        aiTurnsInRow: 1,
      }),
    );
    expect(picked).toEqual([]);
  });

  it('stops AI-to-AI replies at maxAiTurnsInRow until a human speaks', () => {
    const fromAi = (aiTurnsInRow: number) =>
      pickResponders(
        input({ authorPersonaId: mags.personaId, authorKind: 'ai', content: '@Dex?', aiTurnsInRow }),
      );
    expect(fromAi(1)).toEqual([dex.personaId]);
    expect(fromAi(2)).toEqual([dex.personaId]);
    expect(fromAi(3)).toEqual([]);
    expect(fromAi(7)).toEqual([]);
    expect(pickResponders(input({ content: '@Dex?', aiTurnsInRow: 0 }))).toEqual([dex.personaId]);
  });

  it('honours a conversation that allows no AI-to-AI replies at all', () => {
    expect(
      pickResponders(
        input({
          authorPersonaId: mags.personaId,
          authorKind: 'ai',
          content: '@Dex',
          aiTurnsInRow: 1,
          maxAiTurnsInRow: 0,
        }),
      ),
    ).toEqual([]);
  });

  it('ignores system notices', () => {
    expect(
      pickResponders(input({ authorPersonaId: null, authorKind: 'system', content: 'Dex stepped away' })),
    ).toEqual([]);
  });

  it('answers nothing in a conversation without AI participants', () => {
    expect(pickResponders(input({ participants: [alice, bob] }))).toEqual([]);
  });
});

describe('talkativenessRoll', () => {
  it('is a stable number in [0, 1) that differs between personas', () => {
    const a = talkativenessRoll('m-1', 'p-1');
    expect(a).toBe(talkativenessRoll('m-1', 'p-1'));
    expect(a).toBeGreaterThanOrEqual(0);
    expect(a).toBeLessThan(1);
    expect(a).not.toBe(talkativenessRoll('m-1', 'p-2'));
  });
});
