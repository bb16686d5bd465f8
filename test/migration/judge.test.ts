// The verdict's rules on recorded facts, without Docker: an honest C and Python migration pass,
// and each dishonest variation fails with its own finding (both directions of every rule). The
// facts are shaped as the image's Bazel 7.7.1 reports them (aquery actions, query rules, event
// file results, test logs); check-bazel.test.ts gathers the same facts from real Bazel.
import { describe, expect, it } from 'vitest';
import type { Action } from '../../src/bazel/aquery.js';
import type { BepSummary } from '../../src/bazel/bep.js';
import type { FileState } from '../../src/migration/check/file-states.js';
import { judge, type CheckFacts } from '../../src/migration/check/judge.js';
import type { QueryRule } from '../../src/migration/check/query-graph.js';
import { PYTEST_RUNNER_TEXT } from '../../src/migration/check/standard-runners.js';
import { inventorySchema, type Inventory, type MigrationReport } from '../../src/migration/report.js';

const BIN = 'bazel-out/k8-fastbuild/bin';
const GCC = '/usr/bin/gcc';
const TOOLCHAIN_FLAGS = ['-U_FORTIFY_SOURCE', '-fstack-protector', '-Wall', '-iquote', '.', '-D__DATE__="redacted"', '-D__TIME__="redacted"'];

function action(label: string, ruleKind: string, mnemonic: string, args: string[], inputs: string[], outputs: string[]): Action {
  return { label, ruleKind, mnemonic, forTool: false, args, env: {}, inputs, outputs, primaryOutput: outputs[0] ?? null };
}
const compile = (label: string, kind: string, src: string, extra: string[] = []): Action => {
  const obj = `${BIN}/${label.slice(2).replace(':', '/_objs/')}/${src.split('/').pop()!.replace(/\.c$/, '.pic.o')}`;
  return action(label, kind, 'CppCompile', [GCC, ...TOOLCHAIN_FLAGS, ...extra, '-c', src, '-o', obj], [src], [obj]);
};
const objOf = (a: Action) => a.outputs[0]!;

function rule(label: string, kind: string, attrs: Record<string, string[]> = {}, over: Partial<QueryRule> = {}): QueryRule {
  const labels = new Map(Object.entries(attrs));
  return { label, kind, tags: [], labels, inputs: Object.values(attrs).flat(), strings: new Map(), env: {}, definedIn: null, ...over };
}

function bep(tests: { label: string; status: string }[], exitCode = 0): BepSummary {
  return {
    command: 'test', patterns: ['//...'], exitCode, exitName: null, failureMessage: null, stderr: '', stdout: '', targets: [], failedActions: [],
    tests: tests.map((t) => ({ ...t, run: 1, shard: 1, attempt: 1, durationMs: 1, logPath: `/tmp/${t.label}.log`, cached: false })),
    patternProblems: [], abortedLabels: [], events: 1,
  };
}

const TEST_C = '#include <assert.h>\n#include "greet.h"\n\nint main(void) {\n  assert(greet_len("a") == 7);\n  return 0;\n}\n';
const GREET_C = '#include "greet.h"\n#include <string.h>\n\nint greet_len(const char *n) {\n#ifdef GREET_LOUD\n  return 0;\n#endif\n  return (int)strlen(n) + 6;\n}\n';

