/**
 * Human-like timing (docs/decisions.md, "Game integrity: replies"). A persona reads what was said before it
 * starts typing, then types its reply at its own speed; nothing sleeps — the times become `visible_at` and the
 * reply is published when it comes. A reply never appears faster than the persona types: a reply too long to
 * type in a chat-sized while is shortened instead.
 */
import { createHash } from 'node:crypto';

const CHARS_PER_WORD = 5;
/** Noticing the message, then reading it at a few hundred words a minute. */
export const READING_MS = { min: 1_000, max: 8_000, base: 1_200, perChar: 30 };
/** Even "ok" takes a moment to type and send. */
export const TYPING_MS = { min: 1_500 };
/** About how long a person types one chat message at most; longer replies are trimmed to fit (not sped up). */
export const MAX_TYPING_MS = 90_000;

function unit(seed: string): number {
  return createHash('sha256').update(seed).digest().readUInt32BE(0) / 2 ** 32;
}

/** A deterministic factor in [0.8, 1.25) from `seed`, so timings vary but tests are stable. */
export function jitter(seed: string): number {
  return 0.8 + unit(seed) * 0.45;
}

/** A factor in [1, 1.3): typing varies, but never faster than the persona's words per minute. */
export function slowdown(seed: string): number {
  return 1 + unit(seed) * 0.3;
}

const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));

/** How long before the persona starts typing: noticing and reading the message it answers. */
export function readingDelayMs(triggerText: string, seed: string, scale = 1): number {
  const ms = (READING_MS.base + triggerText.length * READING_MS.perChar) * jitter(`read:${seed}`);
  return Math.round(clamp(ms, READING_MS.min, READING_MS.max) * scale);
}

/** How long typing `reply` takes at `wpm` words per minute: never less than the words take at that speed. */
export function typingDurationMs(reply: string, wpm: number, seed: string, scale = 1): number {
  const words = Math.max(1, reply.length / CHARS_PER_WORD);
  const ms = (words / Math.max(1, wpm)) * 60_000 * slowdown(`type:${seed}`);
  return Math.round(Math.max(TYPING_MS.min, ms) * scale);
}

/** The longest reply (characters) the persona types within MAX_TYPING_MS at its slowest jitter-free pace. */
export function replyCharBudget(wpm: number): number {
  return Math.floor((Math.max(1, wpm) * MAX_TYPING_MS * CHARS_PER_WORD) / 60_000);
}

/** A max-tokens setting that lets the model write about `chars` characters (≈4 per token), with room to end well. */
export function maxTokensFor(chars: number, personaMax: number): number {
  return Math.max(16, Math.min(personaMax, Math.ceil((chars / 4) * 1.5)));
}

/**
 * `text` cut to at most `maxChars`: at the last sentence end that keeps at least a third of it, else at the
 * last word boundary. No ellipsis: a person who writes less just stops.
 */
export function trimReply(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const head = text.slice(0, maxChars + 1);
  const sentenceEnds = [...head.matchAll(/[.!?…](?=\s|$)["')\]]*/gu)].map((m) => m.index! + m[0].length);
  const lastSentence = sentenceEnds.filter((i) => i <= maxChars).at(-1);
  if (lastSentence !== undefined && lastSentence >= maxChars / 3) return text.slice(0, lastSentence).trim();
  const lastSpace = head.lastIndexOf(' ', maxChars);
  const cut = lastSpace > maxChars / 3 ? lastSpace : maxChars;
  return text
    .slice(0, cut)
    .replace(/[\s,;:–—-]+$/u, '')
    .trim();
}
