// Paths a repository's build names are directories of whole path segments: `lib` is not a prefix
// of `lib2/`, neither for the paths a Makefile gives pytest nor for pytest's testpaths.
import { afterEach, describe, expect, it } from 'vitest';
import { buildInventory } from '../../src/migration/index.js';
import { runsFromMakefile } from '../../src/migration/inventory/makefile.js';
import { makeRepo, type TestRepo } from '../helpers/repo.js';

const repos: TestRepo[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.cleanup();
});

describe('lib and lib2/', () => {
  it('`pytest lib` in a Makefile, with only lib2/ tracked: lib is no path of the run', () => {
    const tracked = new Set(['Makefile', 'lib2/test_x.py']);
    expect(runsFromMakefile('Makefile', 'check:\n\tpytest lib\n', tracked).map((r) => r.pythonPaths)).toEqual([['.']]);
    tracked.add('lib/test_y.py');
    expect(runsFromMakefile('Makefile', 'check:\n\tpytest lib\n', tracked).map((r) => r.pythonPaths)).toEqual([['lib']]);
  });

  it("pytest's testpaths = lib: a file under lib2/ matching python_files is no test", async () => {
    const repo = makeRepo({
      files: {
        'pytest.ini': '[pytest]\ntestpaths = lib\npython_files = check_*.py\n',
        'lib/check_a.py': 'def test_a():\n    assert 1\n',
        'lib2/check_b.py': 'def test_b():\n    assert 1\n',
      },
    });
    repos.push(repo);
    const inv = await buildInventory({ repoPath: repo.path, baseCommit: 'HEAD' });
    expect(inv.tests.map((t) => t.path)).toEqual(['lib/check_a.py']);
  });
});
