import { FALLBACK_PRICE, MODEL_PRICES, priceCall, priceFor } from './prices';

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
