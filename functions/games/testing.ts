/** Shared setup for the games tests: players, AI personas, a handler call and a scripted clock. */
import { clock } from '@amianai/core/games';
import { ensureUser } from '@amianai/shared/auth';
import { query } from '@amianai/shared/db';
import { type ApiEventInput, invoke, newCaller, type TestCaller } from '../../tests/support/events';
import { handler } from './handler';

process.env.WRITE_RATE_LIMIT_PER_MINUTE = '100000';
jest.setTimeout(60_000);

export interface Player {
  caller: TestCaller;
  userId: string;
  personaId: string;
}

export async function player(name: string): Promise<Player> {
  const caller = newCaller(name);
  const user = await ensureUser({ sub: caller.sub, name: caller.name, groups: [], isAdmin: false });
  const { rows } = await query<{ id: string }>('SELECT id FROM personas WHERE owner_id = $1', [user.id]);
  return { caller, userId: user.id, personaId: rows[0]!.id };
}

/** An AI persona: a house one (no owner) unless an owner is given; public. */
export async function aiPersona(name: string, ownerId: string | null = null): Promise<string> {
  const { rows } = await query<{ id: string }>(
    `INSERT INTO personas (owner_id, name, kind, visibility, ai, avatar_url)
     VALUES ($1, $2, 'ai', 'public', $3, 'https://example.test/ai.png') RETURNING id`,
    [
      ownerId,
      name,
      {
        model: 'gpt-4o-mini',
        temperature: 0.9,
        maxTokens: 200,
        systemPrompt: null,
        typingWpm: 40,
        talkativeness: 0.5,
      },
    ],
  );
  return rows[0]!.id;
}

type Input = Omit<ApiEventInput, 'method' | 'resource' | 'caller' | 'pathParameters'> & { id?: string };

export function call(who: Player | TestCaller, method: string, resource: string, input: Input = {}) {
  const caller = 'caller' in who ? who.caller : who;
  const { id, ...rest } = input;
  return invoke(handler, { method, resource, caller, pathParameters: id ? { id } : undefined, ...rest });
}

/** A clock the test moves by hand; starts at a tick boundary. */
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
