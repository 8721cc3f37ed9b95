/**
 * Who is typing, per viewer, by the HTTP list's rule: people with a live heartbeat other than the viewer
 * themselves, plus the AI personas the reply engine shows as typing (passed in: that rule is the engine's),
 * one entry per persona in a stable order. Entries carry no more than `{ personaId, name }` for anyone.
 */
import { db, type Queryable } from '../db/pool';
import type { TypingEntry, Viewer } from './events';

export type AiTyping = (q: Queryable, conversationId: string) => Promise<TypingEntry[]>;

export interface TypingSnapshot {
  /** Heartbeats: the user typing is never shown their own persona. */
  people: Array<TypingEntry & { userId: string | null }>;
  ais: TypingEntry[];
}

/** A read of the conversation's typing rows; the conversations aggregate writes them. */
export async function readTyping(conversationId: string, aiTyping: AiTyping): Promise<TypingSnapshot> {
  const { rows } = await db.query<{ persona_id: string; name: string; user_id: string | null }>(
    `SELECT ty.persona_id, pe.name, ty.user_id
       FROM typing ty JOIN personas pe ON pe.id = ty.persona_id
      WHERE ty.conversation_id = $1 AND ty.expires_at > now()`,
    [conversationId],
  );
  return {
    people: rows.map((r) => ({ personaId: r.persona_id, name: r.name, userId: r.user_id })),
    ais: await aiTyping(db, conversationId),
  };
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
