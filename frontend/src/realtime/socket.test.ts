import { FakeSocket } from '../../test/fakeSocket';
import { RealtimeSocket } from './socket';

const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

function setup() {
  FakeSocket.all = [];
  const socket = new RealtimeSocket({
    url: 'ws://app.test/ws',
    getToken: async () => 'tok en',
    createSocket: (url) => new FakeSocket(url),
    random: () => 0.5,
  });
  return socket;
}

describe('RealtimeSocket', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('connects with the token in the query string and subscribes to followed conversations', async () => {
    const realtime = setup();
    const follower = { onEvent: jest.fn(), onLive: jest.fn() };
    realtime.follow('c1', follower);
    realtime.start();
    await flush();
    const socket = FakeSocket.all[0]!;
    expect(socket.url).toBe('ws://app.test/ws?token=tok%20en');
    socket.open();
    expect(socket.sent).toEqual([{ action: 'subscribe', conversationId: 'c1' }]);
    socket.push({ type: 'subscribed', conversationId: 'c1' });
    expect(follower.onLive).toHaveBeenCalledTimes(1);
    expect(realtime.isLive('c1')).toBe(true);
    const message = { type: 'message', message: { conversationId: 'c1', seq: 3 } };
    socket.push(message);
    socket.push({ type: 'message', message: { conversationId: 'other', seq: 1 } });
    expect(follower.onEvent).toHaveBeenCalledWith(message);
    expect(follower.onEvent).toHaveBeenCalledTimes(1);
  });

  it('reconnects after a drop, resubscribes, and asks followers to catch up again', async () => {
    const realtime = setup();
    const follower = { onEvent: jest.fn(), onLive: jest.fn() };
    const states: string[] = [];
    realtime.onState((s) => states.push(s));
    realtime.follow('c1', follower);
    realtime.start();
    await flush();
    FakeSocket.all[0]!.open();
    FakeSocket.all[0]!.push({ type: 'subscribed', conversationId: 'c1' });
    FakeSocket.all[0]!.close();
    expect(realtime.isLive('c1')).toBe(false);
    await jest.advanceTimersByTimeAsync(1000);
    const second = FakeSocket.all[1]!;
    second.open();
    expect(second.sent).toEqual([{ action: 'subscribe', conversationId: 'c1' }]);
    second.push({ type: 'subscribed', conversationId: 'c1' });
    expect(follower.onLive).toHaveBeenCalledTimes(2);
    expect(states).toEqual(['connecting', 'open', 'down', 'connecting', 'open']);
    realtime.stop();
  });

  it('unsubscribes when the last follower leaves, pings while open, and stays closed once stopped', async () => {
    const realtime = setup();
    realtime.start();
    await flush();
    const socket = FakeSocket.all[0]!;
    socket.open();
    const stop = realtime.follow('c2', { onEvent: jest.fn(), onLive: jest.fn() });
    stop();
    expect(socket.sent).toEqual([
      { action: 'subscribe', conversationId: 'c2' },
      { action: 'unsubscribe', conversationId: 'c2' },
    ]);
    await jest.advanceTimersByTimeAsync(5 * 60_000);
    expect(socket.sent.at(-1)).toEqual({ action: 'ping' });
    realtime.stop();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.all).toHaveLength(1);
  });

  it('marks a refused subscription as not live and tells the follower', async () => {
    const realtime = setup();
    const follower = { onEvent: jest.fn(), onLive: jest.fn() };
    realtime.follow('c3', follower);
    realtime.start();
    await flush();
    FakeSocket.all[0]!.open();
    const refusal = {
      type: 'error',
      action: 'subscribe',
      conversationId: 'c3',
      error: { code: 'not_found', message: 'x' },
    };
    FakeSocket.all[0]!.push(refusal);
    expect(realtime.isLive('c3')).toBe(false);
    expect(follower.onEvent).toHaveBeenCalledWith(refusal);
  });
});
