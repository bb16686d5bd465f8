// Every corpus repository builds and passes its own tests with its own build (make, CMake,
// Meson, python3, perl) on the host, from a scratch copy: the un-migrated starting points
// are honest.
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/repo.js';
import { corpusRepos } from '../../eval/corpus.js';

const CMAKE = [
  ['cmake', '-S', '.', '-B', 'build'],
  ['cmake', '--build', 'build', '-j', '2'],
  ['ctest', '--test-dir', 'build', '--output-on-failure'],
];
const MESON = [
  ['meson', 'setup', 'build'],
  ['meson', 'compile', '-C', 'build'],
  ['meson', 'test', '-C', 'build', '--print-errorlogs'],
];
const PYTEST = ['python3', '-m', 'pytest', '-q', '-p', 'no:cacheprovider'];

/** How each repository's own build runs its tests (what its README would tell a developer). */
const OWN_BUILD: Record<string, { argv: string[][]; env?: Record<string, string> }> = {
  'examples/c-makefile': { argv: [['make', 'all', 'check']] },
  'examples/cpp-cmake': { argv: CMAKE },
  'examples/python-tests': { argv: [PYTEST] },
  'eval/c-golden-make': { argv: [['make', 'check']] },
  'eval/c-repairs-make': { argv: [['make', 'all', 'check']] },
  'eval/c-unity-make': { argv: [['make', 'all', 'test']] },
  'eval/cpp-catch-cmake': { argv: CMAKE },
  'eval/cpp-header-only-std': { argv: CMAKE },
  'eval/py-flat-unittest': { argv: [['python3', '-m', 'unittest', 'discover', '-v']] },
  'eval/py-src-pytest': { argv: [PYTEST], env: { PYTHONPATH: 'src' } },
  'eval/sh-tool': { argv: [['make', 'test']] },
  'eval/mixed-c-python-golden': { argv: [['make', 'check']] },
  'eval/py-hatch-doctest-modules': { argv: [PYTEST] },
  'eval/py-poetry-nested-tests': { argv: [PYTEST] },
  'eval/sh-bats-style': { argv: [['make', 'check']] },
  'eval/c-cmake-vendored-unity': { argv: CMAKE },
  'eval/c-meson-lib': { argv: MESON },
  'eval/cpp-header-only-make-stds': { argv: [['make', 'test']] },
  'eval/holdout/c-cmake-subdirs': { argv: CMAKE },
  'eval/holdout/cpp-lest-make': { argv: [['make', 'all', 'test']] },
  'eval/holdout/py-doctest-setupcfg': {
    argv: [['python3', '-m', 'unittest', 'tests.test_doctests', '-v'], [...PYTEST, 'tests/test_roundtrip.py']],
  },
  'eval/holdout/py-flit-src-conftest': { argv: [PYTEST] },
  'eval/holdout/py-setuptools-tox-unittest': {
    argv: [['python3', '-m', 'unittest', 'discover', '-s', 'tests', '-t', '.', '-v']],
  },
  'eval/holdout/sh-shunit-style': { argv: [['make', 'test']] },
  'eval/holdout/c-golden-defines-sh': { argv: [['make', 'check']] },
  'eval/holdout/c-perl-golden': { argv: [['make', 'test']] },
  'eval/holdout/c-testmain-make': { argv: [['make', 'all', 'test']] },
  'eval/holdout/cpp-minitest-cmake': { argv: CMAKE },
  'eval/holdout/c-config-h-make': { argv: [['make', 'check']] },
  'eval/holdout/cpp-gtest-style-cmake': { argv: CMAKE },
  'eval/holdout/py-tox-pytest-flat': { argv: [PYTEST] },
  'eval/holdout/sh-runner-suite': { argv: [['make', 'test']] },
  'eval/holdout/c-meson-multi-test': { argv: MESON },
};

const INSTALL = 'sudo apt-get install -y make cmake meson g++ perl python3-pytest (or sudo bash .ci/ensure-docker.sh)';

const scratch = makeTempDir('sog-corpus-');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('corpus repositories pass their own tests with their own build', () => {
  const repos = corpusRepos();

  it('every repository has its own-build command here', () => {
    expect(repos.map((r) => r.name).sort()).toEqual(Object.keys(OWN_BUILD).sort());
    expect(repos.filter((r) => r.part !== 'example').length).toBeGreaterThanOrEqual(10);
    expect(repos.filter((r) => r.part === 'holdout').length).toBeGreaterThanOrEqual(3);
  });

  for (const repo of repos) {
    it(repo.name, () => {
      const own = OWN_BUILD[repo.name];
      expect(own, `no own-build command for ${repo.name}`).toBeDefined();
      const dir = path.join(scratch, repo.name.replaceAll('/', '_'));
      cpSync(repo.dir, dir, { recursive: true });
      for (const argv of own!.argv) {
        try {
          execFileSync(argv[0]!, argv.slice(1), {
            cwd: dir,
            env: { ...process.env, ...own!.env },
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'pipe'],
          });
        } catch (err) {
          const e = err as { code?: string; status?: number; stdout?: string; stderr?: string };
          const missing = e.code === 'ENOENT' ? argv[0]! : /No module named pytest/.test(e.stderr ?? '') ? 'pytest' : null;
          if (missing) expect.fail(`this test runs each repository's own build on the host and ${missing} is not installed: ${INSTALL}`);
          expect.fail(`${argv.join(' ')} exited ${e.status}\n${e.stdout}\n${e.stderr}`);
        }
      }
    });
  }
});
