// Child process that serves PGlite over the Postgres wire protocol. Kept out of the app's process so the
// WASM engine never blocks the HTTP server's event loop (and so it runs inside test runners' sandboxes).
// Usage: node pglite-server.mjs [dataDir|memory://]; prints {"port": N} on stdout when ready.
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const dataDir = process.argv[2] || 'memory://';
const port = Number(process.argv[3] || 0);

const db = await PGlite.create(dataDir, { extensions: { pg_trgm } });
// PGlite is one session: the socket server queues statements and keeps a transaction on its own client.
const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections: 100 });
await server.start();
process.stdout.write(`${JSON.stringify({ port: Number(server.getServerConn().split(':').pop()) })}\n`);

let closing = false;
async function shutdown() {
  if (closing) return;
  closing = true;
  // Closing the listener waits for clients to hang up; don't let a client that never does keep us alive.
  const bounded = (promise) => Promise.race([promise, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  await bounded(server.stop().catch(() => undefined));
  await db.close().catch(() => undefined);
  process.exit(0);
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
// Exit with the parent: a closed stdin means it is gone.
process.stdin.on('end', shutdown);
process.stdin.resume();
