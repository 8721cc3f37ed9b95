// Follows a waiting ticket until it is matched or left. Matching runs inside queue requests, so the ticket is
// polled at its due tick (that poll may be the one that matches it, and its answer says so either way); a
// partner's request that matched it first arrives as a pushed ticket event. While the socket is up nothing
// else is needed but a slow safety net; without it the ticket is polled as before. Events are not replayed,
// so after every (re)connect the queue is read once. Framework-free, so it is tested with a fake socket.
import type { Ticket } from '../api/types';
import { nextReadDelay, QUEUE_POLL_MS } from '../realtime/pace';
import type { SocketState } from '../realtime/socket';

/** What the watcher needs of the app's RealtimeSocket. */
export interface TicketEvents {
  readonly current: SocketState;
  onTicket(listener: (ticket: Ticket) => void): () => void;
  onState(listener: (state: SocketState) => void): () => void;
}

const settled = (ticket: Ticket) => ticket.status !== 'waiting';

/**
 * The newer of two views of the player's ticket: a settled one (matched, left) over a waiting one, a later
 * ticket over an earlier one. So a slow poll answer never undoes a pushed match, nor a late event for an
 * old ticket replace the one just queued.
 */
export function laterTicket(current: Ticket | null, incoming: Ticket): Ticket {
  if (!current) return incoming;
  if (incoming.id !== current.id)
    return Date.parse(incoming.queuedAt) > Date.parse(current.queuedAt) ? incoming : current;
  return settled(incoming) && !settled(current) ? incoming : current;
}

/** Where a ticket takes the player: its round once matched, else nowhere yet. */
export function roundPathOf(ticket: Ticket | null): string | null {
  return ticket?.status === 'matched' && ticket.conversationId ? `/play/${ticket.conversationId}` : null;
}

/**
 * When to read the queue next, in ms (null: never, the ticket is settled): at its due tick (past it, a
 * concurrent matching pass may have skipped it, so at the queue's pace until it is matched).
 */
export function ticketPollDelay(ticket: Ticket, now: number, socketUp: boolean): number | null {
  if (settled(ticket)) return null;
  return nextReadDelay(ticket.matchDeadline, now, socketUp, QUEUE_POLL_MS);
}

export interface TicketWatchOptions {
  poll: () => Promise<Ticket>;
  socket: TicketEvents | null;
  /** Every newer view of the ticket, pushed or polled. */
  onChange: (ticket: Ticket) => void;
  onError: (error: unknown) => void;
  now?: () => number;
}

/** Follows `initial` until it is settled or the returned stop is called. */
export function watchTicket(initial: Ticket, options: TicketWatchOptions): () => void {
  const { poll, socket, onChange, onError, now = Date.now } = options;
  let ticket = initial;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight = false;
  let again = false;

  const clear = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  const take = (incoming: Ticket) => {
    if (stopped) return;
    const next = laterTicket(ticket, incoming);
    if (next === ticket) return;
    ticket = next;
    onChange(ticket);
    if (ticketPollDelay(ticket, now(), false) === null) stop();
    else schedule();
  };
  const schedule = () => {
    clear();
    if (stopped) return;
    const delay = ticketPollDelay(ticket, now(), socket?.current === 'open');
    if (delay !== null) timer = setTimeout(() => void pollNow(), delay);
  };
  // One request at a time; an ask while one is out repeats it once it is back.
  const pollNow = async (): Promise<void> => {
    if (stopped) return;
    if (inFlight) {
      again = true;
      return;
    }
    clear();
    inFlight = true;
    try {
      take(await poll());
    } catch (error) {
      if (!stopped) onError(error);
    } finally {
      inFlight = false;
    }
    if (again) {
      again = false;
      return pollNow();
    }
    schedule();
  };

  const offTicket = socket?.onTicket(take);
  // Up again: catch up on what was pushed meanwhile. Down: back to the normal pace.
  const offState = socket?.onState((state) => (state === 'open' ? void pollNow() : schedule()));
  function stop() {
    stopped = true;
    clear();
    offTicket?.();
    offState?.();
  }
  schedule();
  return stop;
}
