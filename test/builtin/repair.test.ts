// Repairs from what Bazel reported, on the digests bazel_build and bazel_test really return
// (recorded from a session on eval/repos/c-repairs-make), and the directory split of a failed goal.
import { describe, expect, it } from 'vitest';
import { buildFiles, plan, treeFromFiles } from '../../src/builtin/index.js';
import { PythonLanguage } from '../../src/builtin/lang/python.js';
import { repairBuild, repairTests } from '../../src/builtin/repair.js';
import { splitByDirectory } from '../../src/builtin/split.js';
import { decompositionSchema } from '../../src/orchestrator/decomposition.js';
import type { MigrationReport } from '../../src/migration/index.js';
import { unmigratedReport } from '../migration/samples.js';

const FILES = {
  Makefile: 'app: src/main.c\n\t$(CC) -Iconfig -o $@ $^\ncheck: reader_test\n\t./reader_test\nreader_test: tests/reader_test.c\n\t$(CC) -o $@ $^\n',
  'src/main.c': '#define CFG "cfg.h"\n#include CFG\nint main(void) { return LEVEL - 1; }\n',
  'config/cfg.h': '#define LEVEL 1\n',
  'tests/reader_test.c': '#include <stdio.h>\nint main(void) { return fopen("testdata/expected.txt", "r") == NULL; }\n',
  'testdata/expected.txt': 'ok\n',
};

const BUILD_DIGEST = [
  'bazel build //... → exit 1: build failed',
  'ERROR: src/BUILD.bazel:7:10: Compiling src/main.c failed: (Exit 1) [//src:app]',
  '  src/main.c:1:13: fatal error: cfg.h: No such file or directory',
  '  compilation terminated.',
].join('\n');

const TEST_DIGEST = [
  'bazel test //tests:reader_test → exit 3: build OK, but some tests failed or timed out',
  'Tests: 1 failed',
  'FAILED //tests:reader_test (0.5s), test.log:',
  '  testdata/expected.txt: No such file or directory',
].join('\n');

