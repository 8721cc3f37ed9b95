import {
  jitter,
  MAX_TYPING_MS,
  maxTokensFor,
  READING_MS,
  readingDelayMs,
  replyCharBudget,
  slowdown,
  TYPING_MS,
  trimReply,
  typingDurationMs,
} from './timing';

/** What `text` takes at exactly `wpm` (5 characters a word), in ms. */
const atWpm = (text: string, wpm: number) => (text.length / 5 / wpm) * 60_000;

describe('human-like timing', () => {
  it('takes longer to type a longer reply and a slower typist longer still', () => {
    const short = typingDurationMs('Sure thing.', 60, 'j');
    const long = typingDurationMs('x'.repeat(50), 60, 'j');
    expect(long).toBeGreaterThan(short);
    expect(typingDurationMs('x'.repeat(50), 30, 'j')).toBeGreaterThan(long);
  });

  it("never types faster than the persona's words per minute, however long the reply (no cap)", () => {
    for (const seed of ['a', 'b', 'c', 'd', 'e', 'f']) {
      for (const [length, wpm] of [
        [612, 45],
        [300, 40],
        [2_000, 80],
        [40, 120],
      ] as const) {
        const text = 'x'.repeat(length);
        expect(typingDurationMs(text, wpm, seed)).toBeGreaterThanOrEqual(Math.floor(atWpm(text, wpm)));
      }
    }
    // The reply from the issue: 612 characters at 45 wpm is at least 163 s, not 33 s.
    expect(typingDurationMs('x'.repeat(612), 45, 'j')).toBeGreaterThanOrEqual(163_000);
  });

  it('has a floor for tiny replies and scales (0 = instant)', () => {
    expect(typingDurationMs('ok', 300, 'j')).toBe(TYPING_MS.min);
    expect(typingDurationMs('x'.repeat(300), 60, 'j', 0)).toBe(0);
    expect(typingDurationMs('x'.repeat(300), 60, 'j', 0.5)).toBe(
      Math.round(typingDurationMs('x'.repeat(300), 60, 'j') / 2),
    );
  });

  it('jitters deterministically: reading ±25%, typing only slower', () => {
    expect(jitter('a')).toBe(jitter('a'));
    for (const seed of ['a', 'b', 'c', 'd']) {
      expect(jitter(seed)).toBeGreaterThanOrEqual(0.8);
      expect(jitter(seed)).toBeLessThan(1.25);
      expect(slowdown(seed)).toBeGreaterThanOrEqual(1);
      expect(slowdown(seed)).toBeLessThan(1.3);
    }
  });

  it('reads a long message longer before typing, within bounds', () => {
    expect(readingDelayMs('x'.repeat(100), 's')).toBeGreaterThan(readingDelayMs('hi', 's'));
    expect(readingDelayMs('hi', 's')).toBeGreaterThanOrEqual(READING_MS.min);
    expect(readingDelayMs('x'.repeat(10_000), 's')).toBe(READING_MS.max);
  });

  it('shortens a reply instead: budget, max tokens, and a cut at a sentence', () => {
    expect(atWpm('x'.repeat(replyCharBudget(40)), 40)).toBeLessThanOrEqual(MAX_TYPING_MS);
    expect(maxTokensFor(replyCharBudget(40), 300)).toBeLessThan(300);
    expect(maxTokensFor(100, 20)).toBe(20);
    const text = 'First thought here. Second one is longer than that! Third never fits in the budget at all.';
    expect(trimReply(text, 60)).toBe('First thought here. Second one is longer than that!');
    expect(trimReply(text, 200)).toBe(text);
    expect(trimReply('no sentence ends anywhere in this long line of words', 30)).toBe(
      'no sentence ends anywhere in',
    );
  });
});
