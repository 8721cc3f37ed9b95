/** A WebSocket test client (the `ws` package): connect with a token, send JSON, await matching messages. */
import WebSocket from 'ws';

export interface TestSocket {
  socket: WebSocket;
  /** Every JSON message received so far, in order. */
  received: Record<string, unknown>[];
  send(message: unknown): void;
  /** The first message (received already or later) matching `match`, and consumes it. */
  next(match: (m: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/** Opens a socket; rejects with the HTTP status when the handshake is refused. */
export function openSocket(url: string, token?: string): Promise<TestSocket> {
  const full = token ? `${url}?token=${encodeURIComponent(token)}` : url;
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(full);
    const received: Record<string, unknown>[] = [];
    const waiters: Array<{
      match: (m: Record<string, unknown>) => boolean;
      resolve: (m: Record<string, unknown>) => void;
    }> = [];
    const consumed = new Set<Record<string, unknown>>();
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as Record<string, unknown>;
      received.push(message);
      const waiter = waiters.find((w) => w.match(message));
      if (waiter) {
        waiters.splice(waiters.indexOf(waiter), 1);
        consumed.add(message);
        waiter.resolve(message);
      }
    });
    socket.once('unexpected-response', (_req, res) =>
      reject(Object.assign(new Error(`refused: ${res.statusCode}`), { status: res.statusCode })),
    );
    socket.once('error', reject);
    socket.once('open', () =>
      resolve({
        socket,
        received,
        send: (message) => socket.send(JSON.stringify(message)),
        next(match, timeoutMs = 5_000) {
          const already = received.find((m) => !consumed.has(m) && match(m));
          if (already) {
            consumed.add(already);
            return Promise.resolve(already);
          }
          return new Promise((res, rej) => {
            const waiter = { match, resolve: res };
            waiters.push(waiter);
            setTimeout(() => {
              const at = waiters.indexOf(waiter);
              if (at >= 0) {
                waiters.splice(at, 1);
                rej(new Error(`no matching message within ${timeoutMs} ms; got ${JSON.stringify(received)}`));
              }
            }, timeoutMs).unref();
          });
        },
        close: () =>
          new Promise<void>((res) => {
            if (socket.readyState === WebSocket.CLOSED) return res();
            socket.once('close', () => res());
            socket.close();
          }),
      }),
    );
  });
}

export const ofType =
  (type: string, extra: (m: Record<string, unknown>) => boolean = () => true) =>
  (m: Record<string, unknown>) =>
    m.type === type && extra(m);
