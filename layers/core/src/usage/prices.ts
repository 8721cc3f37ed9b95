/**
 * The model price table: USD per million tokens, input and output. Edit the table when OpenAI changes its
 * prices; a versioned model name ("gpt-4o-mini-2024-07-18") is priced by its longest listed prefix.
 */

export interface ModelPrice {
  inputPerMillion: number;
  outputPerMillion: number;
}

export const MODEL_PRICES: Readonly<Record<string, ModelPrice>> = {
  'gpt-5': { inputPerMillion: 1.25, outputPerMillion: 10 },
  'gpt-5-mini': { inputPerMillion: 0.25, outputPerMillion: 2 },
  'gpt-5-nano': { inputPerMillion: 0.05, outputPerMillion: 0.4 },
  'gpt-4.1': { inputPerMillion: 2, outputPerMillion: 8 },
  'gpt-4.1-mini': { inputPerMillion: 0.4, outputPerMillion: 1.6 },
  'gpt-4.1-nano': { inputPerMillion: 0.1, outputPerMillion: 0.4 },
  'gpt-4o': { inputPerMillion: 2.5, outputPerMillion: 10 },
  'gpt-4o-mini': { inputPerMillion: 0.15, outputPerMillion: 0.6 },
  'o4-mini': { inputPerMillion: 1.1, outputPerMillion: 4.4 },
  'o3-mini': { inputPerMillion: 1.1, outputPerMillion: 4.4 },
  'gpt-4-turbo': { inputPerMillion: 10, outputPerMillion: 30 },
  'gpt-4': { inputPerMillion: 30, outputPerMillion: 60 },
  'gpt-3.5-turbo': { inputPerMillion: 0.5, outputPerMillion: 1.5 },
  offline: { inputPerMillion: 0, outputPerMillion: 0 },
};

/** Unknown models (e.g. behind an OpenAI-compatible server) are priced like gpt-4o so the budget still bites. */
export const FALLBACK_PRICE: ModelPrice = MODEL_PRICES['gpt-4o']!;

const BY_LENGTH = Object.keys(MODEL_PRICES).sort((a, b) => b.length - a.length);

export function priceFor(model: string): { price: ModelPrice; known: boolean } {
  const name = model.toLowerCase();
  const key = BY_LENGTH.find((k) => name === k || name.startsWith(`${k}-`));
  return key ? { price: MODEL_PRICES[key]!, known: true } : { price: FALLBACK_PRICE, known: false };
}

/** Cost of one call in USD, rounded to the micro-dollar the usage table stores. */
export function priceCall(model: string, inputTokens: number, outputTokens: number): number {
  const { price } = priceFor(model);
  const usd = (inputTokens * price.inputPerMillion + outputTokens * price.outputPerMillion) / 1_000_000;
  return Math.round(usd * 1_000_000) / 1_000_000;
}
