/**
 * Seats: everyone in a round plays under a seat made for that round alone, a copy of their persona with a
 * fresh id, an alias and the avatar drawn from that id (docs/decisions.md, "Seats, not personas, in a
 * round"). So nothing a player sees in a round (an id, a name, a picture, a profile) can be looked up in the
 * persona directory, where house and pool AIs are public and people's own personas are private.
 */
import { randomUUID } from 'node:crypto';
import type { Random } from './clock';

/**
 * First names anyone might have, none of them an everyday word (the reply policy hears "Will" or "May" as
 * words unless capitalised) and none longer than a name people shorten.
 */
export const ALIASES: readonly string[] = (
  'Alex Ari Avery Billie Blair Cameron Casey Charlie Corey Dana Devon Drew Dylan Eden Elliot Ellis Emerson ' +
  'Finley Frankie Harper Hayden Jamie Jesse Jo Jordan Jules Kai Kendall Kris Leslie Logan Marlow Micah ' +
  'Morgan Nico Noa Parker Peyton Quinn Reese Remy Riley Rory Rowan Sam Sasha Shay Sidney Tatum Taylor Toni ' +
  'Tyler Val'
).split(' ');

export interface SeatPlan {
  /** The seat's own persona id: a random v4 UUID, like every persona's. */
  id: string;
  /** The persona it plays for. */
  personaId: string;
  alias: string;
}

/** A seat for each persona, with distinct aliases drawn at random. */
export function planSeats(personaIds: readonly string[], random: Random): SeatPlan[] {
  const pool = [...ALIASES];
  return personaIds.map((personaId) => {
    const alias = pool.splice(Math.floor(random() * pool.length), 1)[0]!;
    return { id: randomUUID(), personaId, alias };
  });
}
