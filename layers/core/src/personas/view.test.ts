import type { PersonaRow } from './types';
import { toPersonaView } from './view';

const base: PersonaRow = {
  id: '00000000-0000-4000-8000-000000000001',
  owner_id: '00000000-0000-4000-8000-0000000000aa',
  name: 'Robin',
  kind: 'human',
  description: 'Likes boats.',
  personality: { traits: { openness: 60 }, summary: 'calm' },
  knowledge: ['boats'],
  communication_style: 'casual',
  avatar_url: null,
  visibility: 'public',
  ai: null,
  version: 3,
  deleted_at: null,
  created_at: new Date('2026-01-01T00:00:00Z'),
  updated_at: new Date('2026-01-02T00:00:00Z'),
};
const aiRow: PersonaRow = {
  ...base,
  id: '00000000-0000-4000-8000-000000000002',
  kind: 'ai',
  ai: {
    model: 'm',
    temperature: 1,
    maxTokens: 100,
    systemPrompt: 'secret',
    typingWpm: 40,
    talkativeness: 0.5,
  },
};
const owner = { userId: base.owner_id!, isAdmin: false };
const stranger = { userId: '00000000-0000-4000-8000-0000000000bb', isAdmin: false };
const admin = { userId: '00000000-0000-4000-8000-0000000000cc', isAdmin: true };

describe('toPersonaView', () => {
  it('shows a human and an AI persona to a stranger with exactly the same keys', () => {
    const human = toPersonaView(base, stranger);
    const ai = toPersonaView(aiRow, stranger);
    expect(Object.keys(ai).sort()).toEqual(Object.keys(human).sort());
    expect(Object.keys(ai.personality).sort()).toEqual(Object.keys(human.personality).sort());
    expect(JSON.stringify(ai)).not.toMatch(/secret|"kind"|"ai"|ownerId|version|visibility/);
  });

  it('shows the owner and admins everything', () => {
    for (const viewer of [owner, admin]) {
      expect(toPersonaView(aiRow, viewer)).toMatchObject({
        kind: 'ai',
        ai: { systemPrompt: 'secret' },
        ownerId: base.owner_id,
        visibility: 'public',
        version: 3,
      });
    }
  });

  it('treats a house persona (no owner) as nobody’s but the admins’', () => {
    const house = { ...aiRow, owner_id: null };
    expect(toPersonaView(house, stranger)).not.toHaveProperty('kind');
    expect(toPersonaView(house, admin)).toHaveProperty('kind', 'ai');
  });
});
