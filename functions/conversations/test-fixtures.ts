/** Shared setup for the conversations tests: players, personas and a compact way to call the handler. */
import { ensureUser } from '@amianai/shared/auth';
import { query } from '@amianai/shared/db';
import { type ApiEventInput, invoke, newCaller, type TestCaller } from '../../tests/support/events';
import { handler } from './handler';

// The write limit has its own test; the other tests post far more than a person would.
process.env.WRITE_RATE_LIMIT_PER_MINUTE = '100000';
// Suites share the machine with other embedded databases; bulk tests (50 posts) need more than 5 s then.
jest.setTimeout(30_000);

export interface Player {
  caller: TestCaller;
  userId: string;
  /** Their default human persona, created with the user. */
  personaId: string;
}

export async function player(name: string, admin = false): Promise<Player> {
  const caller = newCaller(name, admin);
  const user = await ensureUser({
    sub: caller.sub,
    name: caller.name,
    groups: admin ? ['admin'] : [],
    isAdmin: admin,
  });
  const { rows } = await query<{ id: string }>('SELECT id FROM personas WHERE owner_id = $1', [user.id]);
  return { caller, userId: user.id, personaId: rows[0]!.id };
}

export interface PersonaOptions {
  kind?: 'human' | 'ai';
  visibility?: 'public' | 'private';
  name?: string;
  deleted?: boolean;
}

/** Inserts a persona directly (owner null: a house persona). */
export async function persona(ownerId: string | null, opts: PersonaOptions = {}): Promise<string> {
  const kind = opts.kind ?? 'ai';
  const ai =
    kind === 'ai'
      ? {
          model: 'gpt-4o-mini',
          temperature: 0.9,
          maxTokens: 200,
          systemPrompt: 'secret prompt',
          typingWpm: 40,
          talkativeness: 0.5,
        }
      : null;
  const { rows } = await query<{ id: string }>(
    `INSERT INTO personas (owner_id, name, kind, visibility, ai, avatar_url, deleted_at)
     VALUES ($1, $2, $3, $4, $5, 'https://example.test/a.png', CASE WHEN $6 THEN now() END) RETURNING id`,
    [ownerId, opts.name ?? `${kind} persona`, kind, opts.visibility ?? 'public', ai, opts.deleted ?? false],
  );
  return rows[0]!.id;
}

type Input = Omit<ApiEventInput, 'method' | 'resource' | 'caller' | 'pathParameters'> & { id?: string };

const R = {
  list: '/api/conversations',
  one: '/api/conversations/{id}',
  end: '/api/conversations/{id}/end',
  messages: '/api/conversations/{id}/messages',
  typing: '/api/conversations/{id}/typing',
} as const;
export type Resource = keyof typeof R;
export const RESOURCES = R;

/** Calls the handler as `who` (undefined: no identity). */
export function call(
  who: Player | TestCaller | undefined,
  method: 'GET' | 'POST' | 'PUT',
  resource: Resource,
  input: Input = {},
) {
  const caller = who && 'caller' in who ? who.caller : who;
  const { id, ...rest } = input;
  return invoke(handler, {
    method,
    resource: R[resource],
    caller,
    pathParameters: id ? { id } : undefined,
    ...rest,
  });
}

/** Creates a conversation through the API and returns its id. */
export async function conversation(
  owner: Player,
  others: string[],
  extra: Record<string, unknown> = {},
): Promise<string> {
  const res = await call(owner, 'POST', 'list', {
    body: { title: 'Test chat', participantPersonaIds: [owner.personaId, ...others], ...extra },
  });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export function post(who: Player, id: string, content: string, extra: Record<string, unknown> = {}) {
  return call(who, 'POST', 'messages', { id, body: { personaId: who.personaId, content, ...extra } });
}

export function listMessages(
  who: Player | TestCaller,
  id: string,
  q: Record<string, string> = {},
  headers?: Record<string, string>,
) {
  return call(who, 'GET', 'messages', { id, query: q, headers });
}

/** Every error answers with the same JSON shape. */
export function expectErrorShape(body: unknown): void {
  expect(body).toEqual({
    error: expect.objectContaining({
      code: expect.any(String),
      message: expect.any(String),
      requestId: expect.any(String),
    }),
  });
}

/** Stores a message as the reply engine would (next seq, metadata, optionally visible only later). */
export async function insertAiMessage(
  conversationId: string,
  personaId: string,
  content: string,
  metadata: Record<string, unknown> = {},
  visibleInSeconds = 0,
): Promise<number> {
  const { rows } = await query<{ seq: number }>(
    `WITH s AS (
       UPDATE conversations SET last_seq = last_seq + 1, message_count = message_count + 1 WHERE id = $1 RETURNING last_seq
     )
     INSERT INTO messages (conversation_id, seq, persona_id, content, metadata, visible_at)
     SELECT $1, last_seq, $2, $3, $4, now() + make_interval(secs => $5) FROM s RETURNING seq`,
    [conversationId, personaId, content, metadata, visibleInSeconds],
  );
  return rows[0]!.seq;
}
