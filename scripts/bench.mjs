#!/usr/bin/env node
// `npm run bench [name…]`: builds the artifacts, then runs the benchmarks under tsx.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const run = (cmd, args, env = process.env) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
if (run(process.execPath, ['scripts/build-all.mjs']).status !== 0) process.exit(1);
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const env = {
  ...process.env,
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  POWERTOOLS_METRICS_DISABLED: 'true',
  STAGE: 'local', // the local server issues dev tokens only on the local stage
};
process.exit(run(tsx, ['bench/run.ts', ...process.argv.slice(2)], env).status ?? 1);
