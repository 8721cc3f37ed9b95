/**
 * The avatar every persona has unless its owner gave one: a small SVG face drawn from the persona's id,
 * returned as a data: URI. Computed where a persona is shown, never stored and never fetched from anywhere,
 * and it takes nothing but the id — so an AI and a human persona made with the defaults look alike
 * (docs/decisions.md, "Avatars are drawn from the id").
 */
import { createHash } from 'node:crypto';

const BACKGROUNDS = ['#f4d6cc', '#d9e8f5', '#dcefd9', '#f3e6c4', '#e6dcf3', '#f6d8e6', '#d4eeee', '#ece3d6'];
const SKIN = ['#f6d3b3', '#eac09a', '#d7a27a', '#b97d56', '#8d5a3b', '#5f3b27'];
const HAIR = ['#2b2119', '#4a3022', '#7a4b2a', '#b5823c', '#d9b26a', '#8c8c8c', '#a33d22', '#1f2633'];
const SHIRT = ['#3d6f9e', '#9e3d4f', '#3d9e74', '#c58a2e', '#6b4f9e', '#4f5b66', '#2e8a9e', '#b35c2e'];

// Hair drawn behind the head (long) or over it (the rest); the head is a circle at (32, 30), radius 13.
const HAIR_STYLES: Array<{ behind?: string; over?: string }> = [
  {},
  { over: "<path d='M19 29c0-10 6-15 13-15s13 5 13 15c-3-5-8-7-13-7s-10 2-13 7z' fill='H'/>" },
  { behind: "<path d='M17 44V28c0-9 7-15 15-15s15 6 15 15v16h-5V28H22v16z' fill='H'/>" },
  {
    over: "<circle cx='32' cy='13' r='5' fill='H'/><path d='M19 28c0-9 6-13 13-13s13 4 13 13c-4-4-8-5-13-5s-9 1-13 5z' fill='H'/>",
  },
  {
    over: "<path d='M18 30c-2-10 4-17 14-17s16 7 14 17c-1-3-3-6-5-7-3 2-6 2-9 0-3 2-6 2-9 0-2 1-4 4-5 7z' fill='H'/>",
  },
  { over: "<path d='M19 27c1-8 7-12 13-12s12 4 13 12l-4-3-4 2-5-3-5 3-4-2z' fill='H'/>" },
];
const EYES = [
  "<circle cx='27' cy='30' r='1.6' fill='#222'/><circle cx='37' cy='30' r='1.6' fill='#222'/>",
  "<path d='M25 30h4M35 30h4' stroke='#222' stroke-width='1.6' stroke-linecap='round'/>",
  "<path d='M25 31q2-2 4 0M35 31q2-2 4 0' stroke='#222' stroke-width='1.4' fill='none' stroke-linecap='round'/>",
];
const MOUTHS = [
  "<path d='M28 36q4 3 8 0' stroke='#5a2e22' stroke-width='1.6' fill='none' stroke-linecap='round'/>",
  "<path d='M29 37h6' stroke='#5a2e22' stroke-width='1.6' stroke-linecap='round'/>",
  "<path d='M28 35.5q4 5 8 0z' fill='#5a2e22'/>",
];
const EXTRAS = [
  '',
  '',
  "<path d='M22 30h8M34 30h8M30 30h4' stroke='#333' stroke-width='1' fill='none'/><rect x='22' y='27' width='8' height='6' rx='2' fill='none' stroke='#333'/><rect x='34' y='27' width='8' height='6' rx='2' fill='none' stroke='#333'/>",
  "<path d='M24 37q8 9 16 0v4q-8 7-16 0z' fill='H'/>",
];

const pick = <T>(list: readonly T[], byte: number): T => list[byte % list.length]!;

/** The SVG markup for `seed` (a persona id): same seed, same face. */
export function avatarSvg(seed: string): string {
  const b = createHash('sha256').update(seed).digest();
  const hair = pick(HAIR, b[3]!);
  const paint = (markup = '') => markup.replaceAll("'H'", `'${hair}'`);
  const skin = pick(SKIN, b[2]!);
  const style = pick(HAIR_STYLES, b[4]!);
  return [
    "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 64 64'>",
    `<rect width='64' height='64' fill='${pick(BACKGROUNDS, b[0]!)}'/>`,
    `<path d='M12 64c0-12 9-19 20-19s20 7 20 19z' fill='${pick(SHIRT, b[1]!)}'/>`,
    `<rect x='28' y='40' width='8' height='7' fill='${skin}'/>`,
    paint(style.behind),
    `<circle cx='32' cy='30' r='13' fill='${skin}'/>`,
    paint(style.over),
    pick(EYES, b[5]!),
    pick(MOUTHS, b[6]!),
    paint(pick(EXTRAS, b[7]!)),
    '</svg>',
  ].join('');
}

// Only what a URI cannot carry literally is escaped, which keeps the URI about a third smaller than base64.
const escapeForUri = (svg: string) => svg.replace(/[%#<>"\s]/g, (c) => encodeURIComponent(c));

/** The default avatar of the persona with this id, as a data: URI an <img> can show without a request. */
export function defaultAvatar(personaId: string): string {
  return `data:image/svg+xml,${escapeForUri(avatarSvg(personaId))}`;
}

/** What a persona shows as its avatar: the owner's image when they gave one, else its default. */
export function avatarOf(personaId: string, avatarUrl: string | null): string {
  return avatarUrl ?? defaultAvatar(personaId);
}
