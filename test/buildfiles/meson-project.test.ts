// The Meson reader the inventory and the built-in migrator share, on small trees: the language
// (assignments, foreach over arrays and dictionaries, if, methods, f-strings, '/' joins), the
// functions that say what is compiled and tested, options' defaults, configured headers, and the
// constructs it admits it cannot follow.
import { describe, expect, it } from 'vitest';
import { compiledByCMake } from '../../src/buildfiles/compiled.js';
import { mesonRoots, readMesonProject } from '../../src/buildfiles/meson-project.js';
import { plan, treeFromFiles } from '../../src/builtin/index.js';
import { inventoryOf } from '../migration/inventory-helpers.js';

const FILES: Record<string, string> = {
  'meson.build': [
    "project('urlq', 'c', version : '0.3.0',",
    "  default_options : ['c_std=c99', 'warning_level=3', 'werror=true'])",
    "inc = include_directories('include')",
    "add_project_arguments('-DURLQ_INTERNAL', language : 'c')",
    "cc = meson.get_compiler('c')",
    "m_dep = cc.find_library('m', required : false)",
    'subdir(\'src\')',
    "if get_option('tests')",
    "  subdir('tests')",
    'endif',
    "# subdir('ghost')",
  ].join('\n'),
  'meson_options.txt': "option('tests', type : 'boolean', value : false)\noption('max_params', type : 'integer', value : 32)\n",
  'include/urlq.h': 'int urlq(void);\n',
  'src/meson.build': [
    'conf = configuration_data()',
    "conf.set('URLQ_MAX_PARAMS', get_option('max_params'))",
    "conf.set_quoted('URLQ_VERSION', meson.project_version())",
    "conf.set10('URLQ_FAST', true)",
    "configure_file(output : 'urlq_config.h', configuration : conf)",
    "parts = ['encode', 'query']",
    "srcs = []",
    'foreach p : parts',
    "  srcs += files(p + '.c')",
    'endforeach',
    "urlq_lib = static_library('urlq', srcs, include_directories : inc,",
    "  c_args : ['-DURLQ_LIB=1', '-fvisibility=hidden'], dependencies : [m_dep])",
    'urlq_dep = declare_dependency(link_with : urlq_lib, include_directories : inc)',
  ].join('\n'),
  'src/encode.c': '#include "urlq_config.h"\nint urlq_encode(void) { return URLQ_MAX_PARAMS; }\n',
  'src/query.c': '#include "urlq.h"\nint urlq(void) { return 1; }\n',
  'src/unused.c': 'int not_compiled(void) { return 0; }\n',
  'tests/meson.build': [
    "cases = {'encode': ['--fast'], 'query': []}",
    'foreach name, extra : cases',
    "  exe = executable(f'test_@name@', 'test_@0@.c'.format(name), dependencies : urlq_dep)",
    "  test(name, exe, args : extra + [files('data' / name + '.txt')], workdir : meson.current_source_dir())",
    'endforeach',
    "runner = find_program('golden.sh')",
    "test('golden', runner, args : [exe])",
  ].join('\n'),
  'tests/test_encode.c': 'int main(void) { return 0; }\n',
  'tests/test_query.c': 'int main(void) { return 0; }\n',
  'tests/golden.sh': '#!/bin/sh\n"$1"\n',
  'tests/data/encode.txt': 'a\n',
  'tests/data/query.txt': 'b\n',
};

function project(files: Record<string, string>) {
  const tracked = new Set(Object.keys(files));
  return readMesonProject(mesonRoots([...tracked])[0]!, tracked, (f) => files[f] ?? '');
}

