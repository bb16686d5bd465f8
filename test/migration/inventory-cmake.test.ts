// The tests CMake registers, on real git repositories: the executables add_test and the
// discovery commands name, the sources those are built from (through variables, lists and
// target_sources, in any CMakeLists.txt), and scripts add_test runs. No file here is a test by its
// name or directory, so only the CMake files can have found it.
import { describe, expect, it } from 'vitest';
import { inventoryOf, testsOf } from './inventory-helpers.js';


const GTEST = '#include <gtest/gtest.h>\nTEST(Suite, Case) { EXPECT_EQ(1, 1); }\n';
const CATCH = '#include <catch2/catch_test_macros.hpp>\nTEST_CASE("case") { REQUIRE(1 == 1); }\n';
const LIBRARY = 'int helper() { return 1; }\n';

describe('buildInventory reads CMake', () => {
  it('and finds the sources of each registered executable, however CMake names them', async () => {
    const tests = await testsOf({
      'CMakeLists.txt': [
        'cmake_minimum_required(VERSION 3.16)',
        '# add_test(NAME commented COMMAND ghost_prog)',
        '#[[',
        'add_test(NAME bracketed COMMAND ghost_prog)',
        ']]',
        'add_executable(ghost_prog qa/ghost_main.cpp)',
        'set(UNIT_SOURCES "qa/unit_main.cpp;qa/unit_helper.cpp")',
        'list(APPEND UNIT_SOURCES qa/unit_more.cpp)',
        'ADD_EXECUTABLE(unit_prog ${UNIT_SOURCES})',
        'add_test(NAME unit COMMAND unit_prog "--gtest_filter=Suite.(Case)")',
        'add_executable(catch_prog qa/catch_main.cpp)',
        'target_sources(catch_prog PRIVATE qa/catch_more.cpp)',
        'catch_discover_tests(catch_prog)',
        'set(QA_DIR ${CMAKE_CURRENT_SOURCE_DIR}/qa)',
        'add_subdirectory(sub)',
        'gtest_add_tests(TARGET typed_prog)',
      ].join('\n'),
      'sub/CMakeLists.txt': [
        // A directory variable from the top CMakeLists.txt names the top's qa/, not sub/qa/.
        'add_executable(doc_prog ${QA_DIR}/doc_main.cpp)',
        'doctest_discover_tests(doc_prog)',
        'add_executable(typed_prog ../qa/typed_main.cpp ${PROJECT_SOURCE_DIR}/qa/typed_more.cpp)',
      ].join('\n'),
      'qa/ghost_main.cpp': GTEST,
      'qa/unit_main.cpp': GTEST,
      'qa/unit_helper.cpp': LIBRARY,
      'qa/unit_more.cpp': GTEST,
      'qa/catch_main.cpp': CATCH,
      'qa/catch_more.cpp': CATCH,
      'qa/doc_main.cpp': CATCH,
      'qa/typed_main.cpp': GTEST,
      'qa/typed_more.cpp': GTEST,
    });
    expect(tests).toEqual([
      ['qa/catch_main.cpp', 'build', 'ctest: catch_discover_tests(catch_prog) in CMakeLists.txt'],
      ['qa/catch_more.cpp', 'build', 'ctest: catch_discover_tests(catch_prog) in CMakeLists.txt'],
      ['qa/doc_main.cpp', 'build', 'ctest: doctest_discover_tests(doc_prog) in sub/CMakeLists.txt'],
      ['qa/typed_main.cpp', 'build', 'ctest: gtest_add_tests(typed_prog) in CMakeLists.txt'],
      ['qa/typed_more.cpp', 'build', 'ctest: gtest_add_tests(typed_prog) in CMakeLists.txt'],
      ['qa/unit_main.cpp', 'build', 'ctest: unit (add_test in CMakeLists.txt): unit_prog --gtest_filter=Suite.(Case)'],
      ['qa/unit_more.cpp', 'build', 'ctest: unit (add_test in CMakeLists.txt): unit_prog --gtest_filter=Suite.(Case)'],
    ]);
  });

  it('and finds the script an add_test runs, through an interpreter or a source-directory path, not the program it is handed', async () => {
    const tests = await testsOf({
      'CMakeLists.txt': [
        'add_executable(calc src/calc.cpp)',
        'add_subdirectory(qa)',
        'add_test(NAME direct COMMAND qa/direct.sh)',
      ].join('\n'),
      'qa/CMakeLists.txt': [
        'add_test(NAME golden COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/golden.sh $<TARGET_FILE:calc>)',
        'add_test(NAME via_sh COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/via_sh.sh WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR})',
        'add_test(NAME via_python COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/check_calc.py)',
        // Relative to the directory it runs in, not to this file's.
        'add_test(NAME lint COMMAND tools/lint.sh WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})',
      ].join('\n'),
      'src/calc.cpp': 'int main() { return 0; }\n',
      'qa/direct.sh': '#!/bin/sh\n./calc | grep -q 4\n',
      'qa/golden.sh': '#!/bin/sh\n"$1" | cmp - expected\n',
      'qa/via_sh.sh': '#!/bin/sh\n[ -x ./calc ]\n',
      'qa/check_calc.py': 'import subprocess\nassert subprocess.run(["./calc"]).returncode == 0\n',
      'tools/lint.sh': '#!/bin/sh\n! grep -rn TODO src\n',
    });
    expect(tests).toEqual([
      ['qa/check_calc.py', 'build', 'ctest: via_python (add_test in qa/CMakeLists.txt): qa/check_calc.py'],
      ['qa/direct.sh', 'build', 'ctest: direct (add_test in CMakeLists.txt)'],
      ['qa/golden.sh', 'build', 'ctest: golden (add_test in qa/CMakeLists.txt): qa/golden.sh $<TARGET_FILE:calc>'],
      ['qa/via_sh.sh', 'build', 'ctest: via_sh (add_test in qa/CMakeLists.txt): sh qa/via_sh.sh'],
      ['tools/lint.sh', 'build', 'ctest: lint (add_test in qa/CMakeLists.txt)'],
    ]);
  });

  it("does not require what no CMake target compiles (a vendored framework's examples, with their own makefile), and says why; a library's main is no test", async () => {
    const UNITY = '#include "unity.h"\nvoid test_x(void) { TEST_ASSERT_EQUAL(1, 1); }\nint main(void) { UNITY_BEGIN(); RUN_TEST(test_x); return UNITY_END(); }\n';
    const inv = await inventoryOf({
      'CMakeLists.txt': 'add_library(unity vendor/unity/src/unity.c)\ntarget_include_directories(unity PUBLIC vendor/unity/src)\nadd_executable(test_x test/test_x.c)\nadd_test(NAME x COMMAND test_x)\nadd_library(main_lib test/main_lib.c)\n',
      'test/test_x.c': UNITY,
      'test/main_lib.c': UNITY,
      'vendor/unity/src/unity.c': '#include "unity.h"\n',
      'vendor/unity/src/unity.h': '',
      'vendor/unity/examples/e1/makefile': 'test: run\n\t./run\nrun: test/test_ring.c src/ring.c\n\tcc -o $@ $^\n',
      'vendor/unity/examples/e1/src/ring.c': 'int ring(void) { return RING_MAX; }\n',
      'vendor/unity/examples/e1/test/test_ring.c': UNITY,
    });
    expect(inv.sources.map((s) => s.path)).toEqual(['test/main_lib.c', 'test/test_x.c', 'vendor/unity/src/unity.c', 'vendor/unity/src/unity.h']);
    // test/main_lib.c: a library's main (a framework's), not a test program of its own.
    expect(inv.tests.map((t) => t.path)).toEqual(['test/test_x.c']);
    expect(inv.notRequired.map((n) => n.path)).toEqual(['vendor/unity/examples/e1/src/ring.c', 'vendor/unity/examples/e1/test/test_ring.c']);
    expect(inv.notRequired[0]!.why).toMatch(/^no build compiles it: the CMake project \(CMakeLists.txt\) builds no target from it/);
  });
});