/** An honest migration of a small C repository: a library, a program, a test program and its expected output. */
function cFacts(): CheckFacts {
  const inventory: Inventory = inventorySchema.parse({
    version: 1,
    baseCommit: 'b'.repeat(40),
    sources: [
      { path: 'app/main.c', language: 'c' },
      { path: 'lib/greet.c', language: 'c' },
      { path: 'lib/greet.h', language: 'c', header: true },
      { path: 'tests/greet_test.c', language: 'c' },
    ],
    tests: [{ path: 'tests/greet_test.c', language: 'c', foundBy: 'build', framework: 'c-main', cases: null, assertions: 1, blob: '1'.repeat(40) }],
    buildFiles: ['Makefile'],
    notBuilt: ['tests/expected.txt'],
    blobs: { 'app/main.c': 'a'.repeat(40), 'lib/greet.c': '2'.repeat(40), 'lib/greet.h': '3'.repeat(40), 'tests/greet_test.c': '1'.repeat(40), 'tests/expected.txt': '4'.repeat(40), Makefile: '5'.repeat(40) },
    testSupport: ['tests/expected.txt'],
    buildDefines: ['HAVE_CONFIG_H'],
  });
  const libCompile = compile('//lib:greet', 'cc_library', 'lib/greet.c');
  const libLink = action('//lib:greet', 'cc_library', 'CppLink', [GCC, '-shared', '-o', `${BIN}/lib/libgreet.so`, objOf(libCompile)], [objOf(libCompile)], [`${BIN}/lib/libgreet.so`]);
  const testCompile = compile('//tests:greet_test', 'cc_test', 'tests/greet_test.c');
  const solib = action('//lib:greet', 'cc_library', 'SolibSymlink', [], [`${BIN}/lib/libgreet.so`], [`${BIN}/_solib_k8/liblib_Slibgreet.so`]);
  const testLink = action('//tests:greet_test', 'cc_test', 'CppLink', [GCC, '-o', `${BIN}/tests/greet_test`, objOf(testCompile), '-llib_Slibgreet', '-Wl,-S'], [objOf(testCompile), `${BIN}/_solib_k8/liblib_Slibgreet.so`], [`${BIN}/tests/greet_test`]);
  const runner = action('//tests:greet_test', 'cc_test', 'TestRunner', ['external/bazel_tools/tools/test/test-setup.sh', 'tests/greet_test'], [], [`${BIN}/tests/greet_test.log`]);
  const appCompile = compile('//app:main', 'cc_binary', 'app/main.c');
  const files = new Map<string, FileState>([
    ['tests/greet_test.c', { state: 'same', text: TEST_C, diff: null }],
    ['lib/greet.c', { state: 'same', text: GREET_C, diff: null }],
    ['lib/greet.h', { state: 'same', text: 'int greet_len(const char *n);\n', diff: null }],
    ['tests/expected.txt', { state: 'same', text: 'hello\n', diff: null }],
  ]);
  return {
    inventory,
    scope: null,
    candidate: null,
    build: { exitCode: 0, timedOut: false, bep: bep([]), stderr: '' },
    test: { exitCode: 0, timedOut: false, bep: bep([{ label: '//tests:greet_test', status: 'PASSED' }]), stderr: '' },
    query: {
      exitCode: 0,
      error: null,
      rules: new Map(
        [
          rule('//lib:greet', 'cc_library', { srcs: ['//lib:greet.c'], hdrs: ['//lib:greet.h'] }),
          rule('//app:main', 'cc_binary', { srcs: ['//app:main.c'], deps: ['//lib:greet'] }),
          rule('//tests:greet_test', 'cc_test', { srcs: ['//tests:greet_test.c'], deps: ['//lib:greet'], data: ['//tests:expected.txt'] }),
        ].map((r) => [r.label, r]),
      ),
    },
    rcOptions: [],
    testOnlyOptions: [],
    logs: new Map([['//tests:greet_test', 'greet ok\n']]),
    actions: [libCompile, libLink, solib, testCompile, testLink, runner, appCompile],
    actionsError: null,
    runfiles: new Map([['//tests:greet_test', ['tests/expected.txt', `${BIN}/_solib_k8/liblib_Slibgreet.so`]]]),
    files,
    generated: new Map(),
    deletedSources: new Set(),
    durationMs: 1,
  };
}

const TEST_PY = 'import unittest\n\nclass T(unittest.TestCase):\n    def test_a(self):\n        self.assertTrue(1)\n\n    def test_b(self):\n        self.assertTrue(1)\n\nif __name__ == "__main__":\n    unittest.main()\n';

function pyFacts(): CheckFacts {
  const inventory: Inventory = inventorySchema.parse({
    version: 1,
    baseCommit: 'b'.repeat(40),
    sources: [
      { path: 'pkg/mod.py', language: 'python' },
      { path: 'tests/test_mod.py', language: 'python' },
    ],
    tests: [{ path: 'tests/test_mod.py', language: 'python', foundBy: 'convention', framework: 'unittest', cases: 2, assertions: 2, blob: '1'.repeat(40) }],
    buildFiles: ['pyproject.toml'],
    notBuilt: [],
    blobs: { 'pkg/mod.py': '2'.repeat(40), 'tests/test_mod.py': '1'.repeat(40), 'pyproject.toml': '3'.repeat(40) },
  });
  const runner = action('//tests:test_mod', 'py_test', 'TestRunner', ['external/bazel_tools/tools/test/test-setup.sh', 'tests/test_mod'], [], []);
  const launcher = action('//tests:test_mod', 'py_test', 'TemplateExpand', [], [], [`${BIN}/tests/test_mod`]);
  return {
    ...cFacts(),
    inventory,
    test: { exitCode: 0, timedOut: false, bep: bep([{ label: '//tests:test_mod', status: 'PASSED' }]), stderr: '' },
    query: {
      exitCode: 0,
      error: null,
      rules: new Map(
        [
          rule('//pkg:mod', 'py_library', { srcs: ['//pkg:mod.py'] }),
          rule('//tests:test_mod', 'py_test', { srcs: ['//tests:test_mod.py'], deps: ['//pkg:mod'] }),
        ].map((r) => [r.label, r]),
      ),
    },
    logs: new Map([['//tests:test_mod', '..\n----------------------------------------------------------------------\nRan 2 tests in 0.001s\n\nOK\n']]),
    actions: [runner, launcher],
    runfiles: new Map([['//tests:test_mod', ['pkg/mod.py', 'tests/test_mod.py', `${BIN}/tests/test_mod`]]]),
    files: new Map<string, FileState>([
      ['tests/test_mod.py', { state: 'same', text: TEST_PY, diff: null }],
      ['pkg/mod.py', { state: 'same', text: 'X = 1\n', diff: null }],
    ]),
  };
}

