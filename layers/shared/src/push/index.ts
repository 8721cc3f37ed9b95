/**
 * `@amianai/shared/push`: events to WebSocket clients (DESIGN §12). Emission points call one helper after
 * their transaction commits; each helper renders per viewer, never throws and costs one indexed query when
 * nobody is connected.
 */

import type { Render, RequestsEvent, RoundEvent, TicketEvent, Viewer } from './events';
import { type PushReport, pushAllToConversation, pushToConversation, pushToUser } from './fanout';
import { pushEnabled } from './management';
import { readTyping, type TypingSources, typingFor } from './typing';

export {
  CONNECTION_LIFETIME_SECONDS,
  type Connection,
  connectionsFollowing,
  connectionsOfUser,
  findConnection,
  MAX_SUBSCRIPTIONS,
  removeConnections,
  type SubscribeOutcome,
  saveConnection,
  subscribe,
  unsubscribe,
} from './connections';
export type {
  MessageEvent,
  PushEvent,
  Render,
  RequestsEvent,
  RoundEvent,
  TicketEvent,
  TypingEntry,
  TypingEvent,
  Viewer,
} from './events';
export { type PushReport, pushAllToConversation, pushToConversation, pushToUser } from './fanout';
export { authorizerContext, type ConnectIdentity, identityFromAuthorizer } from './identity';
export { postToConnection, pushEnabled, resetManagementClient } from './management';
export { readTyping, type TypingSnapshot, type TypingSources, typingFor } from './typing';

const NONE: PushReport = { sent: 0, gone: 0, failed: 0 };

/**
 * Committed messages, in seq order, each rendered by `view` (the HTTP message view) for every viewer.
 * Call after the commit: a follower must never receive a message a poll could not yet return.
 */
export function pushMessages<T extends { seq: number }>(
  conversationId: string,
  items: readonly T[],
  view: (item: T, viewer: Viewer) => unknown,
): Promise<PushReport> {
  if (items.length === 0) return Promise.resolve(NONE);
  const ordered = [...items].sort((a, b) => a.seq - b.seq);
  return pushAllToConversation(
    conversationId,
    ordered.map(
      (item): Render =>
        (viewer) => ({ type: 'message', message: view(item, viewer) }),
    ),
  );
}

/**
 * The conversation's typing list changed (someone started, or an AI reply is being typed). `startedBy`, the
 * user whose heartbeat started it, is not sent the event: their own list (which never shows them) is unchanged.
 */
export async function pushTyping(
  conversationId: string,
  sources: TypingSources,
  startedBy?: string,
): Promise<PushReport> {
  if (!pushEnabled()) return NONE;
  let snapshot: Awaited<ReturnType<typeof readTyping>>;
  try {
    snapshot = await readTyping(conversationId, sources);
  } catch {
    return NONE;
  }
  return pushToConversation(conversationId, (viewer) =>
    viewer.userId === startedBy
      ? undefined
      : { type: 'typing', conversationId, typing: typingFor(snapshot, viewer) },
  );
}

/**
 * A round's phase changed. `view` renders the round as GET /api/conversations/{id} shows it to that viewer
 * (undefined sends that viewer nothing); it must apply the game's integrity rules, as the HTTP view does.
 */
export function pushRound<R>(
  conversationId: string,
  view: (viewer: Viewer) => R | undefined,
): Promise<PushReport> {
  return pushToConversation(conversationId, (viewer) => {
    const round = view(viewer);
    return round === undefined
      ? undefined
      : ({ type: 'round', conversationId, round } satisfies RoundEvent<R>);
  });
}

/** A player's ticket changed (matched, left): sent to every connection of that player only. */
export function pushTicket<T>(userId: string, ticket: T): Promise<PushReport> {
  return pushToUser(userId, () => ({ type: 'ticket', ticket }) satisfies TicketEvent<T>);
}

/**
 * Someone asked `userId` to reply in a conversation: their connections following it get the list of
 * requests addressed to them there, as their GET …/messages returns it in `requests`. Nobody else hears
 * of it (the person who asked cannot tell a person's request from an AI's job).
 */
export function pushRequests<Q>(conversationId: string, userId: string, requests: Q[]): Promise<PushReport> {
  return pushToConversation(conversationId, (viewer) =>
    viewer.userId === userId
      ? ({ type: 'requests', conversationId, requests } satisfies RequestsEvent<Q>)
      : undefined,
  );
}
