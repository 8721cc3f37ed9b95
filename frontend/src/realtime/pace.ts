// How often the web app talks to the API while a socket carries a conversation, in one place so the
// request-count benchmark reads the same numbers the app runs on.

/** Polling without a socket (chat/poller.ts defaults): every 2 s, 1 s after a poll that brought news. */
export const POLL_INTERVAL_MS = 2_000;
export const ACTIVE_POLL_INTERVAL_MS = 1_000;
/**
 * Safety-net polling while the socket is up (the design asks for no faster than 15 s). It only catches what
 * a push missed without leaving a seq gap (a gap is caught at once by the next event), so a minute is enough.
 */
export const SAFETY_NET_POLL_MS = 60_000;
/** A shown typing list with no news for this long is checked over HTTP (heartbeats expire after 6 s). */
export const TYPING_RECHECK_MS = 8_000;
/** The socket must stay down this long before the page says so; polling covers short blips. */
export const TROUBLE_AFTER_MS = 10_000;
/** API Gateway drops a WebSocket after 10 idle minutes; a ping well before that keeps it. */
export const PING_INTERVAL_MS = 5 * 60_000;

/** The game without a socket (today's pace): a waiting ticket every 1.5 s, a round every 3 s. */
export const QUEUE_POLL_MS = 1_500;
export const ROUND_POLL_MS = 3_000;
/**
 * The game's safety net while the socket is up. Shorter than chat's: a round lasts minutes and its phase
 * changes are few, so a missed one should cost seconds; the design's floor is 15 s.
 */
export const GAME_SAFETY_NET_POLL_MS = 15_000;
/** Ask a little after a due time, so the server's clock has passed it too when the request arrives. */
export const DUE_MARGIN_MS = 250;

/**
 * When to read a game object (a waiting ticket, a round) next, in ms: at its due time plus the margin, or sooner
 * at `pollMs` — the safety net instead while the socket is up. Past the due time the state should have moved,
 * so something is off (a clock ahead of the server's, a missed event): read at `pollMs` until it has.
 */
export function nextReadDelay(dueAt: string, now: number, socketUp: boolean, pollMs: number): number {
  const due = Date.parse(dueAt) + DUE_MARGIN_MS;
  if (now >= due) return pollMs;
  return Math.min(due - now, socketUp ? GAME_SAFETY_NET_POLL_MS : pollMs);
}
