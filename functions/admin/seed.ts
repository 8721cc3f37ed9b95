/**
 * Idempotent demo seeding through the aggregates' stores: every row gets a random id and is found again by
 * its natural key, so a second run inserts nothing. Creation times are spread over weeks with random
 * jitter, as if the cast had signed up one by one (docs/decisions.md, "The demo cast").
 */
import { insertPastConversationOnce } from '@amianai/core/conversations';
import { composeProfile, findPersonaByName, insertPersonaOnce } from '@amianai/core/personas';
import { findUserBySub, insertUser } from '@amianai/shared/auth';
import { lockTransaction, type Transaction, withTransaction } from '@amianai/shared/db';
import { CONVERSATIONS, PERSONAS, USERS } from './seed-data';

export interface SeedResult {
  inserted: { users: number; personas: number; conversations: number; messages: number };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** `days` ago, moved by up to ±`spreadHours` and to a random second, so no two rows share a timestamp. */
function around(now: number, days: number, spreadHours: number): Date {
  return new Date(now - days * DAY + (Math.random() * 2 - 1) * spreadHours * HOUR);
}

async function insertAll(tx: Transaction): Promise<SeedResult['inserted']> {
  // Two seeds at once would both find nothing and both insert; the second waits for the first instead.
  await lockTransaction(tx, 'seed-demo-cast');
  const now = Date.now();
  const inserted = { users: 0, personas: 0, conversations: 0, messages: 0 };

  const userIds = new Map<string, string>();
  for (const u of USERS) {
    const created = await insertUser(tx, { sub: u.sub, email: u.email, displayName: u.name, role: 'user' });
    if (created) inserted.users += 1;
    userIds.set(u.sub, (created ?? (await findUserBySub(tx, u.sub)))!.id);
  }

  // A persona played by a demo user, keyed by name: its id and the user who speaks as it.
  const cast = new Map<string, { id: string; userId: string | null }>();
  for (const p of PERSONAS) {
    const ownerId = p.owner ? userIds.get(p.owner)! : null;
    const fields = {
      name: p.name,
      ...composeProfile(p.profile),
      avatarUrl: null,
      visibility: 'public' as const,
      ai: p.ai ?? null,
    };
    const created = await insertPersonaOnce(tx, ownerId, p.kind, fields, around(now, p.daysAgo, 10));
    if (created) inserted.personas += 1;
    const row = created ?? (await findPersonaByName(tx, ownerId, p.name));
    if (!row) throw new Error(`Seed persona ${p.name} could not be found`);
    cast.set(p.name, { id: row.id, userId: p.kind === 'human' ? ownerId : null });
  }

  for (const c of CONVERSATIONS) {
    const createdAt = around(now, c.daysAgo, 6);
    // Messages a minute or two apart, as a chat goes.
    let at = createdAt.getTime();
    const messages = c.messages.map((m) => {
      at += 40_000 + Math.random() * 80_000;
      return { personaId: cast.get(m.persona)!.id, content: m.content, at: new Date(at) };
    });
    const count = await insertPastConversationOnce(tx, {
      title: c.title,
      topic: c.topic,
      mode: c.mode,
      createdBy: userIds.get(c.createdBy)!,
      createdAt,
      participants: c.participants.map((name) => ({
        personaId: cast.get(name)!.id,
        userId: cast.get(name)!.userId,
      })),
      messages,
    });
    if (count === undefined) continue;
    inserted.conversations += 1;
    inserted.messages += count;
  }
  return inserted;
}

export async function seed(): Promise<SeedResult> {
  return { inserted: await withTransaction(insertAll) };
}