describe('a Meson project', () => {
  const p = project(FILES);

  it('finds its targets with their sources, include directories, arguments and links, through subdir, foreach and every if branch', () => {
    expect(p.projectName).toBe('urlq');
    expect(p.listFiles).toEqual(['meson.build', 'src/meson.build', 'tests/meson.build']);
    expect(p.targets.map((t) => [t.name, t.kind, t.sources])).toEqual([
      ['urlq', 'library', ['src/encode.c', 'src/query.c']],
      ['test_encode', 'executable', ['tests/test_encode.c']],
      ['test_query', 'executable', ['tests/test_query.c']],
    ]);
    const lib = p.targets[0]!;
    expect(lib.includes.map((i) => i.value)).toEqual(['src', 'include']);
    expect(lib.definitions.map((d) => d.value)).toEqual(['URLQ_LIB=1']);
    expect(lib.options.map((o) => o.value)).toEqual(['-fvisibility=hidden']);
    expect(lib.links.map((l) => l.value)).toEqual(['-lm']);
    expect(p.targets[1]!.links.map((l) => l.value)).toEqual(['urlq']);
    expect(p.std).toEqual({ c: '99' });
    expect(p.compileOptions).toEqual(['-Wall', '-Wextra', '-Wpedantic', '-Werror']);
    expect(p.definitions).toEqual(['URLQ_INTERNAL']);
    expect(p.unknown).toEqual([]);
  });

  it('registers each test with its program, arguments and working directory, a script run by find_program too', () => {
    expect(p.tests.map((t) => [t.name, t.command, t.workingDirectory])).toEqual([
      ['encode', ['$<TARGET_FILE:test_encode>', '--fast', '//tests/data/encode.txt'], 'tests'],
      ['query', ['$<TARGET_FILE:test_query>', '//tests/data/query.txt'], 'tests'],
      ['golden', ['//tests/golden.sh', '$<TARGET_FILE:test_query>'], null],
    ]);
  });

  it('writes the configured header from configuration_data and the options\' defaults', () => {
    expect(p.configured).toEqual([
      { path: 'src/urlq_config.h', content: expect.stringContaining('#define URLQ_MAX_PARAMS 32\n#define URLQ_VERSION "0.3.0"\n#define URLQ_FAST 1\n'), template: null },
    ]);
  });

  it('fills a template configure_file is given: #mesondefine and @VAR@', () => {
    const q = project({
      'meson.build': "project('t', 'c')\nc = configuration_data()\nc.set('HAVE_X', true)\nc.set('NO_Y', false)\nc.set('V', 3)\nconfigure_file(input : 'config.h.in', output : 'config.h', configuration : c)\n",
      'config.h.in': '#mesondefine HAVE_X\n#mesondefine NO_Y\n#define V @V@\n',
    });
    expect(q.configured).toEqual([{ path: 'config.h', content: '#define HAVE_X\n/* #undef NO_Y */\n#define V 3\n', template: 'config.h.in' }]);
  });

  it('says what it cannot follow (then nothing is narrowed), and narrows what the project never compiles otherwise', () => {
    const files: Record<string, string> = { ...FILES, 'meson.build': `${FILES['meson.build']}\ncustom_target('gen', output : 'x.c', command : ['gen'])\n` };
    const q = project(files);
    expect(q.unknown).toEqual(['custom_target() in meson.build']);
    const tracked = Object.keys(files);
    expect(compiledByCMake(tracked, [q], (f) => files[f] ?? '')).toBeNull();
    const narrowed = compiledByCMake(Object.keys(FILES), [p], (f) => FILES[f] ?? '')!;
    expect(narrowed.requires('src/unused.c')).toBe(false);
    expect(narrowed.requires('src/encode.c')).toBe(true);
    expect(narrowed.requires('include/urlq.h')).toBe(true);
  });
});

describe('Meson through the inventory and the built-in migrator', () => {
  it('the inventory requires what the project compiles and the tests it registers', async () => {
    const inventory = await inventoryOf(FILES);
    expect(inventory.sources.map((s) => s.path)).not.toContain('src/unused.c');
    expect(inventory.notRequired.map((n) => n.path)).toContain('src/unused.c');
    expect(inventory.configured).toEqual([{ path: 'src/urlq_config.h', content: expect.stringContaining('#define URLQ_VERSION "0.3.0"') }]);
    expect(inventory.tests.filter((t) => t.foundBy === 'build').map((t) => [t.path, t.runBy])).toEqual([
      ['tests/golden.sh', 'meson test: golden (test in tests/meson.build): tests/golden.sh $<TARGET_FILE:test_query>'],
      ['tests/test_encode.c', expect.stringContaining('tests/meson.build')],
      ['tests/test_query.c', expect.stringContaining('tests/meson.build')],
    ]);
  });

  it('the generator writes the configured header by a genrule the library finds, and the tests with their arguments', () => {
    const files = plan(treeFromFiles(FILES)).files;
    const src = files['src/BUILD.bazel']!;
    expect(src).toMatch(/genrule\(\n {4}name = "urlq_config_h_configured",\n {4}cmd = "printf '%s\\\\n' .*'#define URLQ_VERSION \\"0.3.0\\"'.* > \$@",\n {4}outs = \["urlq_config.h"\],/);
    expect(src).toMatch(/cc_library\([\s\S]*hdrs = \["urlq_config.h"\],\n {4}includes = \["."\],/);
    expect(files['tests/BUILD.bazel']).toMatch(/cc_test\(\n {4}name = "test_encode",[\s\S]*?args = \[\n {8}"--fast",\n {8}"tests\/data\/encode.txt",/);
  });

  it("a file argument relative to the test's workdir is passed by its runfiles path, and given as data", () => {
    const files = plan(treeFromFiles({
      'meson.build': "project('v', 'c')\nsubdir('tests')\n",
      'tests/meson.build': "t = executable('test_vectors', 'test_vectors.c')\ntest('vectors', t, args : ['data/v.txt', '-q'], workdir : meson.current_source_dir())\n",
      'tests/test_vectors.c': '#include <stdio.h>\nint main(int c, char **v) { return c < 2 || fopen(v[1], "r") == NULL; }\n',
      'tests/data/v.txt': 'x\n',
    })).files;
    expect(files['tests/BUILD.bazel']).toMatch(/name = "test_vectors",[\s\S]*?args = \[\n {8}"\$\(rootpath data\/v.txt\)",\n {8}"-q",\n {4}\],\n {4}data = \["data\/v.txt"\],/);
  });
});