describe('repairs', () => {
  it('a header the compiler could not find: the including target depends on its owner', () => {
    const tree = treeFromFiles(FILES);
    const p = plan(tree);
    expect(buildFiles(p.packages)['src/BUILD.bazel']).not.toContain('//config');
    const repairs = repairBuild(p, tree, BUILD_DIGEST);
    expect(repairs.done).toEqual(expect.arrayContaining(['//src:app now depends on //config for config/cfg.h']));
    expect(buildFiles(p.packages)['src/BUILD.bazel']).toContain('deps = ["//config"]');
    // Nothing new to learn from the same digest twice.
    expect(repairBuild(p, tree, BUILD_DIGEST).done).toEqual([]);
  });

  it('Bazel naming an undeclared header: a dep on the target that has it, or the header into the target itself', () => {
    const tree = treeFromFiles({ ...FILES, 'src/local.h': '#define X 1\n' });
    const p = plan(tree);
    const digest = [
      "ERROR: src/BUILD.bazel:3:10: Compiling src/main.c failed: undeclared inclusion(s) in rule '//src:app':",
      "  this rule is missing dependency declarations for the following files included by 'src/main.c':",
      "    'config/cfg.h'",
    ].join('\n');
    expect(repairBuild(p, tree, digest).done).toContain('//src:app now depends on //config for config/cfg.h');
  });

  it('a symbol the linker could not resolve: the system library that has it, or the library holding the one source that defines it', () => {
    const tree = treeFromFiles({
      'app/app.c': 'int helper(int);\nint main(int c, char **v) { (void)v; return helper(c); }\n',
      'lib/helper.c': 'static int twice(int x) { return 2 * x; }\nint helper(int x)\n{\n  return twice(x);\n}\n',
      'lib/other.c': 'int helper(int x);\nint other(void) { return helper(1); }\n',
    });
    const p = plan(tree);
    expect(buildFiles(p.packages)['app/BUILD.bazel']).not.toContain('//lib');
    const digest = [
      'bazel build //... → exit 1: build failed',
      'ERROR: app/BUILD.bazel:2:10: Linking app/app_bin failed: (Exit 1) [//app:app_bin]',
      "  /usr/bin/x86_64-linux-gnu-ld.bfd: bazel-out/k8-fastbuild/bin/app/_objs/app/app.pic.o: in function `main':",
      "  app.c:(.text+0x32): undefined reference to `helper'",
      "  app.c:(.text+0x40): undefined reference to `pthread_create'",
      "  app.c:(.text+0x48): undefined reference to `twice'",
      '  collect2: error: ld returned 1 exit status',
    ].join('\n');
    const repairs = repairBuild(p, tree, digest);
    expect(repairs.done).toEqual(['//app:app_bin now depends on //lib for helper (defined in lib/helper.c)', '//app:app_bin now links -pthread for pthread_create']);
    const app = buildFiles(p.packages)['app/BUILD.bazel']!;
    expect(app).toContain('linkopts = ["-pthread"]');
    expect(app).toContain('deps = ["//lib"]');
    expect(repairBuild(p, tree, digest).done).toEqual([]);
  });

  it('a test that could not open a file: the file becomes its data, in a package of its own when it has none', () => {
    const tree = treeFromFiles(FILES);
    const p = plan(tree);
    const repairs = repairTests(p, tree, TEST_DIGEST);
    expect(repairs.done).toEqual(['testdata/expected.txt given as data to //tests:reader_test']);
    const files = buildFiles(p.packages);
    expect(files['testdata/BUILD.bazel']).toContain('filegroup(\n    name = "testdata",\n    srcs = ["expected.txt"],');
    expect(files['tests/BUILD.bazel']).toContain('data = ["//testdata"]');
  });

  it('names nothing it cannot find in the tree, and never a path outside it', () => {
    const tree = treeFromFiles(FILES);
    const p = plan(tree);
    const before = JSON.stringify(buildFiles(p.packages));
    const digest = [
      'FAILED //tests:reader_test (0.5s), test.log:',
      '  /etc/passwd: No such file or directory',
      '  ../outside.txt: No such file or directory',
      '  nowhere.txt: No such file or directory',
      '  src/main.c:1:13: fatal error: missing.h: No such file or directory',
    ].join('\n');
    expect(repairTests(p, tree, digest).done).toEqual([]);
    expect(repairBuild(p, tree, digest).done).toEqual([]);
    expect(JSON.stringify(buildFiles(p.packages))).toBe(before);
  });

  it('a Python test that cannot import a tracked module: a dep on its library, whose import path becomes the module root', () => {
    // No packaging file says lib/ is the import root, so the plan cannot know `import mypkg.core` means lib/mypkg/core.py.
    const tree = treeFromFiles({
      'lib/mypkg/__init__.py': '',
      'lib/mypkg/core.py': 'def double(x):\n    return 2 * x\n',
      'tests/test_core.py': 'import mypkg.core\n\ndef test_double():\n    assert mypkg.core.double(2) == 4\n',
    });
    const p = plan(tree);
    expect(buildFiles(p.packages)['tests/BUILD.bazel']).not.toContain('//lib/mypkg');
    const digest = [
      'bazel test //tests:test_core → exit 3: build OK, but some tests failed or timed out',
      'FAILED //tests:test_core (1.1s), test.log:',
      '  ImportError while importing test module \'/root/.cache/bazel/_bazel_root/x/execroot/_main/bazel-out/k8-fastbuild/bin/tests/test_core.runfiles/_main/tests/test_core.py\'.',
      '  tests/test_core.py:1: in <module>',
      '      import mypkg.core',
      "  E   ModuleNotFoundError: No module named 'mypkg'",
      "  ModuleNotFoundError: No module named 'numpy'",
    ].join('\n');
    const repairs = repairTests(p, tree, digest);
    expect(repairs.done).toEqual([
      '//tests:test_core now depends on //lib/mypkg for mypkg (lib/mypkg/__init__.py)',
      'imports ".." added to //lib/mypkg so mypkg imports',
    ]);
    const files = buildFiles(p.packages);
    expect(files['tests/BUILD.bazel']).toMatch(/deps = \[[^\]]*"\/\/lib\/mypkg"/);
    expect(files['lib/mypkg/BUILD.bazel']).toContain('imports = [".."]');
    expect(repairTests(p, tree, digest).done).toEqual([]);
  });

  it('a script a rule runs that is not executable is named for chmod', () => {
    const tree = treeFromFiles({ 'tests/run.sh': '#!/bin/sh\nexit 0\n' });
    const p = plan(tree);
    const digest = "ERROR: tests/BUILD.bazel:3:8: in srcs attribute of sh_test rule //tests:run: file '//tests:run.sh' is not executable";
    expect(repairBuild(p, tree, digest).chmod).toEqual(['tests/run.sh']);
  });

  // Recorded from a real session: the build defines both, in a file the Makefile reader does not read.
  const DEFINE_DIGEST = [
    'bazel build //... → exit 1: build failed',
    'ERROR: BUILD.bazel:7:11: Compiling greet.c failed: (Exit 1) [//:lib]',
    '  greet.c:4:2: error: #error "BUF_SIZE must be defined by the build"',
    "  greet.c:6:17: error: 'BUF_SIZE' undeclared here (not in a function)",
    "  greet.c:7:39: error: 'GREETING' undeclared (first use in this function)",
    "  greet.c:8:9: error: 'UNKNOWN_LIMIT' undeclared (first use in this function)",
    "  greet.c:9:9: error: 'VERSION' undeclared (first use in this function)",
    "  greet.c:10:9: error: 'MODE' undeclared (first use in this function)",
    '//:greet: not built (root cause //:lib)',
  ].join('\n');
  const DEFINE_FILES = {
    'Makefile.am': 'AM_CPPFLAGS = -DBUF_SIZE=64 -DGREETING=\\"hi\\" -DVERSION=\\"$(VERSION)\\"\nif FAST\nAM_CPPFLAGS += -DMODE=1\nelse\nAM_CPPFLAGS += -DMODE=2\nendif\n',
    'greet.c': '#include "greet.h"\nconst char *greet(void) { return GREETING; }\n',
    'greet.h': 'const char *greet(void);\n',
  };

  it('a macro the compiler says is missing that the original build defines: the value its build files give it', () => {
    const tree = treeFromFiles(DEFINE_FILES);
    const p = plan(tree);
    const done = repairBuild(p, tree, DEFINE_DIGEST).done;
    expect(done).toEqual(['//:lib now defines BUF_SIZE=64 as the original build does', '//:lib now defines GREETING="hi" as the original build does']);
    // Written so that Bazel's shell split hands the compiler GREETING="hi".
    expect(buildFiles(p.packages)['BUILD.bazel']).toContain(String.raw`"GREETING=\\\"hi\\\""`);
    // A value made of variables (VERSION), two values (MODE) and a name no build file defines are not guessed; nothing twice.
    expect(repairBuild(p, tree, DEFINE_DIGEST).done).toEqual([]);
  });

  it('each language repairs through its own hook: without the C/C++ language, no C repair is made', () => {
    const tree = treeFromFiles({ ...DEFINE_FILES, 'tool.py': 'print(1)\n' });
    const p = plan(tree, [new PythonLanguage()]);
    expect(repairBuild(p, tree, DEFINE_DIGEST).done).toEqual([]);
    expect(repairBuild(p, tree, BUILD_DIGEST).done).toEqual([]);
  });
});

