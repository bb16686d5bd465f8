// `shots-on-goal check` end to end: the real CLI on real repositories, one real container each,
// and the user's checkout byte-for-byte the same afterwards. Bad input is one line and exit 2.
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { describeDocker, TEST_IMAGE } from '../helpers/docker.js';
import { fixtureFiles, fixtureRepo } from '../helpers/fixture-repo.js';
import { snapshotUserRepo, type TestRepo } from '../helpers/repo.js';

const BAZEL_MS = 15 * 60_000;
const repos: TestRepo[] = [];
afterAll(() => {
  for (const r of repos) r.cleanup();
});

function cRepoWithMigrationBranch(): TestRepo {
  const repo = fixtureRepo('check-c');
  repos.push(repo);
  repo.git('checkout', '-q', '-b', 'migrated');
  repo.commit('Bazel build', fixtureFiles('check-c.bazel'));
  repo.git('checkout', '-q', 'main');
  return repo;
}

describe('check: bad input', () => {
  it.each([
    [['check'], /check takes one REPO/],
    [['check', '/no/such/dir'], /does not exist/],
    [['check', '.', '--model-a', 'script:x'], /--model-a does not go with check/],
    [['check', '.', '--ref', ''], /--ref needs a commit/],
    [['check', '.', '--not-built', '/abs/**'], /--not-built takes a glob relative/],
    [['--ref', 'x', 'goal', '.'], /--ref goes with check/],
  ])('%j is one line and exit 2', async (args, message) => {
    const r = await runCli(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message as RegExp);
  });

  it('names a --ref or --base that is not a commit', async () => {
    const repo = cRepoWithMigrationBranch();
    const before = snapshotUserRepo(repo.path);
    for (const [flag, value] of [['--ref', 'nope'], ['--base', 'v9']] as const) {
      const r = await runCli(['check', repo.path, flag, value]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`shots-on-goal: ${flag} ${value} is not a commit in ${repo.path}\n`);
    }
    expect(snapshotUserRepo(repo.path)).toEqual(before);
  });
});

describeDocker('check with real Bazel', () => {
  it('passes a migrated branch judged against its merge-base with the checked-out branch (--json), touching nothing', async () => {
    const repo = cRepoWithMigrationBranch();
    const before = snapshotUserRepo(repo.path);
    const r = await runCli(['check', repo.path, '--ref', 'migrated', '--json', '--network', 'none', '--image', TEST_IMAGE]);
    expect(r.stderr).toMatch(/^checking migrated \([0-9a-f]{12}\) against [0-9a-f]{12}, the merge-base with main/);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.base.commit).toBe(repo.git('rev-parse', 'main').trim());
    expect(out.report).toMatchObject({ verdict: 'migrated', sources: { covered: 8, total: 8 }, tests: { passing: 2, total: 2 } });
    expect(snapshotUserRepo(repo.path)).toEqual(before);
  }, BAZEL_MS);

  it('--not-built narrows what is required: the files it names need no target and their tests need not run', async () => {
    const repo = fixtureRepo('check-c');
    repos.push(repo);
    // The migration leaves the command-line tool and one of the two tests out.
    const bazel = fixtureFiles('check-c.bazel');
    delete bazel['cli/BUILD.bazel'];
    bazel['tests/BUILD.bazel'] = bazel['tests/BUILD.bazel']!.replace(/\ncc_test\(\s*name = "test_util",[\s\S]*?\n\)\n/, '\n');
    expect(bazel['tests/BUILD.bazel']).not.toContain('test_util');
    repo.git('checkout', '-q', '-b', 'partial');
    repo.commit('Bazel build, without the tool and one test', bazel);
    repo.git('checkout', '-q', 'main');
    const common = ['check', repo.path, '--ref', 'partial', '--json', '--network', 'none', '--image', TEST_IMAGE];

    const strict = await runCli(common);
    expect(strict.code, strict.stderr).toBe(1);
    const refused = JSON.parse(strict.stdout);
    expect(refused.report).toMatchObject({ verdict: 'not_migrated', sources: { covered: 6, total: 8 }, tests: { passing: 1, total: 2 } });
    const named = JSON.stringify(refused.report.findings);
    expect(named).toContain('cli/main.c');
    expect(named).toContain('tests/test_util.c');

    const narrowed = await runCli([...common, '--not-built', 'cli/**', '--not-built', 'tests/test_util.c']);
    expect(narrowed.code, narrowed.stdout + narrowed.stderr).toBe(0);
    const passed = JSON.parse(narrowed.stdout);
    expect(passed.report).toMatchObject({ verdict: 'migrated', sources: { covered: 6, total: 6 }, tests: { passing: 1, total: 1 } });
    expect(passed.report.findings).toEqual([]);
    // A glob that names nothing the migration left out narrows nothing.
    const unrelated = await runCli([...common, '--not-built', 'docs/**']);
    expect(unrelated.code).toBe(1);
  }, BAZEL_MS);

  it('reports 0 covered and names every test on a repository with no Bazel files, exit 1', async () => {
    const repo = fixtureRepo('check-c');
    repos.push(repo);
    const before = snapshotUserRepo(repo.path);
    const r = await runCli(['check', repo.path, '--network', 'none', '--image', TEST_IMAGE]);
    expect(r.stderr).toMatch(/against [0-9a-f]{12}, the commit itself \(it has no Bazel files\)/);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('tests/test_count.c: in no test rule');
    expect(r.stdout).toContain('tests/test_util.c: in no test rule');
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(/^not migrated: 0\/8 sources, 0\/2 tests \(\d+ findings\)$/);
    expect(snapshotUserRepo(repo.path)).toEqual(before);
  }, BAZEL_MS);
});
