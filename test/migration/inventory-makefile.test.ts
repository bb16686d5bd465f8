// The tests a Makefile's test targets run, on real git repositories: the programs their recipes
// name and the sources those are built from (by explicit rules, through objects, or by make's
// built-in rules), the scripts they call, and the Python runners they start. No file here is a
// test by its name or directory, so only the Makefile can have found it.
import { describe, expect, it } from 'vitest';
import { expandMake, parseMakefile, ruleFor, shellWords, trackedWildcard } from '../../src/migration/inventory/make-syntax.js';
import { testsOf } from './inventory-helpers.js';


const MAIN = '#include <assert.h>\nint main(void) { assert(2 + 2 == 4); return 0; }\n';
const LIBRARY = 'int support(void) { return 1; }\n';

describe('buildInventory reads a Makefile\'s test targets', () => {
  it('and finds each program a recipe runs by the sources make builds it from', async () => {
    const makefile = [
      'CXX ?= c++',
      'SUPPORT = support.o',
      'check: verify_cc verify_obj verify_rule verify_header verify_gnu verify_builtin verify_loop sample_app',
      // sample_app is what verify_cc is handed, not a test.
      '\t./verify_cc ./sample_app',
      '\t./verify_obj && ./verify_rule',
      '\t./verify_header; ./verify_gnu',
      '\t./verify_builtin',
      '\t@./verify_loop',
      'verify_cc: cc_main.cc',
      '\t$(CXX) -o $@ $^',
      'verify_obj: obj_main.o $(SUPPORT)',
      '\t$(CXX) -o $@ $^',
      'verify_rule: build/rule.o',
      '\t$(CC) -o $@ $^',
      'build/rule.o: rule/rule_main.c',
      '\t$(CC) -c -o $@ $<',
      // Built from verify_header.c by make's built-in rule; the header is only a prerequisite.
      'verify_header: verify_header.h',
      'verify_gnu: verify_gnu.o',
      '\t$(CXX) -o $@ $^',
      // A cycle (make drops it with a warning) must not recurse forever.
      'verify_loop: stage',
      'stage: verify_loop',
      // Linked from an object with a rule of its own: its link recipe is no run of it.
      'sample_app: app/app.o',
      '\t$(CC) -o $@ $^',
      'app/app.o: app/app.c',
      '\t$(CC) -c -o $@ $<',
      // verify_builtin has no rule at all: make's built-in rule builds it from verify_builtin.c.
    ].join('\n');
    const tests = await testsOf({
      'qa/Makefile': makefile,
      'qa/cc_main.cc': MAIN,
      'qa/obj_main.cc': MAIN,
      'qa/support.cc': LIBRARY,
      'qa/rule/rule_main.c': MAIN,
      'qa/verify_header.c': MAIN,
      'qa/verify_header.h': 'int helper(void);\n',
      'qa/verify_gnu.C': MAIN,
      'qa/verify_builtin.c': MAIN,
      'qa/verify_loop.c': MAIN,
      'qa/app/app.c': MAIN,
    });
    expect(tests).toEqual([
      ['qa/cc_main.cc', 'build', 'make check: ./verify_cc ./sample_app'],
      ['qa/obj_main.cc', 'build', 'make check: ./verify_obj && ./verify_rule'],
      ['qa/rule/rule_main.c', 'build', 'make check: ./verify_obj && ./verify_rule'],
      ['qa/verify_builtin.c', 'build', 'make check: ./verify_builtin'],
      ['qa/verify_gnu.C', 'build', 'make check: ./verify_header; ./verify_gnu'],
      ['qa/verify_header.c', 'build', 'make check: ./verify_header; ./verify_gnu'],
      ['qa/verify_loop.c', 'build', 'make check: ./verify_loop'],
    ]);
  });

  it('and the programs a for loop runs, built by a pattern rule over a $(foreach) list', async () => {
    const tests = await testsOf({
      Makefile: [
        'LEVELS = 11 17',
        'PROBES = $(foreach l,$(LEVELS),out/probe_cxx$(l))',
        'out/probe_cxx%: kit/probe.cpp',
        '\t$(CXX) -std=c++$* -o $@ $<',
        'test: $(PROBES)',
        '\tfor p in $(PROBES); do ./$$p || exit 1; done',
      ].join('\n'),
      'kit/probe.cpp': MAIN,
    });
    expect(tests).toEqual([['kit/probe.cpp', 'build', 'make test: for p in out/probe_cxx11 out/probe_cxx17; do ./$p || exit 1; done']]);
  });

  it('and the Perl driver a recipe hands the program to, as the test (not the program)', async () => {
    const tests = await testsOf({
      Makefile: 'calc: src/calc.o\n\t$(CC) -o $@ $^\ntest: calc\n\tperl t/run-tests.pl ./calc\n',
      'src/calc.c': MAIN,
      't/run-tests.pl': '#!/usr/bin/perl\nexit 0;\n',
    });
    expect(tests).toEqual([['t/run-tests.pl', 'build', 'make test: perl t/run-tests.pl ./calc']]);
  });

  it('and not, as tests of their own, the programs a test script compiles itself once per configuration', async () => {
    const tests = await testsOf({
      Makefile: 'check:\n\tCC="$(CC)" sh tests/run.sh\n',
      'tests/run.sh': '#!/bin/sh\nhere=$(cd "$(dirname "$0")" && pwd)\ntop=$(dirname "$here")\nfor f in "" -DFAST; do\n  $CC $f -I"$top/src" -o "$here/build/driver" "$here/driver.c" "$top/src/wrap.c"\n  "$here/build/driver" | diff - "$here/expected.out"\ndone\n',
      'tests/driver.c': MAIN,
      'tests/expected.out': '4\n',
      'src/wrap.c': LIBRARY,
      // A C file with main in tests/ that no script compiles stays a test by its place.
      'tests/other_test.c': MAIN,
    });
    expect(tests).toEqual([
      ['tests/other_test.c', 'convention', null],
      ['tests/run.sh', 'build', 'make check: CC="cc" sh tests/run.sh'],
    ]);
  });

  it('of every test-target name, with make\'s automatic variables and the targets they depend on', async () => {
    const tests = await testsOf({
      Makefile: [
        'test: unit_runner',
        '\t./$<',
        'test-cli:',
        '\tsh scripts/$@.sh',
        'check-all: cases_a cases_b',
        '\tfor t in $^; do ./$$t; done',
        'tests: run-suites',
        // Not a test target, but all the tests target depends on: its recipe is part of the run.
        'run-suites:',
        '\t./suite_main',
        'unit_runner: unit_runner.c',
        'cases_a: cases_a.c',
        'cases_b: cases_b.c',
        'suite_main: suite_main.c',
      ].join('\n'),
      'unit_runner.c': MAIN,
      'scripts/test-cli.sh': '#!/bin/sh\n./cli --version | grep -q 1.0\n',
      'cases_a.c': MAIN,
      'cases_b.c': MAIN,
      'suite_main.c': MAIN,
    });
    expect(tests).toEqual([
      ['cases_a.c', 'build', 'make check-all: for t in cases_a cases_b; do ./$t; done'],
      ['cases_b.c', 'build', 'make check-all: for t in cases_a cases_b; do ./$t; done'],
      ['scripts/test-cli.sh', 'build', 'make test-cli: sh scripts/test-cli.sh'],
      ['suite_main.c', 'build', 'make run-suites: ./suite_main'],
      ['unit_runner.c', 'build', 'make test: ./unit_runner'],
    ]);
  });

  it('with make\'s variables, substitution references, continued lines, comments and one-line recipes', async () => {
    const tests = await testsOf({
      Makefile: [
        'PROGS = verify_a',
        'PROGS += verify_b',
        'PROGS ?= ghost_prog',
        'SRCS = vc_main.c vc_util.c',
        'check: $(PROGS) \\',
        '  verify_c  # not ghost_prog yet: it hangs',
        '\tfor t in $^; do ./$$t; done',
        'test-inline: verify_inline ; ./verify_inline',
        'verify_a: va_main.c',
        'verify_b: vb_main.c',
        'verify_c: $(SRCS:.c=.o)',
        'verify_inline: inline_main.c',
        'ghost_prog: ghost_main.c',
      ].join('\n'),
      'va_main.c': MAIN,
      'vb_main.c': MAIN,
      'vc_main.c': MAIN,
      'vc_util.c': LIBRARY,
      'inline_main.c': MAIN,
      'ghost_main.c': MAIN,
    });
    const loop = 'make check: for t in verify_a verify_b verify_c; do ./$t; done';
    expect(tests).toEqual([
      ['inline_main.c', 'build', 'make test-inline: ./verify_inline'],
      ['va_main.c', 'build', loop],
      ['vb_main.c', 'build', loop],
      ['vc_main.c', 'build', loop],
    ]);
  });

  it('and the Python files the pytest or unittest it starts would collect, from the Makefile\'s directory', async () => {
    const check = 'def test_one():\n    assert 1 == 1\n';
    const tests = await testsOf({
      'bare/Makefile': 'test:\n\tpytest\n',
      'bare/test_bare.py': check,
      // A make fragment is read like a Makefile.
      'py/rules.mk': 'test-one:\n\tpy.test suite/test_one.py::test_one -q\ntest-legacy:\n\tpython -m unittest discover -s legacy\n',
      'py/suite/test_one.py': check,
      'py/legacy/test_old.py': check,
      // Under py/, but no runner is pointed at it: found by its name alone.
      'py/other/test_unrun.py': check,
    });
    expect(tests).toEqual([
      ['bare/test_bare.py', 'build', 'make test: pytest'],
      ['py/legacy/test_old.py', 'build', 'make test-legacy: python -m unittest discover -s legacy'],
      ['py/other/test_unrun.py', 'convention', null],
      ['py/suite/test_one.py', 'build', 'make test-one: py.test suite/test_one.py::test_one -q'],
    ]);
  });
});