const report = (over: Partial<MigrationReport>) => unmigratedReport({ findings: [], ...over });

describe('the built-in decomposer splits by directory', () => {
  it('a sub-goal per faulted directory, judged by the check limited to it', () => {
    const split = splitByDirectory({
      validation: ['migration-check'],
      reports: [report({
        sources: { covered: 1, total: 3, uncovered: ['lib/a.c', 'tools/gen.rs'] },
        tests: { passing: 0, total: 1, outcomes: [{ path: 'tests/t.c', target: '//tests:t', status: 'failed' }] },
      })],
    });
    expect(split.sub_goals.map((g) => g.validation.map((v) => v.command))).toEqual([
      ['migration-check lib'],
      ['migration-check tests'],
      ['migration-check tools'],
    ]);
    expect(split.sub_goals[0]!.description).toMatch(/^Migrate lib\/: /);
  });

  it('within a scoped parent, only its subdirectories; too many become their parents; a failing build comes first', () => {
    const nested = splitByDirectory({
      validation: ['migration-check lib'],
      reports: [report({ sources: { covered: 0, total: 9, uncovered: ['lib/a/x.c', 'lib/b/x.c', 'lib/c/x.c', 'lib/d/x.c', 'lib/e/f/x.c', 'lib/x.c', 'app/y.c'] } })],
    });
    expect(nested.sub_goals.map((g) => g.validation[0]!.command)).toEqual([
      'migration-check lib/a', 'migration-check lib/b', 'migration-check lib/c', 'migration-check lib/d',
    ]);
    const broken = splitByDirectory({ validation: ['migration-check'], reports: [report({ build: { exitCode: 1, ok: false }, sources: { covered: 0, total: 0, uncovered: [] }, tests: { passing: 0, total: 0, outcomes: [] } })] });
    expect(broken.sub_goals.map((g) => g.validation[0]!.command)).toEqual(['bazel build //...']);
    const scoped = splitByDirectory({ validation: ['migration-check lib'], reports: [report({ build: { exitCode: 1, ok: false }, sources: { covered: 0, total: 1, uncovered: ['lib/x.c'] } })] });
    expect(scoped.sub_goals.map((g) => g.validation[0]!.command)).toEqual(['bazel build //lib/...']);
  });

  it('never proposes its parent again: a goal with nothing smaller below it is not split, and says why', () => {
    const build = splitByDirectory({ validation: ['bazel build //...'], reports: [] });
    expect(build.sub_goals).toEqual([]);
    expect(build.cannot_split_because).toMatch(/\(bazel build \/\/\.\.\.\) is already the smallest check/);
    const tests = splitByDirectory({ validation: ['bazel test //...'], reports: [report({ sources: { covered: 1, total: 1, uncovered: [] }, tests: { passing: 0, total: 0, outcomes: [] } })] });
    expect(tests.sub_goals).toEqual([]);
    const oneDir = splitByDirectory({ validation: ['migration-check lib'], reports: [report({ sources: { covered: 0, total: 1, uncovered: ['lib/x.c'] } })] });
    expect(oneDir.sub_goals.map((g) => g.validation[0]!.command)).toEqual(['bazel test //lib/...']);
    for (const split of [build, tests, oneDir]) expect(decompositionSchema.safeParse(split).success).toBe(true);
  });
});

