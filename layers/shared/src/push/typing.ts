/**
 * Who is typing, per viewer, by the HTTP list's rule: people with a live heartbeat other than the viewer
 * themselves, plus the AI personas the reply engine shows as typing, one entry per persona in a stable
 * order. Both lists come from the domain (its stores own those tables); entries carry only
 * `{ personaId, name }` to anyone.
 */
import type { TypingEntry, Viewer } from './events';

export interface TypingSnapshot {
  /** Heartbeats, with the user typing: nobody is shown their own persona. */
  people: Array<TypingEntry & { userId: string | null }>;
  ais: TypingEntry[];
}

/** Where a conversation's typing list is read from. */
export interface TypingSources {
  people(conversationId: string): Promise<TypingSnapshot['people']>;
  ais(conversationId: string): Promise<TypingEntry[]>;
}

export async function readTyping(conversationId: string, sources: TypingSources): Promise<TypingSnapshot> {
  const [people, ais] = await Promise.all([sources.people(conversationId), sources.ais(conversationId)]);
  return { people, ais };
}

export function typingFor(snapshot: TypingSnapshot, viewer: Viewer): TypingEntry[] {
  const all = new Map<string, TypingEntry>();
  for (const p of snapshot.people) {
    if (p.userId !== viewer.userId) all.set(p.personaId, { personaId: p.personaId, name: p.name });
  }
  for (const a of snapshot.ais) all.set(a.personaId, { personaId: a.personaId, name: a.name });
  const key = (t: TypingEntry) => `${t.name}\u0000${t.personaId}`;
  return [...all.values()].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
