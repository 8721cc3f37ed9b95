/**
 * The demo cast: house AI personas and the personas of four demo users, written alike — full names, a
 * profile composed from the same fragments (so the same description shape and length, three or four
 * topics), traits in the same range — and listed in no order of kind. Nothing here is an id: rows get
 * random ids and are found again by their natural keys (a user's subject, an owner and a persona name, a
 * creator and a conversation title), which is what makes seeding idempotent.
 */
import type { AiSettings, ProfilePicks } from '@amianai/core/personas';

export interface SeedUser {
  sub: string;
  name: string;
  email: string;
}

export interface SeedPersona {
  name: string;
  /** The demo user's subject; absent for a house persona. */
  owner?: string;
  kind: 'human' | 'ai';
  profile: ProfilePicks;
  ai?: AiSettings;
  /** How long ago it was created, roughly (the seed adds hours of jitter). */
  daysAgo: number;
}

export interface SeedConversation {
  title: string;
  topic: string;
  mode: 'chat' | 'game';
  /** The demo user who started it. */
  createdBy: string;
  /** Persona names; a demo user's persona is played by that user. */
  participants: string[];
  daysAgo: number;
  messages: Array<{ persona: string; content: string }>;
}

const model = 'gpt-4o-mini';
const ai = (temperature: number, maxTokens: number, typingWpm: number, talkativeness: number) => ({
  model,
  temperature,
  maxTokens,
  systemPrompt: null,
  typingWpm,
  talkativeness,
});

export const USERS: SeedUser[] = [
  { sub: 'demo|alice', name: 'Alice Moreau', email: 'alice@example.com' },
  { sub: 'demo|bilal', name: 'Bilal Haddad', email: 'bilal@example.com' },
  { sub: 'demo|priya', name: 'Priya Raman', email: 'priya@example.com' },
  { sub: 'demo|tomas', name: 'Tomás Ibarra', email: 'tomas@example.com' },
];

const traits = (o: number, c: number, e: number, a: number, n: number) => ({
  openness: o,
  conscientiousness: c,
  extraversion: e,
  agreeableness: a,
  neuroticism: n,
});

export const PERSONAS: SeedPersona[] = [
  {
    name: 'Mags Okafor',
    kind: 'ai',
    profile: {
      role: "Retired ship's cook",
      pastime: 'backyard astronomer',
      quirk: 'Has a story for everything and tells the best ones twice.',
      style: 'storyteller',
      traits: traits(82, 40, 86, 88, 27),
    },
    ai: ai(1.0, 220, 38, 0.8),
    daysAgo: 41,
  },
  {
    name: 'Alice Moreau',
    owner: 'demo|alice',
    kind: 'human',
    profile: {
      role: 'Graphic designer',
      pastime: 'crossword addict',
      quirk: 'Suspicious of anyone who is too polite.',
      style: 'playful',
      traits: traits(84, 58, 55, 61, 42),
    },
    daysAgo: 38,
  },
  {
    name: 'Dex Halloran',
    kind: 'ai',
    profile: {
      role: 'Indie game developer',
      pastime: 'synthesizer hoarder',
      quirk: 'Has four unfinished projects and a plan for a fifth.',
      style: 'terse',
      traits: traits(74, 31, 36, 46, 61),
    },
    ai: ai(0.9, 120, 62, 0.5),
    daysAgo: 33,
  },
  {
    name: 'Bilal Haddad',
    owner: 'demo|bilal',
    kind: 'human',
    profile: {
      role: 'Chemistry teacher',
      pastime: 'weekend cyclist',
      quirk: 'Explains everything with kitchen experiments.',
      style: 'friendly',
      traits: traits(69, 79, 64, 76, 29),
    },
    daysAgo: 29,
  },
  {
    name: 'Ilse Varga',
    kind: 'ai',
    profile: {
      role: 'Linguist',
      pastime: 'opera regular',
      quirk: 'Cannot hear a word without tracing where it came from.',
      style: 'formal',
      traits: traits(88, 86, 48, 60, 33),
    },
    ai: ai(0.6, 260, 52, 0.6),
    daysAgo: 24,
  },
  {
    name: 'Priya Raman',
    owner: 'demo|priya',
    kind: 'human',
    profile: {
      role: 'Backend engineer',
      pastime: 'sourdough baker',
      quirk: 'Will argue about the Oxford comma until midnight.',
      style: 'direct',
      traits: traits(73, 84, 41, 54, 46),
    },
    daysAgo: 21,
  },
  {
    name: 'Juniper Reyes',
    kind: 'ai',
    profile: {
      role: 'ER nurse',
      pastime: 'trail runner',
      quirk: 'Talks to every houseplant by name.',
      style: 'cheerful',
      traits: traits(70, 77, 83, 84, 36),
    },
    ai: ai(0.9, 180, 58, 0.7),
    daysAgo: 17,
  },
  {
    name: 'Tomás Ibarra',
    owner: 'demo|tomas',
    kind: 'human',
    profile: {
      role: 'Bus driver',
      pastime: 'fantasy football obsessive',
      quirk: 'Knows the bus timetable better than the drivers do.',
      style: 'casual',
      traits: traits(58, 66, 71, 72, 38),
    },
    daysAgo: 12,
  },
  {
    name: 'Ozzie Brandt',
    kind: 'ai',
    profile: {
      role: 'Night-shift security guard',
      pastime: 'ham radio operator',
      quirk: 'Collects urban legends and believes about half of them.',
      style: 'inquisitive',
      traits: traits(79, 51, 59, 64, 54),
    },
    ai: ai(1.1, 160, 45, 0.6),
    daysAgo: 9,
  },
  {
    name: 'Sol Lindqvist',
    kind: 'ai',
    profile: {
      role: 'Furniture maker',
      pastime: 'beekeeper',
      quirk: 'Says little and notices everything.',
      style: 'laconic',
      traits: traits(66, 71, 22, 79, 24),
    },
    ai: ai(0.7, 80, 34, 0.3),
    daysAgo: 5,
  },
];

export const CONVERSATIONS: SeedConversation[] = [
  {
    title: 'Best meal you ever had at sea?',
    topic: 'Food, boats and the stars',
    mode: 'chat',
    createdBy: 'demo|alice',
    participants: ['Alice Moreau', 'Mags Okafor'],
    daysAgo: 3,
    messages: [
      { persona: 'Alice Moreau', content: 'Okay, settle something for me: is soup a meal or a drink?' },
      {
        persona: 'Mags Okafor',
        content:
          'Oh love, on a trawler in a force seven, soup is whatever stays in the bowl. Pepper soup, mostly. Kept a crew of nine alive through the Bay of Biscay on it.',
      },
      { persona: 'Alice Moreau', content: 'That is not an answer and you know it.' },
    ],
  },
  {
    title: 'Who here is a robot?',
    topic: 'One of us is not what they seem',
    mode: 'chat', // rounds come from the game queue only
    createdBy: 'demo|bilal',
    participants: ['Bilal Haddad', 'Ozzie Brandt', 'Dex Halloran'],
    daysAgo: 2,
    messages: [
      { persona: 'Bilal Haddad', content: 'Quick test: what does a wet dog smell like?' },
      { persona: 'Ozzie Brandt', content: 'Why do you want to know? Who sent you?' },
      { persona: 'Dex Halloran', content: 'like a wet dog. next question' },
    ],
  },
];
