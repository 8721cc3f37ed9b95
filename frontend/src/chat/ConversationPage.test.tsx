import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  apiWith,
  ChatBackend,
  CONVERSATION_ID,
  DEFAULT_AVATAR,
  jsonResponse,
  OTHER_PERSONA,
} from '../../test/fakeBackend';
import { renderWithSession } from '../../test/renderWithSession';
import ConversationPage from './ConversationPage';

function setup(backend = new ChatBackend()) {
  const { api, calls } = apiWith(backend.handler);
  renderWithSession(<ConversationPage />, {
    api,
    path: '/conversations/:conversationId',
    route: `/conversations/${CONVERSATION_ID}`,
  });
  return { backend, calls };
}

const messageTexts = () =>
  screen.queryAllByTestId('message').map((item) => item.querySelector('.message__bubble')?.textContent);

describe('ConversationPage', () => {
  it('shows the history with author names', async () => {
    const backend = new ChatBackend();
    backend.add(OTHER_PERSONA, 'Ada', 'Is free will an illusion?');
    setup(backend);
    expect(await screen.findByText('Is free will an illusion?')).toBeInTheDocument();
    expect(within(screen.getByRole('log')).getByText('Ada')).toBeInTheDocument();
  });

  it('shows a sent message at once, then keeps exactly one stored copy', async () => {
    const { backend } = setup();
    await screen.findByText('Say hello');
    await userEvent.type(screen.getByLabelText('Message'), 'Hi Ada{Enter}');
    expect(screen.getByText('Hi Ada')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByTestId('pending-message')).not.toBeInTheDocument());
    expect(messageTexts()).toEqual(['Hi Ada']);
    expect(backend.messages).toHaveLength(1);
  });

  it('retries a send whose answer was lost without storing or showing it twice', async () => {
    const backend = new ChatBackend();
    backend.loseAnswers = 1;
    const { calls } = setup(backend);
    await screen.findByText('Say hello');
    await userEvent.type(screen.getByLabelText('Message'), 'Are you there?{Enter}');
    await waitFor(() => expect(screen.queryByTestId('pending-message')).not.toBeInTheDocument(), {
      timeout: 4000,
    });
    const posts = calls.filter((call) => call.method === 'POST' && call.path.endsWith('/messages'));
    expect(posts.length).toBeGreaterThanOrEqual(2);
    const ids = new Set(posts.map((call) => (call.body as { clientMessageId: string }).clientMessageId));
    expect(ids.size).toBe(1);
    expect(backend.messages).toHaveLength(1);
    expect(messageTexts()).toEqual(['Are you there?']);
  });

  it('offers Retry after repeated network failures, and the retry reuses the same clientMessageId', async () => {
    const backend = new ChatBackend();
    backend.failPosts = ['network-error', 'network-error', 'network-error'];
    const { calls } = setup(backend);
    await screen.findByText('Say hello');
    await userEvent.type(screen.getByLabelText('Message'), 'Hello?{Enter}');
    const retry = await screen.findByRole('button', { name: 'Retry' }, { timeout: 5000 });
    expect(screen.getByText(/could not reach the server/i)).toBeInTheDocument();
    await userEvent.click(retry);
    await waitFor(() => expect(screen.queryByTestId('pending-message')).not.toBeInTheDocument());
    const posts = calls.filter((call) => call.method === 'POST' && call.path.endsWith('/messages'));
    expect(
      new Set(posts.map((call) => (call.body as { clientMessageId: string }).clientMessageId)).size,
    ).toBe(1);
    expect(messageTexts()).toEqual(['Hello?']);
  }, 10_000);

  it('does not retry a message the API refused, and shows why with the request id', async () => {
    const backend = new ChatBackend();
    backend.failPosts = [409];
    const { calls } = setup(backend);
    await screen.findByText('Say hello');
    await userEvent.type(screen.getByLabelText('Message'), 'Late{Enter}');
    expect(await screen.findByText(/Failed with 409 \(request req-9\)/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Retry' })).not.toBeInTheDocument();
    expect(calls.filter((call) => call.method === 'POST' && call.path.endsWith('/messages'))).toHaveLength(1);
  });

  it('polls with the ETag it was given and treats 304 as nothing new', async () => {
    const { backend, calls } = setup();
    await screen.findByText('Say hello');
    const polls = () => calls.filter((call) => call.query.get('after') !== null);
    await waitFor(() => expect(polls().length).toBeGreaterThanOrEqual(2), { timeout: 6000 });
    const [first, second] = polls();
    expect(first!.headers['If-None-Match']).toBeUndefined();
    expect(second!.headers['If-None-Match']).toBe(backend.etagFor([]));
    await act(async () => {
      backend.add(OTHER_PERSONA, 'Ada', 'A new thought');
    });
    expect(await screen.findByText('A new thought', undefined, { timeout: 6000 })).toBeInTheDocument();
  }, 15_000);

  it('shows who is typing, but never the caller themself', async () => {
    const backend = new ChatBackend();
    backend.typing = [
      { personaId: OTHER_PERSONA, name: 'Ada' },
      { personaId: 'p-me', name: 'Sam' },
    ];
    setup(backend);
    expect(await screen.findByText('Ada is typing…')).toBeInTheDocument();
  });

  it('asks a participant to reply, says so, and shows the reply when it comes through the feed', async () => {
    const { calls } = setup();
    await userEvent.click(await screen.findByRole('button', { name: 'Ask Ada to reply' }));
    expect(await screen.findByTestId('asked-notice')).toHaveTextContent('Asked Ada to reply.');
    expect(
      await screen.findByText('I was asked to reply.', undefined, { timeout: 6000 }),
    ).toBeInTheDocument();
    const ask = calls.find((call) => call.path === '/api/ai/generate-response');
    expect(ask?.body).toEqual({ conversationId: CONVERSATION_ID, personaId: OTHER_PERSONA });
  }, 15_000);

  it('shows a person that someone asked them to reply', async () => {
    const backend = new ChatBackend();
    backend.requests = [{ personaId: 'p-me', requestedAt: new Date().toISOString() }];
    setup(backend);
    expect(await screen.findByTestId('reply-request')).toHaveTextContent('Someone asked you to reply.');
  });

  it('offers no "ask to reply" in a game round, for any participant', async () => {
    const backend = new ChatBackend();
    backend.conversation = { ...backend.conversation, mode: 'game' };
    setup(backend);
    expect(await screen.findByRole('textbox')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /ask .* to reply/i })).not.toBeInTheDocument();
  });

  it.each([
    [404, 'not_found', 'AI participant not found'],
    [409, 'conflict', 'The AI is already replying'],
    [403, 'forbidden', 'That persona is played by a person'],
  ])(
    'says the same neutral words when an ask fails with %i, whatever the API said',
    async (status, code, said) => {
      const backend = new ChatBackend();
      backend.failAsks = [{ status, code, message: said }];
      setup(backend);
      await userEvent.click(await screen.findByRole('button', { name: 'Ask Ada to reply' }));
      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent('Could not ask for a reply just now. Try again in a moment.');
      expect(alert.textContent).not.toMatch(/\bAI\b|person|human/i);
      expect(alert).toHaveTextContent('req-ask');
    },
  );

  it('offers every participant the caller does not play the same controls and labels', async () => {
    const backend = new ChatBackend();
    const HOUSE = '9d3c1f6a-2b4e-4c7d-8e9f-0a1b2c3d4e5f';
    backend.conversation = {
      ...backend.conversation,
      participants: [
        ...backend.conversation.participants,
        { personaId: HOUSE, name: 'Bo', avatarUrl: DEFAULT_AVATAR, isMine: false },
      ],
    };
    backend.add(OTHER_PERSONA, 'Ada', 'hi all');
    backend.add(HOUSE, 'Bo', 'hey');
    setup(backend);
    const ada = await screen.findByRole('button', { name: 'Ask Ada to reply' });
    const bo = screen.getByRole('button', { name: 'Ask Bo to reply' });
    expect(bo.outerHTML.replaceAll('Bo', 'X')).toBe(ada.outerHTML.replaceAll('Ada', 'X'));
    await screen.findByText('hey');
    // Nothing on the page names a kind for personas the caller does not own.
    expect(document.body.textContent).not.toMatch(/\bAI\b|\bbot\b|\bhuman\b/i);
  });

  it('shows an asked reply only when it arrives through the feed, like any message', async () => {
    const backend = new ChatBackend();
    const { calls } = setup(backend);
    await userEvent.click(await screen.findByRole('button', { name: 'Ask Ada to reply' }));
    expect(await screen.findByText('I was asked to reply.')).toBeInTheDocument();
    const ask = calls.findIndex((call) => call.path === '/api/ai/generate-response');
    const poll = calls.findIndex((call, i) => i > ask && call.query.get('after') !== null);
    expect(poll).toBeGreaterThan(ask);
  });

  it('disables the composer once the conversation has ended', async () => {
    const backend = new ChatBackend();
    backend.conversation = { ...backend.conversation, status: 'ended' };
    setup(backend);
    expect(await screen.findByPlaceholderText('This conversation has ended.')).toBeDisabled();
    expect(screen.queryByRole('button', { name: /ask ada/i })).not.toBeInTheDocument();
  });

  it('says "not found", calmly and without a request id, for a conversation the caller cannot see', async () => {
    const { api } = apiWith(() =>
      jsonResponse(404, {
        error: { code: 'not_found', message: 'Conversation not found', requestId: 'req-x' },
      }),
    );
    renderWithSession(<ConversationPage />, {
      api,
      path: '/conversations/:conversationId',
      route: `/conversations/${CONVERSATION_ID}`,
    });
    expect(await screen.findByRole('heading', { name: 'Conversation not found' })).toBeInTheDocument();
    expect(screen.queryByText('req-x')).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
  });

  it('treats an address that is not an id as not found, without asking the API', async () => {
    const { api, calls } = apiWith(() =>
      jsonResponse(400, { error: { code: 'x', message: 'Invalid path' } }),
    );
    renderWithSession(<ConversationPage />, {
      api,
      path: '/conversations/:conversationId',
      route: '/conversations/not-an-id',
    });
    expect(await screen.findByRole('heading', { name: 'Conversation not found' })).toBeInTheDocument();
    expect(screen.queryByText(/Invalid path/)).not.toBeInTheDocument();
    expect(calls.filter((call) => call.path.startsWith('/api/conversations'))).toEqual([]);
  });

  it('names every participant in the details panel and renames the conversation', async () => {
    const { backend, calls } = setup();
    const toggle = await screen.findByRole('button', { name: 'Conversation details' });
    expect(screen.getByText('Sam (you), Ada')).toBeInTheDocument();
    await userEvent.click(toggle);
    const details = screen.getByRole('region', { name: 'Conversation details' });
    expect(within(details).getByText('Ada')).toBeInTheDocument();
    expect(within(details).getByText('Free will')).toBeInTheDocument();
    const title = within(details).getByLabelText('Title');
    await userEvent.clear(title);
    await userEvent.type(title, 'Small hours{Enter}');
    expect(await screen.findByRole('heading', { level: 1, name: 'Small hours' })).toBeInTheDocument();
    expect(calls.find((call) => call.method === 'PUT')?.body).toEqual({ title: 'Small hours' });
    expect(backend.conversation.title).toBe('Small hours');
  });
});
