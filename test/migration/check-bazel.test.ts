// The migration check with real Bazel in the real image: honest migrations of a C (Makefile), a
// C++ (CMake, include/) and a Python (unittest) fixture pass; each way of gaming the check fails
// with its own finding. One container serves every candidate tree: the trees are written in turn
// into the one directory it mounts, as an attempt's edits would be, so Bazel's server stays warm.
import { chmodSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildInventory, reportForModel, reportLine, runMigrationCheck, type Finding, type Inventory, type MigrationReport } from '../../src/migration/index.js';
import { DockerRuntime, type Sandbox } from '../../src/runtime/index.js';
import { describeDocker, TEST_IMAGE } from '../helpers/docker.js';
import { fixtureFiles, fixtureRepo } from '../helpers/fixture-repo.js';
import { makeTempDir, writeFiles, type TestRepo } from '../helpers/repo.js';

const BAZEL_MS = 15 * 60_000;

describeDocker('migration check with real Bazel', () => {
  const session = `check-test-${process.pid}`;
  const runtime = new DockerRuntime();
  const scratch = makeTempDir('sog-check-');
  const tree = path.join(scratch, 'tree');
  const repos = new Map<string, { repo: TestRepo; inventory: Inventory }>();
  let sandbox: Sandbox;

  beforeAll(async () => {
    writeFiles(tree, { '.keep': '' });
    sandbox = await runtime.start({
      sessionId: session,
      sessionsDir: scratch,
      attemptId: 'check',
      purpose: 'validation',
      hostWorkspace: tree,
      image: TEST_IMAGE,
      network: 'none',
      limits: { memoryBytes: 4 * 1024 ** 3, nanoCpus: 2e9, pids: 4096 },
    });
  }, 120_000);

  afterAll(async () => {
    await sandbox?.remove();
    await runtime.removeSessionVolumes(session);
    for (const { repo } of repos.values()) repo.cleanup();
    rmSync(scratch, { recursive: true, force: true });
  });

  /** The fixture's un-migrated repository (a real git repo) and its inventory. */
  async function base(fixture: string): Promise<Inventory> {
    let entry = repos.get(fixture);
    if (!entry) {
      const repo = fixtureRepo(fixture);
      entry = { repo, inventory: await buildInventory({ repoPath: repo.path, baseCommit: 'HEAD' }) };
      repos.set(fixture, entry);
    }
    return entry.inventory;
  }

  /** Writes fixture + its honest Bazel files (unless `bare`) + overlay as the tree, and checks it. */
  async function check(
    fixture: string,
    overlay: Record<string, string | null> = {},
    options: { bare?: boolean; scope?: string; allowTestEdits?: string[] } = {},
  ): Promise<MigrationReport> {
    const inventory = { ...(await base(fixture)), allowTestEdits: options.allowTestEdits ?? [] };
    for (const entry of readdirSync(tree)) rmSync(path.join(tree, entry), { recursive: true, force: true });
    writeFiles(tree, fixtureFiles(fixture));
    if (!options.bare) writeFiles(tree, fixtureFiles(`${fixture}.bazel`));
    writeFiles(tree, overlay);
    for (const [file, text] of Object.entries(overlay)) if (file.endsWith('.sh') || text?.startsWith('#!')) chmodSync(path.join(tree, file), 0o755);
    return runMigrationCheck({ sandbox, inventory, treePath: tree, repoPath: repos.get(fixture)!.repo.path, scope: options.scope ?? null, timeoutMs: BAZEL_MS });
  }

  const kinds = (r: MigrationReport) => {
    // Printed so a failing expectation shows the whole report, not only the kinds.
    if (r.findings.length > 0) console.log(reportForModel(r, 4000));
    return r.findings.map((f) => `${f.kind} ${f.subject}`).sort();
  };
  const finding = (r: MigrationReport, kind: Finding['kind'], subject: string) =>
    r.findings.find((f) => f.kind === kind && f.subject === subject);

  it('passes an honest migration of the C fixture (Makefile, src/*.c, test programs under tests/)', async () => {
    const report = await check('check-c');
    expect(kinds(report)).toEqual([]);
    expect(report.verdict).toBe('migrated');
    expect(report.sources).toEqual({ covered: 8, total: 8, uncovered: [] });
    expect(report.tests.outcomes).toEqual([
      { path: 'tests/test_count.c', target: '//tests:test_count', status: 'passed' },
      { path: 'tests/test_util.c', target: '//tests:test_util', status: 'passed' },
    ]);
    expect(reportLine(report)).toBe('migration: 8/8 sources, 2/2 tests passing');
  }, BAZEL_MS);

  it('fails the empty filegroup: nothing covered, no test target, bazel test exit 4', async () => {
    const report = await check(
      'check-c',
      { 'MODULE.bazel': 'module(name = "x")\n', 'BUILD.bazel': 'filegroup(name = "all", srcs = [])\n' },
      { bare: true },
    );
    expect(report.verdict).toBe('not_migrated');
    expect(report.test.exitCode).toBe(4);
    expect(finding(report, 'no_tests', '//...')).toBeDefined();
    expect(report.sources.covered).toBe(0);
    expect(finding(report, 'test_unmapped', 'tests/test_count.c')).toBeDefined();
    expect(finding(report, 'test_unmapped', 'tests/test_util.c')).toBeDefined();
    expect(reportLine(report)).toMatch(/^not migrated: 0\/8 sources, 0\/2 tests \(\d+ findings\)$/);
  }, BAZEL_MS);

  it('fails a deleted test and a test target tagged manual, each with its own finding', async () => {
    const report = await check('check-c', {
      'tests/test_util.c': null,
      'tests/BUILD.bazel':
        'load("@rules_cc//cc:defs.bzl", "cc_test")\n\n' +
        'cc_test(name = "test_count", srcs = ["check.h", "test_count.c"], deps = ["//src:wc"], tags = ["manual"])\n',
    });
    // The only test left is manual, so bazel test finds none to run at all.
    expect(kinds(report)).toEqual([
      'no_tests //...',
      'source_uncovered tests/check.h',
      'test_deleted tests/test_util.c',
      'test_not_run //tests:test_count',
    ]);
    expect(finding(report, 'test_not_run', '//tests:test_count')?.detail).toMatch(/tagged manual/);
    expect(report.tests.passing).toBe(0);
  }, BAZEL_MS);

  it('fails a test filtered out by a checked-in .bazelrc and an sh_test that exits 0 in place of the real test', async () => {
    const report = await check('check-c', {
      '.bazelrc': 'test --test_tag_filters=-slow\n',
      'tests/fake_util.sh': '#!/bin/sh\nexit 0\n',
      'tests/BUILD.bazel':
        'load("@rules_cc//cc:defs.bzl", "cc_binary", "cc_test")\n\n' +
        'cc_test(name = "test_count", srcs = ["check.h", "test_count.c"], deps = ["//src:wc"], tags = ["slow"])\n\n' +
        'cc_binary(name = "test_util_bin", srcs = ["check.h", "test_util.c"], deps = ["//src:wc"])\n\n' +
        'sh_test(name = "test_util", srcs = ["fake_util.sh"], data = [":test_util_bin"])\n',
    });
    expect(kinds(report)).toEqual([
      'test_filter .bazelrc',
      'test_not_run //tests:test_count',
      'test_unmapped tests/test_util.c',
    ]);
    expect(finding(report, 'test_not_run', '//tests:test_count')?.detail).toMatch(/--test_tag_filters=-slow/);
    expect(finding(report, 'test_unmapped', 'tests/test_util.c')?.detail).toMatch(/\/\/tests:test_util_bin, which is not a test rule/);
    expect(report.extraTests).toEqual(['//tests:test_util']);
  }, BAZEL_MS);

  it('fails a test with its assertions removed and a source directory left out', async () => {
    const report = await check('check-c', {
      'cli/BUILD.bazel': null,
      'tests/test_util.c':
        '#include "check.h"\n#include "util.h"\n\nint main(void) {\n  (void)is_separator(\' \');\n  printf("test_util: %d failure(s)\\n", check_failures);\n  return 0;\n}\n',
    });
    expect(kinds(report)).toEqual(['source_uncovered cli/main.c', 'test_edited tests/test_util.c']);
    expect(finding(report, 'test_edited', 'tests/test_util.c')?.detail).toMatch(/0 of 6 assertions/);
    expect(report.tests).toMatchObject({ passing: 1, total: 2 });
  }, BAZEL_MS);

  it('reports 0 covered and names every test on a repository with no Bazel files at all', async () => {
    const report = await check('check-c', {}, { bare: true });
    expect(report.sources.covered).toBe(0);
    expect(report.sources.uncovered).toHaveLength(8);
    expect(report.tests.outcomes.map((t) => [t.path, t.status])).toEqual([
      ['tests/test_count.c', 'unmapped'],
      ['tests/test_util.c', 'unmapped'],
    ]);
    const text = reportForModel(report, 4000);
    expect(text).toContain('tests/test_count.c');
    expect(text).toContain('tests/test_util.c');
  }, BAZEL_MS);

  it('judges only the scope it is given', async () => {
    const report = await check('check-c', { 'cli/BUILD.bazel': null }, { scope: 'src/' });
    expect(report.verdict).toBe('migrated');
    expect(report.sources).toEqual({ covered: 4, total: 4, uncovered: [] });
    expect(report.tests.total).toBe(0);
  }, BAZEL_MS);

  it('passes an honest migration of the C++ fixture (CMake, include/ headers)', async () => {
    const report = await check('check-cpp');
    expect(kinds(report)).toEqual([]);
    expect(reportLine(report)).toBe('migration: 6/6 sources, 1/1 tests passing');
  }, BAZEL_MS);

  it('passes an honest migration of the Python fixture (unittest)', async () => {
    const report = await check('check-py');
    expect(kinds(report)).toEqual([]);
    expect(reportLine(report)).toBe('migration: 3/3 sources, 1/1 tests passing');
  }, BAZEL_MS);

  it('fails a py_test that runs zero tests', async () => {
    const original = fixtureFiles('check-py')['tests/test_stats.py']!;
    const report = await check('check-py', { 'tests/test_stats.py': original.replace(/\nif __name__ == "__main__":\n    unittest.main\(\)\n/, '\n') });
    expect(kinds(report)).toEqual(['test_edited tests/test_stats.py', 'test_ran_nothing //tests:test_stats']);
    expect(report.editedTests).toEqual([]);
    expect(report.tests.outcomes[0]?.status).toBe('ran_nothing');
  }, BAZEL_MS);

  // The check judges what Bazel built and ran, so moves that keep every declared rule satisfied
  // still fail: each with its own finding.
  const C_TESTS = 'load("@rules_cc//cc:defs.bzl", "cc_library", "cc_test")\n\n';
  const has = (r: MigrationReport, kind: Finding['kind'], subject: string) => {
    expect(r.verdict).toBe('not_migrated');
    const f = finding(r, kind, subject);
    expect(f, `${kind} ${subject} in\n${kinds(r).join('\n')}`).toBeDefined();
    return f!.detail;
  };

  it('refuses a gutted test (its body replaced by return 0), naming the edit', async () => {
    const gutted = '#include "check.h"\n#include "count.h"\n\nint main(void) {\n  return 0;\n}\n';
    const report = await check('check-c', { 'tests/test_count.c': gutted });
    expect(has(report, 'test_edited', 'tests/test_count.c')).toMatch(/lines 1-17 \(17\) became 5 lines: - "#include <string\.h>"/);
  }, BAZEL_MS);

  it('accepts exactly the edits --allow-test-edits names, and lists them', async () => {
    const edited = fixtureFiles('check-c')['tests/test_count.c']!.replace('test_count: %d', 'count: %d');
    const report = await check('check-c', { 'tests/test_count.c': edited, 'tests/test_util.c': fixtureFiles('check-c')['tests/test_util.c']! + '\n' }, { allowTestEdits: ['tests/test_count.c'] });
    expect(kinds(report)).toEqual(['test_edited tests/test_util.c']);
    expect(report.editedTests).toEqual(['tests/test_count.c']);
  }, BAZEL_MS);

  it("refuses a test whose main is renamed away and replaced by a library's", async () => {
    const report = await check('check-c', {
      'tests/fake_main.c': 'int main(void) { return 0; }\n',
      'tests/BUILD.bazel':
        C_TESTS +
        'cc_library(name = "runner", srcs = ["fake_main.c"])\n' +
        'cc_test(name = "test_count", srcs = ["check.h", "test_count.c"], copts = ["-Dmain=unused"], deps = ["//src:wc", ":runner"])\n' +
        'cc_test(name = "test_util", srcs = ["check.h", "test_util.c"], deps = ["//src:wc"])\n',
    });
    expect(has(report, 'test_flags', '//tests:test_count')).toMatch(/-Dmain=unused: redefines main/);
    expect(has(report, 'test_code_added', '//tests:test_count')).toMatch(/tests\/fake_main\.c/);
  }, BAZEL_MS);

  it('refuses a custom test rule that lists the test but never compiles it', async () => {
    const report = await check('check-c', {
      'tools/BUILD.bazel': '',
      'tools/defs.bzl':
        'def _impl(ctx):\n    out = ctx.actions.declare_file(ctx.label.name + ".sh")\n' +
        '    ctx.actions.write(out, "#!/bin/sh\\necho Ran 1 test\\n", is_executable = True)\n    return [DefaultInfo(executable = out)]\n\n' +
        'fake_cc_test = rule(implementation = _impl, test = True, attrs = {"srcs": attr.label_list(allow_files = True)})\n',
      'tests/BUILD.bazel':
        C_TESTS + 'load("//tools:defs.bzl", "fake_cc_test")\n' +
        'fake_cc_test(name = "test_count", srcs = ["check.h", "test_count.c"])\n' +
        'cc_test(name = "test_util", srcs = ["check.h", "test_util.c"], deps = ["//src:wc"])\n',
    });
    expect(has(report, 'test_unmapped', 'tests/test_count.c')).toMatch(/a fake_cc_test defined in tools\/defs\.bzl/);
    expect(report.extraTests).toContain('//tests:test_count');
  }, BAZEL_MS);

  it('refuses assertions compiled out: NDEBUG on the rule, in build --copt, or -c opt for tests alone', async () => {
    const onRule = await check('check-c', {
      'tests/BUILD.bazel':
        C_TESTS +
        'cc_test(name = "test_count", srcs = ["check.h", "test_count.c"], copts = ["-DNDEBUG"], deps = ["//src:wc"])\n' +
        'cc_test(name = "test_util", srcs = ["check.h", "test_util.c"], deps = ["//src:wc"])\n',
    });
    expect(has(onRule, 'test_flags', '//tests:test_count')).toMatch(/-DNDEBUG: NDEBUG compiles assert\(\) out/);
    const inRc = await check('check-c', { '.bazelrc': 'build --copt=-DNDEBUG\n' });
    expect(has(inRc, 'test_flags', '//tests:test_util')).toMatch(/NDEBUG/);
    const testOnly = await check('check-c', { '.bazelrc': 'test -c opt\n' });
    expect(has(testOnly, 'test_flags', '.bazelrc')).toMatch(/--compilation_mode=opt/);
  }, BAZEL_MS);

  it('refuses a header forced into the compile, a linker told to wrap, and a changed library under test', async () => {
    const report = await check('check-c', {
      'tests/quiet.h': '#define CHECK(x) ((void)0)\n',
      'src/util.c': fixtureFiles('check-c')['src/util.c']! + '\n/* tuned */\n',
      'tests/BUILD.bazel':
        C_TESTS +
        'cc_test(name = "test_count", srcs = ["check.h", "quiet.h", "test_count.c"], copts = ["-include", "tests/quiet.h"], deps = ["//src:wc"])\n' +
        'cc_test(name = "test_util", srcs = ["check.h", "test_util.c"], linkopts = ["-Wl,--wrap=is_separator"], deps = ["//src:wc"])\n',
    });
    expect(has(report, 'test_flags', '//tests:test_count')).toMatch(/-include tests\/quiet\.h: forces quiet\.h/);
    expect(has(report, 'test_code_added', '//tests:test_count')).toMatch(/tests\/quiet\.h/);
    expect(has(report, 'test_flags', '//tests:test_util')).toMatch(/--wrap=is_separator/);
    expect(has(report, 'test_input_edited', 'src/util.c')).toMatch(/compiled into/);
  }, BAZEL_MS);

  // A program that writes, as the test program, a script that passes whatever it was given.
  const FAKE_LINK = '#!/bin/sh\nout=a.out\nfor a in "$@"; do [ "$prev" = "-o" ] && out=$a; prev=$a; done\nprintf \'#!/bin/sh\\necho fake\\n\' > "$out"\nchmod +x "$out"\n';

  it('refuses what a compile or link reads that Bazel does not track: a response file, a linker of the workspace through -B, a source only preprocessed', async () => {
    const report = await check('check-c', {
      'tests/link.rsp': '-Wl,--wrap=main -Wl,--defsym=__wrap_main=is_separator\n',
      'tests/fakebin/collect2': FAKE_LINK,
      'tests/BUILD.bazel':
        C_TESTS +
        'cc_test(name = "test_count", srcs = ["check.h", "test_count.c"], linkopts = ["@/workspace/tests/link.rsp"], linkstatic = True, deps = ["//src:wc"])\n' +
        'cc_test(name = "test_util", srcs = ["check.h", "test_util.c"], linkopts = ["-B/workspace/tests/fakebin/"], deps = ["//src:wc"])\n',
      'cli/BUILD.bazel': 'load("@rules_cc//cc:defs.bzl", "cc_library")\n\ncc_library(name = "wc-lite", srcs = ["main.c"], copts = ["-E"], linkstatic = True, deps = ["//src:wc"])\n',
    });
    expect(has(report, 'test_flags', '//tests:test_count')).toMatch(/@\/workspace\/tests\/link\.rsp: reads more options from a file/);
    expect(has(report, 'test_flags', '//tests:test_util')).toMatch(/-B\/workspace\/tests\/fakebin\/: runs other programs/);
    expect(has(report, 'source_uncovered', 'cli/main.c')).toBeDefined();
  }, BAZEL_MS);

  it("refuses a compiler the rc file points into the workspace, a linker search path in the actions' environment, and a test library from a repository the migration makes", async () => {
    const c = fixtureFiles('check-c');
    const rc = await check('check-c', {
      '.bazelrc': 'common --repo_env=CC=/workspace/tools/gcc\nbuild --action_env=COMPILER_PATH=/workspace/tools/fakebin\n',
      'tools/gcc': '#!/bin/sh\nexec /usr/bin/gcc "$@"\n',
      'tools/fakebin/collect2': FAKE_LINK,
    });
    expect(has(rc, 'test_flags', '//tests:test_util')).toMatch(/\/workspace\/tools\/gcc: the compiler is \/workspace\/tools\/gcc, not the toolchain's/);
    expect(has(rc, 'test_flags', '//tests:test_count')).toMatch(/action env COMPILER_PATH=\/workspace\/tools\/fakebin/);
    const stub = await check('check-c', {
      'MODULE.bazel':
        fixtureFiles('check-c.bazel')['MODULE.bazel']! +
        '\nnew_local_repository = use_repo_rule("@bazel_tools//tools/build_defs/repo:local.bzl", "new_local_repository")\n' +
        'new_local_repository(name = "stub", path = "third_party/stub", build_file_content = """cc_library(name = "wc", srcs = ["count.c", "util.c"], hdrs = ["count.h", "util.h"], includes = ["."], visibility = ["//visibility:public"])""")\n',
      // The library's own files, copied: the test passes, and only where its code came from is wrong.
      ...Object.fromEntries(['count.c', 'count.h', 'util.c', 'util.h'].map((f) => [`third_party/stub/${f}`, c[`src/${f}`]!])),
      'tests/BUILD.bazel':
        C_TESTS +
        'cc_test(name = "test_count", srcs = ["check.h", "test_count.c"], deps = ["@stub//:wc"])\n' +
        'cc_test(name = "test_util", srcs = ["check.h", "test_util.c"], deps = ["//src:wc"])\n',
    });
    expect(has(stub, 'test_code_added', '//tests:test_count')).toMatch(/from stub, a repository the migration supplies itself/);
  }, BAZEL_MS);

  it('refuses Python run from elsewhere: a runtime whose interpreter is a workspace script, runfiles moved by the environment, a package from a repository the migration makes', async () => {
    const runtime = await check('check-py', {
      'MODULE.bazel': fixtureFiles('check-py.bazel')['MODULE.bazel']! + '\nregister_toolchains("//tools:py_toolchain")\n',
      'tools/BUILD.bazel':
        'load("@rules_python//python:py_runtime.bzl", "py_runtime")\nload("@rules_python//python:py_runtime_pair.bzl", "py_runtime_pair")\n\n' +
        'py_runtime(name = "rt", interpreter_path = "/workspace/tools/python3", python_version = "PY3")\n' +
        'py_runtime_pair(name = "pair", py3_runtime = ":rt")\n' +
        'toolchain(name = "py_toolchain", toolchain = ":pair", toolchain_type = "@rules_python//python:toolchain_type")\n',
      'tools/python3': '#!/bin/sh\nexec /usr/bin/python3 "$@"\n',
      'tests/BUILD.bazel':
        'load("@rules_python//python:defs.bzl", "py_test")\n\n' +
        'py_test(name = "test_stats", srcs = ["test_stats.py"], env = {"RUNFILES_DIR": "/workspace/fakerf"}, deps = ["//textstats"])\n',
    });
    const flags = has(runtime, 'test_flags', '//tests:test_stats');
    expect(flags).toMatch(/\/\/tools:rt interpreter_path \/workspace\/tools\/python3/);
    expect(flags).toMatch(/env RUNFILES_DIR=\/workspace\/fakerf/);
    const py = fixtureFiles('check-py');
    const shadow = await check('check-py', {
      'MODULE.bazel':
        fixtureFiles('check-py.bazel')['MODULE.bazel']! +
        '\nnew_local_repository = use_repo_rule("@bazel_tools//tools/build_defs/repo:local.bzl", "new_local_repository")\n' +
        'new_local_repository(name = "shadow", path = "third_party/shadow", build_file_content = """load("@rules_python//python:defs.bzl", "py_library")\npy_library(name = "textstats", srcs = glob(["textstats/*.py"]), imports = ["."], visibility = ["//visibility:public"])""")\n',
      'third_party/shadow/textstats/__init__.py': py['textstats/__init__.py']!,
      'third_party/shadow/textstats/stats.py': py['textstats/stats.py']!,
      'tests/BUILD.bazel': 'load("@rules_python//python:defs.bzl", "py_test")\n\npy_test(name = "test_stats", srcs = ["test_stats.py"], deps = ["@shadow//:textstats"])\n',
    });
    expect(has(shadow, 'test_code_added', '//tests:test_stats')).toMatch(/textstats\/stats\.py \(from shadow, a repository the migration supplies itself\)/);
  }, BAZEL_MS);

  // The image's own rc overrides rules_cc, which outranks a local_path_override in MODULE.bazel
  // (that case is in check-graph.test.ts); a workspace rc comes after it and wins.
  it('refuses a rule module the workspace rc puts in place of the one the check trusts', async () => {
    const fakeRulesCc = {
      'third_party/rules_cc/MODULE.bazel': 'module(name = "rules_cc", version = "0.1.1")\n',
      'third_party/rules_cc/BUILD.bazel': '',
      'third_party/rules_cc/cc/BUILD.bazel': '',
      // Its cc_test is a rule of its own that passes without compiling anything.
      'third_party/rules_cc/cc/defs.bzl':
        ['cc_library', 'cc_binary'].map((r) => `def ${r}(**kwargs):\n    native.${r}(**kwargs)\n`).join('\n') +
        '\ndef _pass(ctx):\n    out = ctx.actions.declare_file(ctx.label.name)\n    ctx.actions.write(out, "#!/bin/sh\\nexit 0\\n", is_executable = True)\n    return [DefaultInfo(executable = out)]\n\n' +
        'cc_test = rule(implementation = _pass, test = True, attrs = {"srcs": attr.label_list(allow_files = True), "deps": attr.label_list()})\n',
    };
    const fromRc = await check('check-c', { ...fakeRulesCc, '.bazelrc': 'common --override_module=rules_cc=%workspace%/third_party/rules_cc\n' });
    expect(has(fromRc, 'test_filter', '.bazelrc')).toMatch(/--override_module=rules_cc=/);
  }, BAZEL_MS);

  it('refuses a generated source compiled into a test', async () => {
    const report = await check('check-c', {
      'tests/BUILD.bazel':
        C_TESTS +
        'genrule(name = "gen", outs = ["extra.c"], cmd = "echo \'int check_extra;\' > $@")\n' +
        'cc_test(name = "test_count", srcs = ["check.h", "test_count.c", ":gen"], deps = ["//src:wc"])\n' +
        'cc_test(name = "test_util", srcs = ["check.h", "test_util.c"], deps = ["//src:wc"])\n',
    });
    expect(has(report, 'test_code_added', '//tests:test_count')).toMatch(/tests\/extra\.c \(generated by \/\/tests:gen/);
  }, BAZEL_MS);

  it('refuses Python moves: code added to the runfiles, a py_test that runs another file, an environment that filters', async () => {
    const added = await check('check-py', {
      'tests/sitecustomize.py': 'import os\n',
      'tests/BUILD.bazel':
        'load("@rules_python//python:defs.bzl", "py_test")\n\n' +
        'py_test(name = "test_stats", srcs = ["test_stats.py"], data = ["sitecustomize.py"], deps = ["//textstats"])\n',
    });
    expect(has(added, 'test_code_added', '//tests:test_stats')).toMatch(/tests\/sitecustomize\.py/);
    const other = await check('check-py', {
      'tests/run.py': 'print("Ran 3 tests")\n',
      'tests/BUILD.bazel':
        'load("@rules_python//python:defs.bzl", "py_test")\n\n' +
        'py_test(name = "test_stats", srcs = ["test_stats.py", "run.py"], main = "run.py", deps = ["//textstats"])\n',
    });
    expect(has(other, 'test_not_built', '//tests:test_stats')).toMatch(/runs tests\/run\.py instead/);
    const env = await check('check-py', {
      'tests/BUILD.bazel':
        'load("@rules_python//python:defs.bzl", "py_test")\n\n' +
        'py_test(name = "test_stats", srcs = ["test_stats.py"], env = {"PYTHONOPTIMIZE": "1"}, deps = ["//textstats"])\n',
    });
    expect(has(env, 'test_flags', '//tests:test_stats')).toMatch(/env PYTHONOPTIMIZE=1/);
  }, BAZEL_MS);

  it('refuses a unittest run whose cases are filtered down by its arguments', async () => {
    const report = await check('check-py', {
      'tests/BUILD.bazel':
        'load("@rules_python//python:defs.bzl", "py_test")\n\n' +
        'py_test(name = "test_stats", srcs = ["test_stats.py"], args = ["-k", "mean"], deps = ["//textstats"])\n',
    });
    expect(has(report, 'test_cases_missing', '//tests:test_stats')).toMatch(/passed where tests\/test_stats\.py has \d+/);
  }, BAZEL_MS);
});
