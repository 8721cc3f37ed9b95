/** A rough token count (≈4 characters a token) for prompts and for usage when the API reports none. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
