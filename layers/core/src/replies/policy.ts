/**
 * Turn-taking: which AI personas reply to a message. Pure and deterministic (the talkativeness roll is a
 * hash of message and persona ids), so the same message always gets the same responders.
 */
import { createHash } from 'node:crypto';
import { asWord, escapeRegExp, firstName } from '../personas/names';

export interface PolicyParticipant {
  personaId: string;
  name: string;
  kind: 'human' | 'ai';
  /** 0–1; ignored for humans. */
  talkativeness: number;
}

export interface PolicyInput {
  messageId: string;
  /** null for system notices, which never trigger replies. */
  authorPersonaId: string | null;
  authorKind: 'human' | 'ai' | 'system';
  content: string;
  /** Active participants (not left, not deleted), the author included. */
  participants: PolicyParticipant[];
  /** Consecutive AI messages at the end of the conversation, the trigger included (0 after a human). */
  aiTurnsInRow: number;
  maxAiTurnsInRow: number;
}

/** A number in [0, 1) fixed by the pair: the persona "feels like answering" when it is below talkativeness. */
export function talkativenessRoll(messageId: string, personaId: string): number {
  const digest = createHash('sha256').update(`${messageId}:${personaId}`).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

/** First names that are also everyday words: addressed by first name only when written capitalised. */
const WORD_NAMES = new Set(
  'will may mark bill rose grace hope faith joy pat ray art jack frank june summer max sue dawn rich bob sky river ivy holly penny amber jade ruby pearl iris autumn misty sunny chase hunter page drew gene lily rob sandy dusty bud'.split(
    ' ',
  ),
);

export { firstName };

/**
 * Where `name` is addressed in `content`, or -1: `@Name`, `@First`, `@NameWithoutSpaces`, the full name as
 * words, or — when `byFirstName` (no other participant shares it) — the first name alone, as people address
 * each other ("thanks Sam"). A first name that is also a common word ("Will", "May") counts only capitalised.
 */
export function mentionIndex(content: string, name: string, byFirstName = false): number {
  const trimmed = name.trim();
  if (!trimmed) return -1;
  const forms = [`@?${escapeRegExp(trimmed).replace(/\s+/g, '\\s+')}`];
  const first = firstName(trimmed);
  if (first !== trimmed)
    forms.push(`@${escapeRegExp(first)}`, `@${escapeRegExp(trimmed.replace(/\s+/g, ''))}`);
  const found = [new RegExp(asWord(forms.join('|')), 'iu').exec(content)?.index];
  if (byFirstName && first !== trimmed && first.length >= 2) {
    const plain = WORD_NAMES.has(first.toLowerCase())
      ? new RegExp(asWord(escapeRegExp(first)), 'u')
      : new RegExp(asWord(escapeRegExp(first)), 'iu');
    found.push(plain.exec(content)?.index);
  }
  const at = found.filter((i): i is number => i !== undefined);
  return at.length ? Math.min(...at) : -1;
}

/** Participants other than the author addressed in the message, in the order they are addressed. */
export function addressedParticipants(
  input: Pick<PolicyInput, 'content' | 'participants' | 'authorPersonaId'>,
) {
  const firstNames = new Map<string, number>();
  for (const p of input.participants) {
    const key = firstName(p.name).toLowerCase();
    firstNames.set(key, (firstNames.get(key) ?? 0) + 1);
  }
  return input.participants
    .filter((p) => p.personaId !== input.authorPersonaId)
    .map((p) => ({
      p,
      at: mentionIndex(input.content, p.name, firstNames.get(firstName(p.name).toLowerCase()) === 1),
    }))
    .filter((x) => x.at >= 0)
    .sort((a, b) => a.at - b.at)
    .map((x) => x.p);
}

/**
 * Who replies, as persona ids:
 * 1. nobody to a system notice; an AI never answers itself;
 * 2. after an AI message, nobody once `maxAiTurnsInRow` AI messages are in a row (a human speaking resets it);
 * 3. if anyone is addressed by name, exactly the addressed AI personas (none when only humans are addressed);
 * 4. after a human message with a single AI participant, that AI;
 * 5. otherwise each AI rolls its talkativeness; a lone human among AIs is never left unanswered, so the AI
 *    whose roll came closest answers when nobody rolled in.
 */
export function pickResponders(input: PolicyInput): string[] {
  if (input.authorKind === 'system' || input.authorPersonaId === null) return [];
  const candidates = input.participants.filter(
    (p) => p.kind === 'ai' && p.personaId !== input.authorPersonaId,
  );
  if (candidates.length === 0) return [];
  if (input.authorKind === 'ai' && input.aiTurnsInRow >= input.maxAiTurnsInRow) return [];

  const addressed = addressedParticipants(input);
  if (addressed.length > 0) return addressed.filter((p) => p.kind === 'ai').map((p) => p.personaId);

  if (input.authorKind === 'human' && candidates.length === 1) return [candidates[0]!.personaId];

  const rolls = candidates.map((p) => ({ p, roll: talkativenessRoll(input.messageId, p.personaId) }));
  const eager = rolls.filter((r) => r.roll < r.p.talkativeness).sort((a, b) => a.roll - b.roll);
  if (eager.length > 0) return eager.map((r) => r.p.personaId);

  const otherHumans = input.participants.some(
    (p) => p.kind === 'human' && p.personaId !== input.authorPersonaId,
  );
  if (input.authorKind === 'human' && !otherHumans) {
    // Closest to rolling in: smallest roll relative to its talkativeness.
    const closest = rolls.sort((a, b) => a.roll - a.p.talkativeness - (b.roll - b.p.talkativeness))[0]!;
    return [closest.p.personaId];
  }
  return [];
}
