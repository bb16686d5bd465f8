// A fresh container's first `bazel test //...` (`build` for the tree without tests): a cold
// server, as every fresh container and the first command of every warm one has, over the
// session's caches (which hold the tree's actions after the warm-up runs). The image's JVM
// settings for Bazel's server (its ahead-of-time cache, the optimising compiler off; see the
// Dockerfile) against the JDK's defaults, for the C fixture and a generated 200-file tree.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEFAULT_LIMITS, DockerRuntime, type SandboxSpec } from '../src/runtime/index.js';
import { versus, type BenchRow } from './measure.js';
import { writeSyntheticTree } from './runtime.js';

const IMAGE = process.env.SHOTS_ON_GOAL_IMAGE ?? 'shots-on-goal:latest';
const RUNS = 3;
const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures');
/** Later startup flags win: these undo the image's two. */
const JDK_DEFAULTS = ['--host_jvm_args=-XX:TieredStopAtLevel=4', '--host_jvm_args=-XX:AOTMode=off'];

export async function benchColdServer(): Promise<BenchRow[]> {
  const runtime = new DockerRuntime();
  await runtime.check(IMAGE);
  const root = mkdtempSync(path.join(os.tmpdir(), 'sog-bench-cold-'));
  const rows: BenchRow[] = [];
  try {
    const fixture = path.join(root, 'c-fixture');
    cpSync(path.join(FIXTURES, 'check-c'), fixture, { recursive: true });
    cpSync(path.join(FIXTURES, 'check-c.bazel'), fixture, { recursive: true });
    rows.push(await benchTree(runtime, root, 'C fixture, 2 tests', fixture, 'test'));
    const synthetic = path.join(root, 'synthetic');
    writeSyntheticTree(synthetic, 8, 25);
    rows.push(await benchTree(runtime, root, 'synthetic C tree, 200 files', synthetic, 'build'));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return rows;
}

async function benchTree(runtime: DockerRuntime, root: string, label: string, tree: string, command: 'build' | 'test'): Promise<BenchRow> {
  const session = `bench-cold-${process.pid}-${path.basename(tree)}`;
  let copies = 0;
  const coldTest = async (startup: string[]) => {
    const copy = path.join(root, `copy-${++copies}`);
    cpSync(tree, copy, { recursive: true });
    const spec: SandboxSpec = {
      sessionId: session,
      sessionsDir: root,
      attemptId: copies,
      purpose: 'attempt',
      hostWorkspace: copy,
      image: IMAGE,
      network: 'none',
      limits: DEFAULT_LIMITS,
    };
    const sandbox = await runtime.start(spec);
    try {
      const run = await sandbox.exec(['bazel', ...startup, command, '//...'], { timeoutMs: 15 * 60_000 });
      if (run.exitCode !== 0) throw new Error(`bazel ${command} //... failed (exit ${run.exitCode}):\n${run.stderr.slice(-2000)}`);
    } finally {
      await sandbox.remove();
      rmSync(copy, { recursive: true, force: true });
    }
  };
  try {
    const { ours, baseline } = await versus(() => coldTest([]), () => coldTest(JDK_DEFAULTS), RUNS);
    console.log(`cold bazel ${command} (${label}): image JVM settings ${Math.round(ours)} ms, JDK defaults ${Math.round(baseline)} ms (median of ${RUNS}), ratio ${(ours / baseline).toFixed(2)}x`);
    return { name: `cold server's first bazel ${command} (${label}), image JVM settings vs JDK defaults`, ours_ms: ours, baseline_ms: baseline };
  } finally {
    await runtime.removeSessionContainers(session);
    await runtime.removeSessionVolumes(session);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchColdServer();
}
