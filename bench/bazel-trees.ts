// The two trees the Bazel container benchmarks build: the C fixture with its Bazel files (a
// library, a tool, two tests) and a generated 200-file C tree (no tests), in a temporary root
// removed afterwards.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DockerRuntime } from '../src/runtime/index.js';
import type { BenchRow } from './measure.js';
import { writeSyntheticTree } from './runtime.js';

export const IMAGE = process.env.SHOTS_ON_GOAL_IMAGE ?? 'shots-on-goal:latest';
const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures');

export interface BazelTree {
  label: string;
  path: string;
  /** Whether `bazel test //...` has targets to run. */
  tests: boolean;
}

/** One benchmark row per tree, from `bench(runtime, root, tree)`; `root` is the temporary root. */
export async function benchBazelTrees(
  prefix: string,
  bench: (runtime: DockerRuntime, root: string, tree: BazelTree) => Promise<BenchRow>,
): Promise<BenchRow[]> {
  const runtime = new DockerRuntime();
  await runtime.check(IMAGE);
  const root = mkdtempSync(path.join(os.tmpdir(), prefix));
  const rows: BenchRow[] = [];
  try {
    const fixture = path.join(root, 'c-fixture');
    cpSync(path.join(FIXTURES, 'check-c'), fixture, { recursive: true });
    cpSync(path.join(FIXTURES, 'check-c.bazel'), fixture, { recursive: true });
    rows.push(await bench(runtime, root, { label: 'C fixture, 2 tests', path: fixture, tests: true }));
    const synthetic = path.join(root, 'synthetic');
    writeSyntheticTree(synthetic, 8, 25);
    rows.push(await bench(runtime, root, { label: 'synthetic C tree, 200 files', path: synthetic, tests: false }));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return rows;
}
