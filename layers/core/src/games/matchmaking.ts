/**
 * Matchmaking on shared ticks (docs/design.md, "Game rounds"). A ticket's due tick is drawn at random when it is
 * queued; at a tick the due tickets are grouped among themselves and the remaining seats go to AI personas.
 * Each due human still plays only AIs with some probability, so neither the wait nor "someone was online"
 * says anything about a partner's kind. The pass runs inside queue requests (join and poll, anyone's), under
 * FOR UPDATE SKIP LOCKED: concurrent passes take disjoint tickets and never wait for each other.
 */
import { db, withTransaction } from '@amianai/shared/db';
import { clock, dice, type Random } from './clock';
import { pushTickets } from './push';
import { type Format, GAME, tickOf } from './rules';
import { planSeats } from './seats';
import {
  type AiCandidate,
  aiCandidates,
  anyDue,
  type DueTicketRow,
  insertRound,
  lastAiPartners,
  lockDueTickets,
  type TicketRow,
} from './store';
import { pickTopic } from './topics';

export interface PlannedRound {
  format: Format;
  tickets: DueTicketRow[];
  aiSeats: number;
}

function shuffle<T>(items: T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Groups one tick's due tickets into rounds. Pure: the randomness comes in as `random`. */
export function planTick(due: DueTicketRow[], random: Random): PlannedRound[] {
  const rounds: PlannedRound[] = [];
  for (const format of ['duel', 'group'] as const) {
    const seats = GAME.seats[format];
    const humans: DueTicketRow[] = [];
    for (const t of shuffle(
      due.filter((d) => d.format === format),
      random,
    )) {
      if (random() < GAME.aiPartnerProbability) rounds.push({ format, tickets: [t], aiSeats: seats - 1 });
      else humans.push(t);
    }
    for (let i = 0; i < humans.length; i += seats) {
      const tickets = humans.slice(i, i + seats);
      rounds.push({ format, tickets, aiSeats: seats - tickets.length });
    }
  }
  return rounds;
}

/**
 * Distinct AI personas for a round's empty seats: never a player's own persona, never the AI a player met in
 * their previous round. Undefined when the pool cannot fill the seats (the tickets wait for the next tick).
 */
export function pickAiSeats(
  round: PlannedRound,
  candidates: AiCandidate[],
  lastPartners: Map<string, Set<string>>,
  random: Random,
): string[] | undefined {
  if (round.aiSeats === 0) return [];
  const users = new Set(round.tickets.map((t) => t.user_id));
  const excluded = new Set(round.tickets.flatMap((t) => [...(lastPartners.get(t.user_id) ?? [])]));
  const open = candidates.filter((c) => !(c.owner_id && users.has(c.owner_id)) && !excluded.has(c.id));
  if (open.length < round.aiSeats) return undefined;
  return shuffle(open, random)
    .slice(0, round.aiSeats)
    .map((c) => c.id);
}

export interface MatchOptions {
  now?: Date;
  random?: Random;
}

/**
 * One matching pass for every tick that has come: returns the number of rounds formed. A cheap indexed
 * check first, so a poll with nothing due costs one query.
 */
export async function matchDueTickets(opts: MatchOptions = {}): Promise<number> {
  const now = opts.now ?? clock.now();
  const random = opts.random ?? dice.random;
  const tick = tickOf(now);
  if (!(await anyDue(db, tick))) return 0;
  const matched: TicketRow[] = [];
  const rounds = await withTransaction(async (tx) => {
    matched.length = 0; // a retried transaction starts over
    const due = await lockDueTickets(tx, tick, GAME.batch);
    if (due.length === 0) return 0;
    const plans = planTick(due, random);
    const candidates = await aiCandidates(tx);
    const last = await lastAiPartners(
      tx,
      due.map((d) => d.user_id),
    );
    let formed = 0;
    for (const plan of plans) {
      const ais = pickAiSeats(plan, candidates, last, random);
      if (!ais) continue;
      const live = GAME.liveMs[plan.format];
      const round = await insertRound(tx, {
        format: plan.format,
        topic: pickTopic(random),
        tickets: plan.tickets,
        seats: planSeats([...plan.tickets.map((t) => t.persona_id), ...ais], random),
        startsAt: now,
        endsAt: new Date(now.getTime() + live),
        votingClosesAt: new Date(now.getTime() + live + GAME.votingMs),
        maxAiTurnsInRow: GAME.maxAiTurnsInRow,
      });
      matched.push(...round.tickets);
      formed++;
    }
    return formed;
  });
  // After the commit, to every matched player: the one whose partner's request did the matching learns
  // at once instead of at their next poll.
  await pushTickets(matched);
  return rounds;
}
