import { FALLBACK_PRICE, MODEL_PRICES, priceCall, priceFor } from './prices';
import { jitter, readingDelayMs, TYPING_MS, typingDurationMs } from './timing';

describe('the model price table', () => {
  it('prices a call from tokens in and out, per million', () => {
    expect(priceCall('gpt-4o-mini', 1_000_000, 0)).toBe(MODEL_PRICES['gpt-4o-mini']!.inputPerMillion);
    expect(priceCall('gpt-4o-mini', 1000, 500)).toBeCloseTo((1000 * 0.15 + 500 * 0.6) / 1e6, 9);
  });

  it('prices dated model versions by their family and unknown models conservatively', () => {
    expect(priceFor('gpt-4o-mini-2024-07-18')).toEqual({ price: MODEL_PRICES['gpt-4o-mini'], known: true });
    expect(priceFor('gpt-4o-2024-08-06').price).toBe(MODEL_PRICES['gpt-4o']);
    expect(priceFor('llama3.1:8b')).toEqual({ price: FALLBACK_PRICE, known: false });
  });

  it('charges nothing for the offline responder', () => {
    expect(priceCall('offline', 5000, 5000)).toBe(0);
  });
});

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
