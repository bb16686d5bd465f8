// The migration check: (1) the inventory of a generated repository of 5,000 tracked files
// (goal: under a second) against git itself listing and reading the same files; (2) the check's
// own cost on top of the `bazel build //...` + `bazel test //...` it runs, for the same tree in
// the same container (goal: at most 20% more): each trial is a fresh container of one session,
// as validation gets, and the bazel build/test commands inside the check are timed apart.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildInventory, runMigrationCheck } from '../src/migration/index.js';
import { DEFAULT_LIMITS, DockerRuntime, type Sandbox } from '../src/runtime/index.js';
import { median, timed, versus, type BenchRow } from './measure.js';

const IMAGE = process.env.SHOTS_ON_GOAL_IMAGE ?? 'shots-on-goal:latest';
const INVENTORY_FILES = 5_000;
const INVENTORY_RUNS = 7;
/** Fresh-container trials after the one that fills the caches (SOG_BENCH_CHECK_TRIALS overrides). */
const CHECK_TRIALS = Number(process.env.SOG_BENCH_CHECK_TRIALS ?? 3);
const PACKAGES = 20;
const FILES_PER_PACKAGE = 10;

function report(row: BenchRow, what: string): BenchRow {
  console.log(`${row.name}: ${what}, ratio ${(row.ours_ms / row.baseline_ms).toFixed(2)}x`);
  return row;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@localhost', ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 ** 2,
  });
}

function write(root: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), content);
  }
}

/** A repository shaped like a real mixed one: C and Python packages with tests, docs, a Makefile. */
function generatedRepo(root: string, total: number): void {
  const files: Record<string, string> = { Makefile: 'check:\n\t./tests/run\n', 'pyproject.toml': '[tool.pytest.ini_options]\ntestpaths = ["py"]\n' };
  for (let i = 0; Object.keys(files).length < total; i++) {
    const dir = `pkg${Math.floor(i / 20)}`;
    switch (i % 5) {
      case 0:
        files[`${dir}/src/m${i}.c`] = `#include "m${i}.h"\nint m${i}(int x) { return x + ${i}; }\n`;
        break;
      case 1:
        files[`${dir}/src/m${i - 1}.h`] = `int m${i - 1}(int x);\n`;
        break;
      case 2:
        files[`${dir}/tests/m${i - 2}_test.c`] = `#include <assert.h>\nint m${i - 2}(int);\nint main(void) { assert(m${i - 2}(0) == ${i - 2}); return 0; }\n`;
        break;
      case 3:
        files[`py/${dir}/test_m${i}.py`] = `import unittest\n\nclass T(unittest.TestCase):\n    def test_a(self):\n        self.assertEqual(${i}, ${i})\n`;
        break;
      default:
        files[`docs/${dir}/page${i}.md`] = `# page ${i}\n`;
    }
  }
  write(root, files);
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'generated');
  // Packed, as a cloned repository is (5,000 loose objects cost git itself seconds of disk reads).
  git(root, 'gc', '-q');
}

async function benchInventory(scratch: string): Promise<BenchRow> {
  const repo = path.join(scratch, 'inventory-repo');
  mkdirSync(repo);
  generatedRepo(repo, INVENTORY_FILES);
  const count = git(repo, 'ls-files').trim().split('\n').length;
  const ours = () => buildInventory({ repoPath: repo, baseCommit: 'HEAD' });
  // git itself listing the commit and reading every blob: the least any reader of it can cost.
  const baseline = async () => {
    const ids = git(repo, 'ls-tree', '-r', '--full-tree', '-l', 'HEAD')
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split(/\s+/)[2])
      .join('\n');
    execFileSync('git', ['cat-file', '--batch'], { cwd: repo, input: `${ids}\n`, maxBuffer: 512 * 1024 ** 2 });
  };
  const ms = await versus(ours, baseline, INVENTORY_RUNS);
  return report(
    { name: `inventory of ${count} tracked files (buildInventory vs git ls-tree + cat-file of every blob)`, ours_ms: ms.ours, baseline_ms: ms.baseline },
    `buildInventory ${ms.ours.toFixed(0)} ms, git alone ${ms.baseline.toFixed(0)} ms (median of ${INVENTORY_RUNS}; goal < 1000 ms)`,
  );
}

