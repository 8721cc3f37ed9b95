/**
 * Foundation figures: cold init of every built bundle with the built layer (fresh Node process each time),
 * bundle sizes, and the warm latency of GET /api/admin/database-status against the raw SQL it runs.
 *
 * Init is measured in interleaved rounds (every function once per round, in a rotating order), so a burst
 * of load from another process on a shared machine hits all functions alike and the ratio to health, taken
 * from the same rounds, stays meaningful. BENCH_INIT_BEFORE=<a .aws-sam/build directory> measures that build
 * in the same rounds too (`initBefore.<fn>`), so before/after figures share their conditions.
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
const TMP = mkdtempSync(path.join(os.tmpdir(), 'amianai-bench-'));
const BUILD = path.join(TMP, 'current');
cpSync(path.join(__dirname, '..', '.aws-sam', 'build'), BUILD, { recursive: true });
const BEFORE = process.env.BENCH_INIT_BEFORE ? path.join(TMP, 'before') : undefined;
if (BEFORE) cpSync(path.resolve(process.env.BENCH_INIT_BEFORE!), BEFORE, { recursive: true });
const COLD_ROUNDS = Number(process.env.BENCH_INIT_ROUNDS ?? 21);

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

const layerModules = (build: string) => path.join(build, 'SharedLayer', 'nodejs', 'node_modules');

interface Cold {
  wall: number;
  cpu: number;
}

/**
 * Time to load a bundle (and the layer modules it pulls) in a brand-new Node process: wall clock, and the
 * process's CPU time over the same span, which other processes on the machine disturb far less.
 */
function coldInit(build: string, bundle: string): Cold {
  const script = `const c=process.cpuUsage(),t=performance.now();require(${JSON.stringify(bundle)});const w=performance.now()-t,u=process.cpuUsage(c);process.stdout.write(JSON.stringify({wall:w,cpu:(u.user+u.system)/1000}))`;
  const out = spawnSync(process.execPath, ['-e', script], {
    cwd: build,
    env: { ...process.env, NODE_PATH: layerModules(build), AWS_REGION: 'us-east-1' },
    encoding: 'utf8',
  });
  if (out.status !== 0) throw new Error(`loading ${bundle} failed: ${out.stderr}`);
  return JSON.parse(out.stdout) as Cold;
}

const functionsOf = (build: string) =>
  readdirSync(build).filter((d) => d.endsWith('Function') && existsSync(path.join(build, d, 'handler.js')));

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join('/');

/** Median wall and CPU init per function of each build, every function of every build once per round. */
function coldRounds(builds: string[]): Map<string, Map<string, Cold[]>> {
  const samples = new Map(builds.map((b) => [b, new Map(functionsOf(b).map((f) => [f, [] as Cold[]]))]));
  const jobs = builds.flatMap((b) => functionsOf(b).map((f) => [b, f] as const));
  for (let r = 0; r < COLD_ROUNDS; r++) {
    // Rotated each round, so no function is always the one measured right after a pause.
    for (let i = 0; i < jobs.length; i++) {
      const [build, fn] = jobs[(i + r) % jobs.length]!;
      samples
        .get(build)!
        .get(fn)!
        .push(coldInit(build, path.join(build, fn, 'handler.js')));
    }
  }
  return samples;
}

function initResults(prefix: string, byFn: Map<string, Cold[]>, notes: string): BenchResult[] {
  const wall = (fn: string) => median(byFn.get(fn)!.map((s) => s.wall));
  const cpu = (fn: string) => median(byFn.get(fn)!.map((s) => s.cpu));
  const health = 'HealthFunction';
  if (!byFn.has(health)) throw new Error('no health function to compare with');
  return [...byFn.keys()].map((fn) =>
    ratioResult(
      `${prefix}.${kebab(fn)}`,
      'ms',
      round(wall(fn), 1),
      round(wall(health), 1),
      `${notes}; CPU ${round(cpu(fn), 1)} ms (health ${round(cpu(health), 1)}, ×${round(cpu(fn) / cpu(health), 2)})`,
    ),
  );
}

function initAndSize(): BenchResult[] {
  const loadBefore = load();
  const samples = coldRounds(BEFORE ? [BUILD, BEFORE] : [BUILD]);
  const notes = `median of ${COLD_ROUNDS} interleaved fresh processes, Node ${process.version}, ${os.cpus().length} CPUs, load average ${loadBefore} → ${load()}; baseline = health in the same rounds; no Lambda environment, so tracing is off`;
  // Since the tracer loads only where tracing can be on, this build's figures leave the X-Ray SDK out.
  const results = initResults(
    'init',
    samples.get(BUILD)!,
    `${notes} and the X-Ray SDK not loaded (on Lambda it is, ~10 ms CPU)`,
  );
  if (BEFORE)
    results.push(
      ...initResults('initBefore', samples.get(BEFORE)!, `${notes}; the build in BENCH_INIT_BEFORE`),
    );
  for (const id of functionsOf(BUILD)) {
    const bundle = path.join(BUILD, id, 'handler.js');
    results.push({ name: `bundle.${kebab(id)}`, unit: 'KB', value: round(statSync(bundle).size / 1024, 1) });
  }
  results.push({
    name: 'bundle.layer',
    unit: 'KB',
    value: round(dirSize(layerModules(BUILD)) / 1024, 0),
    notes: 'whole layer, all subpaths',
  });
  return results;
}

// What the status route reads after the migration version: the server version and each store's count.
const STATUS_STATEMENTS = [
  "SELECT current_setting('server_version') AS v",
  'SELECT count(*) AS n FROM users',
  'SELECT count(*) AS n FROM personas WHERE deleted_at IS NULL',
  'SELECT count(*) AS n FROM conversations',
  'SELECT count(*) AS n FROM messages',
  'SELECT count(*) AS n FROM ai_jobs',
];

async function statusLatency(): Promise<BenchResult[]> {
  const db = await benchDatabase();
  try {
    const { handler } = await import('../functions/admin/handler');
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
      for (const sql of STATUS_STATEMENTS) await client.query(sql);
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
    rmSync(TMP, { recursive: true, force: true });
  }
}