describe('a package and a directory whose name extends it (lib and libdata/, lib2/)', () => {
  const tree = treeFromFiles(
    {
      'lib/x.c': '#include "z.inc"\nint x(void) { return 1; }\n',
      'lib/run_test.sh': '#!/bin/sh\ncat libdata/input.txt\n',
      'lib2/z.inc': 'int z;\n', // no language claims it: in no package
      'libdata/input.txt': 'in\n', // in no package
      'include/sub/x.h': 'int hx(void);\n', // include/: an include root holding its subtree
      'app/main.c': '#include "./x.h"\nint main(void) { return 0; }\n',
    },
    ['lib/run_test.sh'],
  );

  it('a header in lib2/ that lib cannot see is not added to lib as "2/z.inc"', () => {
    const p = plan(tree);
    const digest = 'ERROR: lib/BUILD.bazel:3:11: Compiling lib/x.c failed: (Exit 1) [//lib:lib]\n  lib/x.c:1:10: fatal error: z.inc: No such file or directory';
    expect(repairBuild(p, tree, digest).done).toEqual([]);
    expect(buildFiles(p.packages)['lib/BUILD.bazel']).not.toContain('z.inc');
  });

  it('a data file in libdata/ gets a package of its own, not the label //lib:data/input.txt', () => {
    const p = plan(tree);
    const digest = 'FAILED //lib:run_test (0.1s), test.log:\n  cat: libdata/input.txt: No such file or directory';
    expect(repairTests(p, tree, digest).done).toEqual(['libdata/input.txt given as data to //lib:run_test']);
    const files = buildFiles(p.packages);
    expect(files['lib/BUILD.bazel']).toMatch(/sh_test\([\s\S]*data = \["\/\/libdata"\]/);
    expect(files['libdata/BUILD.bazel']).toContain('srcs = ["input.txt"]');
  });

  it('an include spelled "./x.h" found as include/sub/x.h: the include path is sub, cut at a "/"', () => {
    const p = plan(tree);
    const digest = 'ERROR: app/BUILD.bazel:3:10: Compiling app/main.c failed: (Exit 1) [//app:main]\n  app/main.c:1:10: fatal error: ./x.h: No such file or directory';
    expect(repairBuild(p, tree, digest).done).toEqual(['//app:main now depends on //include for include/sub/x.h', 'includes "sub" added to //include:include']);
  });
});

describe('the directory split, against a directory whose name extends another', () => {
  it('within lib, lib2/ is no subdirectory; files under lib/ab/ are not counted for lib/a', () => {
    const split = splitByDirectory({
      validation: ['migration-check lib'],
      reports: [report({ sources: { covered: 0, total: 3, uncovered: ['lib/a/x.c', 'lib/ab/z.c', 'lib2/b/y.c'] } })],
    });
    expect(split.sub_goals.map((g) => g.validation[0]!.command)).toEqual(['migration-check lib/a', 'migration-check lib/ab']);
    expect(split.sub_goals[0]!.description).toContain('(1 faulted file)');
  });
});
