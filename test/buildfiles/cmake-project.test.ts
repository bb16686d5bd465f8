// The one CMake reader the inventory and the built-in migrator share, on small trees: CMake's own
// argument syntax, variables, loops, project functions, globs, and what it admits it cannot follow.
import { describe, expect, it } from 'vitest';
import { parseCMake } from '../../src/buildfiles/cmake-syntax.js';
import { cmakeRoots, readCMakeProject } from '../../src/buildfiles/cmake-project.js';
import { compiledByCMake } from '../../src/buildfiles/compiled.js';

function project(files: Record<string, string>) {
  const tracked = new Set(Object.keys(files));
  return readCMakeProject(cmakeRoots([...tracked])[0]!, tracked, (f) => files[f] ?? '');
}
const sourcesOf = (p: ReturnType<typeof project>) => Object.fromEntries(p.targets.map((t) => [t.name, t.sources]));

describe('CMake syntax', () => {
  it('reads quoted, bracket and unquoted arguments, nested parentheses and both kinds of comment', () => {
    const cmds = parseCMake(
      [
        '# add_test(NAME commented COMMAND ghost)',
        '#[[ add_test(NAME bracketed COMMAND ghost) ]]',
        'if((A AND (B OR C)) OR D)',
        'set(MSG "a \\"quoted\\" ; value" [=[bracket ] arg]=] plain;list)',
        'ADD_EXECUTABLE(app main.c) # trailing',
      ].join('\n'),
    );
    expect(cmds.map((c) => c.name)).toEqual(['if', 'set', 'add_executable']);
    expect(cmds[0]!.args.map((a) => a.text)).toEqual(['(', 'A', 'AND', '(', 'B', 'OR', 'C', ')', ')', 'OR', 'D']);
    expect(cmds[1]!.args).toEqual([
      { text: 'MSG', quoted: false },
      { text: 'a "quoted" ; value', quoted: true },
      { text: 'bracket ] arg', quoted: true },
      { text: 'plain;list', quoted: false },
    ]);
    expect(cmds[2]!.line).toBe(5);
  });
});

describe('a CMake project', () => {
  it('follows add_subdirectory and include, expands variables, lists, foreach and project functions (a test is where it is called)', () => {
    const p = project({
      'CMakeLists.txt': [
        'project(demo C)',
        'include(cmake/helpers.cmake)',
        'set(CORE src/a.c src/b.c)',
        'list(APPEND CORE src/c.c)',
        'list(REMOVE_ITEM CORE src/b.c)',
        'add_library(core ${CORE})',
        'add_subdirectory(tests)',
      ].join('\n'),
      'cmake/helpers.cmake': 'function(demo_test name)\n  add_executable(${name} ${name}.c)\n  add_test(NAME ${name} COMMAND ${name} --fast)\nendfunction()\n',
      'tests/CMakeLists.txt': 'foreach(t one two)\n  demo_test(test_${t})\nendforeach()\n',
      'src/a.c': '', 'src/b.c': '', 'src/c.c': '', 'tests/test_one.c': '', 'tests/test_two.c': '',
    });
    expect(sourcesOf(p)).toEqual({ core: ['src/a.c', 'src/c.c'], test_one: ['tests/test_one.c'], test_two: ['tests/test_two.c'] });
    expect(p.tests.map((t) => [t.name, t.command, t.file])).toEqual([
      ['test_one', ['test_one', '--fast'], 'tests/CMakeLists.txt'],
      ['test_two', ['test_two', '--fast'], 'tests/CMakeLists.txt'],
    ]);
    expect(p.listFiles).toEqual(['CMakeLists.txt', 'cmake/helpers.cmake', 'tests/CMakeLists.txt']);
    expect(p.unknown).toEqual([]);
  });

  it("scopes variables as CMake does: a subdirectory's project() and set() stay there, PARENT_SCOPE and options reach up", () => {
    const p = project({
      'CMakeLists.txt': [
        'project(app VERSION 2.1.0)',
        'add_subdirectory(vendor/fw)',
        'add_subdirectory(tests)',
        'add_test(NAME top COMMAND app ${PROJECT_VERSION} ${FW_LEVEL} ${FW_EXPORTED} ${FW_OPTION})',
      ].join('\n'),
      'vendor/fw/CMakeLists.txt': [
        'project(fw VERSION 0.4.2)',
        'set(FW_LEVEL 3)',
        'set(FW_EXPORTED yes PARENT_SCOPE)',
        'option(FW_OPTION "an option" ON)',
        'add_test(NAME fw_self COMMAND fw ${PROJECT_VERSION} ${FW_EXPORTED})',
      ].join('\n'),
      'tests/CMakeLists.txt': 'add_test(NAME version_test COMMAND version_test ${PROJECT_VERSION})\n',
    });
    expect(Object.fromEntries(p.tests.map((t) => [t.name, t.command]))).toEqual({
      fw_self: ['fw', '0.4.2'],
      version_test: ['version_test', '2.1.0'],
      top: ['app', '2.1.0', 'yes', 'ON'],
    });
  });

  it('globs over the tracked files, and counts a generator expression source whatever its condition', () => {
    const p = project({
      'CMakeLists.txt': 'file(GLOB SRC CONFIGURE_DEPENDS src/*.c)\nfile(GLOB_RECURSE HDR include/*.h)\nadd_library(x ${SRC} ${HDR} $<$<PLATFORM_ID:Windows>:win/port.c>)\n',
      'src/a.c': '', 'src/deep/b.c': '', 'include/x.h': '', 'include/sub/y.h': '', 'win/port.c': '',
    });
    expect(sourcesOf(p)).toEqual({ x: ['src/a.c', 'include/sub/y.h', 'include/x.h', 'win/port.c'] });
  });

  it('says what it cannot follow: a variable it cannot tell, a missing subdirectory, a relative glob', () => {
    const p = project({
      'CMakeLists.txt': 'add_library(x ${FROM_ELSEWHERE} a.c)\nadd_subdirectory(gone)\nfile(GLOB S RELATIVE ${CMAKE_CURRENT_SOURCE_DIR} *.c)\n',
      'a.c': '',
    });
    expect(p.unknown).toEqual([
      '${FROM_ELSEWHERE} in CMakeLists.txt:1, which the reader cannot tell',
      'add_subdirectory(gone) in CMakeLists.txt:2 names no tracked CMakeLists.txt',
      'file(GLOB ... RELATIVE) in CMakeLists.txt:3',
    ]);
  });
});

