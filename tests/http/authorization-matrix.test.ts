/**
 * The authorization matrix: every route of template.yaml × every kind of caller (anonymous, forged token,
 * expired token, the owner of the resource, another user, an admin), through the local server. The expected
 * status of each cell is written down once, below; a route without a row fails the suite, so a new route
 * cannot ship without its authorization decided.
 */
import { SignJWT } from 'jose';
import { DEV_TOKEN_AUDIENCE, DEV_TOKEN_ISSUER } from '../../local/dev-auth';
import { templateRoutes } from '../../scripts/openapi';
import { START_TIMEOUT_MS, useLocalApp } from '../support/fixtures';

type Caller = 'anonymous' | 'forged' | 'expired' | 'owner' | 'other' | 'admin';
/** Tokens of the signed-out callers; every probe has an owner, another user and an admin of its own. */
type FixedCaller = 'forged' | 'expired';
const CALLERS: Caller[] = ['anonymous', 'forged', 'expired', 'owner', 'other', 'admin'];

/** Fresh resources of the owner for each probe, so a delete or an end never affects another cell. */
interface Fixture {
  /** The caller's own human persona (every signed-in user has one). */
  callerHuman?: string;
  ownerHuman: string;
  /** A private AI persona of the owner, in no conversation. */
  privatePersona: string;
  /** A public AI persona of the owner. */
  publicPersona: string;
  /** A conversation of the owner: their human persona and an AI persona of theirs. */
  conversation: string;
  conversationAi: string;
}

interface Probe {
  path: string;
  body?: unknown;
}

interface Row {
  probe(f: Fixture): Probe;
  /** Expected statuses for the three signed-in callers; signed-out ones are 401 unless the route is public. */
  owner: number;
  other: number;
  admin: number;
  /** The probe asks the AI to reply: the fixture conversation needs a message, and the AI's answer settled. */
  needsMessage?: boolean;
}

