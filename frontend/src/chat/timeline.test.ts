import type { Message } from '../api/types';
import {
  GAP_PATIENCE_MS,
  initialTimeline,
  mergeMessages,
  type PendingMessage,
  pollAfterSeq,
  timelineReducer,
} from './timeline';

const message = (seq: number, extra: Partial<Message> = {}): Message => ({
  id: `m${seq}`,
  conversationId: 'c1',
  seq,
  personaId: 'p1',
  personaName: 'Ada',
  avatarUrl: null,
  content: `hello ${seq}`,
  kind: 'text',
  createdAt: new Date(Date.UTC(2025, 0, 1, 10, seq)).toISOString(),
  ...extra,
});

const pending = (clientMessageId: string): PendingMessage => ({
  clientMessageId,
  personaId: 'p-me',
  personaName: 'Sam',
  content: 'hi',
  createdAt: new Date().toISOString(),
  status: 'sending',
  error: null,
  retryable: true,
});

const page = (items: Message[], nextCursor: string | null = null) => ({
  items,
  nextCursor,
  typing: [],
  requests: [],
});

describe('timeline', () => {
  it('keeps messages unique by id and ordered by seq, whatever order they arrive in', () => {
    const merged = mergeMessages([message(2)], [message(3), message(1), message(2)]);
    expect(merged.map((item) => item.seq)).toEqual([1, 2, 3]);
  });

  it('returns the same array when nothing new arrives (no needless re-render)', () => {
    const current = [message(1)];
    expect(mergeMessages(current, [message(1)])).toBe(current);
  });

  it('retires an optimistic message when its stored copy arrives by polling', () => {
    let state = timelineReducer(initialTimeline, { type: 'loaded', page: page([message(1)]), now: 0 });
    state = timelineReducer(state, { type: 'sendStarted', message: pending('cm-1') });
    expect(state.pending).toHaveLength(1);
    state = timelineReducer(state, {
      type: 'received',
      items: [message(2, { clientMessageId: 'cm-1' })],
      now: 0,
    });
    expect(state.pending).toHaveLength(0);
    expect(state.messages.map((item) => item.seq)).toEqual([1, 2]);
  });

  it('shows a message once when the POST answer and a poll both deliver it', () => {
    let state = timelineReducer(initialTimeline, { type: 'sendStarted', message: pending('cm-1') });
    const stored = message(1, { clientMessageId: 'cm-1' });
    state = timelineReducer(state, { type: 'received', items: [stored], now: 0 });
    state = timelineReducer(state, {
      type: 'sendSucceeded',
      clientMessageId: 'cm-1',
      message: stored,
      now: 0,
    });
    expect(state.messages).toHaveLength(1);
    expect(state.pending).toHaveLength(0);
  });

  it('retires the optimistic copy on success even if the stored message omits clientMessageId', () => {
    let state = timelineReducer(initialTimeline, { type: 'sendStarted', message: pending('cm-1') });
    state = timelineReducer(state, {
      type: 'sendSucceeded',
      clientMessageId: 'cm-1',
      message: message(1),
      now: 0,
    });
    expect(state.pending).toHaveLength(0);
    expect(state.messages).toHaveLength(1);
  });

  it('marks a failed send and lets it be retried or discarded', () => {
    let state = timelineReducer(initialTimeline, { type: 'sendStarted', message: pending('cm-1') });
    state = timelineReducer(state, {
      type: 'sendFailed',
      clientMessageId: 'cm-1',
      error: 'offline',
      retryable: true,
    });
    expect(state.pending[0]).toMatchObject({ status: 'failed', error: 'offline' });
    state = timelineReducer(state, { type: 'retryStarted', clientMessageId: 'cm-1' });
    expect(state.pending[0]).toMatchObject({ status: 'sending', error: null });
    state = timelineReducer(state, { type: 'discard', clientMessageId: 'cm-1' });
    expect(state.pending).toHaveLength(0);
  });

  it('prepends older pages and remembers the next older cursor', () => {
    let state = timelineReducer(initialTimeline, {
      type: 'loaded',
      page: page([message(3), message(4)], 'older-1'),
      now: 0,
    });
    state = timelineReducer(state, {
      type: 'olderLoaded',
      page: page([message(1), message(2)], null),
      now: 0,
    });
    expect(state.messages.map((item) => item.seq)).toEqual([1, 2, 3, 4]);
    expect(state.olderCursor).toBeNull();
  });

  it('polls after the newest seq when history has no gaps', () => {
    const state = timelineReducer(initialTimeline, {
      type: 'loaded',
      page: page([message(1), message(2)]),
      now: 0,
    });
    expect(pollAfterSeq(state, 0)).toBe(2);
    expect(pollAfterSeq(initialTimeline, 0)).toBe(0);
  });

  it('polls from below a recent gap so a reply that becomes visible later is not skipped', () => {
    // seq 2 is an AI reply still "typing" (not yet visible) while seq 3 is already shown.
    let state = timelineReducer(initialTimeline, {
      type: 'loaded',
      page: page([message(1), message(3)]),
      now: 1000,
    });
    expect(pollAfterSeq(state, 2000)).toBe(1);
    state = timelineReducer(state, { type: 'received', items: [message(2)], now: 3000 });
    expect(pollAfterSeq(state, 3000)).toBe(3);
  });

  it('gives up on a gap that stays empty for long', () => {
    const state = timelineReducer(initialTimeline, {
      type: 'loaded',
      page: page([message(1), message(3)]),
      now: 0,
    });
    expect(pollAfterSeq(state, GAP_PATIENCE_MS + 1)).toBe(3);
  });
});
