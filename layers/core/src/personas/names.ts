/**
 * A persona's name inside text, as whole words: the reply policy finds who is addressed, and a round's seat
 * copy (games/seats.ts) has its own name rewritten to its alias.
 */

/** `text` with every regular-expression character escaped, to match it literally. */
export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A person's first name: the first word of their name. */
export const firstName = (name: string): string => name.trim().split(/\s+/)[0] ?? '';

/** A letter, digit or underscore: what a name may not touch on either side to count as a word. */
const WORD = '[\\p{L}\\p{N}_]';

/** `pattern` standing as a word of its own (use with the `u` flag). */
export const asWord = (pattern: string): string => `(?<!${WORD})(?:${pattern})(?!${WORD})`;

/** `text` with `name`, and its first word on its own, written as `alias` instead (whole words only). */
export function renamed(text: string, name: string, alias: string): string {
  const words = [...new Set([name.trim(), firstName(name)])].filter((w) => w.length > 1).map(escapeRegExp);
  if (words.length === 0) return text;
  return text.replace(new RegExp(asWord(words.join('|')), 'gu'), alias);
}
