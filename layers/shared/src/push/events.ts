/**
 * The events pushed over the WebSocket API (DESIGN §12). Payloads are the same view objects the HTTP API
 * returns, rendered for one viewer; this module only fixes the envelope, so the domain owns the views.
 */

import type { Viewer } from '../auth/viewer';

/** Who an event is rendered for: the same Viewer every HTTP view is rendered for. */
export type { Viewer };

/** A persona shown as typing, as the HTTP message list returns it. */
export interface TypingEntry {
  personaId: string;
  name: string;
}

export interface MessageEvent<M = unknown> {
  type: 'message';
  message: M;
}

export interface TypingEvent {
  type: 'typing';
  conversationId: string;
  typing: TypingEntry[];
}

export interface RoundEvent<R = unknown> {
  type: 'round';
  conversationId: string;
  round: R;
}

export interface TicketEvent<T = unknown> {
  type: 'ticket';
  ticket: T;
}

/** The viewer's requests to reply in a conversation changed: the feed's `requests`, whole. */
export interface RequestsEvent<Q = unknown> {
  type: 'requests';
  conversationId: string;
  requests: Q[];
}

export type PushEvent = MessageEvent | TypingEvent | RoundEvent | TicketEvent | RequestsEvent;

/** Renders an event for one viewer; undefined sends them nothing. */
export type Render<E extends PushEvent = PushEvent> = (viewer: Viewer) => E | undefined;
