/** The games function: its handler as a given caller, and a game clock the test moves by hand. */
import { clock } from '@amianai/core/games';
import { callerFor } from './api';

/** Calls the games handler as `who`. */
export const callGames = callerFor({
  load: async () => (await import('../../functions/games/handler')).handler,
});

/** Sets the games clock to one the test moves by hand; starts at a tick boundary. */
export function manualClock(start = Date.UTC(2031, 0, 1)): { at: Date; advance(ms: number): void } {
  const state = {
    at: new Date(start),
    advance(ms: number) {
      state.at = new Date(state.at.getTime() + ms);
    },
  };
  clock.set(() => state.at);
  return state;
}
