// The repository's own tests run once on the base commit, in a container: a test that already
// failed there (it needs the package installed) is recorded with the inventory and not required
// to pass, so the built-in migrator's faithful migration is migrated; the report lists it.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { openSessionReadOnly } from '../../src/store/index.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { cliSessions } from '../helpers/cli-sessions.js';
import { describeDocker, TEST_IMAGE } from '../helpers/docker.js';
import { makeRepo } from '../helpers/repo.js';

describeDocker("the repository's own tests on the base commit", () => {
  const cli = cliSessions('sog-original-');

  it('a test failing there is listed, not required, and the session completes migrated', async () => {
    const repo = makeRepo({
      files: {
        'pyproject.toml': '[project]\nname = "pkg"\nversion = "1.0"\n',
        'pkg/__init__.py': '',
        'pkg/mod.py': 'def double(x):\n    return 2 * x\n',
        'tests/test_ok.py': 'from pkg.mod import double\n\ndef test_double():\n    assert double(2) == 4\n',
        'tests/test_meta.py': 'from importlib.metadata import version\nfrom pkg.mod import double\n\ndef test_version():\n    assert version("pkg") == "1.0"\n\ndef test_zero():\n    assert double(0) == 0\n',
      },
    });
    const sessions = path.join(cli.scratch, 'sessions');
    try {
      const r = await runCli(
        ['--sessions-dir', sessions, '--network', 'none', '--image', TEST_IMAGE, '--plain', '--model-a', 'builtin', '--model-b', 'builtin', '--max-decompositions', '0', 'Migrate to Bazel', repo.path],
        { cwd: cli.scratch, env: cliEnv() },
      );
      const id = readdirSync(sessions)[0]!;
      const reader = cli.track(id, openSessionReadOnly(path.join(sessions, id)));
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toContain('original tests on the base commit (pytest): 1 failing before, not required to pass: tests/test_meta.py');
      expect(reader.getInventory()!.failingBefore).toEqual([{ path: 'tests/test_meta.py', passedBefore: 1, why: expect.stringContaining('PackageNotFoundError') }]);
      const report = reader.latestReport()!;
      expect(report).toMatchObject({ verdict: 'migrated', tests: { passing: 1, total: 2 } });
      expect(report.failingBefore.map((f) => f.path)).toEqual(['tests/test_meta.py']);
      expect(r.stdout).toContain('migration: 4/4 sources, 1/2 tests passing, 1 failing as at the base commit');
    } finally {
      repo.cleanup();
    }
  });
});
