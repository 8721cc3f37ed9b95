/**
 * A request to reply reaches the asked person's socket (through the local server, a real WebSocket client):
 * the event carries their feed's `requests` as their own GET …/messages returns it, and nobody else hears
 * of it — the one who asked gets the same nothing whether they asked a person or an AI.
 */
import path from 'node:path';
import { type LocalServer, startLocalServer } from '../../local/server';
import {
  devToken,
  getJson,
  START_TIMEOUT_MS,
  type TempDir,
  tempDataDir,
} from '../../tests/http/local-server';
import { useTestDatabase } from '../../tests/support/database';
import { ofType, openSocket, type TestSocket } from '../../tests/support/websocket';

const database = useTestDatabase();
let dir: TempDir;
let server: LocalServer;
const sockets: TestSocket[] = [];
const tokens = { ann: '', ben: '' };
let benPersona = '';
let conversationId = '';

type Json = Record<string, unknown>;

function api<T = Json>(token: string, method: string, url: string, body?: unknown) {
  return getJson<T>(`${server.url}${url}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function follow(token: string): Promise<TestSocket> {
  const socket = await openSocket(server.webSocketUrl!, token);
  sockets.push(socket);
  socket.send({ action: 'subscribe', conversationId });
  await socket.next(ofType('subscribed'));
  return socket;
}

beforeAll(async () => {
  dir = tempDataDir();
  server = await startLocalServer({
    port: 0,
    quiet: true,
    schedules: false,
    databaseUrl: database.url,
    envFile: path.join(dir.dir, 'no-env.json'),
    frontendDir: dir.dir,
  });
  tokens.ann = await devToken(server, 'Ann Asker');
  tokens.ben = await devToken(server, 'Ben Asked');
  const me = await api<{ personas: { id: string }[] }>(tokens.ann, 'GET', '/api/me');
  const ben = await api<{ id: string }>(tokens.ben, 'POST', '/api/personas', {
    name: 'Ben in public',
    kind: 'human',
    description: 'Ben, as himself.',
    visibility: 'public',
  });
  benPersona = ben.body.id;
  const created = await api<{ id: string }>(tokens.ann, 'POST', '/api/conversations', {
    title: 'Asking',
    participantPersonaIds: [me.body.personas[0]!.id, benPersona],
  });
  conversationId = created.body.id;
}, START_TIMEOUT_MS);

afterAll(async () => {
  await Promise.all(sockets.map((s) => s.close()));
  await server?.stop();
  dir?.remove();
}, START_TIMEOUT_MS);

it('pushes the request to the asked person only, as their feed shows it', async () => {
  const benSocket = await follow(tokens.ben);
  const annSocket = await follow(tokens.ann);
  const asked = await api(tokens.ann, 'POST', '/api/ai/generate-response', {
    conversationId,
    personaId: benPersona,
  });
  expect(asked.status).toBe(202);
  const event = await benSocket.next(ofType('requests'));
  const feed = await api<{ requests: Json[] }>(
    tokens.ben,
    'GET',
    `/api/conversations/${conversationId}/messages`,
  );
  expect(feed.body.requests).toHaveLength(1);
  expect(event).toEqual({ type: 'requests', conversationId, requests: feed.body.requests });
  // The asker's own socket stays silent, as it would had they asked an AI (whose reply comes as messages).
  await new Promise((r) => setTimeout(r, 300));
  expect(annSocket.received.filter((m) => m.type !== 'subscribed')).toEqual([]);
});
