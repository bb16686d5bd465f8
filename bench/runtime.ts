// The container runtime: one trivial command through Sandbox.exec against `docker exec` of the
// same command in the same container via the CLI; a container's start+remove against the CLI
// doing the same; and, when the image is there, `bazel build //...` of the C fixture in a fresh
// container of the same session, second run (shared caches) against the first.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { DEFAULT_LIMITS, DockerRuntime, type Sandbox, type SandboxSpec } from '../src/runtime/index.js';
import { median, timed, versus, type BenchRow } from './measure.js';

const run = promisify(execFile);

const IMAGE = process.env.SHOTS_ON_GOAL_IMAGE ?? 'shots-on-goal:latest';
const EXEC_RUNS = 20;
const START_RUNS = 7;
const SYNTHETIC_PACKAGES = 8;
const SYNTHETIC_FILES = 25;
const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures');

function report(row: BenchRow, what: string): BenchRow {
  console.log(`${row.name}: ${what}, ratio ${(row.ours_ms / row.baseline_ms).toFixed(2)}x`);
  return row;
}

export async function benchRuntime(): Promise<BenchRow[]> {
  const runtime = new DockerRuntime();
  await runtime.check(IMAGE);
  const session = `bench-runtime-${process.pid}`;
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'sog-bench-runtime-'));
  const spec = (attemptId: number | string): SandboxSpec => ({
    sessionId: session,
    sessionsDir: workspace,
    attemptId,
    purpose: 'attempt',
    hostWorkspace: workspace,
    image: IMAGE,
    network: 'none',
    limits: DEFAULT_LIMITS,
  });
  const rows: BenchRow[] = [];
  try {
    // 1. One trivial command, same container, interleaved so both see the same machine load.
    const sandbox = await runtime.start(spec('exec'));
    try {
      const ours = () => sandbox.exec(['true']);
      const cli = () => run('docker', ['exec', sandbox.id, 'true']);
      const bare = () => bareExec(runtime, sandbox.id, ['true']);
      await ours();
      await cli();
      await bare();
      const oursMs: number[] = [];
      const cliMs: number[] = [];
      const bareMs: number[] = [];
      for (let i = 0; i < EXEC_RUNS; i++) {
        oursMs.push(await timed(ours));
        cliMs.push(await timed(cli));
        bareMs.push(await timed(bare));
      }
      rows.push(
        report(
          { name: 'exec `true` (Sandbox.exec vs docker exec CLI)', ours_ms: median(oursMs), baseline_ms: median(cliMs) },
          `Sandbox.exec ${median(oursMs)} ms, docker exec ${median(cliMs)} ms (median of ${EXEC_RUNS})`,
        ),
        // The engine's own exec (runc entering the container) is the floor both sit on.
        report(
          { name: 'exec `true` (Sandbox.exec vs bare Engine API exec, no timeout wrapper)', ours_ms: median(oursMs), baseline_ms: median(bareMs) },
          `Sandbox.exec ${median(oursMs)} ms, bare API exec ${median(bareMs)} ms (median of ${EXEC_RUNS})`,
        ),
      );
    } finally {
      await sandbox.remove();
    }

    // 2. Start + remove of one hardened container, against the CLI with the same settings.
    const cliArgs = (n: number) => [
      'run', '-d', '--init', '--cap-drop', 'ALL', '--security-opt', 'no-new-privileges',
      '--network', 'none', '--memory', String(DEFAULT_LIMITS.memoryBytes), '--pids-limit', String(DEFAULT_LIMITS.pids),
      '--label', `shots-on-goal.session=${session}`, '--label', `shots-on-goal.attempt=cli-${n}`,
      '-v', `${workspace}:/workspace`, '-v', `sog-${session}-repo:/var/cache/shots-on-goal/repo`,
      '-v', `sog-${session}-disk:/var/cache/shots-on-goal/disk`, IMAGE, 'sleep', 'infinity',
    ];
    let n = 0;
    const oursCycle = async () => (await runtime.start(spec(`cycle-${++n}`))).remove();
    const cliCycle = async () => {
      const { stdout } = await run('docker', cliArgs(++n));
      await run('docker', ['rm', '-f', stdout.trim()]);
    };
    const start = await versus(oursCycle, cliCycle, START_RUNS);
    rows.push(
      report(
        { name: 'container start+remove (DockerRuntime vs docker run/rm CLI)', ours_ms: start.ours, baseline_ms: start.baseline },
        `DockerRuntime ${start.ours} ms, docker CLI ${start.baseline} ms (median of ${START_RUNS})`,
      ),
    );

    // 3. The same tree built by two successive attempts of one session, each in a fresh container.
    // The fixture is tiny (its time is mostly Bazel's cold start); the synthetic tree shows the
    // disk cache at work on real compile actions.
    const fixture = path.join(workspace, 'fixture');
    cpSync(path.join(FIXTURES, 'bzlmod-c'), fixture, { recursive: true });
    cpSync(path.join(FIXTURES, 'bzlmod-c.bazel'), fixture, { recursive: true });
    rows.push(await benchSecondBuild(runtime, 'bzlmod-c fixture', fixture));
    const synthetic = path.join(workspace, 'synthetic');
    writeSyntheticTree(synthetic, SYNTHETIC_PACKAGES, SYNTHETIC_FILES);
    rows.push(
      await benchSecondBuild(runtime, `synthetic C tree, ${SYNTHETIC_PACKAGES * SYNTHETIC_FILES} files`, synthetic),
    );
  } finally {
    await runtime.removeSessionContainers(session);
    await runtime.removeSessionVolumes(session);
    rmSync(workspace, { recursive: true, force: true });
  }
  return rows;
}

