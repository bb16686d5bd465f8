// What the check reads from Bazel's graphs: aquery's jsonproto as Bazel 7.7.1 writes it (paths
// as fragment chains, inputs as nested sets, link flags in params files), the program a test
// runs and what is linked into it, and the rules of `bazel query --output=streamed_jsonproto`.
import { describe, expect, it } from 'vitest';
import { parseAquery, type Action } from '../../src/bazel/aquery.js';
import { coverage, parseQueryRules, testSources, type QueryRule } from '../../src/migration/check/query-graph.js';
import { buildGraph } from '../../src/migration/check/test-programs.js';

/** A cc_test linked with its flags in a params file; its object compiled by a target and a tool configuration. */
const AQUERY = {
  artifacts: [
    { id: 1, pathFragmentId: 3 },
    { id: 2, pathFragmentId: 8 },
    { id: 3, pathFragmentId: 9 },
    { id: 4, pathFragmentId: 10 },
  ],
  actions: [
    {
      targetId: 1, actionKey: 'a', mnemonic: 'CppCompile', configurationId: 1, arguments: ['/usr/bin/gcc', '-c', 'tests/t.c', '-o', 'bazel-out/k8-fastbuild/bin/tests/_objs/t/t.pic.o'],
      environmentVariables: [{ key: 'PWD', value: '/proc/self/cwd' }], inputDepSetIds: [2], outputIds: [2], primaryOutputId: 2,
    },
    {
      targetId: 1, actionKey: 'b', mnemonic: 'CppLink', configurationId: 1, arguments: ['/usr/bin/gcc', '@bazel-out/k8-fastbuild/bin/tests/t-2.params'],
      inputDepSetIds: [3], outputIds: [3], primaryOutputId: 3,
      paramFiles: [{ execPath: 'bazel-out/k8-fastbuild/bin/tests/t-2.params', arguments: ['-o', 'bazel-out/k8-fastbuild/bin/tests/t', '-Wl,--wrap=greet_len', 'bazel-out/k8-fastbuild/bin/tests/_objs/t/t.pic.o'] }],
    },
    { targetId: 1, actionKey: 'c', mnemonic: 'CppCompile', configurationId: 2, arguments: ['/usr/bin/gcc', '-c', 'tools/gen.c'], inputDepSetIds: [], outputIds: [4] },
  ],
  targets: [{ id: 1, label: '//tests:t', ruleClassId: 1 }],
  depSetOfFiles: [
    { id: 1, directArtifactIds: [1] },
    { id: 2, transitiveDepSetIds: [1], directArtifactIds: [4] },
    { id: 3, directArtifactIds: [2] },
  ],
  configuration: [
    { id: 1, mnemonic: 'k8-fastbuild', platformName: 'k8', checksum: 'x' },
    { id: 2, mnemonic: 'k8-opt-exec-ST-1', platformName: 'k8', checksum: 'y', isTool: true },
  ],
  ruleClasses: [{ id: 1, name: 'cc_test' }],
  pathFragments: [
    { id: 1, label: 'tests' },
    { id: 2, label: 't.c', parentId: 1 },
    { id: 3, label: 't.c', parentId: 1 },
    { id: 4, label: 'bazel-out' },
    { id: 5, label: 'k8-fastbuild', parentId: 4 },
    { id: 6, label: 'bin', parentId: 5 },
    { id: 7, label: 'tests', parentId: 6 },
    { id: 8, label: 't.pic.o', parentId: 11 },
    { id: 9, label: 't', parentId: 7 },
    { id: 10, label: 't.h', parentId: 1 },
    { id: 11, label: 't', parentId: 12 },
    { id: 12, label: '_objs', parentId: 7 },
  ],
};

describe('parseAquery', () => {
  it('joins path fragments, flattens nested input sets, splices params files in, and marks tool actions', () => {
    const [compile, link, tool] = parseAquery(JSON.stringify(AQUERY));
    expect(compile).toMatchObject({ label: '//tests:t', ruleKind: 'cc_test', mnemonic: 'CppCompile', forTool: false, env: { PWD: '/proc/self/cwd' } });
    expect(compile!.inputs.sort()).toEqual(['tests/t.c', 'tests/t.h']);
    expect(compile!.primaryOutput).toBe('bazel-out/k8-fastbuild/bin/tests/_objs/t/t.pic.o');
    expect(link!.args).toEqual(['/usr/bin/gcc', '-o', 'bazel-out/k8-fastbuild/bin/tests/t', '-Wl,--wrap=greet_len', 'bazel-out/k8-fastbuild/bin/tests/_objs/t/t.pic.o']);
    expect(link!.outputs).toEqual(['bazel-out/k8-fastbuild/bin/tests/t']);
    expect(tool!.forTool).toBe(true);
  });
});

const BIN = 'bazel-out/k8-fastbuild/bin';
function action(label: string, mnemonic: string, args: string[], inputs: string[], outputs: string[], forTool = false): Action {
  return { label, ruleKind: 'cc_test', mnemonic, forTool, args, env: {}, inputs, outputs, primaryOutput: outputs[0] ?? null };
}

