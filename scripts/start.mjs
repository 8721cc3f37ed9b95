#!/usr/bin/env node
/**
 * `npm start`: builds the web app when its build is missing or older than its sources, then runs the local
 * server (local/main.ts) under tsx so the TypeScript handlers load straight from source.
 *
 *   npm start -- --built   builds the deployable artifacts (`npm run build`) and runs those instead, with
 *                          the built layer: the code that ships (same as LOCAL_ARTIFACTS=built).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const frontend = path.join(root, 'frontend');
const builtIndex = path.join(frontend, 'dist', 'index.html');

/** Newest modification time under `target` (a file or a directory tree). */
function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const info = statSync(target);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

function hasViteConfig() {
  return ['vite.config.ts', 'vite.config.mts', 'vite.config.js', 'vite.config.mjs'].some((f) =>
    existsSync(path.join(frontend, f)),
  );
}

function frontendIsStale() {
  if (!existsSync(builtIndex)) return true;
  const sources = [
    'src',
    'public',
    'index.html',
    'package.json',
    'vite.config.ts',
    'vite.config.js',
    'tsconfig.json',
  ];
  const newestSource = Math.max(...sources.map((s) => newestMtime(path.join(frontend, s))));
  return newestSource > statSync(builtIndex).mtimeMs;
}

function buildFrontendIfNeeded() {
  if (!hasViteConfig()) {
    console.log('[start] frontend has no vite config yet; serving the API only');
    return;
  }
  if (!frontendIsStale()) return;
  console.log('[start] building the web app (frontend/dist is missing or older than its sources)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', '-w', '@amianai/frontend', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.warn('[start] the web app did not build; starting the API anyway (see the errors above)');
  }
}

buildFrontendIfNeeded();

const built = process.argv.includes('--built') || process.env.LOCAL_ARTIFACTS === 'built';
if (built) {
  console.log('[start] building the deployable artifacts (npm run build)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const tsx = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx');
// The server prints one line per request; the functions' JSON logs show warnings and errors unless asked for.
const env = {
  ...process.env,
  POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
  LOCAL_ARTIFACTS: built ? 'built' : 'source',
};
const server = spawn(tsx, [path.join(root, 'local', 'main.ts')], { cwd: root, stdio: 'inherit', env });

// Ctrl-C reaches the server too (same process group); wait for it to shut down cleanly.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (signal === 'SIGTERM') server.kill('SIGTERM');
  });
}
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
