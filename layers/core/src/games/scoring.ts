/**
 * Scoring (docs/design.md, "Game rounds"), pure: a point per correct verdict, and a human player earns a point for each
 * participant who judged them human.
 */
import type { Kind } from './rules';

export interface Seat {
  personaId: string;
  name: string;
  kind: Kind;
}

export interface Verdict {
  voterPersonaId: string;
  judgedPersonaId: string;
  verdict: Kind;
}

export function accuracy(verdicts: number, correct: number) {
  return {
    verdicts,
    correct,
    accuracy: verdicts === 0 ? null : Math.round((correct / verdicts) * 10_000) / 10_000,
  };
}

export const rate = (hits: number, total: number): number | null =>
  total === 0 ? null : Math.round((hits / total) * 10_000) / 10_000;

/** One player's result of a revealed round. */
export function scoreRound(seats: Seat[], votes: Verdict[], myPersonaId: string) {
  const kindOf = new Map(seats.map((s) => [s.personaId, s.kind]));
  const about = (id: string, verdict: Kind) =>
    votes.filter((v) => v.judgedPersonaId === id && v.verdict === verdict).length;
  const myVotes = votes
    .filter((v) => v.voterPersonaId === myPersonaId)
    .map((v) => ({
      personaId: v.judgedPersonaId,
      verdict: v.verdict,
      correct: kindOf.get(v.judgedPersonaId) === v.verdict,
    }));
  const correct = myVotes.filter((v) => v.correct).length;
  const judgedAs = { human: about(myPersonaId, 'human'), ai: about(myPersonaId, 'ai') };
  return {
    participants: seats.map((s) => ({
      personaId: s.personaId,
      name: s.name,
      kind: s.kind,
      isMine: s.personaId === myPersonaId,
      judgedHuman: about(s.personaId, 'human'),
      judgedAi: about(s.personaId, 'ai'),
    })),
    myVotes,
    score: { correct, total: myVotes.length, points: correct + judgedAs.human },
    judgedAs,
  };
}

/** Rounds in a row (oldest first) in which every verdict was right: the current run and the best. */
export function streaks(rounds: boolean[]): { current: number; best: number } {
  let run = 0;
  let best = 0;
  for (const perfect of rounds) {
    run = perfect ? run + 1 : 0;
    best = Math.max(best, run);
  }
  return { current: run, best };
}
