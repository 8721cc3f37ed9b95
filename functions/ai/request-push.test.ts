/**
 * A request to reply reaches the asked person's socket (through the local server, a real WebSocket client):
 * the event carries their feed's `requests` as their own GET …/messages returns it, and nobody else hears
 * of it — the one who asked gets the same nothing whether they asked a person or an AI.
 */
import { ofType, START_TIMEOUT_MS, useLocalApp } from '../../tests/support/fixtures';

// Replies at a person's pace (the app server's default is at once), as in a deployed stage.
const app = useLocalApp({ environment: { AI_TYPING_DELAY_SCALE: '1' } });
const tokens = { ann: '', ben: '' };
let benPersona = '';
let conversationId = '';

type Json = Record<string, unknown>;

const api = app.api;
const follow = (token: string) => app.socket(token, conversationId);

beforeAll(async () => {
  tokens.ann = await app.token('Ann Asker');
  tokens.ben = await app.token('Ben Asked');
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
