/** One benchmark result: our time beside a baseline measured in the same run. */
export interface BenchRow {
  name: string;
  ours_ms: number;
  baseline_ms: number;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/**
 * Ours and the baseline, each run once to warm up, then `runs` times interleaved (so load on a
 * noisy machine falls on both alike); the median time of each, in ms.
 */
export async function versus(ours: () => Promise<unknown>, baseline: () => Promise<unknown>, runs: number): Promise<{ ours: number; baseline: number }> {
  await ours();
  await baseline();
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    a.push(await timed(ours));
    b.push(await timed(baseline));
  }
  return { ours: median(a), baseline: median(b) };
}
