import { jitter, readingDelayMs, TYPING_MS, typingDurationMs } from './timing';

describe('human-like timing', () => {
  it('takes longer to type a longer reply and a slower typist longer still', () => {
    const short = typingDurationMs('Sure thing.', 60, 'j');
    const long = typingDurationMs('x'.repeat(50), 60, 'j');
    expect(long).toBeGreaterThan(short);
    expect(typingDurationMs('x'.repeat(50), 30, 'j')).toBeGreaterThan(long);
  });

  it('clamps typing time and scales it (0 = instant)', () => {
    expect(typingDurationMs('ok', 300, 'j')).toBe(TYPING_MS.min * 1);
    expect(typingDurationMs('x'.repeat(100_000), 10, 'j')).toBe(TYPING_MS.max);
    expect(typingDurationMs('x'.repeat(300), 60, 'j', 0)).toBe(0);
  });

  it('jitters deterministically within ±25%', () => {
    expect(jitter('a')).toBe(jitter('a'));
    for (const seed of ['a', 'b', 'c', 'd']) {
      expect(jitter(seed)).toBeGreaterThanOrEqual(0.8);
      expect(jitter(seed)).toBeLessThan(1.25);
    }
  });

  it('reads a long message longer before typing', () => {
    expect(readingDelayMs('x'.repeat(100), 's')).toBeGreaterThan(readingDelayMs('hi', 's'));
  });
});
