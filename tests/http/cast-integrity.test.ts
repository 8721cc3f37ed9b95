/**
 * The demo cast, profiles and avatars as a suspicious player meets them over HTTP: the local server with the
 * real template and handlers, seeded at startup, on this file's own database.
 */
import { useLocalApp } from '../support/fixtures';

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON response bodies
type Json = any;

const app = useLocalApp();

async function as(name: string) {
  const token = await app.token(name);
  const call = (method: string, route: string, body?: unknown) => app.api<Json>(token, method, route, body);
  return { call, me: async () => (await call('GET', '/api/me')).body };
}

describe('the seeded directory, as a player sees it', () => {
  it('has random ids, distinct creation times and local avatars only', async () => {
    const player = await as('Wary Wendy');
    const list = await player.call('GET', '/api/personas?limit=100');
    expect(list.status).toBe(200);
    const items: Json[] = list.body.items;
    expect(items.length).toBeGreaterThanOrEqual(10);
    const text = JSON.stringify(list.body);
    // The old seed's id pattern (a random id may contain "5eed" anywhere, so the whole prefix is looked for).
    expect(text).not.toMatch(/5eed0000-0000-4000-8000-|dicebear|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    for (const p of items) expect(p.avatarUrl).toMatch(/^data:image\/svg\+xml,/);
    expect(new Set(items.map((p) => p.createdAt)).size).toBe(items.length);
    expect(new Set(items.map((p) => p.knowledge.length))).toEqual(new Set([3, 4]));
  });
});

describe('people at one table', () => {
  it("open each other's profiles alike, whether a person's private default persona or a house AI", async () => {
    const host = await as('Host Hana');
    const guest = await as('Guest Gil');
    const hostPersona = (await host.me()).personas[0];
    expect(hostPersona.visibility).toBe('private');
    expect(hostPersona.description).not.toMatch(/playing as themselves/);
    const guestPublic = await guest.call('POST', '/api/personas', { name: 'Gil Amar', kind: 'human' });
    expect(guestPublic.status).toBe(201);
    const houseAi = (await host.call('GET', '/api/personas?limit=100')).body.items.find(
      (p: Json) => p.name === 'Mags Okafor',
    );
    const chat = await host.call('POST', '/api/conversations', {
      title: 'Who is who',
      participantPersonaIds: [hostPersona.id, guestPublic.body.id, houseAi.id],
    });
    expect(chat.status).toBe(201);

    const person = await guest.call('GET', `/api/personas/${hostPersona.id}`);
    const machine = await guest.call('GET', `/api/personas/${houseAi.id}`);
    expect([person.status, machine.status]).toEqual([200, 200]);
    expect(Object.keys(person.body).sort()).toEqual(Object.keys(machine.body).sort());
    for (const view of [person.body, machine.body]) {
      expect(view.avatarUrl).toMatch(/^data:image\/svg\+xml,/);
      expect(view.knowledge.length).toBeGreaterThanOrEqual(3);
      expect(view.personality.summary.length).toBeGreaterThan(20);
    }
    const seated = await guest.call('GET', `/api/conversations/${chat.body.id}`);
    expect(Object.keys(seated.body.participants[0]).sort()).toEqual([
      'avatarUrl',
      'isMine',
      'name',
      'personaId',
    ]);
    for (const p of seated.body.participants) expect(p.avatarUrl).toMatch(/^data:image\/svg\+xml,/);
  });
});