describe("make's functions a Makefile's intent hangs on", () => {
  it('reads $(wildcard) over the tracked files (relative to the Makefile) and applies $(patsubst), nested too', () => {
    const tracked = new Set(['sub/src/a.c', 'sub/src/b.c', 'sub/src/deep/c.c', 'sub/test/x.t.sh', 'other/d.c']);
    const vars = new Map([['SRC', '$(wildcard src/*.c)'], ['OBJ', '$(patsubst %.c,%.o,$(SRC))']]);
    expect(expandMake('$(OBJ) | $(wildcard test/*.t.sh missing/*.c)', vars, trackedWildcard('sub', tracked))).toBe('src/a.o src/b.o | test/x.t.sh');
    // Without the tracked files, a wildcard names nothing; $(shell) is never run.
    expect(expandMake('[$(SRC)] [$(shell ls)]', vars)).toBe('[] []');
  });

  it('expands $(foreach) per word before what its text references, and finds the pattern rule a target is built by', () => {
    const vars = new Map([['STDS', '11 17'], ['OUT', 'build'], ['TESTS', '$(foreach s,$(STDS),$(OUT)/t_cxx$(s)) $(foreach d,a,{$(d)})']]);
    expect(expandMake('$(TESTS)', vars)).toBe('build/t_cxx11 build/t_cxx17 {a}');
    const { rules } = parseMakefile('build/t_cxx%: t.cpp %.h\n\tc++ -std=c++$* -o $@ $<\nbuild/t_cxx11: extra.h\n%: %.c\n\tcc -o $@ $<\n');
    expect(ruleFor(rules, 'build/t_cxx11')).toEqual({ rule: { prerequisites: ['t.cpp', '11.h', 'extra.h'], recipe: ['c++ -std=c++$* -o $@ $<'] }, stem: '11' });
    expect(ruleFor(rules, 'build/other')).toBeUndefined();
  });

  it('reads the files an include line names in place, and leaves out what it has no text for', () => {
    const texts: Record<string, string> = { 'config.mk': 'CFLAGS += -DFROM_CONFIG\nTESTS = t_one\n', 'rules.mk': 'check: $(TESTS)\n\t./$(TESTS)\n' };
    const { rules, vars } = parseMakefile('CFLAGS = -O2\ninclude config.mk\n-include $(DEPS) missing.d\nsinclude rules.mk\ninclude = not a directive\n', (name) => texts[name]);
    expect(vars.get('CFLAGS')).toBe('-O2 -DFROM_CONFIG');
    expect(rules.get('check')).toEqual({ prerequisites: ['t_one'], recipe: ['./$(TESTS)'] });
    expect(vars.get('include')).toBe('not a directive');
    // A file that includes itself stops at a bounded depth.
    expect(() => parseMakefile('include self.mk\n', () => 'X += 1\ninclude self.mk\n')).not.toThrow();
  });

  it('splits a recipe into the words the shell would pass, quotes and backslashes taken away', () => {
    expect(shellWords(String.raw`cc -DNAME=\"hi\" -DMSG='a b' "-DX=1 2" plain\ word -I.`)).toEqual(['cc', '-DNAME="hi"', '-DMSG=a b', '-DX=1 2', 'plain word', '-I.']);
    expect(shellWords('  ')).toEqual([]);
    expect(shellWords(`''`)).toEqual(['']);
  });
});

describe('buildInventory follows include lines', () => {
  it('a test target defined in an included file is read like one in the Makefile', async () => {
    const tests = await testsOf({
      Makefile: 'include mk/tests.mk\n',
      'mk/tests.mk': 'check: verify\n\t./verify\nverify: verify_main.c\n\t$(CC) -o $@ $^\n',
      'verify_main.c': MAIN,
    });
    expect(tests).toEqual([['verify_main.c', 'build', 'make check: ./verify']]);
  });
});
