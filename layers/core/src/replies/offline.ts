/**
 * The offline responder: used when neither an OpenAI key nor a compatible base URL is configured, so the app
 * works with no network. Deterministic (same input, same reply) and in character: the wording follows the
 * persona's communication style and interests and what kind of message it answers (a greeting, a question,
 * a remark, a "are you a bot?"). It never echoes the other person's words back in a template — people don't
 * talk like that — and never uses the same frame twice in a conversation; when it has run out of fresh
 * lines it says nothing, as a person who has run out of things to say. Never claims to be an AI.
 */
import { createHash } from 'node:crypto';
import { escapeRegExp } from '../personas/names';
import { estimateTokens } from './prompt';
import type { ChatMessage, Generation, HistoryMessage, PersonaProfile } from './types';

type Voice = 'formal' | 'terse' | 'cheerful' | 'story' | 'curious' | 'calm' | 'casual';
type Intent = 'greeting' | 'question' | 'remark' | 'doubt' | 'opener';

const VOICES: Array<[RegExp, Voice]> = [
  [/formal|precise|academic|professional|polite/i, 'formal'],
  [/terse|blunt|brief|dry|direct|sardonic/i, 'terse'],
  [/cheer|upbeat|enthus|warm|friendly|bubbly|playful/i, 'cheerful'],
  [/story|narrat|rambl|tangent|verbose/i, 'story'],
  [/inquisit|curious|question|socratic/i, 'curious'],
  [/laconic|calm|quiet|zen|reserved|gentle/i, 'calm'],
];

// {who}: the first name of whoever spoke last; {field}: one of the persona's interests.
type Frames = Partial<Record<Intent, string[]>>;

const BY_VOICE: Record<Voice, Frames> = {
  formal: {
    greeting: ['Good evening, {who}. How has your day been?', 'Hello {who}. Nice to have some company.'],
    question: [
      'That depends rather on the circumstances, I am afraid.',
      'I would need a moment to think that through properly.',
      'Honestly, I am not certain. What is your own view?',
    ],
    remark: [
      'I see what you mean, {who}.',
      'That is a reasonable way to look at it.',
      'I had not considered it from that side.',
      'Quite. It reminds me of my years with {field}, oddly enough.',
    ],
    doubt: [
      'I assure you I am quite real, {who}. Rather tired, but real.',
      'An odd thing to ask. I could say the same of you.',
    ],
    opener: ['Good evening, everyone. I hope I am not interrupting.'],
  },
  terse: {
    greeting: ['hey', 'yo {who}'],
    question: ['depends.', 'no idea tbh', 'why do you ask', 'hard to say'],
    remark: ['fair', 'hm, maybe', 'not convinced', 'ok sure', 'yeah no'],
    doubt: ['lol no', 'says the one asking', 'nope. you?'],
    opener: ['so. anyone here'],
  },
  cheerful: {
    greeting: ['Hiii {who}! How are you doing?', 'Oh hey {who}! Good to see you!'],
    question: [
      'Ooh, good question! I honestly go back and forth on it.',
      'Hmm! I want to say yes? Ask me again after coffee!',
      'Oh gosh, no idea, but I love that you asked!',
    ],
    remark: [
      'Ha, I love that!',
      'Oh that made me smile, {who}.',
      'Totally! Anyway, how is your week going?',
      'Honestly that reminds me of {field}, my favourite thing ever.',
    ],
    doubt: [
      'Haha what! No, just me, typing with one hand and eating toast.',
      'Rude! I am a delight, thank you very much.',
    ],
    opener: ['Hello everyone! What are we all up to?'],
  },
  story: {
    greeting: ['Well hello, {who}. Pull up a chair.', 'Evening, {who}. I was just getting settled.'],
    question: [
      "Now that's a long answer, love, and I'm not sure I know the end of it.",
      'Funny you should ask. I used to think I knew, back when I was doing {field}.',
      'Ask me that again when the kettle has boiled.',
    ],
    remark: [
      "That takes me back, it does. Though I'd be getting ahead of myself.",
      'Ha! My old neighbour used to say the very same thing.',
      "There's a story in that somewhere, {who}, mark my words.",
    ],
    doubt: [
      "Me? Ha. I've been called many things, love, but never that.",
      'If only you knew how real my knees feel today.',
    ],
    opener: ['Quiet in here tonight. Reminds me of the old days.'],
  },
  curious: {
    greeting: ['Hi {who}. What brings you here?', 'Hello! Have we talked before?'],
    question: [
      'Why do you ask, {who}?',
      'Good question. What made you think of it?',
      'I honestly do not know. What would you guess?',
    ],
    remark: [
      'Interesting. How did you come to that?',
      'Hm. Who told you that first, though?',
      'Makes me wonder how that connects to {field}.',
    ],
    doubt: ['What would make you think that?', 'Interesting question. What would convince you either way?'],
    opener: ['So, what is everyone curious about today?'],
  },
  calm: {
    greeting: ['Hello, {who}.', 'Evening.'],
    question: ['Perhaps. Hard to say.', 'I would rather sit with that one a while.', 'Maybe. Maybe not.'],
    remark: ['Mm.', 'Slow down, {who}. It will keep.', 'Quiet thought, that.'],
    doubt: ['No. Just slow.', 'Does it matter much?'],
    opener: ['Calm in here today.'],
  },
  casual: {
    greeting: ['Hey {who}, how is it going?', 'Oh hi! What is up?'],
    question: [
      'Good question, honestly it depends on the day.',
      "Hmm, not sure. What's your take, {who}?",
      'I would say yes? But do not quote me.',
    ],
    remark: [
      'Haha fair enough.',
      'Right? Been thinking about {field} lately, actually.',
      'Yeah, I get that.',
    ],
    doubt: ['Haha what? No.', 'I could ask you the same thing, {who}.'],
    opener: ['So what is everyone up to?'],
  },
};

