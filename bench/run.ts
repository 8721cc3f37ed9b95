/**
 * `npm run bench`: runs every bench/*.bench.ts (or those named on the command line) and writes
 * bench/results.json. Benchmarks measure; they never fail a build.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchResult } from './types';

function previousResults(file: string): BenchResult[] {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { results?: BenchResult[] }).results ?? [];
  } catch {
    return [];
  }
}

async function main() {
  const only = process.argv.slice(2);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
    .sort();
  const results: BenchResult[] = [];
  for (const file of files) {
    const started = Date.now();
    process.stdout.write(`bench ${file} … `);
    try {
      const mod = (await import(path.join(__dirname, file))) as { run: () => Promise<BenchResult[]> };
      const out = await mod.run();
      results.push(...out);
      console.log(`${out.length} results in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } catch (err) {
      console.log('failed');
      console.error(err);
      results.push({
        name: `${file.replace('.bench.ts', '')}.error`,
        unit: 'error',
        value: 1,
        notes: String(err),
      });
    }
  }
  // A partial run (`npm run bench ai`) replaces only the figures it measured.
  const file = path.join(__dirname, 'results.json');
  const fresh = new Set(results.map((r) => r.name));
  const kept =
    only.length > 0 && existsSync(file) ? previousResults(file).filter((r) => !fresh.has(r.name)) : [];
  const report = {
    generatedAt: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    results: [...kept, ...results],
  };
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  for (const r of results) {
    const ratio = r.ratio === undefined ? '' : `  (baseline ${r.baseline}, ratio ${r.ratio})`;
    console.log(`${r.name.padEnd(36)} ${String(r.value).padStart(10)} ${r.unit}${ratio}`);
  }
  process.exit(0);
}

void main();
