import { fireEvent, render, screen, within } from '@testing-library/react';
import { DEFAULT_AVATAR } from '../../test/fakeBackend';
import type { Message, Participant } from '../api/types';
import { MessageList } from './MessageList';

const participants: Participant[] = [
  { personaId: 'p-me', name: 'Sam', avatarUrl: DEFAULT_AVATAR, isMine: true },
  { personaId: 'p-ada', name: 'Ada', avatarUrl: DEFAULT_AVATAR, isMine: false },
];

const message = (seq: number, personaId = 'p-ada'): Message => ({
  id: `m${seq}`,
  conversationId: 'c1',
  seq,
  personaId,
  personaName: personaId === 'p-me' ? 'Sam' : 'Ada',
  avatarUrl: DEFAULT_AVATAR,
  content: `message ${seq}`,
  kind: 'text',
  createdAt: new Date(Date.UTC(2025, 0, 1, 10, seq)).toISOString(),
});

/** jsdom has no layout; give the scroller fixed metrics so scroll logic can run. */
function layout(
  scroller: HTMLElement,
  metrics: { scrollHeight: number | (() => number); clientHeight: number; scrollTop: number },
) {
  const height = metrics.scrollHeight;
  Object.defineProperty(scroller, 'scrollHeight', {
    configurable: true,
    get: () => (typeof height === 'function' ? height() : height),
  });
  Object.defineProperty(scroller, 'clientHeight', { configurable: true, get: () => metrics.clientHeight });
  scroller.scrollTop = metrics.scrollTop;
}

function renderList(messages: Message[], overrides: Partial<Parameters<typeof MessageList>[0]> = {}) {
  const props = {
    messages,
    pending: [],
    participants,
    speakerIds: new Set(['p-me']),
    ownAiIds: new Set<string>(),
    hasOlder: false,
    loadingOlder: false,
    onLoadOlder: jest.fn(),
    onRetry: jest.fn(),
    onDiscard: jest.fn(),
    ...overrides,
  };
  const view = render(<MessageList {...props} />);
  return {
    ...view,
    props,
    rerenderWith: (next: Message[]) => view.rerender(<MessageList {...props} messages={next} />),
  };
}

describe('MessageList', () => {
  it('is a live log whose messages are still list items', () => {
    renderList([message(1), message(2)]);
    const log = screen.getByRole('log', { name: 'Messages' });
    expect(within(log).getByRole('list')).toBeInTheDocument();
    expect(
      within(log)
        .getAllByTestId('message')
        .every((item) => item.tagName === 'LI'),
    ).toBe(true);
    expect(log.tagName).not.toBe('OL');
  });

  it('does not pull a reader of older messages down when a new one arrives', () => {
    const first = [message(1), message(2)];
    const { rerenderWith } = renderList(first);
    const scroller = screen.getByTestId('message-scroller');
    layout(scroller, { scrollHeight: 2000, clientHeight: 500, scrollTop: 300 });
    fireEvent.scroll(scroller);
    rerenderWith([...first, message(3)]);
    expect(scroller.scrollTop).toBe(300);
    expect(screen.getByRole('button', { name: 'New messages ↓' })).toBeInTheDocument();
  });

  it('follows new messages when the reader is at the bottom', () => {
    const first = [message(1), message(2)];
    const { rerenderWith } = renderList(first);
    const scroller = screen.getByTestId('message-scroller');
    layout(scroller, { scrollHeight: 2000, clientHeight: 500, scrollTop: 1480 });
    fireEvent.scroll(scroller);
    rerenderWith([...first, message(3)]);
    expect(scroller.scrollTop).toBe(2000);
    expect(screen.queryByRole('button', { name: 'New messages ↓' })).not.toBeInTheDocument();
  });

  it('always shows your own new message', () => {
    const first = [message(1), message(2)];
    const { rerenderWith } = renderList(first);
    const scroller = screen.getByTestId('message-scroller');
    layout(scroller, { scrollHeight: 2000, clientHeight: 500, scrollTop: 100 });
    fireEvent.scroll(scroller);
    rerenderWith([...first, message(3, 'p-me')]);
    expect(scroller.scrollTop).toBe(2000);
  });

  it('asks for older messages when scrolled near the top', () => {
    const onLoadOlder = jest.fn();
    renderList([message(5), message(6)], { hasOlder: true, onLoadOlder });
    const scroller = screen.getByTestId('message-scroller');
    layout(scroller, { scrollHeight: 2000, clientHeight: 500, scrollTop: 40 });
    onLoadOlder.mockClear();
    fireEvent.scroll(scroller);
    expect(onLoadOlder).toHaveBeenCalled();
  });

  it('keeps the reader in place when older messages are prepended', () => {
    const { rerenderWith } = renderList([message(5), message(6)], { hasOlder: true });
    const scroller = screen.getByTestId('message-scroller');
    // Each message row is 300px tall; the height grows only once the new rows are in the DOM.
    const rowHeight = () => scroller.querySelectorAll('[data-testid="message"]').length * 300;
    layout(scroller, { scrollHeight: rowHeight, clientHeight: 500, scrollTop: 50 });
    rerenderWith([message(3), message(4), message(5), message(6)]);
    expect(scroller.scrollTop).toBe(650);
  });

  it("labels each message with its author and time, and marks the caller's AI persona for them", () => {
    renderList([message(1), { ...message(2), personaId: 'p-bot', personaName: 'Quill' }], {
      ownAiIds: new Set(['p-bot']),
    });
    expect(screen.getByText('Ada')).toBeInTheDocument();
    expect(screen.getByText('your AI')).toBeInTheDocument();
    expect(screen.getAllByRole('listitem').some((item) => item.querySelector('time'))).toBe(true);
  });
});