const kinds = (r: MigrationReport) => r.findings.map((f) => `${f.kind} ${f.subject}`).sort();
function only(r: MigrationReport, expected: string[]): MigrationReport {
  expect(kinds(r), JSON.stringify(r.findings, null, 1)).toEqual([...expected].sort());
  expect(r.verdict).toBe(expected.length === 0 ? 'migrated' : 'not_migrated');
  return r;
}
const detail = (r: MigrationReport, kind: string) => r.findings.find((f) => f.kind === kind)?.detail ?? '';
const withFile = (f: CheckFacts, path: string, state: FileState): CheckFacts => ({ ...f, files: new Map([...f.files, [path, state]]) });
function mutateAction(f: CheckFacts, pick: (a: Action) => boolean, change: (a: Action) => Action): CheckFacts {
  return { ...f, actions: f.actions!.map((a) => (pick(a) ? change(a) : a)) };
}
const isTestCompile = (a: Action) => a.mnemonic === 'CppCompile' && a.label === '//tests:greet_test';
const addArgs = (extra: string[]) => (a: Action): Action => ({ ...a, args: [...a.args.slice(0, -4), ...extra, ...a.args.slice(-4)] });

describe('judge: an honest migration passes', () => {
  it('C: every source compiled, the test program built from the test file, ran and passed', () => {
    const r = only(judge(cFacts()), []);
    expect(r.sources).toEqual({ covered: 4, total: 4, uncovered: [] });
    expect(r.tests.outcomes).toEqual([{ path: 'tests/greet_test.c', target: '//tests:greet_test', status: 'passed' }]);
  });
  it('Python: the unittest file is the entry point and its two cases ran and passed', () => {
    only(judge(pyFacts()), []);
  });
});

