// What the inventory records, at the base commit, about what tests lean on: the files beside or
// named by a test, the macros the original build defines, and the skips a test's text marks.
import { describe, expect, it } from 'vitest';
import { buildDefines, skipMarkers, testSupportFiles } from '../../src/migration/inventory/test-support.js';

describe('testSupportFiles', () => {
  it('takes files beside a test, under a test directory, or named by a test; never tests or build files', () => {
    const tracked = ['check/run_test.c', 'check/helper.h', 'check/Makefile', 'tests/data/in.json', 'data/expected.txt', 'lib/greet.c', 'lib/README'];
    const tests = [{ path: 'check/run_test.c', text: '#include "helper.h"\nFILE *f = fopen("../data/expected.txt", "r"); /* README */' }];
    expect(testSupportFiles(tracked, tests, new Set(['check/Makefile']))).toEqual(['check/helper.h', 'tests/data/in.json', 'data/expected.txt']);
  });
});

describe('buildDefines', () => {
  it('reads -DNAME and -D NAME from make and CMake, and CMake\'s definitions, without its keywords', () => {
    const make = 'CFLAGS += -DHAVE_CONFIG_H -D USE_FAST=1\n';
    const cmake = 'target_compile_definitions(main PRIVATE NDEBUG "VERSION=2")\nadd_definitions(-DLEGACY)\n';
    expect(buildDefines([make, cmake])).toEqual(['HAVE_CONFIG_H', 'LEGACY', 'NDEBUG', 'USE_FAST', 'VERSION']);
  });
});

describe('skipMarkers', () => {
  it('counts Python, GoogleTest and Catch2 skips', () => {
    expect(skipMarkers('@unittest.skip("x")\ndef test_a(self):\n    self.skipTest("y")\n')).toBe(2);
    expect(skipMarkers('TEST(A, B) { GTEST_SKIP() << "no"; }\nTEST_CASE("c") { SKIP("later"); }\n')).toBe(2);
    expect(skipMarkers('def test_a():\n    assert skipped\n')).toBe(0);
  });
});
