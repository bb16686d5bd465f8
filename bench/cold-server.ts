// A fresh container's first `bazel test //...` (`build` for the tree without tests): a cold
// server, as every fresh container and the first command of every warm one has, over the
// session's caches (which hold the tree's actions after the warm-up runs). The image's JVM
// settings for Bazel's server (its ahead-of-time cache, the optimising compiler off; see the
// Dockerfile) against the JDK's defaults, for the C fixture and a generated 200-file tree.
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_LIMITS, type DockerRuntime, type SandboxSpec } from '../src/runtime/index.js';
import { benchBazelTrees, IMAGE, type BazelTree } from './bazel-trees.js';
import { versus, type BenchRow } from './measure.js';

const RUNS = 3;
/** Later startup flags win: these undo the image's two. */
const JDK_DEFAULTS = ['--host_jvm_args=-XX:TieredStopAtLevel=4', '--host_jvm_args=-XX:AOTMode=off'];

export function benchColdServer(): Promise<BenchRow[]> {
  return benchBazelTrees('sog-bench-cold-', benchTree);
}

async function benchTree(runtime: DockerRuntime, root: string, { label, path: tree, tests }: BazelTree): Promise<BenchRow> {
  const command = tests ? 'test' : 'build';
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