describe('judge: what ran', () => {
  it('build_failed, and the action graph missing while the build passed', () => {
    only(judge({ ...cFacts(), build: { exitCode: 1, timedOut: false, bep: null, stderr: "ERROR: /workspace/lib/BUILD.bazel:1:1: oops" } }), ['build_failed //...']);
    const r = only(judge({ ...cFacts(), actions: null, actionsError: 'bazel aquery exited 1' }), ['build_failed bazel aquery //...']);
    expect(detail(r, 'build_failed')).toMatch(/cannot see what was built/);
  });

  it('no_tests when bazel test found none; test_run_failed on another exit', () => {
    const noTests = cFacts();
    noTests.test = { exitCode: 4, timedOut: false, bep: bep([]), stderr: '' };
    expect(kinds(judge(noTests))).toContain('no_tests //...');
    const broken = cFacts();
    broken.test = { exitCode: 2, timedOut: false, bep: bep([{ label: '//tests:greet_test', status: 'PASSED' }]), stderr: '' };
    expect(kinds(judge(broken))).toContain('test_run_failed //...');
  });

  it('tests_unread: no test to require while the original build runs tests the inventory cannot map', () => {
    const unread = cFacts();
    unread.inventory = { ...unread.inventory, tests: [], unreadTests: ['make check: prove -r t/'] };
    unread.test = { exitCode: 4, timedOut: false, bep: bep([]), stderr: '' };
    const r = only(judge(unread), ['tests_unread //...']);
    expect(detail(r, 'tests_unread')).toMatch(/prove -r t\//);
    // With a test it can require, the check judges that one as usual.
    const some = cFacts();
    some.inventory = { ...some.inventory, unreadTests: ['make check: prove -r t/'] };
    only(judge(some), []);
  });

  it('source_uncovered: a source no compile action took, though a rule lists it', () => {
    const f = cFacts();
    f.actions = f.actions!.filter((a) => a.label !== '//app:main');
    expect(detail(only(judge(f), ['source_uncovered app/main.c']), 'source_uncovered')).toMatch(/in no target/);
  });

  it('a test of the root package (its runner runs ./name) is found by its program like any other', () => {
    const f = cFacts();
    const moved = (p: string) => p.replace(`${BIN}/tests/`, `${BIN}/`).replace('/tests/_objs/', '/_objs/');
    f.actions = f.actions!.map((a) =>
      a.label !== '//tests:greet_test'
        ? a
        : {
            ...a,
            label: '//:greet_test',
            args: a.mnemonic === 'TestRunner' ? [a.args[0]!, './greet_test'] : a.args.map(moved),
            inputs: a.inputs.map(moved),
            outputs: a.outputs.map(moved),
          },
    );
    f.query.rules.delete('//tests:greet_test');
    f.query.rules.set('//:greet_test', rule('//:greet_test', 'cc_test', { srcs: ['//tests:greet_test.c'], deps: ['//lib:greet'], data: ['//tests:expected.txt'] }));
    f.test = { ...f.test, bep: bep([{ label: '//:greet_test', status: 'PASSED' }]) };
    f.logs = new Map([['//:greet_test', 'greet ok\n']]);
    f.runfiles = new Map([['//:greet_test', f.runfiles!.get('//tests:greet_test')!]]);
    expect(only(judge(f), []).tests.outcomes).toEqual([{ path: 'tests/greet_test.c', target: '//:greet_test', status: 'passed' }]);
  });

  it('source_uncovered says why no BUILD file can name a file, never that it was deleted', () => {
    const f = cFacts();
    const names = ['lib/s\u0001ub.c', 'lib/m\uFFFDul.c'];
    f.inventory = { ...f.inventory, sources: [...f.inventory.sources, ...names.map((p) => ({ path: p, language: 'c' as const, header: false }))] };
    f.deletedSources = new Set(names);
    const r = only(judge(f), names.map((n) => `source_uncovered ${n}`));
    expect(r.findings.map((x) => x.detail)).toEqual([
      expect.stringMatching(/control character \\x01.*may not contain non-printable characters; rename it/),
      expect.stringMatching(/not valid UTF-8.*rename it/),
    ]);
  });

  it('a source listed only by a rule class of the repository does not count', () => {
    const f = cFacts();
    f.actions = f.actions!.filter((a) => a.label !== '//app:main');
    f.query.rules.set('//app:main', rule('//app:main', 'my_binary', { srcs: ['//app:main.c'] }, { definedIn: 'tools/defs.bzl' }));
    expect(detail(only(judge(f), ['source_uncovered app/main.c']), 'source_uncovered')).toMatch(/my_binary defined in tools\/defs\.bzl/);
  });

  it('test_unmapped: the test only in a custom test rule that writes a script', () => {
    const f = cFacts();
    f.actions = f.actions!.filter((a) => a.label !== '//tests:greet_test');
    f.actions.push(action('//tests:greet_test', 'fake_cc_test', 'FileWrite', [], [], [`${BIN}/tests/greet_test.sh`]));
    f.actions.push(action('//tests:greet_test', 'fake_cc_test', 'TestRunner', ['external/bazel_tools/tools/test/test-setup.sh', 'tests/greet_test.sh'], [], []));
    f.query.rules.set('//tests:greet_test', rule('//tests:greet_test', 'fake_cc_test', { srcs: ['//tests:greet_test.c'] }, { definedIn: 'tools/defs.bzl' }));
    const r = only(judge(f), ['test_unmapped tests/greet_test.c']);
    expect(detail(r, 'test_unmapped')).toMatch(/fake_cc_test defined in tools\/defs\.bzl/);
    expect(r.extraTests).toEqual(['//tests:greet_test']);
    expect(r.sources.uncovered).toEqual(['tests/greet_test.c']);
  });

  it('test_not_built: a cc_test listing the test whose program is compiled from another file', () => {
    const f = mutateAction(cFacts(), isTestCompile, (a) => ({ ...a, args: a.args.map((x) => (x === 'tests/greet_test.c' ? 'tests/other.c' : x)) }));
    f.files = new Map([...f.files, ['tests/other.c', { state: 'added', text: 'int main(void){return 0;}\n', diff: null }]]);
    const r = judge(f);
    expect(kinds(r)).toContain('test_not_built //tests:greet_test');
  });

  it('test_failed, flaky, test_not_run (manual), test_deleted', () => {
    const failed = cFacts();
    failed.test = { exitCode: 3, timedOut: false, bep: bep([{ label: '//tests:greet_test', status: 'FAILED' }]), stderr: '' };
    only(judge(failed), ['test_failed //tests:greet_test']);
    const flaky = cFacts();
    flaky.test = { exitCode: 0, timedOut: false, bep: bep([{ label: '//tests:greet_test', status: 'FAILED' }, { label: '//tests:greet_test', status: 'PASSED' }]), stderr: '' };
    expect(detail(only(judge(flaky), ['test_failed //tests:greet_test']), 'test_failed')).toMatch(/FLAKY/);
    const manual = cFacts();
    manual.test = { exitCode: 0, timedOut: false, bep: bep([]), stderr: '' };
    manual.query.rules.get('//tests:greet_test')!.tags = ['manual'];
    expect(detail(only(judge(manual), ['test_not_run //tests:greet_test']), 'test_not_run')).toMatch(/tagged manual/);
    only(judge(withFile(cFacts(), 'tests/greet_test.c', { state: 'deleted', text: null, diff: null })), ['test_deleted tests/greet_test.c']);
  });

  it('test_filter and test_flags from the repository rc files', () => {
    const f = cFacts();
    f.rcOptions = [{ file: '.bazelrc', command: 'test', option: '--test_filter=Nothing' }];
    f.testOnlyOptions = [{ file: '.bazelrc', command: 'test', option: '--compilation_mode=opt' }];
    const r = only(judge(f), ['test_filter .bazelrc', 'test_flags .bazelrc']);
    expect(detail(r, 'test_flags')).toMatch(/--compilation_mode=opt/);
  });
});

describe('judge: existing tests stay what they were', () => {
  it('test_edited names the edit; --allow-test-edits accepts exactly what it names', () => {
    const edited = withFile(cFacts(), 'tests/greet_test.c', { state: 'edited', text: 'int main(void) {\n  return 0;\n}\n', diff: 'lines 1-7 (7) became 3 lines' });
    const r = only(judge(edited), ['test_edited tests/greet_test.c']);
    expect(detail(r, 'test_edited')).toMatch(/lines 1-7 \(7\) became 3 lines.*0 of 1 assertions/);
    const allowed = { ...edited, inventory: { ...edited.inventory, allowTestEdits: ['tests/*.c'] } };
    expect(only(judge(allowed), []).editedTests).toEqual(['tests/greet_test.c']);
    const other = { ...edited, inventory: { ...edited.inventory, allowTestEdits: ['tests/*.txt'] } };
    only(judge(other), ['test_edited tests/greet_test.c']);
  });

  it('an edit that keeps every assertion is still an edit', () => {
    only(judge(withFile(cFacts(), 'tests/greet_test.c', { state: 'edited', text: TEST_C + '// note\n', diff: null })), ['test_edited tests/greet_test.c']);
  });

  it('test_input_edited: the expected output, and the library compiled into the test', () => {
    only(judge(withFile(cFacts(), 'tests/expected.txt', { state: 'edited', text: 'bye\n', diff: null })), ['test_input_edited tests/expected.txt']);
    only(judge(withFile(cFacts(), 'tests/expected.txt', { state: 'deleted', text: null, diff: null })), ['test_input_edited tests/expected.txt']);
    const r = only(judge(withFile(cFacts(), 'lib/greet.c', { state: 'edited', text: 'int greet_len(const char *n) { return 7; }\n', diff: null })), ['test_input_edited lib/greet.c']);
    expect(detail(r, 'test_input_edited')).toMatch(/compiled into \/\/tests:greet_test/);
  });
});

describe('judge: what a test runs is what it ran before', () => {
  it('test_code_added: a new main linked in, a generated source, a header without template', () => {
    const f = cFacts();
    const fake = compile('//tests:runner', 'cc_library', 'tests/fake_main.c');
    f.actions = [...f.actions!.map((a) => (a.mnemonic === 'CppLink' && a.label === '//tests:greet_test' ? { ...a, inputs: [...a.inputs, objOf(fake)] } : a)), fake];
    const r = only(judge(withFile(f, 'tests/fake_main.c', { state: 'added', text: 'int main(void){return 0;}\n', diff: null })), ['test_code_added //tests:greet_test']);
    expect(detail(r, 'test_code_added')).toMatch(/tests\/fake_main\.c/);

    const gen = cFacts();
    const genCompile = compile('//tests:greet_test', 'cc_test', `${BIN}/tests/extra.c`);
    gen.actions = [...gen.actions!.map((a) => (a.mnemonic === 'CppLink' && a.label === '//tests:greet_test' ? { ...a, inputs: [...a.inputs, objOf(genCompile)] } : a)), genCompile, action('//tests:gen', 'genrule', 'Genrule', ['/bin/bash', '-c', 'echo'], [], [`${BIN}/tests/extra.c`])];
    expect(detail(only(judge(gen), ['test_code_added //tests:greet_test']), 'test_code_added')).toMatch(/tests\/extra\.c \(generated by \/\/tests:gen, from no template/);
  });

  it('a generated header is fine when it is a template of the repository filled in, and not otherwise', () => {
    const f = cFacts();
    f.actions!.push(action('//lib:config', 'genrule', 'Genrule', [], ['lib/config.h.in'], [`${BIN}/lib/config.h`]));
    f.query.rules.get('//lib:greet')!.inputs.push('//lib:config.h');
    f.generated = new Map([[`${BIN}/lib/config.h`, null]]);
    only(judge(f), []);
    f.generated = new Map([[`${BIN}/lib/config.h`, 'line 3 differs from the template']]);
    expect(detail(only(judge(f), ['test_code_added //tests:greet_test']), 'test_code_added')).toMatch(/lib\/config\.h .*line 3 differs/);
  });

  it('test_flags: -Dmain=unused, NDEBUG, a forced include, a linker wrap, a compiler of the repository, LD_PRELOAD', () => {
    const cases: [string[], RegExp][] = [
      [['-Dmain=unused'], /-Dmain=unused: redefines main/],
      [['-DNDEBUG'], /NDEBUG compiles assert\(\) out/],
      [['-D', 'greet_len(x)=7'], /redefines greet_len/],
      [['-include', 'tests/quiet.h'], /forces quiet\.h/],
    ];
    for (const [extra, why] of cases) {
      const r = only(judge(mutateAction(cFacts(), isTestCompile, addArgs(extra))), ['test_flags //tests:greet_test']);
      expect(detail(r, 'test_flags')).toMatch(why);
    }
    const wrap = mutateAction(cFacts(), (a) => a.mnemonic === 'CppLink' && a.label === '//tests:greet_test', (a) => ({ ...a, args: [...a.args, '-Wl,--wrap=greet_len'] }));
    expect(detail(only(judge(wrap), ['test_flags //tests:greet_test']), 'test_flags')).toMatch(/--wrap=greet_len/);
    const cc = mutateAction(cFacts(), isTestCompile, (a) => ({ ...a, args: ['tools/fake_gcc.sh', ...a.args.slice(1)] }));
    expect(detail(only(judge(cc), ['test_flags //tests:greet_test']), 'test_flags')).toMatch(/compiler is tools\/fake_gcc\.sh/);
    const env = cFacts();
    env.query.rules.get('//tests:greet_test')!.env = { LD_PRELOAD: 'libfake.so', DATA_DIR: 'tests' };
    expect(detail(only(judge(env), ['test_flags //tests:greet_test']), 'test_flags')).toMatch(/env LD_PRELOAD=libfake\.so/);
  });

  it('test_flags: arguments the original build does not pass, and an environment loaded into the compiler', () => {
    const args = cFacts();
    args.query.rules.get('//tests:greet_test')!.strings = new Map([['args', ['--quick', '$(rootpath //tests:expected.txt)', './$(rootpath //app:greet)']]]);
    expect(detail(only(judge(args), ['test_flags //tests:greet_test']), 'test_flags')).toMatch(/^args --quick: the original build runs the test without it$/);
    const same = cFacts();
    same.inventory = { ...same.inventory, tests: same.inventory.tests.map((t) => ({ ...t, runBy: 'make check: ./tests/greet_test --quick' })) };
    same.query.rules.get('//tests:greet_test')!.strings = new Map([['args', ['--quick']]]);
    only(judge(same), []);
    const env = mutateAction(cFacts(), isTestCompile, (a) => ({ ...a, env: { ...a.env, LD_PRELOAD: '/workspace/shim.so' } }));
    expect(detail(only(judge(env), ['test_flags //tests:greet_test']), 'test_flags')).toMatch(/action env LD_PRELOAD/);
  });

  it('test_flags: a compiler setting in the environment of a test that compiles its own program, unless the original run sets it so', () => {
    const run = 'make check: CC="cc" CFLAGS="-O2 -Wall" sh tests/run.sh';
    const asBuilt = cFacts();
    asBuilt.inventory = { ...asBuilt.inventory, tests: asBuilt.inventory.tests.map((t) => ({ ...t, runBy: run })) };
    asBuilt.query.rules.get('//tests:greet_test')!.env = { CC: 'cc', CFLAGS: '-O2 -Wall' };
    only(judge(asBuilt), []);
    const weakened = cFacts();
    weakened.inventory = { ...weakened.inventory, tests: weakened.inventory.tests.map((t) => ({ ...t, runBy: run })) };
    weakened.query.rules.get('//tests:greet_test')!.env = { CC: 'cc', CFLAGS: '-O2 -Wall -DNDEBUG' };
    expect(detail(only(judge(weakened), ['test_flags //tests:greet_test']), 'test_flags')).toMatch(/^env CFLAGS=-O2 -Wall -DNDEBUG: the original build runs the test without this compiler setting$/);
  });

  it('a new extensionless script in a test\'s runfiles is code', () => {
    const f = pyFacts();
    f.runfiles = new Map([['//tests:test_mod', [...f.runfiles.get('//tests:test_mod')!, 'tools/python']]]);
    f.files = new Map([...f.files, ['tools/python', { state: 'added', text: '#!/bin/sh\nexec python3 -O "$@"\n', diff: null }]]);
    expect(detail(only(judge(f), ['test_code_added //tests:test_mod']), 'test_code_added')).toMatch(/tools\/python$/);
  });

  it('test_code_added: code from a repository the migration supplies itself, not from a registry module', () => {
    const withRepo = (repo: string, local: string[]) => {
      const f = cFacts();
      const fake = compile('//tests:greet_test', 'cc_test', `external/${repo}/main.c`);
      f.actions = [...f.actions!.map((a) => (a.mnemonic === 'CppLink' && a.label === '//tests:greet_test' ? { ...a, inputs: [...a.inputs, objOf(fake)] } : a)), fake];
      return { ...f, localModules: new Set(local) };
    };
    expect(detail(only(judge(withRepo('fake_runner~', ['fake_runner'])), ['test_code_added //tests:greet_test']), 'test_code_added')).toMatch(/external\/fake_runner~\/main\.c \(from fake_runner, a repository the migration supplies itself\)/);
    only(judge(withRepo('googletest~', ['fake_runner'])), []);
  });

  it('defines the code only asks about, or the original build sets, keep their meaning', () => {
    only(judge(mutateAction(cFacts(), (a) => a.mnemonic === 'CppCompile', addArgs(['-DGREET_LOUD', '-DHAVE_CONFIG_H', '-DVERSION="1.0"']))), []);
  });

  it('Python: new code in the runfiles, a py_test that runs another file, a standard runner that runs the test', () => {
    const added = pyFacts();
    added.runfiles = new Map([['//tests:test_mod', [...added.runfiles.get('//tests:test_mod')!, 'tests/conftest.py', 'tests/__init__.py']]]);
    added.files = new Map([...added.files, ['tests/conftest.py', { state: 'added', text: 'import os\n', diff: null }], ['tests/__init__.py', { state: 'added', text: '', diff: null }]]);
    const r = only(judge(added), ['test_code_added //tests:test_mod']);
    expect(detail(r, 'test_code_added')).toMatch(/tests\/conftest\.py$/);

    const other = pyFacts();
    other.query.rules.set('//tests:test_mod', rule('//tests:test_mod', 'py_test', { srcs: ['//tests:test_mod.py', '//tests:run.py'], main: ['//tests:run.py'] }));
    expect(detail(only(judge(other), ['test_not_built //tests:test_mod']), 'test_not_built')).toMatch(/runs tests\/run\.py instead/);

    const runner = pyFacts();
    runner.query.rules.set('//tests:test_mod', rule('//tests:test_mod', 'py_test', { srcs: ['//tests:test_mod.py', '//bazel:pytest_runner.py'], main: ['//bazel:pytest_runner.py'] }, { strings: new Map([['args', ['$(rootpath test_mod.py)']]]) }));
    runner.runfiles = new Map([['//tests:test_mod', [...runner.runfiles.get('//tests:test_mod')!, 'bazel/pytest_runner.py']]]);
    runner.logs = new Map([['//tests:test_mod', '===== 2 passed in 0.02s =====\n']]);
    only(judge(withFile(runner, 'bazel/pytest_runner.py', { state: 'added', text: PYTEST_RUNNER_TEXT, diff: null })), []);
    const lookalike = withFile(runner, 'bazel/pytest_runner.py', { state: 'added', text: `${PYTEST_RUNNER_TEXT}print("Ran 2 tests")\n`, diff: null });
    expect(kinds(judge(lookalike))).toEqual(['test_not_built //tests:test_mod']);
    for (const elsewhere of ['$(rootpath //other:test_mod.py)', '$(rootpath :other/test_mod.py)']) {
      runner.query.rules.get('//tests:test_mod')!.strings = new Map([['args', [elsewhere]]]);
      expect(kinds(judge(withFile(runner, 'bazel/pytest_runner.py', { state: 'added', text: PYTEST_RUNNER_TEXT, diff: null })))).toEqual(['test_not_built //tests:test_mod']);
    }
    runner.query.rules.get('//tests:test_mod')!.strings = new Map([['args', ['$(location //tests:test_mod.py)']]]);
    only(judge(withFile(runner, 'bazel/pytest_runner.py', { state: 'added', text: PYTEST_RUNNER_TEXT, diff: null })), []);
  });
});

describe('judge: evidence that each counted case ran', () => {
  const log = (text: string) => {
    const f = pyFacts();
    f.logs = new Map([['//tests:test_mod', text]]);
    return f;
  };
  const unittest = (ran: number, status: string) => `${'.'.repeat(ran)}\n${'-'.repeat(70)}\nRan ${ran} tests in 0.001s\n\n${status}\n`;

  it('fewer cases than counted, skips the test does not mark, deselected cases', () => {
    expect(detail(only(judge(log(unittest(1, 'OK'))), ['test_cases_missing //tests:test_mod']), 'test_cases_missing')).toMatch(/1 case passed where tests\/test_mod\.py has 2/);
    expect(detail(only(judge(log(unittest(2, 'OK (skipped=1)'))), ['test_cases_missing //tests:test_mod']), 'test_cases_missing')).toMatch(/1 case skipped/);
    expect(detail(only(judge(log('===== 2 passed, 1 deselected in 0.02s =====\n')), ['test_cases_missing //tests:test_mod']), 'test_cases_missing')).toMatch(/deselected/);
    only(judge(log('===== 2 passed in 0.02s =====\n')), []);
  });

  it('a Python log with no summary of its runner cannot show its cases ran; a C++ runner of the project\'s own need not print one', () => {
    expect(detail(only(judge(log('Ran 2 tests\n')), ['test_cases_missing //tests:test_mod']), 'test_cases_missing')).toMatch(/holds no unittest summary/);
    const cpp = cFacts();
    cpp.inventory = { ...cpp.inventory, tests: cpp.inventory.tests.map((t) => ({ ...t, language: 'cpp' as const, framework: 'catch2', cases: 3 })) };
    cpp.logs = new Map([['//tests:greet_test', '3 test cases, 0 failed\n']]);
    only(judge(cpp), []);
    cpp.logs = new Map([['//tests:greet_test', 'test cases: 3 | 2 passed | 1 skipped\n']]);
    expect(detail(only(judge(cpp), ['test_cases_missing //tests:greet_test']), 'test_cases_missing')).toMatch(/1 case skipped/);
  });

  it('a skip the test marks itself is not missing', () => {
    const f = log(unittest(2, 'OK (skipped=1)'));
    f.inventory = { ...f.inventory, tests: f.inventory.tests.map((t) => ({ ...t, skips: 1 })) };
    only(judge(f), []);
  });

  it('a log that says zero ran, or only "0 passed", is a test that ran nothing', () => {
    only(judge(log('collected 0 items\n\n===== no tests ran in 0.01s =====\n')), ['test_ran_nothing //tests:test_mod']);
    only(judge(log('===== 0 passed in 0.01s =====\n')), ['test_ran_nothing //tests:test_mod']);
  });
});

describe('judge: edges a migration could lean on', () => {
  it('a shard that failed fails the test though another passed; a failed path takes the test out of the passing count', () => {
    const f = cFacts();
    const b = bep([{ label: '//tests:greet_test', status: 'FAILED' }, { label: '//tests:greet_test', status: 'PASSED' }]);
    f.test = { exitCode: 3, timedOut: false, bep: { ...b, tests: b.tests.map((t, i) => ({ ...t, shard: i + 1 })) }, stderr: '' };
    only(judge(f), ['test_failed //tests:greet_test']);
    const flagged = only(judge(mutateAction(cFacts(), isTestCompile, addArgs(['-DNDEBUG']))), ['test_flags //tests:greet_test']);
    expect(flagged.tests.passing).toBe(0);
  });

  it('a cc_test of a rule class of the repository is not taken at its word, even with a program built from the test', () => {
    const f = cFacts();
    f.query.rules.set('//tests:greet_test', rule('//tests:greet_test', 'my_cc_test', { srcs: ['//tests:greet_test.c'], deps: ['//lib:greet'] }, { definedIn: 'tools/defs.bzl' }));
    expect(kinds(judge(f))).toContain('test_unmapped tests/greet_test.c');
  });

  it('an inventory without blobs still sees a test that lost assertions', () => {
    const f = withFile(cFacts(), 'tests/greet_test.c', { state: 'same', text: 'int main(void) {\n  return 0;\n}\n', diff: null });
    f.inventory = { ...f.inventory, tests: f.inventory.tests.map(({ blob: _blob, ...t }) => t) };
    expect(detail(only(judge(f), ['test_weakened tests/greet_test.c']), 'test_weakened')).toMatch(/0 of 1 assertions/);
  });

  it('a query failing while the build passed is a finding of its own', () => {
    only(judge({ ...cFacts(), query: { ...cFacts().query, exitCode: 7, error: 'bazel query exited 7' } }), ['build_failed bazel query //...']);
  });

  it('PYTHONPATH in a test\'s env, a new __init__.py with code, an object file of the repository linked in, an argument the original run only resembles', () => {
    const env = pyFacts();
    env.query.rules.get('//tests:test_mod')!.env = { PYTHONPATH: 'fake' };
    only(judge(env), ['test_flags //tests:test_mod']);
    const init = pyFacts();
    init.runfiles = new Map([['//tests:test_mod', [...init.runfiles.get('//tests:test_mod')!, 'tests/__init__.py']]]);
    only(judge(withFile(init, 'tests/__init__.py', { state: 'added', text: '# setup\nimport builtins\n', diff: null })), ['test_code_added //tests:test_mod']);
    const obj = mutateAction(cFacts(), (a) => a.mnemonic === 'CppLink' && a.label === '//tests:greet_test', (a) => ({ ...a, inputs: [...a.inputs, 'tests/fake_main.o'] }));
    expect(detail(only(judge(withFile(obj, 'tests/fake_main.o', { state: 'added', text: null, diff: null })), ['test_code_added //tests:greet_test']), 'test_code_added')).toMatch(/tests\/fake_main\.o \(linked in/);
    const args = cFacts();
    args.inventory = { ...args.inventory, tests: args.inventory.tests.map((t) => ({ ...t, runBy: 'make check: ./tests/greet_test --quickly' })) };
    args.query.rules.get('//tests:greet_test')!.strings = new Map([['args', ['--quick']]]);
    only(judge(args), ['test_flags //tests:greet_test']);
  });
});

describe('a test that failed at the base commit too', () => {
  const failing = (passed: number): CheckFacts => {
    const f = pyFacts();
    f.inventory = { ...f.inventory, failingBefore: [{ path: 'tests/test_mod.py', passedBefore: 1, why: '1 of 2 cases failed at the base commit under pytest: needs install metadata' }] };
    f.test = { exitCode: 3, timedOut: false, bep: bep([{ label: '//tests:test_mod', status: 'FAILED' }]), stderr: '' };
    f.logs = new Map([['//tests:test_mod', `F.\n----------------------------------------------------------------------\nRan 2 tests in 0.001s\n\nFAILED (failures=${2 - passed})\n`]]);
    return f;
  };

  it('is not required to pass when as many of its cases pass as did there, and the report says so', () => {
    const r = only(judge(failing(1)), []);
    expect(r.verdict).toBe('migrated');
    expect(r.tests.passing).toBe(0);
    expect(r.failingBefore).toEqual([{ path: 'tests/test_mod.py', why: expect.stringMatching(/^\/\/tests:test_mod failed as at the base commit \(1 of 2 cases failed.*\); 1 case pass, as many as before$/) }]);
  });

  it('fails the check when a case that passed there fails now', () => {
    expect(detail(only(judge(failing(0)), ['test_failed //tests:test_mod']), 'test_failed')).toMatch(/it failed at the base commit too, but 0 of its cases pass where 1 did/);
  });
});

