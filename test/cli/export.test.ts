// `shots-on-goal export`: a session's result as a clean branch for a pull request, through the real
// CLI on a real session (scripted models, real git and containers): plain commits on the base
// commit, one per completed sub-goal or one squashed, the summary in the message, nothing
// overwritten, and the user's checkout untouched.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { openSessionReadOnly } from '../../src/store/index.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { cliSessions } from '../helpers/cli-sessions.js';
import { describeDocker, TEST_IMAGE } from '../helpers/docker.js';
import { scriptModel } from '../helpers/fixture-repo.js';
import { makeRepo, snapshotUserRepo } from '../helpers/repo.js';

const file = (name: string) => ({ name: 'write_file', input: { path: name, content: `${name}\n` } });

describeDocker('export', () => {
  const cli = cliSessions('sog-export-');

  it('writes the result as one commit per completed sub-goal, or one with --squash, and refuses what it must', async () => {
    const repo = makeRepo({ files: { 'README.md': 'hello\n' } });
    const sessions = path.join(cli.scratch, 'sessions');
    try {
      const modelA = scriptModel([{ tool_calls: [file('wrong.txt')] }, { text: 'wrote the wrong file' }], cli.scratch);
      const modelB = scriptModel([
        {
          json: {
            sub_goals: [
              { description: 'Create one.txt at the root', validation: [{ command: 'test -f one.txt', expect: 'success' }] },
              { description: 'Create two.txt at the root', validation: [{ command: 'test -f two.txt', expect: 'success' }] },
            ],
          },
        },
        { tool_calls: [file('one.txt')] },
        { text: 'one.txt written.' },
        { tool_calls: [file('two.txt')] },
        { text: 'two.txt written.' },
      ], cli.scratch);
      const run = await runCli(
        ['--sessions-dir', sessions, '--network', 'none', '--image', TEST_IMAGE, '--plain', '--no-migration-check',
          '--validate', 'test -f one.txt', '--validate', 'test -f two.txt', '--model-a', modelA, '--model-b', modelB,
          'Write one.txt and two.txt', repo.path],
        { cwd: cli.scratch, env: cliEnv() },
      );
      const id = readdirSync(sessions)[0]!;
      const reader = cli.track(id, openSessionReadOnly(path.join(sessions, id)));
      expect(run.code, run.stdout + run.stderr).toBe(0);
      const { baseCommit, resultBranch } = reader.getSession();
      const before = snapshotUserRepo(repo.path);
      const exportTo = (...args: string[]) => runCli(['export', id, '--sessions-dir', sessions, ...args], { cwd: cli.scratch, env: cliEnv() });

      const split = await exportTo('--branch', 'bazel-migration');
      expect(split.code, split.stdout + split.stderr).toBe(0);
      expect(split.stdout).toMatch(/^exported session .* to branch bazel-migration in .*: 2 commits on [0-9a-f]{12}$/m);
      expect(repo.git('log', '--format=%s', `${baseCommit}..bazel-migration`).trim().split('\n')).toEqual(['Create two.txt at the root', 'Create one.txt at the root']);
      expect(repo.git('rev-list', '--merges', `${baseCommit}..bazel-migration`).trim()).toBe('');
      expect(repo.git('rev-parse', 'bazel-migration~2').trim()).toBe(baseCommit);
      expect(repo.git('diff', '--name-only', `${baseCommit}`, 'bazel-migration~1').trim()).toBe('one.txt');
      expect(repo.git('rev-parse', 'bazel-migration^{tree}')).toBe(repo.git('rev-parse', `${resultBranch}^{tree}`));
      // The wrong first attempt was never merged, so nothing of it is exported.
      expect(repo.git('ls-tree', '-r', '--name-only', 'bazel-migration').trim().split('\n').sort()).toEqual(['README.md', 'one.txt', 'two.txt']);
      const message = repo.git('log', '-1', '--format=%B', 'bazel-migration');
      expect(message).toContain('Write one.txt and two.txt');
      expect(message).toContain(`Session ${id} completed: 3/3 goals completed`);
      expect(message).toMatch(/Models: A script:.*, B script:.*\. Cost \$0\.0000/);

      const squashed = await exportTo('--branch', 'bazel-squashed', '--squash');
      expect(squashed.code, squashed.stdout + squashed.stderr).toBe(0);
      expect(repo.git('rev-list', '--count', `${baseCommit}..bazel-squashed`).trim()).toBe('1');
      expect(repo.git('log', '-1', '--format=%s', 'bazel-squashed').trim()).toBe('Write one.txt and two.txt');
      expect(repo.git('rev-parse', 'bazel-squashed^{tree}')).toBe(repo.git('rev-parse', `${resultBranch}^{tree}`));

      const tip = repo.git('rev-parse', 'bazel-migration');
      for (const [args, message] of [
        [['--branch', 'bazel-migration'], /branch bazel-migration already exists in .*: export never overwrites a branch/],
        [['--branch', 'main'], /branch main already exists/],
        [['--branch', 'sog/mine'], /--branch sog\/mine is under sog\//],
        [['--branch', 'a..b'], /--branch a\.\.b is not a valid git branch name/],
        [[], /export needs --branch NAME/],
        [['--branch', 'x', '--all'], /--all goes with clean, not export/],
      ] as const) {
        const refused = await exportTo(...args);
        expect(refused.code, refused.stdout + refused.stderr).toBe(2);
        expect(refused.stderr.trim().split('\n')).toHaveLength(1);
        expect(refused.stderr).toMatch(message);
      }
      expect(repo.git('rev-parse', 'bazel-migration')).toBe(tip);
      // Two new branches, and nothing else of the user's changed.
      const user = snapshotUserRepo(repo.path);
      const ours = (refs: string) => refs.split('\n').filter((l) => !/refs\/heads\/bazel-(migration|squashed)$/.test(l)).join('\n');
      expect(user.refs).not.toBe(before.refs);
      expect({ ...user, refs: ours(user.refs) }).toEqual(before);
    } finally {
      repo.cleanup();
    }
  });
});
