/**
 * Human-like timing. A persona "reads" the message before it starts typing, then types its reply at its own
 * speed; nothing sleeps — the times become `visible_at` and the reply is published when it comes.
 */
import { createHash } from 'node:crypto';

const CHARS_PER_WORD = 5;
export const READING_MS = { min: 600, max: 4_000, perChar: 25 };
export const TYPING_MS = { min: 1_500, max: 30_000 };

/** A deterministic factor in [0.8, 1.25) from `seed`, so timings vary but tests are stable. */
export function jitter(seed: string): number {
  const n = createHash('sha256').update(seed).digest().readUInt32BE(0) / 2 ** 32;
  return 0.8 + n * 0.45;
}

const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));

/** How long before the typing indicator appears: reading the message that triggered the reply. */
export function readingDelayMs(triggerText: string, seed: string, scale = 1): number {
  const ms = (READING_MS.min + triggerText.length * READING_MS.perChar) * jitter(`read:${seed}`);
  return Math.round(clamp(ms, READING_MS.min, READING_MS.max) * scale);
}

/** How long typing `reply` takes at `wpm` words per minute, with jitter, clamped. */
export function typingDurationMs(reply: string, wpm: number, seed: string, scale = 1): number {
  const words = Math.max(1, reply.length / CHARS_PER_WORD);
  const ms = (words / Math.max(1, wpm)) * 60_000 * jitter(`type:${seed}`);
  return Math.round(clamp(ms, TYPING_MS.min, TYPING_MS.max) * scale);
}
