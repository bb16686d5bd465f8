// Validation of one committed tree in the session's warm validation container against a fresh
// container (the session's shared caches, as every validation had before warm servers), for the
// C fixture and a generated 200-file tree. Each validation gets a new copy of the tree, as a new
// detached worktree would be: `bazel build //...` then `bazel test //...` with test results not cached.
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_LIMITS, type DockerRuntime, type SandboxSpec } from '../src/runtime/index.js';
import { benchBazelTrees, IMAGE, type BazelTree } from './bazel-trees.js';
import { versus, type BenchRow } from './measure.js';

const RUNS = 3;

export function benchWarmValidation(): Promise<BenchRow[]> {
  return benchBazelTrees('sog-bench-warm-', benchTree);
}

async function benchTree(runtime: DockerRuntime, root: string, { label, path: tree }: BazelTree): Promise<BenchRow> {
  const session = `bench-warm-${process.pid}-${path.basename(tree)}`;
  let copies = 0;
  const validate = async (reuse: boolean) => {
    const copy = path.join(root, `copy-${++copies}`);
    cpSync(tree, copy, { recursive: true });
    const spec: SandboxSpec = {
      sessionId: session,
      sessionsDir: root,
      attemptId: copies,
      purpose: 'validation',
      hostWorkspace: copy,
      image: IMAGE,
      network: 'none',
      limits: DEFAULT_LIMITS,
      ...(reuse ? { reuse: { key: 'validation', stageDir: path.join(root, `stage-${session}`) } } : {}),
    };
    const sandbox = await runtime.start(spec);
    try {
      const build = await sandbox.exec(['bazel', 'build', '//...'], { timeoutMs: 15 * 60_000 });
      if (build.exitCode !== 0) throw new Error(`bazel build //... failed (exit ${build.exitCode}):\n${build.stderr.slice(-2000)}`);
      await sandbox.exec(['bazel', 'test', '--nocache_test_results', '//...'], { timeoutMs: 15 * 60_000 });
    } finally {
      await sandbox.remove();
      rmSync(copy, { recursive: true, force: true });
    }
  };
  try {
    const { ours, baseline } = await versus(() => validate(true), () => validate(false), RUNS);
    console.log(`validation (${label}): warm container ${Math.round(ours)} ms, fresh container ${Math.round(baseline)} ms (median of ${RUNS}), ratio ${(ours / baseline).toFixed(2)}x (goal: at most 0.2x)`);
    return { name: `validation of one tree (${label}), warm vs fresh container`, ours_ms: ours, baseline_ms: baseline };
  } finally {
    await runtime.removeSessionContainers(session);
    await runtime.removeSessionVolumes(session);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchWarmValidation();
}