describe('buildGraph', () => {
  const compile = action('//tests:t', 'CppCompile', ['/usr/bin/gcc', '-c', 'tests/t.c'], ['tests/t.c'], [`${BIN}/tests/t.o`]);
  const runner = action('//tests:t', 'TestRunner', ['external/bazel_tools/tools/test/test-setup.sh', 'tests/t'], [], []);
  const linkWith = (extra: string[]) => action('//tests:t', 'CppLink', ['/usr/bin/gcc'], [`${BIN}/tests/t.o`, ...extra], [`${BIN}/tests/t`]);

  it('takes an external module\'s prebuilt library as its own, and names a library of the repository linked in', () => {
    const p = buildGraph([compile, linkWith(['external/zlib~/libz.a', 'tests/fake_main.o']), runner]).tests.get('//tests:t')!;
    expect(p.compiles).toEqual([compile]);
    expect(p.foreign).toEqual(['tests/fake_main.o']);
  });

  it('counts only the target configuration\'s compiles: a source built as a tool is not built for the tests', () => {
    const g = buildGraph([compile, action('//tools:gen', 'CppCompile', ['/usr/bin/gcc', '-c', 'tools/gen.c'], ['tools/gen.c'], ['bazel-out/k8-opt-exec/bin/tools/gen.o'], true)]);
    expect([...g.compiledSources]).toEqual(['tests/t.c']);
  });

  it('counts no source whose compile stops before object code: preprocessed, assembly text, a syntax check, dependencies only', () => {
    for (const flag of ['-E', '-S', '-fsyntax-only', '-M', '-MM']) {
      const only = action('//cli:x', 'CppCompile', ['/usr/bin/gcc', flag, '-c', 'cli/main.c'], ['cli/main.c'], [`${BIN}/cli/main.o`]);
      expect([...buildGraph([compile, only]).compiledSources], flag).toEqual(['tests/t.c']);
    }
    const dependencies = action('//cli:x', 'CppCompile', ['/usr/bin/gcc', '-MD', '-MF', 'x.d', '-c', 'cli/main.c'], ['cli/main.c'], [`${BIN}/cli/main.o`]);
    expect([...buildGraph([compile, dependencies]).compiledSources]).toEqual(['tests/t.c', 'cli/main.c']);
  });
});

const line = (name: string, ruleClass: string, attribute: object[], definitionStack: string[] = [], ruleInput: string[] = []) =>
  JSON.stringify({ type: 'RULE', rule: { name, ruleClass, location: '/workspace/BUILD:1:1', attribute, ruleInput, definitionStack } });

describe('parseQueryRules', () => {
  it('keeps the user\'s label attributes, not the rule class\'s implicit ones, and reads tags, args and env', () => {
    const rules = parseQueryRules(
      line('//tests:t', 'cc_test', [
        { name: 'srcs', type: 'LABEL_LIST', stringListValue: ['//tests:t.c'] },
        { name: '$cc_toolchain', type: 'LABEL', stringValue: '//tools:cc' },
        { name: ':lcov_merger', type: 'LABEL', stringValue: '//tools:lcov' },
        { name: 'visibility', type: 'STRING_LIST', stringListValue: ['//visibility:public'] },
        { name: 'tags', type: 'STRING_LIST', stringListValue: ['manual'] },
        { name: 'args', type: 'STRING_LIST', stringListValue: ['--quick'] },
        { name: 'env', type: 'STRING_DICT', stringDictValue: [{ key: 'A', value: '1' }] },
      ], ['/virtual_builtins_bzl/common/cc/cc_test.bzl:10:1: in <toplevel>']) + '\nnot json\n',
    );
    const r = rules.get('//tests:t')!;
    expect([...r.labels.keys()]).toEqual(['srcs']);
    expect(r).toMatchObject({ kind: 'cc_test', tags: ['manual'], env: { A: '1' }, definedIn: null });
    expect(r.strings.get('args')).toEqual(['--quick']);
  });

  it('trusts the known rule modules by their canonical names only, not a module whose name starts like one', () => {
    const definedIn = (frame: string) => parseQueryRules(line('//t:t', 'py_test', [], [`${frame}:3:1: in py_test`])).get('//t:t')!.definedIn;
    expect(definedIn('/virtual_builtins_bzl/common/python/py_test_bazel.bzl')).toBeNull();
    expect(definedIn('external/rules_python~/python/private/py_test_rule.bzl')).toBeNull();
    expect(definedIn('external/rules_python+/python/private/py_test_rule.bzl')).toBeNull();
    expect(definedIn('external/rules_python_fake~/defs.bzl')).toBe('external/rules_python_fake~/defs.bzl');
    const frame = 'external/rules_python~/python/private/py_test_rule.bzl';
    const supplied = parseQueryRules(line('//t:t', 'py_test', [], [`${frame}:3:1: in py_test`]), new Set(['rules_python'])).get('//t:t')!;
    expect(supplied.definedIn).toBe(frame);
    expect(definedIn('tools/defs.bzl')).toBe('tools/defs.bzl');
  });
});

function rule(label: string, kind: string, attrs: Record<string, string[]>, definedIn: string | null = null): QueryRule {
  return { label, kind, tags: [], labels: new Map(Object.entries(attrs)), inputs: Object.values(attrs).flat(), strings: new Map(), env: {}, definedIn };
}
const rules = (...list: QueryRule[]) => new Map(list.map((r) => [r.label, r]));

describe('coverage and testSources', () => {
  it('counts data as carried, not built, and nothing a rule class of the repository lists', () => {
    const all = rules(
      rule('//lib:l', 'cc_library', { hdrs: ['//lib:a.h'], data: ['//lib:b.h'] }),
      rule('//lib:fake', 'my_library', { hdrs: ['//lib:c.h'] }, 'tools/defs.bzl'),
    );
    const c = coverage(all, ['//lib:l', '//lib:fake']);
    expect([...c.built]).toEqual(['lib/a.h']);
    expect([...c.carried]).toEqual(['lib/b.h']);
  });

  it('a py_test\'s main is among its sources', () => {
    const all = rules(rule('//t:t', 'py_test', { main: ['//t:run.py'] }));
    expect(testSources(all).get('t/run.py')).toEqual(['//t:t']);
  });
});
