// The WebSocket client: one socket per signed-in tab, following the conversations that are open. It
// reconnects with backoff, re-subscribes after every (re)connect and then asks each follower to catch up
// over HTTP (?after=), because events sent while it was away are not replayed. Framework-free, so the
// reconnect and resubscribe rules are tested without React.
import type { Message, ReplyRequestEntry, Round, Ticket, TypingEntry } from '../api/types';
import { PING_INTERVAL_MS } from './pace';

export type SocketState = 'connecting' | 'open' | 'down' | 'closed';

export type ServerEvent =
  | { type: 'message'; message: Message }
  | { type: 'typing'; conversationId: string; typing: TypingEntry[] }
  | { type: 'round'; conversationId: string; round: Round }
  | { type: 'requests'; conversationId: string; requests: ReplyRequestEntry[] }
  | { type: 'ticket'; ticket: Ticket }
  | { type: 'subscribed' | 'unsubscribed'; conversationId: string }
  | { type: 'pong' }
  | { type: 'error'; action?: string; conversationId?: string; error: { code: string; message: string } };

export interface ConversationFollower {
  onEvent(event: ServerEvent): void;
  /** Subscribed (again): whatever happened before now must be fetched over HTTP once. */
  onLive(): void;
}

export interface SocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface RealtimeOptions {
  url: string;
  getToken: () => Promise<string | null>;
  createSocket?: (url: string) => SocketLike;
  /** API Gateway drops a socket after 10 idle minutes; a ping before that keeps it. */
  pingIntervalMs?: number;
  maxBackoffMs?: number;
  random?: () => number;
}

const OPEN = 1;

export class RealtimeSocket {
  private socket: SocketLike | null = null;
  private state: SocketState = 'closed';
  private readonly followers = new Map<string, Set<ConversationFollower>>();
  private readonly live = new Set<string>();
  private readonly stateListeners = new Set<(state: SocketState) => void>();
  private readonly ticketListeners = new Set<(ticket: Ticket) => void>();
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private stopped = true;

  constructor(private readonly options: RealtimeOptions) {}

  get current(): SocketState {
    return this.state;
  }

  /** Whether events for this conversation arrive now (open and subscribed). */
  isLive(conversationId: string): boolean {
    return this.state === 'open' && this.live.has(conversationId);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.clearTimers();
    this.live.clear();
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, 'signed out');
    this.setState('closed');
  }

  onState(listener: (state: SocketState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** The player's ticket changed (sent to every connection of theirs, without a subscription). */
  onTicket(listener: (ticket: Ticket) => void): () => void {
    this.ticketListeners.add(listener);
    return () => this.ticketListeners.delete(listener);
  }

  follow(conversationId: string, follower: ConversationFollower): () => void {
    let set = this.followers.get(conversationId);
    if (!set) {
      set = new Set();
      this.followers.set(conversationId, set);
      this.send({ action: 'subscribe', conversationId });
    } else if (this.live.has(conversationId)) {
      follower.onLive();
    }
    set.add(follower);
    return () => {
      const current = this.followers.get(conversationId);
      current?.delete(follower);
      if (current && current.size === 0) {
        this.followers.delete(conversationId);
        this.live.delete(conversationId);
        this.send({ action: 'unsubscribe', conversationId });
      }
    };
  }

  private send(message: Record<string, string>): void {
    if (this.socket?.readyState === OPEN) this.socket.send(JSON.stringify(message));
  }

  private setState(state: SocketState): void {
    if (this.state === state) return;
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }

  private clearTimers(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    if (this.pingTimer !== null) clearInterval(this.pingTimer);
    this.retryTimer = null;
    this.pingTimer = null;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    this.setState('connecting');
    let token: string | null = null;
    try {
      token = await this.options.getToken();
    } catch {
      token = null;
    }
    if (this.stopped) return;
    if (!token) return this.retry();
    const url = `${this.options.url}${this.options.url.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;
    let socket: SocketLike;
    try {
      socket = (this.options.createSocket ?? ((u) => new WebSocket(u) as unknown as SocketLike))(url);
    } catch {
      return this.retry();
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.failures = 0;
      this.setState('open');
      for (const conversationId of this.followers.keys()) this.send({ action: 'subscribe', conversationId });
      this.pingTimer = setInterval(
        () => this.send({ action: 'ping' }),
        this.options.pingIntervalMs ?? PING_INTERVAL_MS,
      );
    };
    socket.onmessage = (event) => {
      if (this.socket === socket && typeof event.data === 'string') this.receive(event.data);
    };
    socket.onerror = () => undefined;
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.live.clear();
      this.clearTimers();
      this.retry();
    };
  }

  private retry(): void {
    if (this.stopped) return;
    this.setState('down');
    this.failures++;
    const base = Math.min(this.options.maxBackoffMs ?? 30_000, 1000 * 2 ** Math.min(this.failures - 1, 5));
    const delay = base / 2 + (this.options.random ?? Math.random)() * (base / 2);
    this.retryTimer = setTimeout(() => void this.connect(), delay);
  }

  private receive(data: string): void {
    let event: ServerEvent;
    try {
      event = JSON.parse(data) as ServerEvent;
    } catch {
      return;
    }
    const conversationId =
      event.type === 'message'
        ? event.message.conversationId
        : 'conversationId' in event
          ? event.conversationId
          : undefined;
    if (event.type === 'ticket') {
      for (const listener of this.ticketListeners) listener(event.ticket);
      return;
    }
    if (!conversationId) return;
    const followers = this.followers.get(conversationId);
    if (!followers) return;
    if (event.type === 'subscribed') {
      this.live.add(conversationId);
      for (const follower of followers) follower.onLive();
      return;
    }
    if (event.type === 'error' && event.action === 'subscribe') this.live.delete(conversationId);
    for (const follower of followers) follower.onEvent(event);
  }
}
