#!/usr/bin/env node
// `npm test`: every jest suite (backend on a real PostgreSQL — embedded unless DATABASE_URL is set — and the
// frontend in jsdom). Ends with one line, "N passed, N failed", which CI adds up across runs.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const label = process.env.TEST_RUN_LABEL ?? 'jest';
const outDir = path.join(root, '.tmp');
mkdirSync(outDir, { recursive: true });
const outFile = path.join(outDir, `${label}.json`);

const jest = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const args = [jest, '--json', `--outputFile=${outFile}`, '--maxWorkers=2', ...process.argv.slice(2)];
const run = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: process.env });

let passed = 0;
let failed = 0;
try {
  const report = JSON.parse(readFileSync(outFile, 'utf8'));
  passed = report.numPassedTests;
  failed = report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
} catch {
  failed = 1;
}
writeFileSync(path.join(outDir, `${label}.counts`), `${passed} ${failed}\n`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
