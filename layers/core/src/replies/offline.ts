/**
 * The offline responder: used when neither an OpenAI key nor a compatible base URL is configured, so the app
 * works with no network. Deterministic (same input, same reply) and in character: the wording follows the
 * persona's communication style, its knowledge and what was just said. Never claims to be an AI.
 */
import { createHash } from 'node:crypto';
import { estimateTokens } from './prompt';
import type { ChatMessage, Generation, HistoryMessage, PersonaProfile } from './types';

type Voice = 'formal' | 'terse' | 'cheerful' | 'story' | 'curious' | 'calm' | 'casual';

const VOICES: Array<[RegExp, Voice]> = [
  [/formal|precise|academic|professional|polite/i, 'formal'],
  [/terse|blunt|brief|dry|direct|sardonic/i, 'terse'],
  [/cheer|upbeat|enthus|warm|friendly|bubbly|playful/i, 'cheerful'],
  [/story|narrat|rambl|tangent|verbose/i, 'story'],
  [/inquisit|curious|question|socratic/i, 'curious'],
  [/laconic|calm|quiet|zen|reserved|gentle/i, 'calm'],
];

// {who}: the last speaker, {topic}: a word they used, {field}: one of the persona's interests.
const LINES: Record<Voice, { reply: string[]; question: string[] }> = {
  formal: {
    reply: [
      'Indeed, {who}. On the matter of {topic}, I would add that it rewards careful attention.',
      'A fair point about {topic}. It reminds me, if I may, of something from {field}.',
      'I take your meaning, {who}, though I would phrase {topic} rather more precisely.',
    ],
    question: [
      'An excellent question, {who}. Regarding {topic}, the honest answer is: it depends on the details.',
      'Allow me to answer with care: {topic} is less simple than it first appears.',
    ],
  },
  terse: {
    reply: [
      '{topic}. sure.',
      'eh, {topic} is overrated',
      'fair. {field} is more my thing though',
      'noted, {who}',
    ],
    question: [
      'depends. on {topic}, mostly.',
      'short answer: no. long answer: also no',
      'why {topic}, {who}?',
    ],
  },
  cheerful: {
    reply: [
      'Oh I love that, {who}! {topic} always makes my day!',
      'Ha, yes! That reminds me of {field}, honestly such a joy!',
      'Totally with you on {topic}! How are you doing otherwise?',
    ],
    question: [
      'Ooh, good question! I think {topic} is worth a try, honestly!',
      'Hmm! For {topic}, I would say go for it!',
    ],
  },
  story: {
    reply: [
      "That's a lovely thought, {who}. Funny, {topic} takes me back to my days with {field}, but I'm getting ahead of myself.",
      'Ah, {topic}! Now there is a story there, love, and it starts with {field} of all things.',
    ],
    question: [
      'Well, {who}, the answer about {topic} is a long one, and it wanders through {field} before it gets there.',
      "Oh, {topic}? Let me tell you, love, it's never the short answer with me.",
    ],
  },
  curious: {
    reply: [
      'Interesting. But what if {topic} is not what it seems, {who}?',
      'Hm, {topic}. Who told you that first, though?',
      'Makes me wonder how {topic} connects to {field}. Anyone else think so?',
    ],
    question: [
      'Why do you ask about {topic}, {who}?',
      'Good question. What do you think about {topic} yourself?',
    ],
  },
  calm: {
    reply: [
      '{topic}. Like wood grain. It takes time.',
      'Mm. Slow down, {who}. {topic} will keep.',
      'Quiet thought: {field}.',
    ],
    question: ['Perhaps. {topic} answers itself, given time.', 'Hard to say. Ask the bees.'],
  },
  casual: {
    reply: [
      'Yeah, {topic} is a good one, {who}.',
      'Haha fair enough. Been thinking about {field} lately, actually.',
      'Right? {topic} gets me every time.',
    ],
    question: [
      'Good question! Honestly, {topic} depends on the day.',
      "Hmm, not sure about {topic}. What's your take, {who}?",
    ],
  },
};

const STOP = new Set(
  'about above after again against because been before being below between could does doing down during each from further have having here just more most other ought over same should some such than that their them then there these they this those through under until very what when where which while with would your yours really think thing things'.split(
    ' ',
  ),
);

function pick<T>(items: T[], seed: string): T {
  const n = createHash('sha256').update(seed).digest().readUInt32BE(0);
  return items[n % items.length]!;
}

export function voiceOf(style: string): Voice {
  return VOICES.find(([re]) => re.test(style))?.[1] ?? 'casual';
}

/** The most telling word of `text`: its longest non-trivial word. */
export function topicOf(text: string): string | undefined {
  const words = text.toLowerCase().match(/[\p{L}][\p{L}'-]{3,}/gu) ?? [];
  return words.filter((w) => !STOP.has(w)).sort((a, b) => b.length - a.length || a.localeCompare(b))[0];
}

export function offlineReply(persona: PersonaProfile, history: HistoryMessage[], seed: string): string {
  const last = [...history].reverse().find((m) => m.kind === 'text' && m.personaId !== persona.id);
  const voice = voiceOf(persona.communicationStyle);
  const field = persona.knowledge.length ? pick(persona.knowledge, `${seed}:field`) : 'what I do';
  const topic = (last && topicOf(last.content)) ?? field;
  const asked = last?.content.includes('?') ?? false;
  const template = pick(asked ? LINES[voice].question : LINES[voice].reply, seed);
  let text = template
    .replaceAll('{who}', last?.name.split(/\s+/)[0] ?? 'all')
    .replaceAll('{topic}', topic)
    .replaceAll('{field}', field);
  if (/lowercase/i.test(persona.personality.summary)) text = text.toLowerCase();
  else if (voice !== 'terse') text = text.charAt(0).toUpperCase() + text.slice(1);
  return text;
}

/** A Generation as the engine expects it, priced at zero and marked `provider: "offline"`. */
export function offlineGeneration(
  persona: PersonaProfile,
  history: HistoryMessage[],
  prompt: ChatMessage[],
  seed: string,
): Generation {
  const started = Date.now();
  const text = offlineReply(persona, history, seed);
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
