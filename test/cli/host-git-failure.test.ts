// git on this machine failing in the middle of a session (here: the user checks out the goal's
// branch while a sub-goal is worked, so merging into it is refused) stops the session like an
// engine failure does: one line saying what git refused, exit 2, the session interrupted and
// resumable; nothing half-merged, and the resume merges once the branch is free.
import { existsSync, readdirSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { openSessionReadOnly } from '../../src/store/index.js';
import { cliEnv, collect, runCli, spawnCli } from '../helpers/cli.js';
import { cliSessions } from '../helpers/cli-sessions.js';
import { describeDocker, TEST_IMAGE } from '../helpers/docker.js';
import { scriptModel } from '../helpers/fixture-repo.js';
import { git } from '../helpers/repo.js';
import { waitFor } from '../helpers/wait.js';

const write = (p: string) => ({ name: 'write_file', input: { path: p, content: `${p}\n` } });

describeDocker('git failing on this machine during a session (real CLI, git, SQLite, Docker)', () => {
  const cli = cliSessions('sog-host-git-');

  it('merging a sub-goal into a branch the user checked out: one line, exit 2, interrupted; --resume merges once it is free', async () => {
    const repo = cli.repo();
    const dir = path.join(cli.scratch, 'sessions');
    const gate = 'sub-goal-gate';
    const modelA = scriptModel([{ text: 'Nothing done.' }], cli.scratch);
    const modelB = scriptModel(
      [
        { json: { sub_goals: [{ description: 'Write a.txt and b.txt', validation: [{ command: 'test -f a.txt', expect: 'success' }] }] } },
        { wait_for_file: gate, tool_calls: [write('a.txt'), write('b.txt')] },
        { text: 'Both written.' },
      ],
      cli.scratch,
    );
    const common = ['--sessions-dir', dir, '--plain'];
    const child = spawnCli(
      [...common, '--network', 'none', '--image', TEST_IMAGE, '--no-migration-check', '--validate', 'test -f a.txt', '--validate', 'test -f b.txt',
        '--max-depth', '1', '--no-stall-ladder', '--model-a', modelA, '--model-b', modelB, 'Write a.txt and b.txt', repo.path],
      { cwd: cli.scratch, env: cliEnv() },
    );
    const finished = collect(child);
    const id = await waitFor('the session directory', () => (existsSync(dir) ? readdirSync(dir)[0] : undefined), 180_000);
    const reader = cli.track(id, await waitFor('its database', () => openSessionReadOnly(path.join(dir, id)), 30_000));
    const goalBranch = await waitFor('the sub-goal attempt', () => {
      const root = reader.rootGoal();
      const sub = root ? reader.childGoals(root.id)[0] : undefined;
      return sub && reader.attemptsForGoal(sub.id).length > 0 ? root!.gitBranch! : undefined;
    }, 180_000);

    const userWorktree = path.join(cli.scratch, 'user-checkout');
    git(repo.path, 'worktree', 'add', '--quiet', userWorktree, goalBranch);
    const tipBefore = git(repo.path, 'rev-parse', goalBranch).trim();
    writeFileSync(path.join(cli.scratch, gate), '');
    const first = await finished;

    expect(first.code, first.stdout + first.stderr).toBe(2);
    expect(first.stderr).toContain(`shots-on-goal: git failed: Refusing to move branch '${goalBranch}': it is checked out at ${realpathSync(userWorktree)}\n`);
    expect(first.stderr).not.toMatch(/internal error|^\s+at /m);
    expect(first.stdout).toContain(`Resume with: `);
    expect(reader.getSession()).toMatchObject({ status: 'interrupted' });
    const [root] = reader.goalTree();
    expect(reader.childGoals(root!.id).map((g) => g.status)).toEqual(['completed']);
    expect(git(repo.path, 'rev-parse', goalBranch).trim()).toBe(tipBefore);
    expect(git(userWorktree, 'status', '--porcelain')).toBe('');

    git(repo.path, 'worktree', 'remove', userWorktree);
    const unused = scriptModel([{ text: 'unused' }], cli.scratch);
    const resumed = await runCli(['--resume', id, ...common, '--model-a', unused, '--model-b', unused], { cwd: cli.scratch, env: cliEnv() });
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(reader.getSession()).toMatchObject({ status: 'completed', resultBranch: goalBranch });
    expect(git(repo.path, 'ls-tree', '--name-only', goalBranch, 'a.txt', 'b.txt').trim().split('\n')).toEqual(['a.txt', 'b.txt']);
  });
});
