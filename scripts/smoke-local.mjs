#!/usr/bin/env node
/**
 * CI's smoke step: starts the local server (`npm start`'s script) on a free port with a throw-away data
 * directory, waits for /api/health, runs `tests/smoke/run.ts` against it, stops the server, and exits with
 * the smoke test's status.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STARTUP_TIMEOUT_MS = 180_000;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(baseUrl, server) {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`local server exited with ${server.exitCode}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`local server not healthy after ${STARTUP_TIMEOUT_MS / 1000} s`);
}

function run(command, args, env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

async function main() {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'amianai-smoke-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = { ...process.env, PORT: String(port), LOCAL_DATA_DIR: dataDir };
  delete env.DATABASE_URL; // the embedded database, as a fresh clone would run
  const output = [];
  const server = spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  server.stdout.on('data', (d) => output.push(d));
  server.stderr.on('data', (d) => output.push(d));
  let status = 1;
  mkdirSync(path.join(root, '.tmp'), { recursive: true });
  try {
    await waitForHealth(baseUrl, server);
    status = await run(
      process.execPath,
      [
        path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
        'tests/smoke/run.ts',
        '--base-url',
        baseUrl,
      ],
      { ...env, SMOKE_COUNTS_FILE: path.join(root, '.tmp', 'smoke.counts') },
    );
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.stderr.write(Buffer.concat(output).toString().slice(-4_000));
  } finally {
    // The server runs tsx, which runs node: end the whole group we started.
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
  process.exit(status);
}

main();
