/**
 * Game integrity of profiles: what a co-player can learn about a persona from its profile, its avatar and
 * whether they may open it at all must not depend on whether a person or an AI plays it.
 */
import { query } from '@amianai/shared/db';
import {
  aiPersonaBody,
  createPersona,
  humanPersonaBody,
  invoke,
  newCaller,
  personasApi,
  type TestCaller,
  useTestDatabase,
} from '../../tests/support/fixtures';
import { handler as conversations } from '../conversations/handler';
import { handler as users } from '../users/handler';

useTestDatabase();

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON response bodies
type Json = any;

const me = async (caller: TestCaller): Promise<Json> =>
  (await invoke(users, { method: 'GET', resource: '/api/me', caller })).body;

async function startConversation(caller: TestCaller, participantPersonaIds: string[]): Promise<Json> {
  const res = await invoke(conversations, {
    method: 'POST',
    resource: '/api/conversations',
    caller,
    body: { title: 'Table for three', participantPersonaIds },
  });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const isLocalSvg = (url: unknown) => typeof url === 'string' && url.startsWith('data:image/svg+xml,');

describe('avatars', () => {
  const owner = newCaller('Avery');

  it('every persona made with the defaults has a local SVG avatar, AI and human alike', async () => {
    const human = await createPersona(owner, { name: 'Hal Moss', kind: 'human' });
    const ai = await createPersona(owner, { name: 'Ida Moss', kind: 'ai' });
    const [defaultPersona] = (await me(owner)).personas;
    for (const persona of [human, ai, defaultPersona]) {
      expect(isLocalSvg(persona.avatarUrl)).toBe(true);
      expect(persona.avatarUrl).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    }
    // Drawn from the id alone: stable across reads, different between personas.
    expect((await personasApi.get(newCaller('Someone'), human.id)).body.avatarUrl).toBe(human.avatarUrl);
    expect(human.avatarUrl).not.toBe(ai.avatarUrl);
    // Nothing is stored: the column stays empty, so the owner can still set an image later.
    const { rows } = await query<{ n: number }>(
      'SELECT count(*) AS n FROM personas WHERE id = ANY($1) AND avatar_url IS NOT NULL',
      [[human.id, ai.id, defaultPersona.id]],
    );
    expect(rows[0]!.n).toBe(0);
  });

  it("shows an owner's own image as given, and falls back to the default when it is cleared", async () => {
    const given = 'https://images.example.test/wren.png';
    const persona = await createPersona(owner, aiPersonaBody({ name: 'Wren Hale', avatarUrl: given }));
    expect(persona.avatarUrl).toBe(given);
    const cleared = await personasApi.update(owner, persona.id, { version: 1, avatarUrl: null });
    expect(isLocalSvg(cleared.body.avatarUrl)).toBe(true);
  });

  it.each([['not a url'], ['x'.repeat(501)], [42]])(
    'still rejects an avatarUrl of %p with 400',
    async (bad) => {
      const res = await personasApi.create(owner, humanPersonaBody({ avatarUrl: bad }));
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
    },
  );

  it('gives participants and messages the same avatars their profiles show', async () => {
    const player = newCaller('Pia');
    const mine = (await me(player)).personas[0];
    const house = await createPersona(newCaller('Hugo'), aiPersonaBody({ name: 'Nell Marsh' }));
    const chat = await startConversation(player, [mine.id, house.id]);
    for (const p of chat.participants) expect(isLocalSvg(p.avatarUrl)).toBe(true);
    const byId = new Map(chat.participants.map((p: Json) => [p.personaId, p.avatarUrl]));
    expect(byId.get(house.id)).toBe(house.avatarUrl);
    const posted = await invoke(conversations, {
      method: 'POST',
      resource: '/api/conversations/{id}/messages',
      pathParameters: { id: chat.id },
      caller: player,
      body: { personaId: mine.id, content: 'hello?' },
    });
    expect(posted.status).toBe(201);
    expect(posted.body.avatarUrl ?? posted.body.message?.avatarUrl).toBe(byId.get(mine.id));
  });
});

describe('profiles of co-participants', () => {
  const alice = newCaller('Alice Dunn');
  const bob = newCaller('Bob Reyes');
  const outsider = newCaller('Cleo Watt');

  it("opens a person's private default persona and an AI persona alike for everyone at the table", async () => {
    const alicePersona = (await me(alice)).personas[0];
    expect(alicePersona.visibility).toBe('private');
    const bobDefault = (await me(bob)).personas[0];
    const bobPublic = await createPersona(bob, humanPersonaBody({ name: 'Bob Reyes' }));
    const ai = await createPersona(newCaller('Host'), aiPersonaBody({ name: 'Iris Lund' }));
    await startConversation(alice, [alicePersona.id, bobPublic.id, ai.id]);

    const human = await personasApi.get(bob, alicePersona.id);
    const machine = await personasApi.get(bob, ai.id);
    expect([human.status, machine.status]).toEqual([200, 200]);
    expect(Object.keys(human.body).sort()).toEqual(Object.keys(machine.body).sort());
    expect(JSON.stringify(human.body)).not.toMatch(/"kind"|"visibility"|"ownerId"|"version"|co_participant/);
    // And the other way round: Alice reads Bob's persona at the table, but not his private default.
    expect((await personasApi.get(alice, bobPublic.id)).status).toBe(200);
    expect((await personasApi.get(alice, bobDefault.id)).status).toBe(404);
  });

  it('keeps a private persona 404 for someone who shares no conversation with it', async () => {
    const alicePersona = (await me(alice)).personas[0];
    const res = await personasApi.get(outsider, alicePersona.id);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('refuses changes by a co-player with the same 403 for a private default persona and an AI', async () => {
    const alicePersona = (await me(alice)).personas[0];
    const ai = await createPersona(newCaller('Other Host'), aiPersonaBody({ name: 'Vera Holm' }));
    const bobPublic = await createPersona(bob, humanPersonaBody({ name: 'Bob R.' }));
    await startConversation(alice, [alicePersona.id, bobPublic.id, ai.id]);
    for (const target of [alicePersona, ai]) {
      const change = await personasApi.update(bob, target.id, { version: 1, name: 'Mallory' });
      const removal = await personasApi.remove(bob, target.id);
      expect([change.status, removal.status]).toEqual([403, 403]);
      expect(change.body.error.message).toBe('Only the owner or an admin can change this persona');
    }
  });
});

describe("a new user's default persona", () => {
  it('has a profile like any other persona: description, summary, three or four topics, varied traits', async () => {
    const profiles = [];
    for (const name of ['Nadia Ferro', 'Oskar Lind', 'Ruth Abara', 'Sam Ortiz', 'Tess Kim']) {
      profiles.push((await me(newCaller(name))).personas[0]);
    }
    for (const p of profiles) {
      expect(p.description).not.toMatch(/playing as themselves/i);
      expect(p.description).toMatch(/^\S.{20,}\.$/);
      expect(p.personality.summary.length).toBeGreaterThan(20);
      expect(p.knowledge.length).toBeGreaterThanOrEqual(3);
      expect(p.knowledge.length).toBeLessThanOrEqual(4);
      expect(p.communicationStyle).toMatch(/^[a-z]+$/);
      expect(Object.keys(p.personality.traits).sort()).toEqual(
        ['agreeableness', 'conscientiousness', 'extraversion', 'neuroticism', 'openness'].sort(),
      );
      expect(isLocalSvg(p.avatarUrl)).toBe(true);
    }
    // Not the app's flat defaults (every trait 50), and not all the same.
    const traitSets = new Set(profiles.map((p) => JSON.stringify(p.personality.traits)));
    expect(traitSets.size).toBeGreaterThan(1);
    expect(profiles.every((p) => Object.values(p.personality.traits).every((v) => v === 50))).toBe(false);
    expect(new Set(profiles.map((p) => p.description)).size).toBeGreaterThan(1);
  });
});

describe('a persona created with nothing but a name', () => {
  it('gets a starter profile, AI and human alike', async () => {
    const owner = newCaller('Quinn Aldo');
    const made = [
      await createPersona(owner, { name: 'Ines Park', kind: 'human', visibility: 'private' }),
      await createPersona(owner, { name: 'Jon Varga', kind: 'ai' }),
    ];
    for (const p of made) {
      expect(p.description).toMatch(/^\S.{20,}\.$/);
      expect(p.personality.summary.length).toBeGreaterThan(20);
      expect(p.knowledge.length).toBeGreaterThanOrEqual(3);
    }
    // Whoever writes a profile keeps exactly what they wrote.
    const written = await createPersona(owner, { name: 'Kim Ode', kind: 'human', description: '' });
    expect([written.description, written.knowledge]).toEqual(['', []]);
  });
});
