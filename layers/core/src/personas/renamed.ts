/** Renaming a persona inside its own texts (a round's seat copy goes by an alias: games/seats.ts). */

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `text` with `name`, and its first word on its own, written as `alias` instead (whole words only). */
export function renamed(text: string, name: string, alias: string): string {
  const first = name.trim().split(/\s+/)[0] ?? '';
  const words = [...new Set([name.trim(), first])].filter((w) => w.length > 1).map(escapeRegExp);
  if (words.length === 0) return text;
  const word = `(?:${words.join('|')})`;
  return text.replace(new RegExp(`(?<![\\p{L}\\p{N}])${word}(?![\\p{L}\\p{N}])`, 'gu'), alias);
}