describe('what the CMake build compiles', () => {
  const tree: Record<string, string> = {
    'CMakeLists.txt': 'add_library(unity STATIC vendor/unity/src/unity.c)\ntarget_include_directories(unity PUBLIC vendor/unity/src)\nadd_library(lib src/lib.c)\ntarget_include_directories(lib PUBLIC include)\n',
    'src/lib.c': '#include "lib.h"\n#include "detail/util.h"\n',
    'include/lib.h': '',
    'third/detail/util.h': '#include "more.h"\n',
    'third/detail/more.h': '',
    'vendor/unity/src/unity.c': '#include "unity.h"\n',
    'vendor/unity/src/unity.h': '',
    'vendor/unity/examples/e1/src/sensor.c': '#include "sensor.h"\n',
    'vendor/unity/examples/e1/src/sensor.h': '',
    'vendor/unity/examples/e1/makefile': 'all:\n\tcc src/sensor.c\n',
    'tools/gen.py': '',
  };
  const judge = (files: Record<string, string>) => {
    const tracked = new Set(Object.keys(files));
    const projects = cmakeRoots([...tracked]).map((top) => readCMakeProject(top, tracked, (f) => files[f] ?? ''));
    return compiledByCMake([...tracked], projects, (f) => files[f] ?? '');
  };

  it("leaves out a vendored framework's examples, keeps what the targets compile, include and publish", () => {
    const c = judge(tree)!;
    expect(Object.keys(tree).filter((f) => !c.requires(f))).toEqual(['vendor/unity/examples/e1/src/sensor.c', 'vendor/unity/examples/e1/src/sensor.h']);
    expect(c.why).toMatch(/^no build compiles it: the CMake project \(CMakeLists.txt\)/);
  });

  it('narrows nothing when the reader met an unknown, or another build sits beside CMake at the top', () => {
    expect(judge({ ...tree, 'CMakeLists.txt': `${tree['CMakeLists.txt']}add_subdirectory(\${EXTRA})\n` })).toBeNull();
    expect(judge({ ...tree, Makefile: 'all:\n\tcc src/*.c\n' })).toBeNull();
  });
});
