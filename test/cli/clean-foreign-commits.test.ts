// `clean --all` deletes a session's branches, but never one whose tip is a commit shots-on-goal
// did not make and nothing else reaches: the user may have committed work there.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { GitWorkspace } from '../../src/git/index.js';
import { SessionStore } from '../../src/store/index.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { describeDocker } from '../helpers/docker.js';
import { gitStatus, makeRepo, makeTempDir } from '../helpers/repo.js';

const scratch = makeTempDir('sog-clean-foreign-');
const repo = makeRepo({ files: { 'a.txt': 'a\n' } });

afterAll(() => {
  repo.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

/** A commit on `parent` with `identity` as author and committer, without touching any checkout. */
function commitOn(parent: string, message: string, identity: string[] = []): string {
  const tree = repo.git('rev-parse', `${parent}^{tree}`).trim();
  return repo.git(...identity, 'commit-tree', tree, '-p', parent, '-m', message).trim();
}

describeDocker('clean --all and commits that are not ours', () => {
  it('deletes the branches it made, keeps the one holding a user commit, and says why', async () => {
    const sessions = path.join(scratch, 'sessions');
    const base = repo.git('rev-parse', 'HEAD').trim();
    const store = SessionStore.create(sessions, { goal: 'g', repoPath: repo.path, baseBranch: 'main', baseCommit: base, modelA: 'script:a', modelB: 'script:b' });
    const id = store.getSession().id;
    const git = new GitWorkspace({ repoPath: repo.path, sessionDir: store.sessionDir, sessionId: id });
    const root = git.branchName({ goalId: 1, model: 'script:a' });
    const attempt = git.branchName({ goalId: 1, attemptId: 1, model: 'script:a' });
    const sub = git.branchName({ goalId: 2, model: 'script:b' });
    await git.createGoalBranch(root, base); // at the base commit, which main reaches too
    const ours = commitOn(base, 'attempt', ['-c', 'user.name=shots-on-goal', '-c', 'user.email=shots-on-goal@localhost']);
    repo.git('update-ref', `refs/heads/${attempt}`, ours);
    const users = commitOn(ours, 'my own fix on top'); // the test helper's identity: a person
    repo.git('update-ref', `refs/heads/${sub}`, users);
    store.finishSession('failed', { resultBranch: root });
    store.close();

    const r = await runCli(['clean', id, '--all', '--sessions-dir', sessions], { env: cliEnv() });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`deleted branch ${root}`));
    expect(r.stdout).toMatch(new RegExp(`deleted branch ${attempt}`));
    expect(r.stdout).toMatch(new RegExp(`kept branch ${sub}: its tip ${users.slice(0, 12)} was committed by Test User <test@example.com>, not by shots-on-goal`));
    expect(repo.git('rev-parse', sub).trim()).toBe(users);
    expect(gitStatus(repo.path, 'rev-parse', '--verify', '-q', `refs/heads/${root}`).code).not.toBe(0);
    expect(gitStatus(repo.path, 'rev-parse', '--verify', '-q', `refs/heads/${attempt}`).code).not.toBe(0);
  });
});
