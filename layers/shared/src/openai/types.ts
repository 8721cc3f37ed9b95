/** What the model client sends and returns, independent of the OpenAI SDK's own types. */

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** What one model call (or the offline responder) produced. */
export interface Generation {
  text: string;
  model: string;
  provider: 'openai' | 'compatible' | 'offline';
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
  finishReason: string | null;
}
