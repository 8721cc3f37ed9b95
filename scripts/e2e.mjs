#!/usr/bin/env node
/**
 * `npm run test:e2e`: builds the web app, runs the Playwright suite in tests/e2e (which starts the local
 * server with a fake OpenAI itself) and ends with one summary line taken from Playwright's JSON report:
 * `N passed, N failed`. Extra arguments go to `playwright test` (e.g. `--project desktop`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const report = path.join(root, 'test-results', 'e2e-report.json');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

const build = spawnSync('npm', ['run', '-w', '@amianai/frontend', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  console.error('frontend build failed');
  mkdirSync(path.join(root, '.tmp'), { recursive: true });
  writeFileSync(path.join(root, '.tmp', 'e2e.counts'), '0 1\n');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

// LOCAL_ARTIFACTS=built: the local server runs the deployable artifacts, so build them first.
if (process.env.LOCAL_ARTIFACTS === 'built') {
  const artifacts = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (artifacts.status !== 0) {
    mkdirSync(path.join(root, '.tmp'), { recursive: true });
    writeFileSync(path.join(root, '.tmp', 'e2e.counts'), '0 1\n');
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

// Debian's Chromium, installed when missing (Playwright's browser downloads are not used).
spawnSync('bash', [path.join(root, 'scripts', 'system-packages.sh'), '--browser'], {
  cwd: root,
  stdio: 'inherit',
});

rmSync(report, { force: true });
const run = spawnSync(
  bin('playwright'),
  ['test', '-c', 'tests/e2e/playwright.config.ts', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
  },
);

/** Counts tests by their final outcome (Playwright's own classification), walking nested suites. */
function summarise(json) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status === 'expected' || t.status === 'flaky') counts.passed++;
        else if (t.status === 'skipped') counts.skipped++;
        else counts.failed++;
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of json.suites ?? []) walk(suite);
  return counts;
}

let counts = { passed: 0, failed: 1, skipped: 0 };
if (existsSync(report)) {
  counts = summarise(JSON.parse(readFileSync(report, 'utf8')));
  // Global setup failing (server did not start) leaves no tests run; that is a failure, not a pass.
  if (counts.passed + counts.failed === 0 && run.status !== 0) counts.failed = 1;
}
// CI (.ci/run) adds up every suite's counts from .tmp/*.counts.
mkdirSync(path.join(root, '.tmp'), { recursive: true });
writeFileSync(path.join(root, '.tmp', 'e2e.counts'), `${counts.passed} ${counts.failed}\n`);
if (counts.skipped) console.log(`${counts.skipped} skipped`);
console.log(`${counts.passed} passed, ${counts.failed} failed`);
process.exit(run.status === 0 && counts.failed === 0 ? 0 : 1);
