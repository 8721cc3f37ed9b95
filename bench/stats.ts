/** Small measurement helpers shared by the benchmarks. */

export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export const median = (samples: number[]) => percentile(samples, 50);
export const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Times `fn` `iterations` times after `warmup` untimed runs; milliseconds per call. */
export async function timeIt(fn: () => Promise<unknown>, iterations: number, warmup = 20): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}

export function ratioResult(name: string, unit: string, value: number, baseline: number, notes?: string) {
  return {
    name,
    unit,
    value: round(value),
    baseline: round(baseline),
    ratio: round(value / baseline, 2),
    notes,
  };
}
