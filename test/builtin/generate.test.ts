// The generator as a pure function of a tree: facts read from Makefiles and CMake, packages and
// include roots, include/import resolution, and the Starlark it prints.
import { describe, expect, it } from 'vitest';
import { plan, treeFromFiles } from '../../src/builtin/index.js';

const MAIN_C = '#include <stdio.h>\nint main(void) { return 0; }\n';

describe('C with a Makefile', () => {
  const tree = treeFromFiles({
    Makefile: [
      'CFLAGS ?= -O2',
      'CFLAGS += -std=c99 -Wall',
      'CPPFLAGS = -I include -DLEVEL=3',
      'LDLIBS = -lm',
      'OBJS = src/calc.o',
      'calc: src/main.o $(OBJS)',
      '\t$(CC) -o $@ $^ $(LDLIBS)',
      'tests/calc_test: tests/calc_test.o $(OBJS)',
      '\t$(CC) -o $@ $^',
      'check: tests/calc_test calc',
      '\t./tests/calc_test --fast',
      '\tsh tests/golden.sh ./calc',
      '',
    ].join('\n'),
    'include/calc/calc.h': 'int add(int a, int b);\n',
    'src/calc.c': '#include "calc/calc.h"\nint add(int a, int b) { return a + b; }\n',
    'src/main.c': `#include "calc/calc.h"\n${MAIN_C}`,
    'tests/calc_test.c': `#include "calc/calc.h"\n${MAIN_C}`,
    'tests/golden.sh': '#!/bin/sh\n"$1" < "$(dirname "$0")/cases/one.in" | cmp - "$(dirname "$0")/cases/one.out"\n',
    'tests/cases/one.in': '1 2\n',
    'tests/cases/one.out': '3\n',
  }, ['tests/golden.sh']);
  const p = plan(tree);

  it('makes a package per source directory and one for the include root with its subtree', () => {
    expect(Object.keys(p.files).sort()).toEqual(['MODULE.bazel', 'include/BUILD.bazel', 'src/BUILD.bazel', 'tests/BUILD.bazel']);
    expect(p.files['include/BUILD.bazel']).toContain('hdrs = ["calc/calc.h"]');
    expect(p.files['include/BUILD.bazel']).toContain('includes = ["."]');
  });

  it('carries flags, defines and link options over, leaving optimisation to Bazel', () => {
    const src = p.files['src/BUILD.bazel']!;
    expect(src).toMatch(/copts = \[\n\s+"-std=c99",\n\s+"-Wall",\n\s+\]/);
    expect(src).toContain('local_defines = ["LEVEL=3"]');
    expect(src).toContain('linkopts = ["-lm"]');
    expect(src).not.toContain('-O2');
  });

  it('names programs after their make targets; links the implementation of an included header', () => {
    const src = p.files['src/BUILD.bazel']!;
    expect(src).toMatch(/cc_binary\(\n\s+name = "calc",\n\s+srcs = \["main.c"\]/);
    expect(src).toMatch(/deps = \[\n\s+":src",\n\s+"\/\/include",\n\s+\]/);
    const tests = p.files['tests/BUILD.bazel']!;
    expect(tests).toMatch(/cc_test\(\n\s+name = "calc_test",\n\s+srcs = \["calc_test.c"\],\n\s+args = \["--fast"\]/);
    expect(tests).toContain('"//src"');
  });

  it('turns a script the check target runs into an sh_test with its data and the program it is given', () => {
    const tests = p.files['tests/BUILD.bazel']!;
    expect(tests).toMatch(/sh_test\(\n\s+name = "golden",\n\s+srcs = \["golden.sh"\],\n\s+args = \["\.\/\$\(rootpath \/\/src:calc\)"\]/);
    expect(tests).toContain('"cases/one.in"');
    expect(tests).toContain('"//src:calc"');
  });

  it('asks only for the modules it uses', () => {
    expect(p.moduleDeps).toEqual(['rules_cc']);
    expect(p.files['MODULE.bazel']).toContain('bazel_dep(name = "rules_cc"');
    expect(p.files['MODULE.bazel']).not.toContain('rules_python');
  });

  it('is deterministic and writes only inside the tree', () => {
    expect(plan(tree).files).toEqual(p.files);
    for (const f of Object.keys(p.files)) expect(f).not.toMatch(/^\/|(^|\/)\.\.(\/|$)/);
  });
});

describe('C++ with CMake', () => {
  const p = plan(
    treeFromFiles({
      'CMakeLists.txt': [
        'project(ring CXX)',
        'add_subdirectory(lib)',
        'enable_testing()',
        'foreach(std 11 17)',
        '  add_executable(ring_test_cxx${std} tests/ring_test.cpp)',
        '  target_link_libraries(ring_test_cxx${std} PRIVATE ring)',
        '  set_target_properties(ring_test_cxx${std} PROPERTIES CXX_STANDARD ${std})',
        '  add_test(NAME ring_test_cxx${std} COMMAND ring_test_cxx${std} -v)',
        'endforeach()',
      ].join('\n'),
      'lib/CMakeLists.txt': [
        'add_library(ring src/ring.cpp)',
        'target_include_directories(ring PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include)',
        'target_compile_definitions(ring PRIVATE RING_FAST=1 PUBLIC RING_API=)',
        'target_link_libraries(ring PUBLIC Threads::Threads)',
      ].join('\n'),
      'lib/include/ring/ring.hpp': '#pragma once\nint ring();\n',
      'lib/src/ring.cpp': '#include "ring/ring.hpp"\nint ring() { return 1; }\n',
      'tests/ring_test.cpp': '#include <ring/ring.hpp>\nint main() { return ring() == 1 ? 0 : 1; }\n',
    }),
  );

  it('unrolls foreach: one cc_test per language level, with its arguments', () => {
    const tests = p.files['tests/BUILD.bazel']!;
    expect(tests).toMatch(/name = "ring_test_cxx11",[\s\S]*args = \["-v"\],\n\s+copts = \["-std=c\+\+11"\]/);
    expect(tests).toMatch(/name = "ring_test_cxx17",[\s\S]*copts = \["-std=c\+\+17"\]/);
    expect(tests).toContain('"//lib/include"');
    expect(tests).toContain('"//lib/src"');
  });

  it('follows add_subdirectory: PRIVATE defines stay local, PUBLIC ones propagate, system libraries link', () => {
    const lib = p.files['lib/src/BUILD.bazel']!;
    expect(lib).toContain('local_defines = ["RING_FAST=1"]');
    expect(lib).toContain('defines = ["RING_API="]');
    expect(lib).toContain('linkopts = ["-pthread"]');
    expect(p.files['lib/include/BUILD.bazel']).toContain('includes = ["."]');
    expect(p.files['MODULE.bazel']).toContain('module(name = "ring")');
  });
});

describe('Python', () => {
  const p = plan(
    treeFromFiles({
      'pyproject.toml': '[project]\nname = "pkg"\n[tool.setuptools.packages.find]\nwhere = ["src"]\n',
      'src/pkg/__init__.py': 'from .core import f\n',
      'src/pkg/core.py': 'def f():\n    return 1\n',
      'src/pkg/__main__.py': 'from pkg.core import f\nif __name__ == "__main__":\n    print(f())\n',
      'tests/conftest.py': 'import pytest\n',
      'tests/test_core.py': 'from pkg.core import f\n\ndef test_f():\n    assert f() == 1\n',
      'tests/test_unit.py': 'import unittest\nimport pkg\n\nclass T(unittest.TestCase):\n    def test_x(self):\n        self.assertTrue(pkg.f())\n\nif __name__ == "__main__":\n    unittest.main()\n',
    }),
  );

  it('roots a src/ layout with imports and resolves imports to the owning library', () => {
    const lib = p.files['src/pkg/BUILD.bazel']!;
    expect(lib).toMatch(/py_library\(\n\s+name = "pkg",[\s\S]*imports = \[".."\]/);
    expect(lib).toMatch(/py_binary\(\n\s+name = "main",\n\s+srcs = \["__main__.py"\],\n\s+main = "__main__.py"/);
  });

  it('runs pytest-style tests through the runner, with conftest, and unittest modules by themselves', () => {
    const tests = p.files['tests/BUILD.bazel']!;
    expect(tests).toMatch(/name = "test_core",[\s\S]*main = "\/\/bazel:pytest_runner.py",\n\s+args = \["\$\(rootpath test_core.py\)"\]/);
    expect(tests).toMatch(/name = "test_unit",\n\s+srcs = \["test_unit.py"\],\n\s+main = "test_unit.py"/);
    expect(tests).toMatch(/py_library\(\n\s+name = "tests",\n\s+srcs = \["conftest.py"\],\n\s+testonly = True/);
    expect(tests).toContain('"//src/pkg"');
    expect(p.files['bazel/pytest_runner.py']).toContain('pytest.main');
    expect(p.moduleDeps).toEqual(['rules_python']);
  });

  it("roots imports where pytest's pythonpath setting says (pytest.ini, no packaging file)", () => {
    const q = plan(treeFromFiles({
      'pytest.ini': '[pytest]\npythonpath = lib\ntestpaths = tests\n',
      'lib/mypkg/__init__.py': '',
      'lib/mypkg/core.py': 'def double(x):\n    return 2 * x\n',
      'tests/test_core.py': 'import mypkg.core\n\ndef test_double():\n    assert mypkg.core.double(2) == 4\n',
    }));
    expect(q.files['lib/mypkg/BUILD.bazel']).toContain('imports = [".."]');
    expect(q.files['tests/BUILD.bazel']).toContain('"//lib/mypkg"');
  });
});

describe('shell', () => {
  it('sh_binary for a script with a shebang and no extension, named apart from its file; tests get the scripts they name', () => {
    const p = plan(
      treeFromFiles({
        'bin/tool': '#!/bin/sh\n. "$(dirname "$0")/../lib/util.sh"\n',
        'lib/util.sh': '# Sourced by bin/tool.\nutil() { :; }\n',
        'tests/tool_test.sh': '#!/bin/sh\n"$(dirname "$0")/../bin/tool"\n',
      }),
    );
    expect(p.files['bin/BUILD.bazel']).toMatch(/sh_binary\(\n\s+name = "tool_bin",\n\s+srcs = \["tool"\],\n\s+data = \["\/\/lib:util"\]/);
    expect(p.files['lib/BUILD.bazel']).toContain('sh_library(');
    expect(p.files['lib/BUILD.bazel']).not.toContain('data'); // named in a comment only
    expect(p.files['tests/BUILD.bazel']).toMatch(/sh_test\(\n\s+name = "tool_test",[\s\S]*data = \["\/\/bin:tool_bin"\]/);
    expect(p.moduleDeps).toEqual([]);
  });
});

it('leaves the old build out of targets (setup.py is not a source)', () => {
  const p = plan(treeFromFiles({ 'setup.py': 'from setuptools import setup\nsetup()\n', 'pkg/__init__.py': '' }));
  expect(Object.keys(p.files).sort()).toEqual(['MODULE.bazel', 'pkg/BUILD.bazel']);
  expect(p.covered).toEqual(['pkg/__init__.py']);
});

it('says why when the tree holds nothing it knows how to build, and writes nothing', () => {
  const p = plan(treeFromFiles({ 'README.md': '# notes\n', 'src/Main.kt': 'fun main() {}\n' }));
  expect(p.files).toEqual({});
  expect(p.nothingToDo).toMatch(/no C, C\+\+, Python or shell sources/);
});

/**
 * The double-quoted string literals of a BUILD file, read the way Bazel's lexer reads them: it
 * knows \n \r \t \\ \" \' and octal escapes, rejects \a \b \f \v \x \u \U \N, and a string
 * cannot span lines.
 */
function starlarkStrings(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (text[i++] !== '"') continue;
    let s = '';
    for (;;) {
      const c = text[i++];
      if (c === undefined || c === '\n') throw new Error(`unterminated string before offset ${i}`);
      if (c === '"') break;
      if (c !== '\\') {
        s += c;
        continue;
      }
      const e = text[i++] ?? '';
      if (/[0-7]/.test(e)) {
        let octal = e;
        while (octal.length < 3 && /[0-7]/.test(text[i] ?? '')) octal += text[i++];
        s += String.fromCharCode(parseInt(octal, 8));
      } else if ('abfvxuUN'.includes(e)) throw new Error(`escape sequence not implemented: \\${e}`);
      else s += { n: '\n', r: '\r', t: '\t', '\\': '\\', '"': '"', "'": "'" }[e] ?? `\\${e}`;
    }
    out.push(s);
  }
  return out;
}

describe('file names that a Starlark string must escape', () => {
  const named = ['we"ird.c', 'ünï.c', 'sp ace.c', "it's.c"];
  const unlabelable = ['back\\slash.c', 'col:on.c', 'tab\there.c', 'new\nline.c', 'bell\u0007.c', 'form\ffeed.c', 'one\u00012.c', 'del\u007f.c'];
  const lossy = 'm\uFFFDul.c';
  const p = plan(
    treeFromFiles({
      'src/main.c': MAIN_C,
      ...Object.fromEntries([...named, ...unlabelable, lossy].map((n) => [`src/${n}`, 'int x;\n'])),
      'src/blob.c': 'int x;\0\u0001\u0002',
    }),
  );
  const build = p.files['src/BUILD.bazel']!;

  it('come out as literals Bazel reads back as the same names', () => {
    expect(build).toContain('"we\\"ird.c"');
    const strings = starlarkStrings(build);
    for (const name of [...named, 'main.c']) expect(strings).toContain(name);
  });

  it('leave out, each with why, the names no label can hold and files that are not text, keeping their siblings', () => {
    const strings = starlarkStrings(build);
    for (const name of [...unlabelable, lossy, 'blob.c']) expect(strings).not.toContain(name);
    expect(p.leftOut.map((l) => l.path).sort()).toEqual([...unlabelable, lossy, 'blob.c'].map((n) => `src/${n}`).sort());
    expect(p.leftOut.find((l) => l.path === 'src/one\u00012.c')?.why).toMatch(/control character \\x01.*non-printable/);
    expect(p.leftOut.find((l) => l.path === `src/${lossy}`)?.why).toMatch(/not valid UTF-8/);
    expect(p.leftOut.find((l) => l.path === 'src/blob.c')?.why).toMatch(/binary/);
    expect(p.covered).toEqual(expect.arrayContaining([...named, 'main.c'].map((n) => `src/${n}`)));
  });
});

describe('a package and a directory whose name extends it (lib and lib2/)', () => {
  const p = plan(
    treeFromFiles(
      {
        Makefile: 'CPPFLAGS = -I lib\n', // lib: an include root, holding its subtree
        'lib/sub/x.h': 'int x(void);\n',
        'lib/x.c': '#include "sub/x.h"\nint x(void) { return 1; }\n',
        'lib/run_test.sh': '#!/bin/sh\ncmp "$(dirname "$0")/golden.txt" -\n',
        'lib/golden.txt': 'g\n',
        'lib2/y.c': '#include "y.h"\nint y(void) { return 2; }\n',
        'lib2/y.h': 'int y(void);\n',
        'lib2/other.txt': 'o\n',
        'lib2/include/z/z.h': 'int z(void);\n', // an include root of its own, not inside lib's
        'pyproject.toml': '[tool.setuptools.packages.find]\nwhere = ["py"]\n', // py: a Python root
        'py/app/__init__.py': '',
        'py/app/main.py': 'import py2.tool.helper\n',
        'py2/tool/__init__.py': '',
        'py2/tool/helper.py': 'def h():\n    return 1\n',
      },
      ['lib/run_test.sh'],
    ),
  );

  it('lib2/ gets packages of its own, never a place in lib', () => {
    expect(Object.keys(p.files).sort()).toEqual([
      'MODULE.bazel',
      'lib/BUILD.bazel',
      'lib2/BUILD.bazel',
      'lib2/include/BUILD.bazel',
      'py/app/BUILD.bazel',
      'py2/tool/BUILD.bazel',
    ]);
    expect(p.files['lib/BUILD.bazel']).not.toMatch(/"2\/|y\.c|include/);
    expect(p.files['lib2/include/BUILD.bazel']).toContain('hdrs = ["z/z.h"]');
  });

  it("a test in lib gets the data beside it, not lib2's", () => {
    expect(p.files['lib/BUILD.bazel']).toMatch(/sh_test\([\s\S]*data = \["golden.txt"\]/);
    expect(p.files['lib/BUILD.bazel']).not.toContain('other.txt');
  });

  it('a module under py2/ is not rooted at the Python root py', () => {
    expect(p.files['py/app/BUILD.bazel']).toContain('deps = ["//py2/tool"]');
  });
});

describe('a test program the Makefile links from sources in other directories', () => {
  const p = plan(
    treeFromFiles({
      Makefile: 'test: add_test\n\t./add_test\nadd_test: tests/add_test.c lib/add.c\n\tcc -o $@ $^\n',
      'lib/add.c': 'int add(int a, int b) { return a + b; }\n',
      'tests/add_test.c': `int add(int, int);\n${MAIN_C}`,
    }),
  );

  it('depends on the library that holds each of them (no header names it)', () => {
    expect(p.files['tests/BUILD.bazel']).toMatch(/cc_test\(\n {4}name = "add_test",\n {4}srcs = \["add_test.c"\],\n {4}deps = \["\/\/lib"\],/);
  });
});

describe('a Makefile that builds its test program from the library source itself, with a define', () => {
  const p = plan(
    treeFromFiles({
      Makefile: [
        'WARN = -std=c99 -Wall',
        'all: libini.a ini_dump',
        'libini.a: ini.o',
        '\t$(AR) rcs $@ ini.o',
        'ini.o: ini.c ini.h',
        '\t$(CC) $(WARN) -c -o $@ ini.c',
        'ini_dump: examples/ini_dump.c libini.a',
        '\t$(CC) $(WARN) -I. -o $@ examples/ini_dump.c libini.a',
        'ini_test: ini.c ini.h',
        '\t$(CC) $(WARN) -DINI_TEST_MAIN -o $@ ini.c',
        'test: ini_test',
        '\t./ini_test tests/sample.ini',
        '.PHONY: all test',
      ].join('\n'),
      'ini.h': 'int ini_parse(const char *path);\n',
      'ini.c': '#include "ini.h"\nint ini_parse(const char *path) { return path != 0; }\n#ifdef INI_TEST_MAIN\n#include "testhelp.h"\nint main(int argc, char **argv) { return !ini_parse(argv[1]); }\n#endif\n',
      'testhelp.h': '#define CHECK(x) x\n',
      'examples/ini_dump.c': `#include "ini.h"\n${MAIN_C}`,
      'tests/sample.ini': '[a]\nb = c\n',
    }),
  );
  const root = p.files['BUILD.bazel']!;

  it('keeps the source in the library and makes the test of it with the define, not linked to the library', () => {
    expect(root).toMatch(/cc_library\(\n {4}name = "lib",\n {4}srcs = \["ini.c"\],/);
    const test = /cc_test\([\s\S]*?\n\)/.exec(root)![0];
    expect(test).toContain('srcs = [\n        "ini.c",\n        "ini.h",\n        "testhelp.h",\n    ]');
    expect(test).toContain('local_defines = ["INI_TEST_MAIN"]');
    expect(test).toContain('"-std=c99"');
    expect(test).not.toContain('deps');
  });

  it('gives the test the file its arguments name, and links the example with the library its archive holds', () => {
    expect(root).toMatch(/args = \["tests\/sample.ini"\],\n {4}data = \["tests\/sample.ini"\],/);
    expect(p.files['examples/BUILD.bazel']).toMatch(/cc_binary\(\n {4}name = "ini_dump",[\s\S]*deps = \["\/\/:lib"\]/);
    expect(p.files['examples/BUILD.bazel']).not.toContain('name = "all"');
  });
});

describe('a pattern rule building one test program per language level, run by a for loop', () => {
  const p = plan(
    treeFromFiles({
      Makefile: [
        'WARNINGS = -Wall -Werror',
        'CPPFLAGS += -Iinclude',
        'STDS = 11 17',
        'TESTS = $(foreach std,$(STDS),build/kit_test_cxx$(std))',
        'all: $(TESTS)',
        'build/kit_test_cxx%: tests/kit_test.cpp',
        '\t$(CXX) -std=c++$* $(WARNINGS) $(CPPFLAGS) -o $@ $<',
        'test: $(TESTS)',
        '\t@set -e; for t in $(TESTS); do ./$$t; done',
        '.PHONY: all test',
      ].join('\n'),
      'include/kit.hpp': 'inline int kit() { return 1; }\n',
      'tests/kit_test.cpp': '#include "kit.hpp"\nint main() { return kit() == 1 ? 0 : 1; }\n',
    }),
  );

  it('makes each program the loop runs a test, with the stem in its flags and no stem left in anyone else\'s', () => {
    const tests = p.files['tests/BUILD.bazel']!;
    for (const std of ['11', '17']) {
      const rule = new RegExp(`cc_test\\(\\n {4}name = "kit_test_cxx${std}",[\\s\\S]*?\\n\\)`).exec(tests)?.[0];
      expect(rule).toContain(`"-std=c++${std}"`);
      expect(rule).toContain('"-Werror"');
    }
    expect(Object.values(p.files).join('\n')).not.toMatch(/-std=c\+\+"/);
  });
});

describe('what a test reads at run time and the environment its command sets', () => {
  const p = plan(
    treeFromFiles({
      Makefile: [
        'PROG = rle',
        'all: $(PROG)',
        '$(PROG): src/main.o',
        '\t$(CC) -o $@ src/main.o',
        'check: $(PROG)',
        '\tRLE_BIN=$(CURDIR)/$(PROG) MODE=\'strict $$x\' python3 -m unittest discover -s tests -v',
      ].join('\n'),
      'src/main.c': 'int main(void) { return 0; }\n',
      'tests/test_cli.py': 'import os, unittest\nclass T(unittest.TestCase):\n    def test_x(self):\n        self.assertTrue(os.environ["RLE_BIN"])\n\nif __name__ == "__main__":\n    unittest.main()\n',
      'tests/data/in.txt': 'aaa\n',
      'tests/data/in.rle': '3a\n',
      'other/test_other.py': 'def test_y():\n    pass\n',
      'other/fixtures/x.json': '{}\n',
    }),
  );

  it('gives the program a Makefile test command names in a variable as its runfiles path, to the tests the command runs only', () => {
    const tests = p.files['tests/BUILD.bazel']!;
    expect(tests).toContain('env = {"MODE": "strict $$x", "RLE_BIN": "./$(rootpath //src:rle)"}');
    expect(tests).toMatch(/data = \[\n\s+"data\/in.rle",\n\s+"data\/in.txt",\n\s+"\/\/src:rle",\n\s+\]/);
    expect(p.files['other/BUILD.bazel']).not.toContain('env =');
  });

  it('gives a Python test the data files under its directory', () => {
    expect(p.files['other/BUILD.bazel']).toContain('data = ["fixtures/x.json"]');
  });
});

describe('a Perl golden-test driver the Makefile runs on the program', () => {
  const p = plan(
    treeFromFiles(
      {
        Makefile: 'calc: calc.o\n\t$(CC) -o $@ calc.o -lm\ntest: calc\n\tperl t/run-tests.pl ./calc\n.PHONY: test\n',
        'calc.c': 'int main(void) { return 0; }\n',
        't/run-tests.pl': '#!/usr/bin/perl\nuse strict;\nmy $prog = shift;\nexit system($prog) >> 8;\n',
        't/cases/one.in': '1+1\n',
        't/cases/one.out': '2\n',
        'tools/lint.pl': '#!/usr/bin/perl\nprint "unused\\n";\n',
      },
      ['t/run-tests.pl', 'tools/lint.pl'],
    ),
  );

  it('runs by its #! line as a test, given the program from the top of the runfiles and the cases beside it', () => {
    expect(p.files['t/BUILD.bazel']).toMatch(/sh_test\(\n {4}name = "run-tests",\n {4}srcs = \["run-tests.pl"\],\n {4}args = \["\.\/\$\(rootpath \/\/:calc\)"\],\n {4}data = \[\n {8}"cases\/one.in",\n {8}"cases\/one.out",\n {8}"\/\/:calc",/);
    // A Perl script no test runs is not ours to build.
    expect(p.files['tools/BUILD.bazel']).toBeUndefined();
  });
});

describe("pytest's --doctest-modules", () => {
  const p = plan(
    treeFromFiles({
      'pyproject.toml': '[tool.pytest.ini_options]\naddopts = "--doctest-modules"\ntestpaths = ["pkg"]\n',
      'pkg/__init__.py': '',
      'pkg/calc.py': 'def add(a, b):\n    """\n    >>> add(1, 2)\n    3\n    """\n    return a + b\n',
      'pkg/plain.py': 'def sub(a, b):\n    return a - b\n',
    }),
  );

  it('runs each module with docstring examples through pytest, with the settings file that asks for it exported from the top', () => {
    const pkg = p.files['pkg/BUILD.bazel']!;
    expect(pkg).toMatch(/py_test\(\n {4}name = "calc_doctest",\n {4}srcs = \[\n {8}"calc.py",\n {8}"\/\/bazel:pytest_runner.py",\n {4}\],\n {4}main = "\/\/bazel:pytest_runner.py",\n {4}args = \["\$\(rootpath calc.py\)"\],\n {4}data = \["\/\/:pyproject.toml"\],\n {4}deps = \[":pkg"\],/);
    expect(pkg).not.toContain('plain_doctest');
    expect(p.files['BUILD.bazel']).toContain('exports_files(["pyproject.toml"])');
  });
});

describe('a golden-test script that compiles its program itself, once per -D configuration', () => {
  const p = plan(
    treeFromFiles(
      {
        Makefile: 'check:\n\tCC="$(CC)" CFLAGS="-O2" sh tests/run.sh\n',
        'tests/run.sh': '#!/bin/sh\nhere=$(cd "$(dirname "$0")" && pwd)\ntop=$(dirname "$here")\n$CC $CFLAGS -DFAST -I"$top/src" -o "$here/driver" "$here/driver.c" "$top/src/wrap.c"\n"$here/driver" | diff - "$here/expected.out"\n',
        'tests/driver.c': '#include "wrap.h"\nint main(void) { return wrap(); }\n',
        'tests/expected.out': '0\n',
        'src/wrap.c': '#include "wrap.h"\nint wrap(void) { return 0; }\n',
        'src/wrap.h': 'int wrap(void);\n',
      },
      ['tests/run.sh'],
    ),
  );

  it('runs the script with the sources it compiles, the headers beside them and the compiler settings make gives it', () => {
    const tests = p.files['tests/BUILD.bazel']!;
    expect(tests).toMatch(/sh_test\(\n {4}name = "run",\n {4}srcs = \["run.sh"\],\n {4}env = \{"CC": "cc", "CFLAGS": "-O2"\},\n {4}data = \[\n {8}"driver.c",\n {8}"expected.out",\n {8}"\/\/src:wrap.c",\n {8}"\/\/src:wrap.h",\n {4}\],/);
    // The program it compiles is built (every source is in a target), but is no test of its own.
    expect(tests).toMatch(/cc_binary\(\n {4}name = "driver",/);
    expect(tests).not.toContain('cc_test');
  });
});

describe('flags Bazel splits like a shell', () => {
  it('reach the compiler as the one word the build passed (a quoted string define), a $(rootpath) argument stays Bazel\'s', () => {
    const p = plan(
      treeFromFiles({
        'CMakeLists.txt': 'project(v VERSION 1.2.0)\nadd_library(v src/v.c)\ntarget_compile_definitions(v PRIVATE V_VERSION="${PROJECT_VERSION}" "V_NAME=a b")\n',
        'src/v.c': 'const char *v = V_VERSION;\n',
      }),
    );
    expect(p.files['src/BUILD.bazel']).toContain('local_defines = [\n        "V_NAME=a\\\\ b",\n        "V_VERSION=\\\\\\"1.2.0\\\\\\"",\n    ]');
  });
});

describe('shell suites run by a runner', () => {
  const p = plan(
    treeFromFiles(
      {
        Makefile: 'TESTS ?= $(wildcard test/*.t.sh)\ncheck:\n\t@bash test/lib/runner.sh $(TESTS)\n',
        'test/lib/runner.sh': '#!/usr/bin/env bash\nload() { . "$TEST_DIRNAME/$1.sh"; }\nfor f in "$@"; do . "$f"; done\n',
        'test/get.t.sh': 'load helpers/common\ntest_get() { fixture basic.env; }\n',
        'test/helpers/common.sh': 'fixture() { cat "$TEST_DIRNAME/fixtures/$1"; }\n',
        'test/fixtures/basic.env': 'A=1\n',
        'tests/test_all.sh': '#!/bin/sh\ncd "$(dirname "$0")/.."\nfor t in tests/*_test.sh; do sh "$t" || exit 1; done\n',
        'tests/a_test.sh': '#!/bin/sh\ntrue\n',
      },
      ['test/lib/runner.sh', 'tests/test_all.sh', 'tests/a_test.sh'],
    ),
  );

  it("passes the files make's $(wildcard) named, with what they load and what lies beside them, exported by their package", () => {
    const runner = p.files['test/lib/BUILD.bazel']!;
    expect(runner).toContain('args = ["test/get.t.sh"]');
    expect(runner).toMatch(/data = \[\n\s+"\/\/test:fixtures\/basic.env",\n\s+"\/\/test:get.t",\n\s+\]/);
    expect(p.files['test/BUILD.bazel']).toContain('exports_files(["fixtures/basic.env"])');
    expect(p.files['test/BUILD.bazel']).toMatch(/name = "get.t",[\s\S]*data = \["\/\/test\/helpers:common"\]/);
  });

  it('gives a runner script the tests its glob runs', () => {
    expect(p.files['tests/BUILD.bazel']).toMatch(/name = "test_all",\n\s+srcs = \["test_all.sh"\],\n\s+data = \[":a_test"\]/);
  });

  it('a runner without an extension (./test/run) is a test too, run by its #! line, with the scripts its glob runs', () => {
    const q = plan(treeFromFiles(
      {
        Makefile: 'test:\n\t./test/run\n',
        'test/run': '#!/usr/bin/env bash\ncd "$(dirname "$0")/.." || exit 1\nfor t in test/*.t.sh; do bash "$t" || exit 1; done\n',
        'test/parse.t.sh': '. "$(dirname "${BASH_SOURCE[0]}")/helpers.sh"\nok 1\n',
        'test/helpers.sh': 'ok() { echo "ok $1"; }\n',
      },
      ['test/run'],
    ));
    expect(q.files['test/BUILD.bazel']).toMatch(/sh_test\(\n\s+name = "run_test",\n\s+srcs = \["run"\],\n\s+data = \[[^\]]*":parse.t"/);
  });
});
