import { createPoller, createThrottle } from './poller';

function fakeDocument() {
  const listeners = new Set<() => void>();
  return {
    hidden: false,
    addEventListener: (_: string, listener: () => void) => listeners.add(listener),
    removeEventListener: (_: string, listener: () => void) => listeners.delete(listener),
    setHidden(hidden: boolean) {
      this.hidden = hidden;
      for (const listener of listeners) listener();
    },
  };
}

const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('createPoller', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('polls right away, then again after the interval', async () => {
    const doc = fakeDocument();
    const tick = jest.fn(async () => false);
    const poller = createPoller({ tick, intervalMs: 2000, doc: doc as unknown as Document });
    poller.start();
    await jest.advanceTimersByTimeAsync(0);
    expect(tick).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(2000);
    expect(tick).toHaveBeenCalledTimes(2);
    poller.stop();
  });

  it('pauses while the tab is hidden and polls at once when it is visible again', async () => {
    const doc = fakeDocument();
    const tick = jest.fn(async () => false);
    const poller = createPoller({ tick, intervalMs: 2000, doc: doc as unknown as Document });
    poller.start();
    await jest.advanceTimersByTimeAsync(0);
    doc.setHidden(true);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(tick).toHaveBeenCalledTimes(1);
    doc.setHidden(false);
    await jest.advanceTimersByTimeAsync(0);
    expect(tick).toHaveBeenCalledTimes(2);
    poller.stop();
  });

  it('never runs two polls at once; a request made meanwhile runs right after', async () => {
    const doc = fakeDocument();
    let release: (() => void) | null = null;
    let active = 0;
    let maxActive = 0;
    const tick = jest.fn(
      () =>
        new Promise<boolean>((resolve) => {
          active++;
          maxActive = Math.max(maxActive, active);
          release = () => {
            active--;
            resolve(false);
          };
        }),
    );
    const poller = createPoller({ tick, intervalMs: 2000, doc: doc as unknown as Document });
    poller.start();
    await jest.advanceTimersByTimeAsync(0);
    poller.pollNow();
    poller.pollNow();
    expect(tick).toHaveBeenCalledTimes(1);
    release!();
    await flush();
    await jest.advanceTimersByTimeAsync(0);
    expect(tick).toHaveBeenCalledTimes(2);
    expect(maxActive).toBe(1);
    poller.stop();
  });

  it('backs off after failures and reports recovery', async () => {
    const doc = fakeDocument();
    const onError = jest.fn();
    const onRecovered = jest.fn();
    let fail = true;
    const tick = jest.fn(async () => {
      if (fail) throw new Error('down');
      return false;
    });
    const poller = createPoller({
      tick,
      intervalMs: 1000,
      doc: doc as unknown as Document,
      onError,
      onRecovered,
    });
    poller.start();
    await jest.advanceTimersByTimeAsync(0);
    expect(onError).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1000);
    expect(tick).toHaveBeenCalledTimes(1);
    fail = false;
    await jest.advanceTimersByTimeAsync(1000);
    expect(tick).toHaveBeenCalledTimes(2);
    expect(onRecovered).toHaveBeenCalledTimes(1);
    poller.stop();
  });

  it('stops polling for good when stopped', async () => {
    const doc = fakeDocument();
    const tick = jest.fn(async () => false);
    const poller = createPoller({ tick, intervalMs: 1000, doc: doc as unknown as Document });
    poller.start();
    await jest.advanceTimersByTimeAsync(0);
    poller.stop();
    await jest.advanceTimersByTimeAsync(10_000);
    expect(tick).toHaveBeenCalledTimes(1);
  });
});

describe('createThrottle', () => {
  it('lets one call through per interval', () => {
    let now = 0;
    const throttle = createThrottle(3000, () => now);
    expect(throttle.ready()).toBe(true);
    now = 1000;
    expect(throttle.ready()).toBe(false);
    now = 3000;
    expect(throttle.ready()).toBe(true);
    throttle.reset();
    expect(throttle.ready()).toBe(true);
  });
});
