import { apiWith, jsonResponse, makeMe } from '../../test/fakeBackend';
import type { Persona } from '../api/types';
import { automaticTitle, NobodyToTalkTo, pickPartners, quickStart } from './quickStart';

const persona = (id: string, name: string): Persona => ({ ...makeMe().personas[0]!, id, name });
const directory = [
  persona('p-me', 'Sam'),
  persona('p-ada', 'Ada'),
  persona('p-dex', 'Dex'),
  persona('p-mo', 'Mo'),
];

describe('automaticTitle', () => {
  it('names who joins', () => {
    expect(automaticTitle(['Ada'])).toBe('Chat with Ada');
    expect(automaticTitle(['Ada', 'Dex', 'Mo'])).toBe('Chat with Ada, Dex and Mo');
  });

  it('stays within the title limit', () => {
    expect(automaticTitle(['x'.repeat(200)]).length).toBe(120);
  });
});

describe('pickPartners', () => {
  it('never picks your own personas', () => {
    const picked = pickPartners(directory, new Set(['p-me']), 3, () => 0.99);
    expect(picked.map((p) => p.id).sort()).toEqual(['p-ada', 'p-dex', 'p-mo']);
    expect(pickPartners(directory, new Set(['p-me']), 2, () => 0)).toHaveLength(2);
  });
});

describe('quickStart', () => {
  it('starts a chat as your persona with two others and a title from their names', async () => {
    const { api, calls } = apiWith((call) => {
      if (call.path === '/api/personas') return jsonResponse(200, { items: directory, nextCursor: null });
      if (call.path === '/api/conversations') return jsonResponse(201, { id: 'new' });
      return jsonResponse(404);
    });
    await quickStart(
      api,
      makeMe(),
      async () => {},
      () => 0,
    );
    const body = calls.find((call) => call.path === '/api/conversations')?.body as {
      title: string;
      participantPersonaIds: string[];
    };
    expect(body.participantPersonaIds[0]).toBe('p-me');
    expect(body.participantPersonaIds).toHaveLength(3);
    expect(body.participantPersonaIds.slice(1)).not.toContain('p-me');
    expect(body.title).toMatch(/^Chat with \w+ and \w+$/);
  });

  it('makes you a persona named after you when you have none', async () => {
    const me = { ...makeMe(), personas: [] };
    const refresh = jest.fn(async () => {});
    const { api, calls } = apiWith((call) => {
      if (call.path === '/api/personas' && call.method === 'GET')
        return jsonResponse(200, { items: [persona('p-ada', 'Ada')], nextCursor: null });
      if (call.path === '/api/personas') return jsonResponse(201, persona('p-new', 'Sam'));
      return jsonResponse(201, { id: 'new' });
    });
    await quickStart(api, me, refresh);
    const created = calls.find((call) => call.path === '/api/personas' && call.method === 'POST');
    expect(created?.body).toMatchObject({ name: 'Sam', kind: 'human', visibility: 'private' });
    expect(refresh).toHaveBeenCalled();
    const conversation = calls.find((call) => call.path === '/api/conversations')?.body;
    expect(conversation).toMatchObject({ participantPersonaIds: ['p-new', 'p-ada'] });
  });

  it('says so when there is nobody else to talk to', async () => {
    const { api } = apiWith(() => jsonResponse(200, { items: [persona('p-me', 'Sam')], nextCursor: null }));
    await expect(quickStart(api, makeMe(), async () => {})).rejects.toBeInstanceOf(NobodyToTalkTo);
  });
});