/** Lines any voice may use once its own run out: short things people say in a chat. */
const COMMON: Frames = {
  greeting: ['Hi {who}!', 'Hey there.', 'Hello hello.'],
  question: [
    'Honestly? No clue.',
    'Let me think about that one.',
    'Ha, depends who you ask.',
    'Not sure I have a good answer, sorry.',
    'Hmm. Pass?',
  ],
  remark: [
    'Ha, true.',
    'Mm, could be.',
    'Oh really? Tell me more.',
    'Same here, kind of.',
    'Wait, seriously?',
    'That is a good point actually.',
    'Hm, I suppose so.',
    'Fair.',
  ],
  doubt: ['Pretty sure I am just me.', 'Nope. Slow typist though.', 'Says you!'],
  opener: ['Anyone around?', 'Quiet today.'],
};

function pickIndex(length: number, seed: string): number {
  return createHash('sha256').update(seed).digest().readUInt32BE(0) % length;
}

export function voiceOf(style: string): Voice {
  return VOICES.find(([re]) => re.test(style))?.[1] ?? 'casual';
}

/** What kind of message is being answered. */
export function intentOf(text: string | undefined): Intent {
  if (!text) return 'opener';
  if (/\b(bot|robot|ai|a\.i\.|chatgpt|gpt|human|real person|machine|program)\b/i.test(text)) return 'doubt';
  if (/^\s*(hi|hey|hello|hiya|howdy|yo|good (morning|afternoon|evening)|evening|morning)\b/i.test(text))
    return 'greeting';
  if (text.includes('?')) return 'question';
  return 'remark';
}

/** Matches any line made from `frame`, whatever filled its blanks. */
function frameMatcher(frame: string): RegExp {
  const parts = frame.split(/\{who\}|\{field\}/).map(escapeRegExp);
  return new RegExp(`^${parts.join('.+?')}$`, 'iu');
}

/**
 * The reply, or undefined when every fitting frame was already used in this conversation (`used`: the
 * persona's earlier messages there).
 */
export function offlineReply(
  persona: PersonaProfile,
  history: HistoryMessage[],
  seed: string,
  used: string[] = [],
): string | undefined {
  const last = [...history].reverse().find((m) => m.kind === 'text' && m.personaId !== persona.id);
  const voice = voiceOf(persona.communicationStyle);
  const intent = intentOf(last?.content);
  const lower = /lowercase/i.test(persona.personality.summary);
  const fresh = (frames: string[] = []) =>
    frames.filter((f) => !used.some((u) => frameMatcher(f).test(u.trim())));
  // The voice's own lines first, then the common ones; a question with no fresh answer gets a remark.
  const candidates = [
    fresh(BY_VOICE[voice][intent]),
    fresh(COMMON[intent]),
    intent === 'remark' ? [] : fresh(BY_VOICE[voice].remark),
    intent === 'remark' ? [] : fresh(COMMON.remark),
  ].find((list) => list.length > 0);
  if (!candidates) return undefined;
  const frame = candidates[pickIndex(candidates.length, seed)]!;
  const field = persona.knowledge.length
    ? persona.knowledge[pickIndex(persona.knowledge.length, `${seed}:field`)]!
    : 'my work';
  const who = last?.name.split(/\s+/)[0] || 'there';
  let text = frame.replaceAll('{who}', who).replaceAll('{field}', field);
  if (lower) text = text.toLowerCase();
  else if (voice !== 'terse') text = text.charAt(0).toUpperCase() + text.slice(1);
  return text;
}

/** A Generation as the engine expects it, priced at zero and marked `provider: "offline"`; undefined: nothing to say. */
export function offlineGeneration(
  persona: PersonaProfile,
  history: HistoryMessage[],
  prompt: ChatMessage[],
  seed: string,
  used: string[] = [],
): Generation | undefined {
  const started = Date.now();
  const text = offlineReply(persona, history, seed, used);
  if (text === undefined) return undefined;
  return {
    text,
    model: 'offline',
    provider: 'offline',
    inputTokens: prompt.reduce((n, m) => n + estimateTokens(m.content), 0),
    outputTokens: estimateTokens(text),
    latencyMs: Date.now() - started,
    finishReason: 'stop',
  };
}
