/**
 * The demo cast gives nothing away: ids, timestamps, names, profiles, avatars and list order look the same
 * for the AI and the human personas, and seeding again (by natural key) inserts nothing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { query } from '@amianai/shared/db';
import { invoke, newCaller, useTestDatabase } from '../../tests/support/fixtures';
import { handler as personas } from '../personas/handler';
import { handler } from './handler';
import { CONVERSATIONS, PERSONAS, USERS } from './seed-data';

useTestDatabase();

const admin = newCaller('Ada', true);
const player = newCaller('Suspicious Sam');
const seedOnce = () =>
  invoke(handler, { method: 'POST', resource: '/api/admin/seed-database', caller: admin });

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON response bodies
type Json = any;
interface Seeded {
  id: string;
  kind: 'ai' | 'human';
  view: Json;
}
let cast: Seeded[];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

beforeAll(async () => {
  expect((await seedOnce()).status).toBe(200);
  // As a player sees the cast: the public list, newest first.
  const list = await invoke(personas, {
    method: 'GET',
    resource: '/api/personas',
    caller: player,
    query: { limit: '100' },
  });
  const { rows } = await query<{ id: string; kind: 'ai' | 'human' }>('SELECT id, kind FROM personas');
  const kinds = new Map(rows.map((r) => [r.id, r.kind]));
  cast = list.body.items
    .filter((view: Json) => PERSONAS.some((p) => p.name === view.name))
    .map((view: Json) => ({ id: view.id, kind: kinds.get(view.id)!, view }));
  expect(cast).toHaveLength(PERSONAS.length);
});

describe('the demo cast', () => {
  it('has random ids: version 4, no pattern, nothing in common between AI and human ids', async () => {
    const { rows } = await query<{ id: string }>(
      `SELECT id FROM users WHERE cognito_sub LIKE 'demo|%'
       UNION ALL SELECT id FROM personas UNION ALL SELECT id FROM conversations UNION ALL SELECT id FROM messages`,
    );
    const ids = rows.map((r) => r.id);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ids.join(' ')).not.toMatch(/5eed0000-|0000-0000|000000000/);
    // No shared prefix that would group one kind.
    const prefixes = (kind: string) =>
      new Set(cast.filter((c) => c.kind === kind).map((c) => c.id.slice(0, 4)));
    expect(prefixes('ai').size).toBe(cast.filter((c) => c.kind === 'ai').length);
  });

  it('was created over weeks, at distinct moments, not in two blocks of one kind', () => {
    const times = cast.map((c) => Date.parse(c.view.createdAt));
    expect(new Set(times).size).toBe(times.length);
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(14 * 24 * 3600_000);
    expect(Math.max(...times)).toBeLessThan(Date.now());
    // Listed newest first, kinds interleave: more than a couple of switches between AI and human.
    const switches = cast.slice(1).filter((c, i) => c.kind !== cast[i]!.kind).length;
    expect(switches).toBeGreaterThanOrEqual(4);
  });

  it('looks alike for both kinds: full names, three or four topics, descriptions of the same length', () => {
    const of = (kind: string) => cast.filter((c) => c.kind === kind).map((c) => c.view);
    for (const kind of ['ai', 'human']) {
      const views = of(kind);
      expect(views.length).toBeGreaterThanOrEqual(3);
      for (const v of views) {
        expect(v.name).toMatch(/^\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+$/u);
        expect(v.knowledge.length).toBeGreaterThanOrEqual(3);
        expect(v.knowledge.length).toBeLessThanOrEqual(4);
        expect(Object.keys(v.personality.traits)).toHaveLength(5);
        expect(v.personality.summary.length).toBeGreaterThan(20);
      }
    }
    const lengths = (kind: string) => of(kind).map((v: Json) => v.description.length);
    const ratio = median(lengths('ai')) / median(lengths('human'));
    expect(ratio).toBeGreaterThan(0.75);
    expect(ratio).toBeLessThan(1.33);
    const topics = (kind: string) => new Set(of(kind).map((v: Json) => v.knowledge.length));
    expect(topics('ai')).toEqual(topics('human'));
    const updated = cast.filter((c) => c.view.updatedAt !== c.view.createdAt);
    expect(updated).toEqual([]);
  });

  it('has a local avatar for everyone, drawn alike for both kinds', () => {
    for (const c of cast) expect(c.view.avatarUrl).toMatch(/^data:image\/svg\+xml,/);
  });

  it('has its history spread out, and a conversation made before its messages', async () => {
    const { rows } = await query<{ created_at: Date; first: Date; last: Date; n: number }>(
      `SELECT c.created_at, min(m.created_at) AS first, max(m.created_at) AS last, count(*) AS n
         FROM conversations c JOIN messages m ON m.conversation_id = c.id GROUP BY c.id`,
    );
    expect(rows).toHaveLength(CONVERSATIONS.length);
    for (const r of rows) {
      expect(r.first.getTime()).toBeGreaterThan(r.created_at.getTime());
      expect(r.last.getTime() - r.first.getTime()).toBeGreaterThan(30_000 * (r.n - 1));
    }
  });

  it('is seeded again without inserting or changing anything', async () => {
    const before = await query('SELECT id, created_at FROM personas ORDER BY id');
    const again = await seedOnce();
    expect(again.status).toBe(200);
    expect(again.body.inserted).toEqual({ users: 0, personas: 0, conversations: 0, messages: 0 });
    const after = await query('SELECT id, created_at FROM personas ORDER BY id');
    expect(after.rows).toEqual(before.rows);
    const { rows } = await query<{ n: number }>(
      "SELECT count(*) AS n FROM users WHERE cognito_sub LIKE 'demo|%'",
    );
    expect(rows[0]!.n).toBe(USERS.length);
  });

  it('seeds through the stores: no SQL in the seed or the handler', () => {
    const offenders = ['seed.ts', 'seed-data.ts', 'handler.ts'].filter((file) =>
      /\b(INSERT INTO|DELETE FROM|UPDATE\s+\w+\s+SET|SELECT\b[\s\S]*?\bFROM)\b/i.test(
        readFileSync(path.join(__dirname, file), 'utf8'),
      ),
    );
    expect(offenders).toEqual([]);
  });
});