// The whole policy, once. "other" is a signed-in user with no relation to the owner's resources: what is
// private to the owner does not exist for them (404, never 403, so ids cannot be probed).
const MATRIX: Record<string, Row> = {
  'GET /api/health': { probe: () => ({ path: '/api/health' }), owner: 200, other: 200, admin: 200 },
  'GET /api/openapi.json': {
    probe: () => ({ path: '/api/openapi.json' }),
    owner: 200,
    other: 200,
    admin: 200,
  },
  'GET /api/admin/database-status': {
    probe: () => ({ path: '/api/admin/database-status' }),
    owner: 403,
    other: 403,
    admin: 200,
  },
  'POST /api/admin/setup-database': {
    probe: () => ({ path: '/api/admin/setup-database' }),
    owner: 403,
    other: 403,
    admin: 200,
  },
  'POST /api/admin/seed-database': {
    probe: () => ({ path: '/api/admin/seed-database', body: {} }),
    owner: 403,
    other: 403,
    admin: 200,
  },
  'GET /api/me': { probe: () => ({ path: '/api/me' }), owner: 200, other: 200, admin: 200 },
  'GET /api/usage': { probe: () => ({ path: '/api/usage' }), owner: 200, other: 200, admin: 200 },
  'GET /api/personas': { probe: () => ({ path: '/api/personas' }), owner: 200, other: 200, admin: 200 },
  'POST /api/personas': {
    probe: () => ({ path: '/api/personas', body: personaBody('private') }),
    owner: 201,
    other: 201,
    admin: 201,
  },
  'GET /api/personas/{id}': {
    probe: (f) => ({ path: `/api/personas/${f.privatePersona}` }),
    owner: 200,
    other: 404,
    admin: 200,
  },
  'PUT /api/personas/{id}': {
    probe: (f) => ({
      path: `/api/personas/${f.privatePersona}`,
      body: { version: 1, description: 'Changed.' },
    }),
    owner: 200,
    other: 404,
    admin: 200,
  },
  'DELETE /api/personas/{id}': {
    probe: (f) => ({ path: `/api/personas/${f.privatePersona}` }),
    owner: 204,
    other: 404,
    admin: 204,
  },
  'GET /api/conversations': {
    probe: () => ({ path: '/api/conversations' }),
    owner: 200,
    other: 200,
    admin: 200,
  },
  'POST /api/conversations': {
    // Everyone starts their own conversation, with their own human persona and a public one of the owner's.
    probe: (f) => ({
      path: '/api/conversations',
      body: { title: 'Matrix', participantPersonaIds: [f.callerHuman, f.publicPersona] },
    }),
    owner: 201,
    other: 201,
    admin: 201,
  },
  'GET /api/conversations/{id}': {
    probe: (f) => ({ path: `/api/conversations/${f.conversation}` }),
    owner: 200,
    other: 404,
    admin: 200,
  },
  'PUT /api/conversations/{id}': {
    probe: (f) => ({ path: `/api/conversations/${f.conversation}`, body: { title: 'Renamed' } }),
    owner: 200,
    other: 404,
    admin: 200,
  },
  'POST /api/conversations/{id}/end': {
    probe: (f) => ({ path: `/api/conversations/${f.conversation}/end`, body: {} }),
    owner: 200,
    other: 404,
    admin: 200,
  },
  'GET /api/conversations/{id}/messages': {
    probe: (f) => ({ path: `/api/conversations/${f.conversation}/messages` }),
    owner: 200,
    other: 404,
    admin: 200,
  },
  'POST /api/conversations/{id}/messages': {
    // As the owner's persona: only the owner may speak as it; an admin sees the conversation but may not.
    probe: (f) => ({
      path: `/api/conversations/${f.conversation}/messages`,
      body: { personaId: f.ownerHuman, content: 'Hello from the matrix' },
    }),
    owner: 201,
    other: 404,
    admin: 403,
  },
  'POST /api/conversations/{id}/typing': {
    probe: (f) => ({
      path: `/api/conversations/${f.conversation}/typing`,
      body: { personaId: f.ownerHuman },
    }),
    owner: 204,
    other: 404,
    admin: 403,
  },
  // Games: queue state is the caller's own (fresh per probe), rounds and game settings belong to owners.
  'POST /api/games/queue': {
    probe: () => ({ path: '/api/games/queue', body: {} }),
    owner: 201,
    other: 201,
    admin: 201,
  },
  'GET /api/games/queue': { probe: () => ({ path: '/api/games/queue' }), owner: 404, other: 404, admin: 404 },
  'DELETE /api/games/queue': {
    probe: () => ({ path: '/api/games/queue' }),
    owner: 404,
    other: 404,
    admin: 404,
  },
  'POST /api/games/{id}/votes': {
    // A chat conversation is no round: it has no votes and no result, for anyone.
    probe: (f) => ({
      path: `/api/games/${f.conversation}/votes`,
      body: { votes: [{ personaId: f.conversationAi, verdict: 'ai' }] },
    }),
    owner: 404,
    other: 404,
    admin: 404,
  },
  'GET /api/games/{id}/result': {
    probe: (f) => ({ path: `/api/games/${f.conversation}/result` }),
    owner: 404,
    other: 404,
    admin: 404,
  },
  'GET /api/stats/me': { probe: () => ({ path: '/api/stats/me' }), owner: 200, other: 200, admin: 200 },
  'GET /api/stats': { probe: () => ({ path: '/api/stats' }), owner: 200, other: 200, admin: 200 },
  'GET /api/leaderboard': { probe: () => ({ path: '/api/leaderboard' }), owner: 200, other: 200, admin: 200 },
  'GET /api/games/personas/{id}': {
    probe: (f) => ({ path: `/api/games/personas/${f.publicPersona}` }),
    owner: 200,
    other: 404,
    admin: 200,
  },
  'PUT /api/games/personas/{id}/pool': {
    probe: (f) => ({ path: `/api/games/personas/${f.publicPersona}/pool`, body: { gamePool: true } }),
    owner: 200,
    other: 404,
    admin: 200,
  },
  'POST /api/ai/generate-response': {
    probe: (f) => ({
      path: '/api/ai/generate-response',
      body: { conversationId: f.conversation, personaId: f.conversationAi },
    }),
    needsMessage: true,
    // 202 alike for AI and human participants: the request is queued, the reply comes through the feed.
    owner: 202,
    other: 404,
    admin: 202,
  },
};

function personaBody(visibility: 'public' | 'private') {
  return {
    name: 'Matrix Bot',
    kind: 'ai',
    visibility,
    description: 'Made for the authorization matrix.',
    personality: { traits: { openness: 50 }, summary: 'Plain.' },
    knowledge: ['rules'],
    communicationStyle: 'casual',
  };
}

const app = useLocalApp();
const tokens: Partial<Record<FixedCaller, string>> = {};

