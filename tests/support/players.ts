/** Players: signed-in users, each with the human persona every new user starts with. */
import { createDefaultPersona } from '@amianai/core/personas';
import { authenticate, ensureUser, onFirstSignIn } from '@amianai/shared/auth';
import { query } from '@amianai/shared/db';
import { apiEvent, newCaller, type TestCaller } from './events';

export interface Player {
  caller: TestCaller;
  userId: string;
  /** Their default human persona, created with the user. */
  personaId: string;
}

/** A user who has signed in once (user row and default persona exist); `admin` puts them in the admin group. */
export async function player(name = 'Tester', admin = false): Promise<Player> {
  const caller = newCaller(name, admin);
  // As every function with user routes does: a new user starts with their own human persona.
  onFirstSignIn(createDefaultPersona);
  const user = await ensureUser({
    sub: caller.sub,
    name: caller.name,
    groups: admin ? ['admin'] : [],
    isAdmin: admin,
  });
  const { rows } = await query<{ id: string }>(
    "SELECT id FROM personas WHERE owner_id = $1 AND kind = 'human' ORDER BY created_at LIMIT 1",
    [user.id],
  );
  return { caller, userId: user.id, personaId: rows[0]!.id };
}

/** Who a request is sent as: a player, a bare caller (signed in by that request), or nobody. */
export type Who = Player | TestCaller | undefined;

export const callerOf = (who: Who): TestCaller | undefined => (who && 'caller' in who ? who.caller : who);

/**
 * Jest hook: a player signed in before this file's tests (and before any `beforeAll` declared after it);
 * their fields can be read once it has run.
 */
export function usePlayer(name?: string, admin = false): Player {
  let made: Player | undefined;
  beforeAll(async () => {
    made = await player(name, admin);
  });
  const must = (): Player => {
    if (!made) throw new Error(`player ${name ?? ''} is not signed in yet`);
    return made;
  };
  return {
    get caller() {
      return must().caller;
    },
    get userId() {
      return must().userId;
    },
    get personaId() {
      return must().personaId;
    },
  };
}

/** The users row id of `caller`, signed in as a request of theirs would sign them in. */
export async function userIdOf(caller: TestCaller): Promise<string> {
  return (await authenticate(apiEvent({ method: 'GET', resource: '/', caller }))).user.id;
}
