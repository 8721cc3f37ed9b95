/** The games function: its handler as a given caller, a game clock the test moves by hand, a round's seats. */
import { clock } from '@amianai/core/games';
import { callerFor } from './api';
import { callConversations } from './conversations';
import type { Player } from './players';

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

/** A round's seat as its participants list shows it to one player. */
export interface Seat {
  personaId: string;
  name: string;
  avatarUrl: string;
  isMine: boolean;
}

/** The seats of round `conversationId` as `who` sees them (theirs is the one with `isMine`). */
export async function seatsIn(who: Player, conversationId: string): Promise<Seat[]> {
  return (await callConversations(who, 'GET', '/api/conversations/{id}', { id: conversationId })).body
    .participants;
}
