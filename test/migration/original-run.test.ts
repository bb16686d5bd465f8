// What the repository's own pytest run on the base commit relaxes: a file with FAILED cases among
// passing ones elsewhere; never one that could not be collected, never anything when no case passed.
import { describe, expect, it } from 'vitest';
import { failingFromPytest } from '../../src/migration/original-run.js';

const OUTPUT = [
  '..F.E',
  '=========================== short test summary info ============================',
  'PASSED tests/test_ok.py::test_double',
  'PASSED tests/test_meta.py::test_zero',
  'FAILED tests/test_meta.py::test_version - importlib.metadata.PackageNotFoundError: No package metadata was found for pkg',
  'ERROR tests/test_broken.py - ModuleNotFoundError: No module named yaml',
  'FAILED tests/test_broken.py::test_x - assert 1 == 2',
  '2 failed, 2 passed, 1 error in 0.12s',
].join('\n');

describe("the repository's own pytest run on the base commit", () => {
  it('names the files whose cases failed, with how many passed, and not one that could not be collected', () => {
    expect(failingFromPytest(OUTPUT, ['tests/test_ok.py', 'tests/test_meta.py', 'tests/test_broken.py'])).toEqual([
      { path: 'tests/test_meta.py', passedBefore: 1, why: '1 of 2 cases failed at the base commit under pytest: importlib.metadata.PackageNotFoundError: No package metadata was found for pkg' },
    ]);
  });

  it('relaxes nothing when no case passed anywhere (the image, not the tests) or the file is not an inventoried test', () => {
    expect(failingFromPytest('FAILED tests/test_a.py::test_a - boom\n1 failed in 0.1s\n', ['tests/test_a.py'])).toEqual([]);
    expect(failingFromPytest(OUTPUT, ['tests/test_ok.py'])).toEqual([]);
  });
});
