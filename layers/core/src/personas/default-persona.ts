/**
 * The persona a new user starts with: named after them, private, with a random starter profile and the
 * default avatar — the same shape and kind of values as any other persona, so a co-player cannot tell it
 * from an AI's. Each function with user routes wires it into auth in its handler.ts, and auth runs it in
 * the transaction that creates the user. Its own subpath (`@amianai/core/personas/default-persona`), so a
 * function that never handles personas does not load the persona schemas and routes' code to wire it.
 */
import type { FirstSignInHook } from '@amianai/shared/auth';
import { PERSONA_LIMITS } from './limits';
import { randomProfile } from './starter-profile';
import { insertPersona } from './store';

export const createDefaultPersona: FirstSignInHook = async (tx, user, caller) => {
  const profile = randomProfile();
  await insertPersona(tx, user.id, 'human', {
    name: caller.name.trim().slice(0, PERSONA_LIMITS.name.max) || 'Player',
    ...profile,
    avatarUrl: null,
    visibility: 'private',
    ai: null,
  });
};