/** create + start + drain + inspect, nothing else: the least any exec over the API can cost. */
async function bareExec(runtime: DockerRuntime, id: string, argv: string[]): Promise<void> {
  const exec = await runtime.docker.getContainer(id).exec({ Cmd: argv, AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({ hijack: true, stdin: false });
  await new Promise<void>((resolve) => {
    stream.once('end', resolve);
    stream.once('close', resolve);
    stream.resume();
  });
  await exec.inspect();
}

/** A C tree with enough compile actions for the disk cache to matter: PACKAGES x FILES sources. */
export function writeSyntheticTree(root: string, packages: number, files: number): void {
  mkdirSync(root, { recursive: true });
  writeFileSync(path.join(root, 'MODULE.bazel'), 'module(name = "synthetic")\nbazel_dep(name = "rules_cc", version = "0.1.1")\n');
  const libs: string[] = [];
  for (let p = 0; p < packages; p++) {
    const dir = path.join(root, `pkg${p}`);
    mkdirSync(dir, { recursive: true });
    const srcs: string[] = [];
    for (let f = 0; f < files; f++) {
      // Enough code that compiling it takes the compiler a moment, as real sources do.
      const body = Array.from({ length: 40 }, (_, i) => `static int g${i}(int x) { return x * ${i + 1} + ${f}; }`).join('\n');
      writeFileSync(
        path.join(dir, `f${f}.c`),
        `#include <stdio.h>\n${body}\nint p${p}_f${f}(int x) { return ${Array.from({ length: 40 }, (_, i) => `g${i}(x)`).join(' + ')}; }\n`,
      );
      srcs.push(`"f${f}.c"`);
    }
    writeFileSync(
      path.join(dir, 'BUILD.bazel'),
      `load("@rules_cc//cc:defs.bzl", "cc_library")\ncc_library(name = "lib", srcs = [${srcs.join(', ')}], copts = ["-O2"], visibility = ["//visibility:public"])\n`,
    );
    libs.push(`"//pkg${p}:lib"`);
  }
  writeFileSync(path.join(root, 'main.c'), 'int main(void) { return 0; }\n');
  writeFileSync(
    path.join(root, 'BUILD.bazel'),
    `load("@rules_cc//cc:defs.bzl", "cc_binary")\ncc_binary(name = "app", srcs = ["main.c"], deps = [${libs.join(', ')}])\n`,
  );
}

/** `bazel build //...` of `tree` by two successive attempts of one session, each in a fresh container. */
async function benchSecondBuild(runtime: DockerRuntime, label: string, tree: string): Promise<BenchRow> {
  const session = `bench-runtime-bazel-${process.pid}`;
  const build = async (attempt: number): Promise<number> => {
    const sandbox = await runtime.start({
      sessionId: session,
      sessionsDir: tree,
      attemptId: attempt,
      purpose: 'attempt',
      hostWorkspace: tree,
      image: IMAGE,
      network: 'none',
      limits: DEFAULT_LIMITS,
    });
    try {
      const result = await sandbox.exec(['bazel', 'build', '//...'], { timeoutMs: 15 * 60_000 });
      if (result.exitCode !== 0) {
        throw new Error(`bazel build //... failed (exit ${result.exitCode}):\n${result.stderr.slice(-2000)}`);
      }
      return result.durationMs;
    } finally {
      await sandbox.remove();
    }
  };
  try {
    const first = await build(1);
    const second = await build(2);
    return report(
      { name: `bazel build //... (${label}), 2nd fresh container vs 1st`, ours_ms: second, baseline_ms: first },
      `second ${second} ms, first ${first} ms (shared repository + disk cache)`,
    );
  } finally {
    await runtime.removeSessionContainers(session);
    await runtime.removeSessionVolumes(session);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchRuntime();
}
