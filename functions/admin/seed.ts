/** Idempotent demo seeding: inserts the cast with fixed ids; running it again changes nothing. */
import { type Transaction, withTransaction } from '@amianai/shared/db';
import { CONVERSATIONS, PERSONAS, USERS } from './seed-data';

export interface SeedResult {
  inserted: { users: number; personas: number; conversations: number; messages: number };
}

async function insertAll(tx: Transaction): Promise<SeedResult['inserted']> {
  const inserted = { users: 0, personas: 0, conversations: 0, messages: 0 };
  for (const u of USERS) {
    const r = await tx.query(
      `INSERT INTO users (id, cognito_sub, email, display_name) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [u.id, u.sub, u.email, u.name],
    );
    inserted.users += r.rowCount ?? 0;
  }
  for (const p of PERSONAS) {
    const r = await tx.query(
      `INSERT INTO personas (id, owner_id, name, kind, description, personality, knowledge, communication_style,
                             avatar_url, visibility, ai)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'public', $10) ON CONFLICT DO NOTHING`,
      [
        p.id,
        p.ownerId,
        p.name,
        p.kind,
        p.description,
        { traits: p.traits, summary: p.summary },
        p.knowledge,
        p.style,
        p.avatarUrl,
        p.ai ?? null,
      ],
    );
    inserted.personas += r.rowCount ?? 0;
  }
  const ownerOf = new Map(PERSONAS.map((p) => [p.id, p.kind === 'human' ? p.ownerId : null]));
  for (const c of CONVERSATIONS) {
    const r = await tx.query(
      `INSERT INTO conversations (id, title, topic, mode, created_by, last_seq, message_count, last_message_at,
                                  last_activity_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6, now(), now()) ON CONFLICT DO NOTHING`,
      [c.id, c.title, c.topic, c.mode, c.createdBy, c.messages.length],
    );
    if (!r.rowCount) continue;
    inserted.conversations += 1;
    for (const personaId of c.participants) {
      await tx.query(
        'INSERT INTO conversation_participants (conversation_id, persona_id, user_id) VALUES ($1, $2, $3)',
        [c.id, personaId, ownerOf.get(personaId) ?? null],
      );
    }
    for (const [i, m] of c.messages.entries()) {
      // Spread the demo history over the last few minutes so it reads like a real exchange.
      await tx.query(
        `INSERT INTO messages (conversation_id, seq, persona_id, content, created_at, visible_at)
         VALUES ($1, $2, $3, $4, now() - make_interval(secs => $5), now() - make_interval(secs => $5))`,
        [c.id, i + 1, m.persona, m.content, (c.messages.length - i) * 45],
      );
      inserted.messages += 1;
    }
  }
  return inserted;
}

export async function seed(): Promise<SeedResult> {
  return { inserted: await withTransaction(insertAll) };
}
