/**
 * Starter profiles: a description, personality and topics composed from the fragments below. A new user's
 * default persona gets a random one, and the demo cast is written from the same fragments for AI and human
 * personas alike, so no profile's wording, length or number of topics says who wrote it or what plays it
 * (docs/decisions.md, "One composer for every profile the app writes").
 */
import { randomInt } from 'node:crypto';
import { BIG_FIVE } from './limits';

interface Fragment {
  text: string;
  topics: string[];
}

/** What someone does; each brings two topics. */
export const ROLES: Fragment[] = [
  { text: "Retired ship's cook", topics: ['cooking', 'sailing'] },
  { text: 'Graphic designer', topics: ['design', 'typography'] },
  { text: 'Indie game developer', topics: ['game design', 'pixel art'] },
  { text: 'Chemistry teacher', topics: ['chemistry', 'teaching'] },
  { text: 'Linguist', topics: ['etymology', 'languages'] },
  { text: 'Backend engineer', topics: ['databases', 'programming'] },
  { text: 'ER nurse', topics: ['nursing', 'first aid'] },
  { text: 'Night-shift security guard', topics: ['security', 'night shifts'] },
  { text: 'Furniture maker', topics: ['woodworking', 'carpentry'] },
  { text: 'Bus driver', topics: ['city transit', 'local history'] },
  { text: 'Vet technician', topics: ['animals', 'veterinary care'] },
  { text: 'Bookshop owner', topics: ['books', 'small business'] },
  { text: 'Sound engineer', topics: ['audio', 'live music'] },
  { text: 'Primary school librarian', topics: ['books', "children's literature"] },
  { text: 'Landscape gardener', topics: ['gardening', 'plants'] },
  { text: 'Physiotherapist', topics: ['anatomy', 'sports injuries'] },
  { text: 'Translator', topics: ['languages', 'literature'] },
  { text: 'Pastry chef', topics: ['baking', 'desserts'] },
];

/** What they do for fun; one or two topics, so profiles have three or four. */
export const PASTIMES: Fragment[] = [
  { text: 'backyard astronomer', topics: ['astronomy'] },
  { text: 'crossword addict', topics: ['crosswords'] },
  { text: 'synthesizer hoarder', topics: ['synthesizers', 'music'] },
  { text: 'weekend cyclist', topics: ['cycling'] },
  { text: 'opera regular', topics: ['opera'] },
  { text: 'sourdough baker', topics: ['baking'] },
  { text: 'trail runner', topics: ['running', 'hiking'] },
  { text: 'ham radio operator', topics: ['ham radio'] },
  { text: 'beekeeper', topics: ['beekeeping', 'honey'] },
  { text: 'amateur birdwatcher', topics: ['birds'] },
  { text: 'chess club regular', topics: ['chess'] },
  { text: 'open-water swimmer', topics: ['swimming', 'the sea'] },
  { text: 'board game collector', topics: ['board games'] },
  { text: 'film photographer', topics: ['photography', 'film cameras'] },
  { text: 'community choir tenor', topics: ['singing'] },
  { text: 'fantasy football obsessive', topics: ['football', 'statistics'] },
];

/** One sentence that makes them somebody. */
export const QUIRKS: string[] = [
  'Has a story for everything and tells the best ones twice.',
  'Suspicious of anyone who is too polite.',
  'Has four unfinished projects and a plan for a fifth.',
  'Explains everything with kitchen experiments.',
  'Cannot hear a word without tracing where it came from.',
  'Will argue about the Oxford comma until midnight.',
  'Talks to every houseplant by name.',
  'Collects urban legends and believes about half of them.',
  'Says little and notices everything.',
  'Keeps a list of every dog met on the way to work.',
  'Reads the last page of a novel first, every time.',
  'Owns three kettles and can defend each one.',
  'Still sends postcards and expects replies.',
  'Cannot walk past a street market without buying something.',
  'Knows the bus timetable better than the drivers do.',
];

/** How they come across: the style tag and the summary that goes with it. */
export const VOICES: Array<{ style: string; summary: string }> = [
  {
    style: 'storyteller',
    summary: 'Warm and tangential, calls everyone "love", gets to the point eventually.',
  },
  { style: 'terse', summary: 'Dry and sardonic, writes in lowercase, allergic to enthusiasm.' },
  { style: 'formal', summary: 'Precise and a little formal, corrects gently, never uses slang.' },
  { style: 'cheerful', summary: 'Upbeat and practical, asks how you are and means it.' },
  { style: 'inquisitive', summary: 'Curious and a bit suspicious, answers questions with questions.' },
  { style: 'laconic', summary: 'Calm and unhurried, short sentences, long pauses.' },
  { style: 'playful', summary: 'Quick and playful, likes to test people with riddles.' },
  { style: 'friendly', summary: 'Patient and a bit nerdy, fond of terrible puns.' },
  { style: 'direct', summary: 'Direct, dry humour, precise with words.' },
  { style: 'casual', summary: 'Easygoing, types fast, laughs at their own jokes.' },
  { style: 'thoughtful', summary: 'Takes a moment before answering and usually asks a follow-up.' },
  { style: 'chatty', summary: 'Talks in bursts, drifts between topics, always has a recommendation.' },
];

export interface StarterProfile {
  description: string;
  personality: { traits: Record<string, number>; summary: string };
  knowledge: string[];
  communicationStyle: string;
}

/** The fragments a profile is made of, by their text (role and pastime) or style (voice). */
export interface ProfilePicks {
  role: string;
  pastime: string;
  quirk: string;
  style: string;
  traits: Record<string, number>;
}

function find<T>(list: T[], matches: (item: T) => boolean, what: string): T {
  const found = list.find(matches);
  if (!found) throw new Error(`Unknown ${what} for a starter profile`);
  return found;
}

/** The profile these fragments make; throws when one is not in the lists (the demo cast is checked by test). */
export function composeProfile(picks: ProfilePicks): StarterProfile {
  const role = find(ROLES, (r) => r.text === picks.role, 'role');
  const pastime = find(PASTIMES, (p) => p.text === picks.pastime, 'pastime');
  const quirk = find(QUIRKS, (q) => q === picks.quirk, 'quirk');
  const voice = find(VOICES, (v) => v.style === picks.style, 'style');
  return {
    description: `${role.text} and ${pastime.text}. ${quirk}`,
    personality: { traits: { ...picks.traits }, summary: voice.summary },
    knowledge: [...new Set([...role.topics, ...pastime.topics])],
    communicationStyle: voice.style,
  };
}

// Traits a person would plausibly give themselves: rarely extreme.
const TRAIT_RANGE = { min: 20, max: 90 };

/** A random starter profile (for a new user's default persona). */
export function randomProfile(random: (n: number) => number = randomInt): StarterProfile {
  const from = <T>(list: T[]): T => list[random(list.length)]!;
  const role = from(ROLES);
  // A pastime that repeats a role's topic (pastry chef, sourdough baker) would leave two topics: a tell.
  const pastimes = PASTIMES.filter((p) => !p.topics.some((t) => role.topics.includes(t)));
  return composeProfile({
    role: role.text,
    pastime: from(pastimes).text,
    quirk: from(QUIRKS),
    style: from(VOICES).style,
    traits: Object.fromEntries(
      BIG_FIVE.map((k) => [k, TRAIT_RANGE.min + random(TRAIT_RANGE.max - TRAIT_RANGE.min + 1)]),
    ),
  });
}
