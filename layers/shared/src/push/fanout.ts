/**
 * Fan-out: renders an event once per distinct viewer (the same view and integrity rules as the HTTP
 * response they would get) and posts it to each of their connections. Gone connections are removed.
 * Never throws: an event is a courtesy to open sockets — the state is already committed and polling
 * (the safety net) still finds it — so a push failure must never fail the request that caused it.
 */
import { db } from '../db/pool';
import { logger } from '../observability/logger';
import { type Connection, connectionsFollowing, connectionsOfUser, removeConnections } from './connections';
import type { PushEvent, Render, Viewer } from './events';
import { postToConnection, pushEnabled } from './management';

/** Posts in flight at once per event: enough for a group round's tabs, bounded for a busy conversation. */
const CONCURRENCY = 16;

export interface PushReport {
  sent: number;
  gone: number;
  failed: number;
}

const NOTHING: PushReport = { sent: 0, gone: 0, failed: 0 };

const viewerKey = (v: Viewer) => `${v.userId}:${v.isAdmin ? 'admin' : 'user'}`;

async function deliver(connections: Connection[], render: Render): Promise<PushReport> {
  const payloads = new Map<string, string | undefined>();
  const payloadFor = (c: Connection): string | undefined => {
    const key = viewerKey(c);
    if (!payloads.has(key)) {
      const event = render({ userId: c.userId, isAdmin: c.isAdmin });
      payloads.set(key, event === undefined ? undefined : JSON.stringify(event));
    }
    return payloads.get(key);
  };
  const report = { ...NOTHING };
  const gone: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < connections.length) {
      const connection = connections[next++]!;
      const data = payloadFor(connection);
      if (data === undefined) continue;
      const outcome = await postToConnection(connection.id, data);
      report[outcome === 'sent' ? 'sent' : outcome === 'gone' ? 'gone' : 'failed']++;
      if (outcome === 'gone') gone.push(connection.id);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, connections.length) }, worker));
  if (gone.length) await removeConnections(db, gone);
  if (report.failed) logger.warn('some pushes failed', { ...report });
  return report;
}

async function safely(what: string, run: () => Promise<PushReport>): Promise<PushReport> {
  if (!pushEnabled()) return NOTHING;
  try {
    return await run();
  } catch (err) {
    logger.warn('push skipped', { what, error: (err as Error)?.name ?? 'error' });
    return NOTHING;
  }
}

/** Pushes to every connection following the conversation, each rendered for its viewer. */
export function pushToConversation(conversationId: string, render: Render): Promise<PushReport> {
  return safely('conversation', async () => deliver(await connectionsFollowing(db, conversationId), render));
}

/** Pushes to every connection of one user. */
export function pushToUser(userId: string, render: Render): Promise<PushReport> {
  return safely('user', async () => deliver(await connectionsOfUser(db, userId), render));
}

/** Pushes several events to a conversation's followers in order (one connection lookup). */
export function pushAllToConversation(conversationId: string, renders: Render[]): Promise<PushReport> {
  return safely('conversation', async () => {
    const connections = await connectionsFollowing(db, conversationId);
    const total = { ...NOTHING };
    let live = connections;
    for (const render of renders) {
      const r = await deliver(live, render);
      total.sent += r.sent;
      total.gone += r.gone;
      total.failed += r.failed;
      if (r.gone) live = await connectionsFollowing(db, conversationId);
    }
    return total;
  });
}

export type { PushEvent };
