/**
 * Foundation figures: cold init of every built bundle with the built layer (fresh Node process each time),
 * bundle sizes, and the warm latency of GET /api/admin/database-status against the raw SQL it runs.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { apiEvent, lambdaContext } from '../tests/support/events';
import { median, percentile, ratioResult, round, timeIt } from './stats';
import { benchDatabase } from './support';
import type { BenchResult } from './types';

// Bundles are loaded from a copy outside the repository, as in Lambda: otherwise Node would resolve
// @amianai/shared from the workspace's node_modules (the TypeScript source) instead of the built layer.
const BUILD = mkdtempSync(path.join(os.tmpdir(), 'amianai-bench-'));
cpSync(path.join(__dirname, '..', '.aws-sam', 'build'), BUILD, { recursive: true });
const LAYER_MODULES = path.join(BUILD, 'SharedLayer', 'nodejs', 'node_modules');
const COLD_RUNS = 7;

const kebab = (logicalId: string) =>
  logicalId
    .replace(/Function$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();

function dirSize(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? dirSize(full) : statSync(full).size;
  }
  return total;
}

/** Time to load a bundle (and the layer modules it pulls) in a brand-new Node process. */
function coldInitMs(bundle: string): number {
  const script = `const t=performance.now();require(${JSON.stringify(bundle)});process.stdout.write(String(performance.now()-t))`;
  const out = spawnSync(process.execPath, ['-e', script], {
    cwd: BUILD,
    env: { ...process.env, NODE_PATH: LAYER_MODULES, AWS_REGION: 'us-east-1' },
    encoding: 'utf8',
  });
  if (out.status !== 0) throw new Error(`loading ${bundle} failed: ${out.stderr}`);
  return Number(out.stdout);
}

function initAndSize(): BenchResult[] {
  const results: BenchResult[] = [];
  const functions = readdirSync(BUILD).filter(
    (d) => d.endsWith('Function') && existsSync(path.join(BUILD, d, 'handler.js')),
  );
  for (const id of functions) {
    const bundle = path.join(BUILD, id, 'handler.js');
    const samples = Array.from({ length: COLD_RUNS }, () => coldInitMs(bundle));
    const name = kebab(id);
    results.push({
      name: `init.${name}`,
      unit: 'ms',
      value: round(median(samples), 1),
      notes: `median of ${COLD_RUNS} fresh processes, Node ${process.version}`,
    });
    results.push({ name: `bundle.${name}`, unit: 'KB', value: round(statSync(bundle).size / 1024, 1) });
  }
  results.push({
    name: 'bundle.layer',
    unit: 'KB',
    value: round(dirSize(LAYER_MODULES) / 1024, 0),
    notes: 'whole layer, all subpaths',
  });
  return results;
}

async function statusLatency(): Promise<BenchResult[]> {
  const db = await benchDatabase();
  try {
    const { handler } = await import('../functions/admin/handler');
    const { STATUS_SQL } = await import('../functions/admin/status');
    const event = apiEvent({
      method: 'GET',
      resource: '/api/admin/database-status',
      caller: { sub: 'bench-admin', name: 'Bench', admin: true },
    });
    const ctx = lambdaContext('admin');
    const viaHandler = await timeIt(async () => {
      const res = await handler(event, ctx);
      if ((res as { statusCode: number }).statusCode !== 200) throw new Error('status failed');
    }, 300);

    // Baseline: the same statements on one raw pg connection.
    const client = new Client({ connectionString: db.url });
    await client.connect();
    const raw = await timeIt(async () => {
      await client.query('SELECT 1');
      await client.query("SELECT to_regclass('schema_migrations')::text AS t");
      await client.query('SELECT coalesce(max(version), 0) AS v FROM schema_migrations');
      await client.query(STATUS_SQL);
    }, 300);
    await client.end();
    const notes = `${db.kind} PostgreSQL, 300 warm calls; handler includes routing, auth check, validation, JSON`;
    return [
      ratioResult('read.databaseStatus.p50', 'ms', percentile(viaHandler, 50), percentile(raw, 50), notes),
      ratioResult('read.databaseStatus.p99', 'ms', percentile(viaHandler, 99), percentile(raw, 99), notes),
    ];
  } finally {
    await db.stop();
  }
}

export async function run(): Promise<BenchResult[]> {
  try {
    return [...initAndSize(), ...(await statusLatency())];
  } finally {
    rmSync(BUILD, { recursive: true, force: true });
  }
}
