/**
 * `frontend.initialJs`: gzipped bytes of the JavaScript the browser must fetch before the first screen — the
 * entry script and its modulepreloads in the built index.html (lazy route chunks excluded).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { round } from './stats';
import type { BenchResult } from './types';

const DIST = path.join(__dirname, '..', 'frontend', 'dist');

export function initialScripts(html: string): string[] {
  const srcs = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]!);
  const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => m[1]!);
  return [...new Set([...srcs, ...preloads])].filter((s) => s.endsWith('.js'));
}

export async function run(): Promise<BenchResult[]> {
  const build = spawnSync('npm', ['run', '-w', '@amianai/frontend', 'build'], { stdio: 'ignore' });
  if (build.status !== 0 || !existsSync(path.join(DIST, 'index.html')))
    throw new Error('frontend build failed');
  const scripts = initialScripts(readFileSync(path.join(DIST, 'index.html'), 'utf8'));
  let gz = 0;
  let raw = 0;
  for (const src of scripts) {
    const bytes = readFileSync(path.join(DIST, src.replace(/^\//, '')));
    raw += bytes.length;
    gz += gzipSync(bytes, { level: 9 }).length;
  }
  return [
    {
      name: 'frontend.initialJs',
      unit: 'KB',
      value: round(gz / 1024, 1),
      notes: `gzipped; ${scripts.length} files, ${round(raw / 1024, 1)} KB raw; budget 150 KB`,
    },
  ];
}
