// A polling loop that runs one tick at a time (never overlapping), pauses while the tab is hidden,
// polls at once when the tab comes back, and backs off after failures.

export interface PollerOptions {
  /** One poll. Resolves true when something changed (the next poll comes sooner). */
  tick: (signal: AbortSignal) => Promise<boolean>;
  /** A number, or a function read before each wait (the pace drops while a socket carries updates). */
  intervalMs?: number | (() => number);
  activeIntervalMs?: number | (() => number);
  maxBackoffMs?: number;
  onError?: (error: unknown) => void;
  onRecovered?: () => void;
  doc?: Pick<Document, 'hidden' | 'addEventListener' | 'removeEventListener'>;
}

export interface Poller {
  start(): void;
  stop(): void;
  /** Poll now (e.g. right after sending), without waiting for the timer. */
  pollNow(): void;
}

export function createPoller(options: PollerOptions): Poller {
  const read = (value: number | (() => number) | undefined, fallback: number) =>
    typeof value === 'function' ? value() : (value ?? fallback);
  const interval = () => read(options.intervalMs, 2000);
  const activeInterval = () => read(options.activeIntervalMs, 1000);
  const maxBackoffMs = options.maxBackoffMs ?? 30_000;
  const doc = options.doc ?? document;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let controller: AbortController | null = null;
  let running = false;
  let inFlight = false;
  let again = false;
  let failures = 0;

  const clear = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };

  const schedule = (delay: number) => {
    clear();
    if (!running || doc.hidden) return;
    timer = setTimeout(run, delay);
  };

  const run = async () => {
    timer = null;
    if (!running || doc.hidden) return;
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    controller = new AbortController();
    let delay = interval();
    try {
      const changed = await options.tick(controller.signal);
      if (failures > 0) options.onRecovered?.();
      failures = 0;
      delay = changed ? activeInterval() : interval();
    } catch (error) {
      if (!running) return;
      failures++;
      options.onError?.(error);
      delay = Math.min(maxBackoffMs, interval() * 2 ** failures);
    } finally {
      inFlight = false;
      controller = null;
    }
    if (again) {
      again = false;
      delay = 0;
    }
    schedule(delay);
  };

  const onVisibility = () => {
    if (doc.hidden) {
      clear();
      return;
    }
    if (running) schedule(0);
  };

  return {
    start() {
      if (running) return;
      running = true;
      doc.addEventListener('visibilitychange', onVisibility);
      schedule(0);
    },
    stop() {
      running = false;
      clear();
      controller?.abort();
      doc.removeEventListener('visibilitychange', onVisibility);
    },
    pollNow() {
      if (!running) return;
      if (inFlight) again = true;
      else schedule(0);
    },
  };
}

/** Lets `fn` run at most once per `intervalMs` (typing heartbeats). */
export function createThrottle(intervalMs: number, now: () => number = Date.now) {
  let last = Number.NEGATIVE_INFINITY;
  return {
    ready(): boolean {
      const current = now();
      if (current - last < intervalMs) return false;
      last = current;
      return true;
    },
    reset() {
      last = Number.NEGATIVE_INFINITY;
    },
  };
}
