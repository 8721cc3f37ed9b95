#!/usr/bin/env node
/**
 * `npm run build`: runs the Makefile target `build-<LogicalId>` for every resource in template.yaml that
 * has `Metadata: BuildMethod: makefile` (the shared layer and each function), into
 * .aws-sam/build/<LogicalId> — the layout `sam build` produces, without needing the sam CLI.
 *
 *   --skip-missing   build only functions whose handler exists (used while functions are being written)
 *
 * Artifacts are staged and swapped in at the end, so a concurrent reader never sees a half-written build.
 * Writes .aws-sam/build/build-manifest.json ({ builtAt, artifacts, skipped }) for staleness checks.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { yamlParse } from 'yaml-cfn';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BUILD_DIR = path.join(ROOT, '.aws-sam', 'build');
export const MANIFEST = path.join(BUILD_DIR, 'build-manifest.json');

/** XxxYyyFunction → xxx-yyy (the source folder under functions/). */
export function functionFolder(logicalId) {
  return logicalId
    .replace(/Function$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();
}

/** Every makefile-built resource in the template, layer first. */
export function buildTargets(templatePath = path.join(ROOT, 'template.yaml')) {
  const template = yamlParse(readFileSync(templatePath, 'utf8'));
  const targets = [];
  for (const [id, resource] of Object.entries(template.Resources ?? {})) {
    if (resource?.Metadata?.BuildMethod !== 'makefile') continue;
    const kind = resource.Type === 'AWS::Serverless::LayerVersion' ? 'layer' : 'function';
    const handler =
      kind === 'function' ? path.join(ROOT, 'functions', functionFolder(id), 'handler.ts') : undefined;
    targets.push({ id, kind, handler });
  }
  return targets.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'layer' ? -1 : 1));
}

function runMake(id, artifactsDir) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'make',
      ['-s', '--no-print-directory', '-C', ROOT, `build-${id}`, `ARTIFACTS_DIR=${artifactsDir}`],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`make build-${id} failed (${code}):\n${output}`)),
    );
  });
}

async function runPool(items, limit, fn) {
  const queue = [...items];
  const workers = Array.from({ length: Math.min(limit, queue.length) }, async () => {
    while (queue.length) await fn(queue.shift());
  });
  await Promise.all(workers);
}

export async function buildAll({ skipMissing = false, log = console.log } = {}) {
  const targets = buildTargets();
  const missing = targets.filter((t) => t.handler && !existsSync(t.handler));
  if (missing.length && !skipMissing) {
    throw new Error(
      `no handler for ${missing.map((t) => `${t.id} (${path.relative(ROOT, t.handler)})`).join(', ')}`,
    );
  }
  const todo = targets.filter((t) => !missing.includes(t));
  const staging = path.join(BUILD_DIR, `.staging-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    await runPool(todo, Math.max(2, os.availableParallelism?.() ?? os.cpus().length), async (t) => {
      const out = await runMake(t.id, path.join(staging, t.id));
      log(out.trim());
    });
    for (const t of todo) {
      const final = path.join(BUILD_DIR, t.id);
      rmSync(final, { recursive: true, force: true });
      renameSync(path.join(staging, t.id), final);
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  const manifest = {
    builtAt: new Date().toISOString(),
    artifacts: todo.map((t) => ({ id: t.id, kind: t.kind })),
    skipped: missing.map((t) => t.id),
  };
  writeFileSync(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  buildAll({ skipMissing: process.argv.includes('--skip-missing') })
    .then((m) => {
      const skipped = m.skipped.length ? `; skipped (no handler yet): ${m.skipped.join(', ')}` : '';
      console.log(
        `built ${m.artifacts.length} artifacts into .aws-sam/build in ${Date.now() - started} ms${skipped}`,
      );
    })
    .catch((err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exitCode = 1;
    });
}
