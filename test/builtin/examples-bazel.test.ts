// The built-in migrator as a model, through the real CLI, git, SQLite, Docker and Bazel: each
// example repository reaches tier 4 (the migration check says migrated) and its result branch
// builds and tests from a fresh clone; repairs happen through recorded tool calls; a repository
// it cannot understand ends with a clear reason and no invented targets.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { corpusCopy, corpusRepos, type CorpusRepo } from '../../eval/corpus.js';
import { openSessionReadOnly, type SessionReader } from '../../src/store/index.js';
import { cliEnv, runCli, type CliResult } from '../helpers/cli.js';
import { cliSessions } from '../helpers/cli-sessions.js';
import { describeDocker, TEST_IMAGE } from '../helpers/docker.js';
import { git, makeRepo } from '../helpers/repo.js';
import { expectBranchBuildsAndTests } from '../helpers/result-branch.js';

const SLOW = 1_800_000;
const BUILTIN = ['--model-a', 'builtin', '--model-b', 'builtin'];

function repoNamed(name: string): CorpusRepo {
  const repo = corpusRepos().find((r) => r.name === name);
  if (!repo) throw new Error(`no corpus repository ${name}`);
  return repo;
}

describeDocker('the builtin model (real CLI, git, SQLite, Docker and Bazel)', () => {
  const sessions = cliSessions('sog-builtin-');

  async function migrate(name: string, repoPath: string, extra: string[] = []): Promise<{ result: CliResult; reader: SessionReader }> {
    const dir = path.join(sessions.scratch, name.replace(/\W+/g, '-'));
    const result = await runCli(['--sessions-dir', dir, '--network', 'none', '--image', TEST_IMAGE, '--plain', ...BUILTIN, ...extra, 'Migrate to Bazel', repoPath], {
      cwd: sessions.scratch,
      env: cliEnv(),
    });
    const [id] = readdirSync(dir);
    return { result, reader: sessions.track(id!, openSessionReadOnly(path.join(dir, id!))) };
  }

  /** Files the result branch changed: added ones, and existing ones whose content is untouched (a mode change at most). */
  function expectOnlyAdditions(repoPath: string, base: string, branch: string): void {
    for (const line of git(repoPath, 'diff', '--numstat', `${base}..${branch}`).trim().split('\n')) {
      const [added, removed, file] = line.split('\t');
      const existed = git(repoPath, 'ls-tree', '--name-only', base, '--', file!).trim() !== '';
      if (existed) expect([added, removed], `${file} was edited`).toEqual(['0', '0']);
    }
  }

  for (const repo of corpusRepos().filter((r) => r.part === 'example')) {
    it(`${repo.name}: migrated (tier 4) through recorded tool calls; the result builds and tests from a fresh clone`, async () => {
      const copy = corpusCopy(repo);
      try {
        const { result, reader } = await migrate(repo.name, copy.path);
        expect(result.code, result.stdout + result.stderr).toBe(0);
        const session = reader.getSession();
        expect([session.modelA, session.modelB, session.status]).toEqual(['builtin', 'builtin', 'completed']);
        expect(reader.latestReport()).toMatchObject({ verdict: 'migrated' });
        const [attempt] = reader.attemptsForGoal(reader.rootGoal()!.id);
        const tools = reader.actionsForAttempt(attempt!.id).map((a) => a.toolName);
        expect(tools.filter((t) => t === 'write_file').length).toBeGreaterThan(1);
        expect(tools).toEqual(expect.arrayContaining(['bazel_build', 'migration_status']));
        expect(reader.totals().cost).toBe(0);
        expectOnlyAdditions(copy.path, session.baseCommit, session.resultBranch!);
        await expectBranchBuildsAndTests(copy.path, session.resultBranch!);
      } finally {
        copy.cleanup();
      }
    }, SLOW);
  }

  it('repairs what the generator missed from what Bazel reported: a macro-included header, a test data file', async () => {
    const copy = corpusCopy(repoNamed('eval/c-repairs-make'));
    try {
      // --max-tools bounds what a model may spend; the built-in migrator spends nothing.
      const { result, reader } = await migrate('repairs', copy.path, ['--max-depth', '0', '--max-tools', '3']);
      expect(result.code, result.stdout + result.stderr).toBe(0);
      const [attempt] = reader.attemptsForGoal(reader.rootGoal()!.id);
      const said = reader.eventsFor({ attemptId: attempt!.id }).flatMap((e) => (e.event.type === 'model_text' ? [e.event.text] : []));
      expect(said.join('\n')).toContain('//src:app now depends on //config for config/cfg.h');
      expect(said.join('\n')).toContain('testdata/expected.txt given as data to //tests:reader_test');
      expect(attempt!.actionCount).toBeGreaterThan(3);
      const builds = reader.actionsForAttempt(attempt!.id).filter((a) => a.toolName === 'bazel_build');
      expect(builds.map((b) => b.ok)).toEqual([false, true]);
      expect(git(copy.path, 'show', `${reader.getSession().resultBranch}:testdata/BUILD.bazel`)).toContain('filegroup(');
    } finally {
      copy.cleanup();
    }
  }, SLOW);

  it('a repository with nothing it knows: no file written, a clear reason, and the decomposer splits by directory', async () => {
    const repo = makeRepo({ files: { 'README.md': '# tool\n', 'tools/gen.rs': 'fn main() {}\n' } });
    try {
      const { result, reader } = await migrate('unknown', repo.path, ['--max-depth', '1']);
      expect(result.code, result.stdout + result.stderr).toBe(1);
      const root = reader.rootGoal()!;
      const attempts = reader.goalTree().flatMap((g) => reader.attemptsForGoal(g.id));
      expect(attempts.length).toBeGreaterThanOrEqual(2);
      for (const a of attempts) expect(reader.actionsForAttempt(a.id)).toEqual([]);
      const said = reader.eventsFor({ goalId: root.id }).flatMap((e) => (e.event.type === 'model_text' ? [e.event.text] : []));
      expect(said[0]).toMatch(/^Nothing written: no C, C\+\+, Python or shell sources found/);
      // The build alone first (it fails with no BUILD file at all), then the directory the check faults.
      expect(reader.childGoals(root.id).map((g) => [g.createdByModel, g.validation])).toEqual([
        ['builtin', [{ command: 'bazel build //...', expect: 'success' }]],
        ['builtin', [{ command: 'migration-check tools', expect: 'success' }]],
      ]);
      expect(git(repo.path, 'branch', '--list', 'sog/*')).not.toBe('');
    } finally {
      repo.cleanup();
    }
  }, SLOW);
  it('an odd repository gets a clear answer: unnamable and binary files left out with why, ignored BUILD files committed', async () => {
    const repo = makeRepo({
      files: {
        'lib/add.c': 'int add(int a, int b) { return a + b; }\n',
        'lib/s\u0001ub.c': 'int sub(int a, int b) { return a - b; }\n',
        'lib/we"ird.c': 'int weird(void) { return 1; }\n',
        'lib/blob.c': `int x;${'\0'.repeat(64)}\u0003`,
        'tests/add_test.c': '#include <assert.h>\nint add(int, int);\nint main(void) { assert(add(1, 2) == 3); return 0; }\n',
        Makefile: 'test: add_test\n\t./add_test\nadd_test: tests/add_test.c lib/add.c\n\tcc -o $@ $^\n',
        '.gitignore': '*.bazel\nBUILD*\nMODULE*\n',
      },
    });
    try {
      const { result, reader } = await migrate('odd', repo.path, ['--max-depth', '0']);
      expect(result.code, result.stdout + result.stderr).toBe(1);
      const report = reader.latestReport()!;
      expect(report.findings.map((f) => `${f.kind} ${f.subject}: ${f.detail}`)).toEqual([
        expect.stringMatching(/^source_uncovered lib\/s\u0001ub\.c: its name holds the control character \\x01, and Bazel target names may not contain non-printable characters; rename it$/),
      ]);
      expect(report.notRequired).toEqual([{ path: 'lib/blob.c', why: 'binary content (a NUL byte), not source code' }]);
      expect(report.tests).toMatchObject({ passing: 1, total: 1 });
      const [attempt] = reader.attemptsForGoal(reader.rootGoal()!.id);
      const said = reader.eventsFor({ attemptId: attempt!.id }).flatMap((e) => (e.event.type === 'model_text' ? [e.event.text] : []));
      expect(said.join('\n')).toContain('left out lib/s\\x01ub.c: its name holds the control character');
      expect(git(repo.path, 'ls-tree', '-r', '--name-only', attempt!.finalSha!)).toMatch(/^MODULE\.bazel$[\s\S]*^lib\/BUILD\.bazel$/m);
    } finally {
      repo.cleanup();
    }
  }, SLOW);
});
