// Where a Python project's own settings say its tests are, on real git repositories: pytest's
// sections in tox.ini, setup.cfg and pytest.ini, and unittest discovery in tox's commands. The
// check_*.py files here are tests only if a setting names them.
import { describe, expect, it } from 'vitest';
import { inventoryOf, testsOf } from './inventory-helpers.js';


const PYTEST = 'def test_one():\n    assert 1 == 1\n';
const UNITTEST = 'import unittest\n\nclass T(unittest.TestCase):\n    def test_one(self):\n        self.assertTrue(True)\n';

describe('buildInventory reads Python test settings', () => {
  it('from pytest\'s section of tox.ini, setup.cfg and pytest.ini, and from no other section', async () => {
    const tests = await testsOf({
      'a/tox.ini': '[tox]\nenvlist = py3\n\n[pytest]\ntestpaths =\n    suite\n    # legacy\npython_files = check_*.py\n',
      'a/suite/check_a.py': PYTEST,
      'a/legacy/check_old.py': PYTEST,
      'c/setup.cfg': '[metadata]\nname = c\n\n[tool:pytest]\ntestpaths = suite\npython_files = check_*.py\n',
      'c/suite/check_c.py': PYTEST,
      // No pytest section: nothing here is run by a setting, the file is a test by its name alone.
      'd/setup.cfg': '[metadata]\nname = d\n[options]\npackages = find:\n',
      'd/test_d.py': PYTEST,
      // An empty [pytest] still configures pytest for its directory, with the default file names.
      'e/pytest.ini': '[pytest]\n',
      'e/lib/test_e.py': PYTEST,
    });
    expect(tests).toEqual([
      ['a/suite/check_a.py', 'build', 'pytest (testpaths in a/tox.ini)'],
      ['c/suite/check_c.py', 'build', 'pytest (testpaths in c/setup.cfg)'],
      ['d/test_d.py', 'convention', null],
      ['e/lib/test_e.py', 'build', 'pytest (configured in e/pytest.ini)'],
    ]);
  });

  it("from pytest's addopts --doctest-modules: each module under testpaths with a docstring example, and no other", async () => {
    const inventory = await inventoryOf({
      'pyproject.toml': '[tool.pytest.ini_options]\naddopts = "--doctest-modules -q"\ntestpaths = ["pkg", "tests"]\ndoctest_optionflags = ["ELLIPSIS"]\n',
      'setup.py': '"""\n>>> 1\n1\n"""\n',
      'pkg/__init__.py': '',
      'pkg/calc.py': 'def add(a, b):\n    """\n    >>> add(1, 2)\n    3\n    """\n    return a + b\n',
      'pkg/plain.py': 'def sub(a, b):\n    return a - b\n',
      'other/shown.py': '"""\n>>> 2\n2\n"""\n',
      'tests/test_calc.py': PYTEST,
    });
    expect(inventory.tests.map((t) => [t.path, t.framework, t.runBy])).toEqual([
      ['pkg/calc.py', 'doctest', 'pytest (testpaths in pyproject.toml) --doctest-modules'],
      ['tests/test_calc.py', 'pytest', 'pytest (testpaths in pyproject.toml)'],
    ]);
  });

  it('from unittest discover in any tox environment\'s commands, with its start directory and pattern in any form', async () => {
    const tests = await testsOf({
      // Each line of commands is a command: `coverage report` is not discover's pattern.
      'f/tox.ini': '[testenv]\ncommands =\n    python -m unittest discover -v checks {posargs}\n    coverage report\n',
      'f/checks/test_f.py': UNITTEST,
      'f/other/test_other.py': UNITTEST,
      'g/tox.ini': "[tox]\nenvlist = py311\n\n[testenv:py311]\ncommands = python -m unittest discover --pattern 'check_*.py' --start-directory=probes\n",
      'g/probes/check_g.py': UNITTEST,
      'h/tox.ini': '[testenv]\ncommands = python -m unittest discover -s checks -p "check_*.py"\n',
      'h/checks/check_h.py': UNITTEST,
      'j/tox.ini': "[testenv]\ncommands = python -m unittest discover specs 'check_*.py'\n",
      'j/specs/check_j.py': UNITTEST,
      // tox running pytest with no pytest settings: pytest's defaults, from the directory of tox.ini.
      'i/tox.ini': '[testenv]\ndeps = pytest\ncommands = pytest {posargs}\n',
      'i/pkg/test_i.py': PYTEST,
    });
    expect(tests).toEqual([
      ['f/checks/test_f.py', 'build', 'python -m unittest discover (tox.ini)'],
      ['f/other/test_other.py', 'convention', null],
      ['g/probes/check_g.py', 'build', 'python -m unittest discover (tox.ini)'],
      ['h/checks/check_h.py', 'build', 'python -m unittest discover (tox.ini)'],
      ['i/pkg/test_i.py', 'build', 'pytest (tox.ini)'],
      ['j/specs/check_j.py', 'build', 'python -m unittest discover (tox.ini)'],
    ]);
  });
});
