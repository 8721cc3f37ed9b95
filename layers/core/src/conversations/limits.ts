/**
 * Conversation and message bounds. No imports: the store reads them too, and a store must not load the HTTP
 * schemas (and TypeBox) into functions that serve no HTTP route, such as the sweeper.
 */
export const LIMITS = {
  title: 120,
  topic: 500,
  participants: { min: 2, max: 8 },
  maxAiTurnsInRow: { min: 0, max: 10, default: 3 },
  content: 4000,
  clientMessageId: 100,
  messagesPage: { default: 50, max: 100 },
  /** How long one typing heartbeat keeps a persona shown as typing. */
  typingSeconds: 6,
} as const;