/** The un-migrated sources and their honest Bazel files: PACKAGES libraries, each with a test. */
function checkTree(root: string, withBazel: boolean): void {
  const files: Record<string, string> = {};
  for (let p = 0; p < PACKAGES; p++) {
    const srcs: string[] = [];
    for (let f = 0; f < FILES_PER_PACKAGE; f++) {
      const body = Array.from({ length: 30 }, (_, i) => `static int g${i}(int x) { return x * ${i + 1} + ${f}; }`).join('\n');
      files[`p${p}/f${f}.c`] = `${body}\nint p${p}_f${f}(int x) { return ${Array.from({ length: 30 }, (_, i) => `g${i}(x)`).join(' + ')}; }\n`;
      srcs.push(`"f${f}.c"`);
    }
    files[`p${p}/tests/p${p}_test.c`] = `#include <assert.h>\nint p${p}_f0(int);\nint main(void) { assert(p${p}_f0(0) == 0); return 0; }\n`;
    if (withBazel) {
      files[`p${p}/BUILD.bazel`] = `load("@rules_cc//cc:defs.bzl", "cc_library")\ncc_library(name = "lib", srcs = [${srcs.join(', ')}], visibility = ["//visibility:public"])\n`;
      files[`p${p}/tests/BUILD.bazel`] = `load("@rules_cc//cc:defs.bzl", "cc_test")\ncc_test(name = "p${p}_test", srcs = ["p${p}_test.c"], deps = ["//p${p}:lib"])\n`;
    }
  }
  if (withBazel) files['MODULE.bazel'] = 'module(name = "bench")\nbazel_dep(name = "rules_cc", version = "0.1.1")\n';
  write(root, files);
}

/** The check's commands by what they are, for where its own time goes. */
function kindOf(argv: string[]): string {
  if (argv[0] === 'bazel') return `bazel ${argv[1]}`;
  const bazel = argv.indexOf('bazel');
  return bazel >= 0 ? `bazel ${argv[bazel + 1]}` : 'reads';
}

/** Times the `bazel build` and `bazel test` commands the check runs, apart from everything else. */
function timing(sandbox: Sandbox): { sandbox: Sandbox; bazelMs: () => number; byKind: Map<string, number> } {
  let ms = 0;
  const byKind = new Map<string, number>();
  const timedSandbox: Sandbox = {
    id: sandbox.id,
    hostWorkspace: sandbox.hostWorkspace,
    remove: () => sandbox.remove(),
    async exec(argv, options) {
      const started = performance.now();
      try {
        return await sandbox.exec(argv, options);
      } finally {
        const took = performance.now() - started;
        if (argv[0] === 'bazel' && (argv[1] === 'build' || argv[1] === 'test')) ms += took;
        byKind.set(kindOf(argv), (byKind.get(kindOf(argv)) ?? 0) + took);
      }
    },
  };
  return { sandbox: timedSandbox, bazelMs: () => ms, byKind };
}

async function benchCheck(scratch: string): Promise<BenchRow> {
  const base = path.join(scratch, 'check-base');
  mkdirSync(base);
  checkTree(base, false);
  git(base, 'init', '-q');
  git(base, 'add', '-A');
  git(base, 'commit', '-qm', 'un-migrated');
  const inventory = await buildInventory({ repoPath: base, baseCommit: 'HEAD' });
  const tree = path.join(scratch, 'check-tree');
  checkTree(tree, true);

  const runtime = new DockerRuntime();
  await runtime.check(IMAGE);
  const session = `bench-check-${process.pid}`;
  const totals: number[] = [];
  const bazel: number[] = [];
  try {
    // Trial 0 fills the session's caches, as the attempts before a validation would have.
    for (let trial = 0; trial <= CHECK_TRIALS; trial++) {
      const sandbox = await runtime.start({
        sessionId: session,
        sessionsDir: scratch,
        attemptId: `trial-${trial}`,
        purpose: 'validation',
        hostWorkspace: tree,
        image: IMAGE,
        network: 'none',
        limits: DEFAULT_LIMITS,
      });
      try {
        const t = timing(sandbox);
        const checkMs = await timed(async () => {
          const r = await runMigrationCheck({ sandbox: t.sandbox, inventory, treePath: tree, timeoutMs: 30 * 60_000 });
          if (r.verdict !== 'migrated') throw new Error(`the benchmark tree should pass the check:\n${JSON.stringify(r.findings)}`);
        });
        const parts = [...t.byKind].map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ');
        console.log(`  trial ${trial}${trial === 0 ? ' (fills the caches)' : ''}: check ${checkMs.toFixed(0)} ms, its bazel build + test ${t.bazelMs().toFixed(0)} ms (${parts})`);
        if (trial > 0) {
          totals.push(checkMs);
          bazel.push(t.bazelMs());
        }
      } finally {
        await sandbox.remove();
      }
    }
  } finally {
    await runtime.removeSessionContainers(session);
    await runtime.removeSessionVolumes(session);
  }
  const files = inventory.sources.length;
  return report(
    { name: `migration check, ${files} sources and ${inventory.tests.length} tests (whole check vs its bazel build + bazel test)`, ours_ms: median(totals), baseline_ms: median(bazel) },
    `check ${median(totals).toFixed(0)} ms, of which bazel build + test ${median(bazel).toFixed(0)} ms (median of ${CHECK_TRIALS} fresh containers; goal <= 1.20x)`,
  );
}

async function inScratch(fn: (scratch: string) => Promise<BenchRow>): Promise<BenchRow[]> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'sog-bench-migration-'));
  try {
    return [await fn(scratch)];
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export const benchMigrationInventory = () => inScratch(benchInventory);
export const benchMigrationCheck = () => inScratch(benchCheck);

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchMigrationInventory();
  await benchMigrationCheck();
}
