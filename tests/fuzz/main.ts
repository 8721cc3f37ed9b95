/**
 * `npm run fuzz`: the long fuzz run (20,000 requests by default) against the local server on a fresh
 * database (DATABASE_URL's server when set, else embedded). Prints the seed first; a failure prints the
 * request and replays with the same seed:
 *
 *   npm run fuzz                      # 20,000 requests, a new seed
 *   FUZZ_SEED=123 npm run fuzz        # replay a run
 *   FUZZ_RUNS=50000 npm run fuzz      # longer
 */
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.STAGE = 'local';
// The run makes its own database on the server; nothing else may point the handlers at another one.
if (process.env.DATABASE_URL) process.env.TEST_SERVER_URL = process.env.DATABASE_URL;
delete process.env.DATABASE_URL;
delete process.env.OPENAI_API_KEY;
delete process.env.OPENAI_BASE_URL;

async function main(): Promise<void> {
  // Imported after the environment above is set: modules read it when loaded.
  const { createTestDatabase } = await import('../support/database');
  const { runFuzz } = await import('./fuzz');
  const { startAppServer } = await import('../support/app-server');
  const runs = Number(process.env.FUZZ_RUNS || 20_000);
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
  if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
    throw new Error('FUZZ_RUNS and FUZZ_SEED must be whole numbers');
  }
  console.log(`fuzz: ${runs} requests, seed ${seed} (replay: FUZZ_SEED=${seed} npm run fuzz)`);
  const db = await createTestDatabase();
  const fuzz = await startAppServer(db.url);
  const started = Date.now();
  try {
    const report = await runFuzz({
      server: fuzz.server,
      runs,
      seed,
      secrets: fuzz.secrets,
      progress: (done) => console.log(`  ${done} requests…`),
    });
    const statuses = Object.entries(report.statuses)
      .map(([status, n]) => `${status}×${n}`)
      .join(' ');
    const fiveHundreds = Object.entries(report.statuses)
      .filter(([status]) => Number(status) >= 500)
      .reduce((sum, [, n]) => sum + n, 0);
    console.log(
      `fuzz: ${report.requests} requests in ${Math.round((Date.now() - started) / 1000)} s, seed ${seed}`,
    );
    console.log(`  operations: ${Object.keys(report.operations).length}, statuses: ${statuses}`);
    console.log(`  ${fiveHundreds} × 5xx`);
    if (report.failure) {
      console.error(`fuzz FAILED (replay: FUZZ_SEED=${seed} npm run fuzz)\n${report.failure}`);
      process.exitCode = 1;
    }
  } finally {
    await fuzz.stop();
    await db.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
