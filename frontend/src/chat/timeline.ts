// The chat timeline as a pure reducer: stored messages (deduplicated by id, ordered by seq) plus
// optimistic messages that have not been confirmed yet. An optimistic message disappears the moment
// the stored copy with the same clientMessageId arrives, by whichever path comes first (the POST
// answer or a poll), so a retried send never shows twice.
import type { Message, MessagePage } from '../api/types';

export type PendingStatus = 'sending' | 'failed';

export interface PendingMessage {
  clientMessageId: string;
  personaId: string;
  personaName: string;
  content: string;
  createdAt: string;
  status: PendingStatus;
  error: string | null;
  /** False when the server refused the message outright (retrying would fail the same way). */
  retryable: boolean;
}

export interface TimelineState {
  loaded: boolean;
  messages: Message[];
  pending: PendingMessage[];
  olderCursor: string | null;
  /** When each missing seq was first noticed; see pollAfterSeq. */
  gapsSeenAt: Record<number, number>;
}

export type TimelineAction =
  | { type: 'loaded'; page: MessagePage; now: number }
  | { type: 'olderLoaded'; page: MessagePage; now: number }
  | { type: 'received'; items: Message[]; now: number }
  | { type: 'sendStarted'; message: PendingMessage }
  | { type: 'sendSucceeded'; clientMessageId: string; message: Message; now: number }
  | { type: 'sendFailed'; clientMessageId: string; error: string; retryable: boolean }
  | { type: 'retryStarted'; clientMessageId: string }
  | { type: 'discard'; clientMessageId: string };

export const initialTimeline: TimelineState = {
  loaded: false,
  messages: [],
  pending: [],
  olderCursor: null,
  gapsSeenAt: {},
};

/** Merges stored messages by id, keeps them ordered by seq, and retires matching optimistic ones. */
export function mergeMessages(current: Message[], incoming: Message[]): Message[] {
  if (incoming.length === 0) return current;
  const byId = new Map(current.map((message) => [message.id, message]));
  let changed = false;
  for (const message of incoming) {
    const existing = byId.get(message.id);
    if (existing && existing.seq === message.seq && existing.content === message.content) continue;
    byId.set(message.id, message);
    changed = true;
  }
  if (!changed) return current;
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

function retirePending(pending: PendingMessage[], messages: Message[]): PendingMessage[] {
  const confirmed = new Set(messages.map((message) => message.clientMessageId).filter(Boolean));
  if (confirmed.size === 0) return pending;
  const remaining = pending.filter((message) => !confirmed.has(message.clientMessageId));
  return remaining.length === pending.length ? pending : remaining;
}

/** Records seqs missing between the oldest and newest loaded message, keeping the first time seen. */
function trackGaps(
  messages: Message[],
  previous: Record<number, number>,
  now: number,
): Record<number, number> {
  const gaps: Record<number, number> = {};
  for (let index = 1; index < messages.length; index++) {
    const before = messages[index - 1]!.seq;
    const after = messages[index]!.seq;
    for (let seq = before + 1; seq < after && seq - before <= 50; seq++) gaps[seq] = previous[seq] ?? now;
  }
  return gaps;
}

function withMessages(state: TimelineState, messages: Message[], now: number): TimelineState {
  if (messages === state.messages) return state;
  return {
    ...state,
    messages,
    pending: retirePending(state.pending, messages),
    gapsSeenAt: trackGaps(messages, state.gapsSeenAt, now),
  };
}

export function timelineReducer(state: TimelineState, action: TimelineAction): TimelineState {
  switch (action.type) {
    case 'loaded': {
      const next = withMessages(state, mergeMessages(state.messages, action.page.items), action.now);
      return { ...next, loaded: true, olderCursor: action.page.nextCursor };
    }
    case 'olderLoaded': {
      const next = withMessages(state, mergeMessages(state.messages, action.page.items), action.now);
      return { ...next, olderCursor: action.page.nextCursor };
    }
    case 'received':
      return withMessages(state, mergeMessages(state.messages, action.items), action.now);
    case 'sendStarted':
      if (state.messages.some((message) => message.clientMessageId === action.message.clientMessageId))
        return state;
      return { ...state, pending: [...state.pending, action.message] };
    case 'sendSucceeded': {
      // Retire the optimistic copy explicitly too, in case the stored message omits clientMessageId.
      const next = withMessages(state, mergeMessages(state.messages, [action.message]), action.now);
      return {
        ...next,
        pending: next.pending.filter((message) => message.clientMessageId !== action.clientMessageId),
      };
    }
    case 'sendFailed':
      return updatePending(state, action.clientMessageId, {
        status: 'failed',
        error: action.error,
        retryable: action.retryable,
      });
    case 'retryStarted':
      return updatePending(state, action.clientMessageId, { status: 'sending', error: null });
    case 'discard':
      return {
        ...state,
        pending: state.pending.filter((message) => message.clientMessageId !== action.clientMessageId),
      };
  }
}

function updatePending(
  state: TimelineState,
  clientMessageId: string,
  patch: Partial<PendingMessage>,
): TimelineState {
  if (!state.pending.some((message) => message.clientMessageId === clientMessageId)) return state;
  return {
    ...state,
    pending: state.pending.map((message) =>
      message.clientMessageId === clientMessageId ? { ...message, ...patch } : message,
    ),
  };
}

// A seq can be allocated before its message becomes visible (an AI reply waits for its typing delay),
// so a poll from the newest seq could skip it forever. Poll from just below the oldest recent gap;
// a gap older than this is treated as permanent (nothing will ever fill it).
export const GAP_PATIENCE_MS = 120_000;

export function pollAfterSeq(state: TimelineState, now: number): number {
  const newest = state.messages[state.messages.length - 1]?.seq ?? 0;
  let after = newest;
  for (const [seqText, seenAt] of Object.entries(state.gapsSeenAt)) {
    const seq = Number(seqText);
    if (now - seenAt < GAP_PATIENCE_MS && seq - 1 < after) after = seq - 1;
  }
  return after;
}

export function newClientMessageId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
