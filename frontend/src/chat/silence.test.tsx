import { act, render, screen } from '@testing-library/react';
import type { Message } from '../api/types';
import { SILENCE_MS, unansweredSince, useSilence } from './silence';

const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 10, minute)).toISOString();
const message = (personaId: string | null, minute: number, kind: Message['kind'] = 'text'): Message => ({
  id: `m-${minute}`,
  conversationId: 'c',
  seq: minute,
  personaId,
  personaName: personaId,
  avatarUrl: null,
  content: 'hi',
  kind,
  createdAt: at(minute),
});
const me = new Set(['p-me']);

describe('unansweredSince', () => {
  it('is the time of my latest message when nobody wrote after it', () => {
    expect(unansweredSince([message('p-ada', 1), message('p-me', 2)], me)).toBe(Date.parse(at(2)));
  });

  it('is null once anyone else wrote after me, and ignores system notices', () => {
    expect(unansweredSince([message('p-me', 1), message('p-ada', 2)], me)).toBeNull();
    expect(unansweredSince([message('p-me', 1), message(null, 2, 'system')], me)).toBe(Date.parse(at(1)));
    expect(unansweredSince([], me)).toBeNull();
  });

  it('depends only on who wrote when, so an AI and a person who stay silent read alike', () => {
    // The function never sees a participant's kind; the same timeline gives the same answer.
    const silentPerson = [message('p-person', 1), message('p-me', 2)];
    const silentAi = [message('p-ai', 1), message('p-me', 2)];
    expect(unansweredSince(silentPerson, me)).toBe(unansweredSince(silentAi, me));
  });
});

function Probe({ since, typing }: { since: number | null; typing: boolean }) {
  return <p>{useSilence(since, typing) ? 'silent' : 'waiting'}</p>;
}

describe('useSilence', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('turns on by itself once the silence has lasted long enough, and not while someone types', () => {
    const since = Date.now();
    const { rerender } = render(<Probe since={since} typing={false} />);
    expect(screen.getByText('waiting')).toBeInTheDocument();
    act(() => jest.advanceTimersByTime(SILENCE_MS + 10));
    expect(screen.getByText('silent')).toBeInTheDocument();
    rerender(<Probe since={since} typing={true} />);
    expect(screen.getByText('waiting')).toBeInTheDocument();
    rerender(<Probe since={null} typing={false} />);
    expect(screen.getByText('waiting')).toBeInTheDocument();
  });
});
