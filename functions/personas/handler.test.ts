import { AI_DEFAULTS } from '@amianai/core/personas';
import { query } from '@amianai/shared/db';
import {
  aiPersonaBody,
  createPersona,
  humanPersonaBody,
  invoke,
  newCaller,
  personasApi,
  useTestDatabase,
} from '../../tests/support/fixtures';
import { handler } from './handler';

useTestDatabase();

const owner = newCaller('Olive');
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

describe('POST /api/personas', () => {
  it('creates a human persona and returns the owner view with version 1', async () => {
    const res = await personasApi.create(owner, humanPersonaBody({ name: '  Robin Vale  ' }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      name: 'Robin Vale',
      kind: 'human',
      ai: null,
      visibility: 'public',
      version: 1,
      communicationStyle: 'casual',
      avatarUrl: expect.stringMatching(/^data:image\/svg\+xml,/),
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(res.body.ownerId).toEqual(expect.any(String));
  });

  it('fills the Big Five with 50 and keeps custom traits', async () => {
    const persona = await createPersona(owner, aiPersonaBody());
    expect(persona.personality.traits).toEqual({
      openness: 80,
      conscientiousness: 50,
      extraversion: 50,
      agreeableness: 50,
      neuroticism: 50,
      wit: 90,
    });
  });

  it('stores knowledge as trimmed lower-case topics without duplicates', async () => {
    const persona = await createPersona(
      owner,
      humanPersonaBody({ knowledge: [' Jazz  Piano ', 'jazz piano', 'Chess'] }),
    );
    expect(persona.knowledge).toEqual(['jazz piano', 'chess']);
  });

  it('gives an AI persona default settings for whatever it leaves out', async () => {
    const persona = await createPersona(owner, aiPersonaBody({ ai: { temperature: 0.2 } }));
    expect(persona.ai).toEqual({ ...AI_DEFAULTS, temperature: 0.2 });
    const bare = await createPersona(owner, aiPersonaBody({ ai: undefined }));
    expect(bare.ai).toEqual(AI_DEFAULTS);
  });

  it('rejects AI settings on a human persona', async () => {
    const res = await personasApi.create(owner, humanPersonaBody({ ai: { model: 'gpt-4o-mini' } }));
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('body/ai');
  });

  it('accepts ai: null on a human persona', async () => {
    expect((await personasApi.create(owner, humanPersonaBody({ ai: null }))).status).toBe(201);
  });

  it.each([
    ['a missing name', { name: undefined }],
    ['a blank name', { name: '   ' }],
    ['a name that is too long', { name: 'x'.repeat(81) }],
    ['a name of the wrong type', { name: 42 }],
    ['an unknown kind', { kind: 'robot' }],
    ['an unknown field', { secret: true }],
    ['a description that is too long', { description: 'x'.repeat(1001) }],
    ['a trait above 100', { personality: { traits: { openness: 101 } } }],
    ['a trait below 0', { personality: { traits: { openness: -1 } } }],
    ['a fractional trait', { personality: { traits: { openness: 50.5 } } }],
    ['a trait with a bad name', { personality: { traits: { 'two words': 5 } } }],
    [
      'more than 12 traits',
      { personality: { traits: Object.fromEntries([...Array(13)].map((_, i) => [`t${i}`, 1])) } },
    ],
    [
      '12 custom traits on top of the Big Five',
      { personality: { traits: Object.fromEntries([...Array(12)].map((_, i) => [`t${i}`, 1])) } },
    ],
    ['a summary that is too long', { personality: { summary: 'x'.repeat(501) } }],
    ['an unknown personality field', { personality: { mood: 'sunny' } }],
    ['more than 20 knowledge items', { knowledge: [...Array(21)].map((_, i) => `topic ${i}`) }],
    ['an empty knowledge item', { knowledge: [''] }],
    ['a knowledge item that is too long', { knowledge: ['x'.repeat(41)] }],
    ['knowledge that is not a list', { knowledge: 'sailing' }],
    ['a communication style that is too long', { communicationStyle: 'x'.repeat(41) }],
    ['an empty communication style', { communicationStyle: '' }],
    ['an avatar that is not an http(s) URL', { avatarUrl: 'javascript:alert(1)' }],
    ['an avatar URL that is too long', { avatarUrl: `https://example.com/${'x'.repeat(500)}` }],
    ['an unknown visibility', { visibility: 'friends' }],
    ['a NUL character', { name: 'Rob\u0000in' }],
  ])('returns 400 for %s', async (_label, overrides) => {
    const res = await personasApi.create(owner, humanPersonaBody(overrides));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_request', requestId: expect.any(String) });
  });

  it.each([
    ['model', { model: '' }],
    ['model', { model: 'x'.repeat(61) }],
    ['temperature', { temperature: 2.5 }],
    ['temperature', { temperature: -0.1 }],
    ['maxTokens', { maxTokens: 15 }],
    ['maxTokens', { maxTokens: 2001 }],
    ['maxTokens', { maxTokens: 100.5 }],
    ['systemPrompt', { systemPrompt: 'x'.repeat(4001) }],
    ['typingWpm', { typingWpm: 9 }],
    ['typingWpm', { typingWpm: 201 }],
    ['talkativeness', { talkativeness: 1.01 }],
    ['an unknown AI field', { apiKey: 'sk-123' }],
  ])('returns 400 for an out-of-range AI setting (%s)', async (_label, ai) => {
    const res = await personasApi.create(owner, aiPersonaBody({ ai }));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
  });

  it('accepts every field at its limit', async () => {
    const res = await personasApi.create(
      owner,
      aiPersonaBody({
        name: 'n'.repeat(80),
        description: 'd'.repeat(1000),
        personality: { traits: { openness: 0, neuroticism: 100 }, summary: 's'.repeat(500) },
        knowledge: [...Array(20)].map((_, i) => `${i}`.padEnd(40, 'k')),
        communicationStyle: 'c'.repeat(40),
        avatarUrl: `https://example.com/${'a'.repeat(480)}`,
        visibility: 'private',
        ai: {
          model: 'm'.repeat(60),
          temperature: 2,
          maxTokens: 2000,
          systemPrompt: 'p'.repeat(4000),
          typingWpm: 200,
          talkativeness: 1,
        },
      }),
    );
    expect(res.status).toBe(201);
  });

  it('returns 400 invalid_json for a malformed body and 415 for a non-JSON content type', async () => {
    const bad = await invoke(handler, {
      method: 'POST',
      resource: '/api/personas',
      caller: owner,
      rawBody: '{"name":',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_json');
    const text = await invoke(handler, {
      method: 'POST',
      resource: '/api/personas',
      caller: owner,
      rawBody: 'name=x',
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(text.status).toBe(415);
  });

  it('returns 413 for a body over the size limit', async () => {
    const res = await personasApi.create(owner, humanPersonaBody({ description: 'x'.repeat(70_000) }));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });
});

describe('GET /api/personas/{id}', () => {
  it('returns the persona', async () => {
    const persona = await createPersona(owner, humanPersonaBody());
    const res = await personasApi.get(owner, persona.id);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(persona);
  });

  it('returns 404 for a persona that does not exist', async () => {
    const res = await personasApi.get(owner, NO_SUCH_ID);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it.each(['not-a-uuid', '123', "1' OR '1'='1"])('returns 400 for the id %j', async (id) => {
    const res = await personasApi.get(owner, id);
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('path/id');
  });
});

describe('PUT /api/personas/{id}', () => {
  it('changes only the fields sent, bumps the version and updatedAt', async () => {
    const persona = await createPersona(owner, aiPersonaBody());
    const res = await personasApi.update(owner, persona.id, {
      version: 1,
      description: 'Now bakes rye.',
      ai: { talkativeness: 0.9 },
      personality: { traits: { wit: null, openness: 10 } },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: persona.name,
      description: 'Now bakes rye.',
      version: 2,
      knowledge: persona.knowledge,
      ai: { ...persona.ai, talkativeness: 0.9 },
      personality: { summary: persona.personality.summary },
    });
    expect(res.body.personality.traits).toEqual({
      ...persona.personality.traits,
      openness: 10,
      wit: undefined,
    });
    expect(Object.keys(res.body.personality.traits)).not.toContain('wit');
    expect(new Date(res.body.updatedAt).getTime()).toBeGreaterThanOrEqual(
      new Date(persona.updatedAt).getTime(),
    );
    expect((await personasApi.get(owner, persona.id)).body).toEqual(res.body);
  });

  it('clears the avatar with null, back to the default one', async () => {
    const persona = await createPersona(owner, humanPersonaBody({ avatarUrl: 'https://example.com/a.png' }));
    const res = await personasApi.update(owner, persona.id, { version: 1, avatarUrl: null });
    expect(res.body.avatarUrl).toMatch(/^data:image\/svg\+xml,/);
  });

  it('returns 409 version_conflict when the version is stale', async () => {
    const persona = await createPersona(owner, humanPersonaBody());
    expect((await personasApi.update(owner, persona.id, { version: 1, name: 'First' })).status).toBe(200);
    const stale = await personasApi.update(owner, persona.id, { version: 1, name: 'Second' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
    expect((await personasApi.get(owner, persona.id)).body.name).toBe('First');
  });

  it('requires the version', async () => {
    const persona = await createPersona(owner, humanPersonaBody());
    const res = await personasApi.update(owner, persona.id, { name: 'No version' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain('body/version');
  });

  it('returns 400 when nothing but the version is sent', async () => {
    const persona = await createPersona(owner, humanPersonaBody());
    expect((await personasApi.update(owner, persona.id, { version: 1 })).status).toBe(400);
  });

  it.each([
    ['the kind', { kind: 'ai' }],
    ['AI settings on a human persona', { ai: { model: 'gpt-4o' } }],
    ['a Big Five trait set to null', { personality: { traits: { openness: null } } }],
    ['a name that is too long', { name: 'x'.repeat(81) }],
    ['a version of the wrong type', { version: '1' }],
    ['an unknown field', { ownerId: NO_SUCH_ID }],
  ])('returns 400 when changing %s', async (_label, change) => {
    const persona = await createPersona(owner, humanPersonaBody());
    const res = await personasApi.update(owner, persona.id, { version: 1, ...change });
    expect(res.status).toBe(400);
  });

  it('returns 404 for a persona that does not exist', async () => {
    expect((await personasApi.update(owner, NO_SUCH_ID, { version: 1, name: 'x' })).status).toBe(404);
  });
});

describe('DELETE /api/personas/{id}', () => {
  it('soft-deletes: the persona disappears from reads and lists but the row stays', async () => {
    const persona = await createPersona(owner, humanPersonaBody({ name: 'Short-lived' }));
    const res = await personasApi.remove(owner, persona.id);
    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();
    expect((await personasApi.get(owner, persona.id)).status).toBe(404);
    const mine = await personasApi.list(owner, { mine: 'true', limit: '100' });
    expect(mine.body.items.map((p: { id: string }) => p.id)).not.toContain(persona.id);
    expect((await personasApi.remove(owner, persona.id)).status).toBe(404);
    expect((await personasApi.update(owner, persona.id, { version: 1, name: 'Back' })).status).toBe(404);
    const { rows } = await query<{ deleted: boolean }>(
      'SELECT deleted_at IS NOT NULL AS deleted FROM personas WHERE id = $1',
      [persona.id],
    );
    expect(rows).toEqual([{ deleted: true }]);
  });
});

describe('authentication', () => {
  it.each([
    ['GET', '/api/personas', undefined, undefined],
    ['POST', '/api/personas', undefined, humanPersonaBody()],
    ['GET', '/api/personas/{id}', NO_SUCH_ID, undefined],
    ['PUT', '/api/personas/{id}', NO_SUCH_ID, { version: 1, name: 'x' }],
    ['DELETE', '/api/personas/{id}', NO_SUCH_ID, undefined],
  ])('%s %s is 401 without claims', async (method, resource, id, body) => {
    const res = await invoke(handler, {
      method,
      resource,
      pathParameters: id ? { id } : undefined,
      body,
    });
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({
      code: 'unauthorized',
      message: expect.any(String),
      requestId: expect.any(String),
    });
  });
});
