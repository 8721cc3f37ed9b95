// Starting a chat in one tap: you speak as your first human persona (made for you from your name when you
// have none), two personas from the directory join, and the title is written from their names. Everything
// can be changed later (title in the chat, personas in "Choose who").
import type { Api } from '../api/endpoints';
import type { Conversation, Me, Persona } from '../api/types';
import { LIMITS } from '../personas/personaFields';

export const QUICK_PARTNERS = 2;
const TITLE_MAX = 120;

/** "Chat with Ada and Dex", shortened to the API's title limit. */
export function automaticTitle(names: string[]): string {
  const list =
    names.length <= 1 ? (names[0] ?? 'someone') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  const title = `Chat with ${list}`;
  return title.length <= TITLE_MAX ? title : `${title.slice(0, TITLE_MAX - 1)}…`;
}

/** `count` personas that are not yours, in random order (so every directory persona gets company). */
export function pickPartners(
  candidates: Persona[],
  mine: ReadonlySet<string>,
  count = QUICK_PARTNERS,
  random: () => number = Math.random,
): Persona[] {
  const others = candidates.filter((persona) => !mine.has(persona.id));
  for (let index = others.length - 1; index > 0; index--) {
    const swap = Math.floor(random() * (index + 1));
    [others[index], others[swap]] = [others[swap]!, others[index]!];
  }
  return others.slice(0, count);
}

/**
 * Your persona to speak as: the first human one, or a private one named after you. Only the name is sent,
 * so the API writes it a starter profile like any new user's default persona.
 */
export async function ensureSpeaker(api: Api, me: Me, refresh: () => Promise<void>): Promise<Persona> {
  const existing = me.personas.find((persona) => persona.kind !== 'ai');
  if (existing) return existing;
  const name = (me.user.displayName.trim() || 'Me').slice(0, LIMITS.name.max);
  const persona = await api.createPersona({ name, kind: 'human', visibility: 'private' });
  await refresh();
  return persona;
}

export class NobodyToTalkTo extends Error {
  constructor() {
    super('There is nobody to talk to yet: no public personas besides yours.');
  }
}

export async function quickStart(
  api: Api,
  me: Me,
  refresh: () => Promise<void>,
  random: () => number = Math.random,
): Promise<Conversation> {
  const mine = new Set(me.personas.map((persona) => persona.id));
  const directory = await api.listPersonas({ limit: 50 });
  const partners = pickPartners(directory.items, mine, QUICK_PARTNERS, random);
  if (partners.length === 0) throw new NobodyToTalkTo();
  const speaker = await ensureSpeaker(api, me, refresh);
  return api.createConversation({
    title: automaticTitle(partners.map((persona) => persona.name)),
    participantPersonaIds: [speaker.id, ...partners.map((persona) => persona.id)],
  });
}
