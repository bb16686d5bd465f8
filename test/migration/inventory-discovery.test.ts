// Where the inventory looks for tests and sources, edge by edge, on real git repositories: test
// directories in any case, tests only CMake or a subdirectory's pytest settings name, the
// language of `.C`, and --not-built globs whose `*` stays inside one directory.
import { describe, expect, it } from 'vitest';
import { inventoryOf } from './inventory-helpers.js';


const C_TEST = '#include <assert.h>\nint main(void) { assert(1 + 1 == 2); return 0; }\n';

describe('buildInventory finds', () => {
  it('tests in an upper-case Tests/, Test/ or TESTS/ directory, and none in a directory whose name only contains the word', async () => {
    const inv = await inventoryOf({
      'Tests/parser.c': C_TEST,
      'Test/lexer.cpp': C_TEST,
      'lib/TESTS/checks.py': 'def test_sum():\n    assert sum([1, 2]) == 3\n',
      'src/contest/main.c': C_TEST,
      'testdata/gen.c': C_TEST,
    });
    expect(inv.tests.map((t) => [t.path, t.foundBy])).toEqual([
      ['Test/lexer.cpp', 'convention'],
      ['Tests/parser.c', 'convention'],
      ['lib/TESTS/checks.py', 'convention'],
    ]);
  });

  it('a test program CMake registers only through gtest_discover_tests or add_test(NAME … COMMAND …)', async () => {
    // No file here is a test by its name or directory: only the CMake files say so.
    const inv = await inventoryOf({
      'CMakeLists.txt': [
        'enable_testing()',
        'include(GoogleTest)',
        'add_executable(parser_cases qa/parser_cases.cc)',
        'target_link_libraries(parser_cases GTest::gtest_main)',
        'gtest_discover_tests(parser_cases)',
        'add_subdirectory(qa)',
        'add_test(NAME lexing COMMAND lexer_cases --verbose)',
        'add_executable(golden qa/golden_run.cc)',
        'add_test(NAME golden_output COMMAND $<TARGET_FILE:golden>)',
        'add_executable(tool src/tool.cc)',
      ].join('\n'),
      'qa/CMakeLists.txt': 'add_executable(lexer_cases lexer_cases.cc)\n',
      // gtest_main supplies main: the file is a test only through its TEST_F cases.
      'qa/parser_cases.cc': '#include <gtest/gtest.h>\nTEST_F(ParserFixture, Empty) { EXPECT_TRUE(true); }\n',
      'qa/lexer_cases.cc': C_TEST,
      'qa/golden_run.cc': C_TEST,
      'src/tool.cc': 'int main() { return 0; }\n',
    });
    expect(inv.tests.map((t) => [t.path, t.foundBy, t.framework, t.runBy])).toEqual([
      ['qa/golden_run.cc', 'build', 'c-main', 'ctest: golden_output (add_test in CMakeLists.txt)'],
      ['qa/lexer_cases.cc', 'build', 'c-main', 'ctest: lexing (add_test in CMakeLists.txt): lexer_cases --verbose'],
      ['qa/parser_cases.cc', 'build', 'gtest', 'ctest: gtest_discover_tests(parser_cases) in CMakeLists.txt'],
    ]);
  });

  it('pytest testpaths from a subdirectory\'s pyproject.toml or pytest.ini under that subdirectory, not the top', async () => {
    const check = 'def test_add():\n    assert 1 + 1 == 2\n';
    const inv = await inventoryOf({
      'sub/pyproject.toml': '[tool.pytest.ini_options]\ntestpaths = ["suite"]\npython_files = ["check_*.py"]\n',
      'sub/suite/check_math.py': check,
      'pkg/pytest.ini': '[pytest]\ntestpaths = suite\npython_files = check_*.py\n',
      'pkg/suite/check_io.py': check,
      // What `suite` would name if it were read from the top of the repository.
      'suite/check_root.py': check,
    });
    expect(inv.tests.map((t) => [t.path, t.foundBy, t.runBy])).toEqual([
      ['pkg/suite/check_io.py', 'build', 'pytest (testpaths in pkg/pytest.ini)'],
      ['sub/suite/check_math.py', 'build', 'pytest (testpaths in sub/pyproject.toml)'],
    ]);
  });
});

describe('buildInventory classifies', () => {
  it('`.C` and `.H` as C++ (the GNU convention), `.c` as C, and other extensions in any case', async () => {
    const inv = await inventoryOf({
      'src/shapes.C': 'int area() { return 1; }\n',
      'src/shapes.H': 'int area();\n',
      'src/util.c': 'int util(void) { return 0; }\n',
      'src/util.h': 'int util(void);\n',
      'src/legacy.CPP': 'int legacy() { return 2; }\n',
    });
    expect(inv.sources.map((s) => `${s.path}:${s.language}${s.header ? ':h' : ''}`)).toEqual([
      'src/legacy.CPP:cpp',
      'src/shapes.C:cpp',
      'src/shapes.H:cpp:h',
      'src/util.c:c',
      'src/util.h:c:h',
    ]);
  });

  it('--not-built globs: `*` and `?` stay in one directory, `**` crosses any number (even without a slash after it), a bare name matches at any depth', async () => {
    const src = 'int f(void) { return 0; }\n';
    const inv = await inventoryOf(
      {
        'src/top.c': src,
        'src/deep/nested.c': src,
        'tools/gen.cc': src,
        'lib/direct.c': src,
        'lib/x/y/far.c': src,
        'gen/sub/out.c': src,
        'gen/layout.c': src,
        'misc/q1.c': src,
        'misc/q12.c': src,
        'misc/gen-util.c': src,
        'gen/util.c': src,
        'proto/out/msg_gen.c': src,
        'vendor/a/b.c': src,
      },
      ['src/*.c', 'tools/*.c', 'lib/**/*.c', 'gen/**/out.c', 'misc/q?.c', 'gen?util.c', '*_gen.c', 'vendor/**.c'],
    );
    expect(inv.notBuilt).toEqual([
      'gen/sub/out.c',
      'lib/direct.c',
      'lib/x/y/far.c',
      'misc/gen-util.c',
      'misc/q1.c',
      'proto/out/msg_gen.c',
      'src/top.c',
      'vendor/a/b.c',
    ]);
    expect(inv.sources.map((s) => s.path)).toEqual(['gen/layout.c', 'gen/util.c', 'misc/q12.c', 'src/deep/nested.c', 'tools/gen.cc']);
  });
});