async function call(token: string | undefined, method: string, probe: Probe) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(`${app.server.url}${probe.path}`, {
    method,
    headers,
    body: probe.body === undefined ? undefined : JSON.stringify(probe.body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

async function setup<T>(token: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await call(token, method, { path, body });
  if (res.status >= 300)
    throw new Error(`setup ${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as T;
}

async function humanOf(token: string): Promise<string> {
  const me = await setup<{ personas: Array<{ id: string; kind: string }> }>(token, 'GET', '/api/me');
  return me.personas.find((p) => p.kind === 'human')!.id;
}

let owners = 0;

/** Posts a message as the owner and waits for the AI's answer, so asking for a reply never races one. */
async function settledMessage(owner: string, personaId: string, conversation: string): Promise<void> {
  await setup(owner, 'POST', `/api/conversations/${conversation}/messages`, { personaId, content: 'Hi' });
  for (let i = 0; ; i++) {
    const page = await setup<{ items: unknown[] }>(
      owner,
      'GET',
      `/api/conversations/${conversation}/messages`,
    );
    if (page.items.length >= 2) return;
    if (i > 200) throw new Error('the AI never answered the fixture message');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A new owner with fresh resources, and the token the probe is sent with. */
async function fixture(caller: Caller, row: Row): Promise<{ f: Fixture; token: string | undefined }> {
  owners += 1;
  const owner = (await app.server.devAuth.issue({ name: `Matrix Owner ${owners}`, admin: false })).token;
  const ownerHuman = await humanOf(owner);
  const persona = async (visibility: 'public' | 'private') =>
    (await setup<{ id: string }>(owner, 'POST', '/api/personas', personaBody(visibility))).id;
  const privatePersona = await persona('private');
  const publicPersona = await persona('public');
  const conversationAi = await persona('private');
  const conversation = (
    await setup<{ id: string }>(owner, 'POST', '/api/conversations', {
      title: 'Owner only',
      participantPersonaIds: [ownerHuman, conversationAi],
    })
  ).id;
  if (row.needsMessage) await settledMessage(owner, ownerHuman, conversation);
  // Fresh signed-in callers too: what one probe leaves behind (a queue ticket, a persona) never decides another.
  const signedIn = async (name: string, admin: boolean) =>
    (await app.server.devAuth.issue({ name: `${name} ${owners}`, admin })).token;
  const token =
    caller === 'owner'
      ? owner
      : caller === 'other'
        ? await signedIn('Matrix Other', false)
        : caller === 'admin'
          ? await signedIn('Matrix Admin', true)
          : caller === 'anonymous'
            ? undefined
            : tokens[caller];
  const callerHuman =
    token && ['owner', 'other', 'admin'].includes(caller) ? await humanOf(token) : undefined;
  return {
    f: { callerHuman, ownerHuman, privatePersona, publicPersona, conversation, conversationAi },
    token,
  };
}

beforeAll(async () => {
  const auth = app.server.devAuth;
  tokens.expired = (
    await auth.issue({ name: 'Matrix Admin', admin: true }, new Date(Date.now() - 13 * 3_600_000))
  ).token;
  // An admin token with every claim right, signed with a key the server does not know.
  const now = Math.floor(Date.now() / 1000);
  tokens.forged = await new SignJWT({
    token_use: 'id',
    'cognito:groups': ['admin'],
    'cognito:username': 'Mallory',
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject('00000000-0000-5000-8000-00000000beef')
    .setIssuer(DEV_TOKEN_ISSUER)
    .setAudience(DEV_TOKEN_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + 600)
    .sign(new TextEncoder().encode('not the server secret, 32 bytes!'));
}, START_TIMEOUT_MS);

const routes = templateRoutes();

it('has a row for every route of the template, and no row for a route that does not exist', () => {
  const keys = routes.map((r) => `${r.method} ${r.path}`).sort();
  expect(Object.keys(MATRIX).sort()).toEqual(keys);
});

describe.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s', (key, route) => {
  const row = MATRIX[key];
  const expected = (caller: Caller): number => {
    if (!row) throw new Error(`no matrix row for ${key}`);
    if (caller === 'owner' || caller === 'other' || caller === 'admin') return row[caller];
    return route.isPublic ? row.owner : 401;
  };

  it.each(CALLERS)('as %s', async (caller) => {
    if (!row) throw new Error(`no matrix row for ${key}: add one to MATRIX`);
    const { f, token } = await fixture(caller, row);
    const res = await call(token, route.method, row.probe(f));
    expect({ caller, status: res.status }).toEqual({ caller, status: expected(caller) });
    if (res.status >= 400) {
      expect(res.body).toEqual({
        error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }),
      });
    }
  });
});
