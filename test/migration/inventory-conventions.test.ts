// Which files the inventory takes for tests and sources when no build names them, on real git
// repositories: each language's naming convention with the framework it needs, the helpers beside
// tests that are not tests, pytest settings at the top of the repository, and the tracked entries
// that are no source at all (symlinks, submodules, files too large to be hand-written).
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildInventory } from '../../src/migration/index.js';
import { testRepo, type TestRepo } from '../helpers/repo.js';

const repoOf = testRepo;
const inventoryOf = (repo: TestRepo) => buildInventory({ repoPath: repo.path, baseCommit: 'HEAD' });

const PYTEST = 'def test_one():\n    assert 1 == 1\n';

describe('buildInventory, with no build naming a test,', () => {
  it('takes each language\'s conventionally named files with cases for tests, and not the helpers beside them', async () => {
    const inv = await inventoryOf(
      repoOf({
        'scripts/cli_test.sh': '#!/bin/sh\n./cli --help | grep -q usage\n',
        'scripts/helpers.sh': 'say() { echo "$@"; }\n',
        'pkg/calc_test.go': 'package pkg\n\nimport "testing"\n\nfunc TestAdd(t *testing.T) {\n\tif 1+1 != 2 {\n\t\tt.Fatal("sum")\n\t}\n}\n',
        'pkg/helpers_test.go': 'package pkg\n\nfunc fixture() int { return 1 }\n',
        'src/test/java/CalcTests.java': 'class CalcTests {\n  @Test void adds() { assertEquals(2, 1 + 1); }\n}\n',
        'src/test/java/TestUtils.java': 'class TestUtils {\n  static int one() { return 1; }\n}\n',
        'tests/integration.rs': '#[test]\nfn adds() { assert_eq!(1 + 1, 2); }\n',
        'tests/common/mod.rs': 'pub fn setup() {}\n',
        'tests/helpers.c': 'int fixture(void) { return 1; }\n',
        // A header that defines main is still no program of its own.
        'tests/harness.h': 'int main(void) { return run_all(); }\n',
        'tests/conftest.py': 'import pytest\n\n@pytest.fixture\ndef env():\n    return {}\n\ndef test_helper_in_conftest():\n    assert True\n',
        'tests/__init__.py': 'def test_in_package_init():\n    assert True\n',
        'tests/support.py': 'import pytest\n\n@pytest.fixture\ndef data():\n    return [1]\n',
      }),
    );
    expect(inv.tests.map((t) => [t.path, t.framework])).toEqual([
      ['pkg/calc_test.go', 'go'],
      ['scripts/cli_test.sh', 'shell'],
      ['src/test/java/CalcTests.java', 'junit'],
      ['tests/integration.rs', 'rust'],
    ]);
  });

  it('reads pytest settings at the top of the repository for every directory, and a testpaths entry naming a file', async () => {
    const inv = await inventoryOf(
      repoOf({
        'pytest.ini': '[pytest]\npython_files = check_*.py\n',
        'lib/deep/check_x.py': PYTEST,
        // Matched by the settings but with no test in it: not a test.
        'lib/check_data.py': 'DATA = [1, 2]\n',
        'svc/pyproject.toml': '[tool.pytest.ini_options]\ntestpaths = ["extra/test_one.py"]\n',
        'svc/extra/test_one.py': PYTEST,
        'svc/extra/test_two.py': PYTEST,
        'web/pytest.ini': '[pytest]\n',
        'web/io_test.py': PYTEST,
      }),
    );
    expect(inv.tests.map((t) => [t.path, t.foundBy, t.runBy])).toEqual([
      ['lib/deep/check_x.py', 'build', 'pytest (configured in pytest.ini)'],
      ['svc/extra/test_one.py', 'build', 'pytest (testpaths in svc/pyproject.toml)'],
      ['svc/extra/test_two.py', 'convention', null],
      ['web/io_test.py', 'build', 'pytest (configured in web/pytest.ini)'],
    ]);
  });

  it('takes `.h` for C++ where the repository has C++ sources and no C ones', async () => {
    const inv = await inventoryOf(repoOf({ 'src/shape.cc': 'int area() { return 1; }\n', 'src/shape.h': 'int area();\n' }));
    expect(inv.sources.map((s) => `${s.path}:${s.language}${s.header ? ':h' : ''}`)).toEqual(['src/shape.cc:cpp', 'src/shape.h:cpp:h']);
  });

  it('lists a symlink as not built, leaves a submodule out entirely, and does not read a test file over 1 MiB', async () => {
    const repo = repoOf({
      'src/util.c': 'int util(void) { return 0; }\n',
      'tests/test_huge.py': `${PYTEST}${'# generated\n'.repeat(100_000)}`,
    });
    symlinkSync('../src/util.c', path.join(repo.path, 'src/alias.c'));
    repo.commit('alias');
    repo.git('update-index', '--add', '--cacheinfo', `160000,${repo.head()},vendor/lib.c`);
    repo.git('commit', '--quiet', '-m', 'submodule');
    const inv = await inventoryOf(repo);
    expect(inv.sources.map((s) => s.path)).toEqual(['src/util.c', 'tests/test_huge.py']);
    expect(inv.notBuilt).toEqual(['src/alias.c']);
    expect(inv.tests).toEqual([]);
  });
});
