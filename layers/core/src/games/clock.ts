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

let roll: () => number = Math.random;

export const dice = {
  random: (): number => roll(),
  set(fn: () => number): void {
    roll = fn;
  },
  reset(): void {
    roll = Math.random;
  },
};
