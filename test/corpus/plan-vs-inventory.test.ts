// Every corpus repository through the inventory and the built-in migrator's plan, without Docker:
// what the inventory requires (the sources the repository's own build compiles, the tests it
// runs, as counted here from each repository's build files by hand) is what the plan puts in
// targets, every test in a test rule, and no flag the plan writes is a piece of make syntax.
// (Whether Bazel builds and passes them is the eval's and the end-to-end tests' question.)
import { describe, expect, it } from 'vitest';
import { corpusCopy, corpusRepos } from '../../eval/corpus.js';
import { plan, readWorktree } from '../../src/builtin/index.js';
import { buildInventory } from '../../src/migration/index.js';

/**
 * The tests each repository's own build runs (make test/check, ctest, meson test, pytest, unittest),
 * counted as files: a runner script the build runs counts once (the scripts it runs are its data),
 * a test program built from several test files counts each of them.
 */
const OWN_TESTS: Record<string, number> = {
  'examples/c-makefile': 1,
  'examples/cpp-cmake': 2,
  'examples/python-tests': 2,
  'eval/c-cmake-vendored-unity': 3,
  'eval/c-golden-make': 1,
  'eval/c-meson-lib': 2,
  'eval/c-repairs-make': 1,
  'eval/c-unity-make': 2,
  'eval/cpp-catch-cmake': 2,
  'eval/cpp-header-only-make-stds': 1,
  'eval/cpp-header-only-std': 1,
  'eval/mixed-c-python-golden': 1,
  'eval/py-flat-unittest': 2,
  'eval/py-hatch-doctest-modules': 4,
  'eval/py-poetry-nested-tests': 3,
  'eval/py-src-pytest': 2,
  'eval/sh-bats-style': 1,
  'eval/sh-tool': 2,
  'eval/holdout/c-cmake-subdirs': 2,
  'eval/holdout/c-config-h-make': 2,
  'eval/holdout/c-golden-defines-sh': 1,
  'eval/holdout/c-meson-multi-test': 3,
  'eval/holdout/c-perl-golden': 1,
  'eval/holdout/c-testmain-make': 1,
  'eval/holdout/cpp-gtest-style-cmake': 3,
  'eval/holdout/cpp-lest-make': 2,
  'eval/holdout/cpp-minitest-cmake': 2,
  'eval/holdout/py-doctest-setupcfg': 1,
  'eval/holdout/py-flit-src-conftest': 3,
  'eval/holdout/py-setuptools-tox-unittest': 2,
  'eval/holdout/py-tox-pytest-flat': 3,
  'eval/holdout/sh-runner-suite': 1,
  'eval/holdout/sh-shunit-style': 4,
};

describe('every corpus repository: what the inventory requires, the plan builds', () => {
  it('has its own tests counted here', () => {
    expect(corpusRepos().map((r) => r.name).sort()).toEqual(Object.keys(OWN_TESTS).sort());
  });

  for (const repo of corpusRepos()) {
    it(repo.name, async () => {
      const copy = corpusCopy(repo);
      try {
        const inventory = await buildInventory({ repoPath: copy.path, baseCommit: 'HEAD' });
        const p = plan(await readWorktree(copy.path));
        expect(inventory.tests.map((t) => t.path), 'the tests the own build runs').toHaveLength(OWN_TESTS[repo.name]!);
        // What the plan leaves out, the inventory does not require either, each for the same reason.
        const notRequired = new Map(inventory.notRequired.map((n) => [n.path, n.why]));
        expect(p.leftOut.filter((l) => notRequired.get(l.path) !== l.why)).toEqual([]);
        const covered = new Set(p.covered);
        expect(inventory.sources.map((s) => s.path).filter((s) => !covered.has(s)), 'required sources no rule holds').toEqual([]);
        const inTests = new Set(p.packages.flatMap((pkg) => pkg.rules.filter((r) => r.rule.kind.endsWith('_test')).flatMap((r) => r.covers)));
        expect(inventory.tests.map((t) => t.path).filter((t) => !inTests.has(t)), 'tests no test rule holds').toEqual([]);
        for (const [file, text] of Object.entries(p.files)) {
          for (const std of text.matchAll(/"-std=([^"]*)"/g)) expect(std[1], `${file}: ${std[0]}`).toMatch(/^(c|gnu|c\+\+|gnu\+\+)\d\w*$/);
          // A genrule's cmd is Bazel's own make-variable syntax ($@); nowhere else is make's.
          expect(text.replace(/^ {4}cmd = .*$/gm, ''), `${file} holds make syntax`).not.toMatch(/\$[({](?!(rootpath|location|execpath|rlocationpath)s? )|\$[@<^*]/);
        }
      } finally {
        copy.cleanup();
      }
    });
  }
});
