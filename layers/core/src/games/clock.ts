/**
 * The game's clock and dice: every phase, tick and deadline is computed from `clock.now()`, never from the
 * database's clock, so tests move time by setting it instead of sleeping; every draw of matchmaking comes
 * from `dice.random()`, so a test (or the browser-test server) can fix the draws.
 */
let source: () => Date = () => new Date();

export const clock = {
  now: (): Date => source(),
  /** Tests: freeze or script time. */
  set(fn: () => Date): void {
    source = fn;
  },
  reset(): void {
    source = () => new Date();
  },
};

import { config } from '@amianai/shared/config';

/**
 * GAME_FIXED_DRAW (local and test stages only) fixes every draw through configuration, for a server whose
 * handlers run in another module instance than the test's (the built artifacts): the browser test uses it so
 * two players who queue in the same tick always share a round.
 */
const configured = (): number => config().gameFixedDraw ?? Math.random();

/** A draw in [0, 1), as `Math.random` gives. */
export type Random = () => number;

let roll: Random = configured;

export const dice = {
  random: (): number => roll(),
  set(fn: Random): void {
    roll = fn;
  },
  reset(): void {
    roll = configured;
  },
};
