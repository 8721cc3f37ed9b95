import { pickAiSeats, planTick } from './matchmaking';
import { GAME } from './rules';
import type { DueTicketRow } from './store';

/** A deterministic generator (mulberry32), so every case is reproducible. */
function seeded(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ticket = (n: number, format: 'duel' | 'group' = 'duel'): DueTicketRow => ({
  id: `t${n}`,
  user_id: `u${n}`,
  persona_id: `p${n}`,
  format,
});

describe('planTick', () => {
  it('puts every due ticket in exactly one round and never over-fills one', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const due = Array.from({ length: 37 }, (_, i) => ticket(i, i % 3 === 0 ? 'group' : 'duel'));
      const rounds = planTick(due, seeded(seed));
      const ids = rounds.flatMap((r) => r.tickets.map((t) => t.id));
      expect(new Set(ids).size).toBe(due.length);
      expect(ids.length).toBe(due.length);
      for (const r of rounds) {
        expect(r.tickets.length + r.aiSeats).toBe(GAME.seats[r.format]);
        expect(r.tickets.every((t) => t.format === r.format)).toBe(true);
      }
    }
  });

  it('gives a due human only AI partners about a third of the time', () => {
    let solo = 0;
    const trials = 3000;
    const random = seeded(7);
    for (let i = 0; i < trials; i++) {
      const rounds = planTick([ticket(1), ticket(2)], random);
      solo += rounds.filter((r) => r.tickets.length === 1).length;
    }
    // Of 2 tickets: each goes solo with p = 1/3, and a lone remainder gets an AI too.
    const expected = trials * (2 / 3 + 2 * (1 / 3) * (2 / 3));
    expect(Math.abs(solo - expected) / expected).toBeLessThan(0.08);
  });

  it('pairs a lone due ticket with an AI', () => {
    const [round] = planTick([ticket(1)], () => 0.99);
    expect(round).toEqual({ format: 'duel', tickets: [ticket(1)], aiSeats: 1 });
  });
});

describe('pickAiSeats', () => {
  const candidates = [
    { id: 'a', owner_id: null },
    { id: 'b', owner_id: 'u1' },
    { id: 'c', owner_id: null },
  ];

  it('never seats a player’s own persona, nor the AI they just met', () => {
    const round = { format: 'duel' as const, tickets: [ticket(1)], aiSeats: 1 };
    for (let seed = 1; seed < 30; seed++) {
      const seats = pickAiSeats(round, candidates, new Map([['u1', new Set(['a'])]]), seeded(seed));
      expect(seats).toEqual(['c']);
    }
  });

  it('leaves the tickets waiting when the pool cannot fill the seats', () => {
    const round = { format: 'group' as const, tickets: [ticket(1)], aiSeats: 3 };
    expect(pickAiSeats(round, candidates, new Map(), seeded(1))).toBeUndefined();
  });

  it('fills a group with distinct personas', () => {
    const many = Array.from({ length: 10 }, (_, i) => ({ id: `ai${i}`, owner_id: null }));
    const round = { format: 'group' as const, tickets: [ticket(1)], aiSeats: 3 };
    const seats = pickAiSeats(round, many, new Map(), seeded(3))!;
    expect(new Set(seats).size).toBe(3);
  });
});
