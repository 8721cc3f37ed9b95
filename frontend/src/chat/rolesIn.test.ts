import { DEFAULT_AVATAR, makeConversation, makeMe } from '../../test/fakeBackend';
import { rolesIn } from './ConversationPage';

describe('rolesIn', () => {
  const me = makeMe();
  const myAi = { ...me.personas[0]!, id: 'p-my-ai', name: 'Quill', kind: 'ai' as const };
  const conversation = makeConversation({
    participants: [
      { personaId: 'p-me', name: 'Sam', avatarUrl: DEFAULT_AVATAR, isMine: true },
      { personaId: 'p-my-ai', name: 'Quill', avatarUrl: DEFAULT_AVATAR, isMine: true },
      { personaId: 'p-ada', name: 'Ada', avatarUrl: DEFAULT_AVATAR, isMine: false },
    ],
  });

  it('speaks as your human persona and treats your AI persona as a replier', () => {
    const roles = rolesIn(conversation, [me.personas[0]!, myAi]);
    expect(roles.speakers.map((p) => p.personaId)).toEqual(['p-me']);
    expect([...roles.ownAiIds]).toEqual(['p-my-ai']);
    expect(roles.askable.map((p) => p.personaId)).toEqual(['p-my-ai', 'p-ada']);
  });

  it("offers every other person's persona for a reply, since their kind is unknown", () => {
    const roles = rolesIn(conversation, [me.personas[0]!, myAi]);
    expect(roles.askable.some((p) => p.personaId === 'p-ada')).toBe(true);
    expect(roles.askable.some((p) => p.personaId === 'p-me')).toBe(false);
  });
});
