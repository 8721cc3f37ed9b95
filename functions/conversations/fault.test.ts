/**
 * Against a real PostgreSQL server only (skipped without TEST_SERVER_URL): the server drops every pool
 * connection, as on a failover or restart. Reads retry on a fresh connection; a write either succeeds or
 * answers 503 in the JSON error shape with nothing half-done; the next request succeeds.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import {
  aiPersona,
  conversation,
  expectErrorShape,
  listMessages,
  type Player,
  player,
  post,
  useTestDatabase,
  withoutWriteLimit,
} from '../../tests/support/fixtures';

const onServer = Boolean(process.env.TEST_SERVER_URL);
withoutWriteLimit();
const database = useTestDatabase();

async function terminateAll(): Promise<void> {
  const killer = new Client({ connectionString: database.url });
  await killer.connect();
  await killer.query(
    'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
  );
  await killer.end();
}

(onServer ? describe : describe.skip)('conversations when the database drops its connections', () => {
  let alice: Player;
  let id: string;
  beforeAll(async () => {
    alice = await player('Alice');
    id = await conversation(alice, [await aiPersona()]);
    await post(alice, id, 'before the outage');
  });

  it('serves a read after every connection was killed', async () => {
    expect((await listMessages(alice, id)).status).toBe(200);
    await terminateAll();
    const res = await listMessages(alice, id);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
  });

  it('answers a write with 201 or a 503 JSON error, and the retry and next write succeed', async () => {
    await listMessages(alice, id);
    await terminateAll();
    const clientMessageId = randomUUID();
    const first = await post(alice, id, 'during the outage', { clientMessageId });
    if (first.status !== 201) {
      expect(first.status).toBe(503);
      expectErrorShape(first.body);
      expect(first.body.error.code).toBe('service_unavailable');
    }
    // Retrying with the same clientMessageId is always safe: one message either way.
    const retry = await post(alice, id, 'during the outage', { clientMessageId });
    expect([200, 201]).toContain(retry.status);
    expect((await post(alice, id, 'after the outage')).status).toBe(201);
  });

  it('keeps reads working and writes clean while connections are killed mid-run', async () => {
    const requests = Array.from({ length: 12 }, (_, i) =>
      i % 2 ? listMessages(alice, id) : post(alice, id, `burst ${i}`, { clientMessageId: `burst-${i}` }),
    );
    const [results] = await Promise.all([Promise.all(requests), terminateAll()]);
    for (const [i, res] of results.entries()) {
      if (i % 2) expect(res.status).toBe(200);
      else if (res.status !== 201) {
        expect(res.status).toBe(503);
        expectErrorShape(res.body);
      }
    }
    expect((await listMessages(alice, id)).status).toBe(200);
    // Sequence numbers stay consecutive: a failed write left no half-allocated number behind.
    const all = await listMessages(alice, id, { after: '0', limit: '100' });
    const seqs = all.body.items.map((m: { seq: number }) => m.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
  });
});

if (!onServer) it('skips the fault suite without a PostgreSQL server', () => expect(onServer).toBe(false));
