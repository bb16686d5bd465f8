import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GitWorkspace } from '../../src/git/index.js';
import { git, makeRepo, makeTempDir, type TestRepo } from '../helpers/repo.js';

describe('what a session leaves in git', () => {
  let repo: TestRepo;
  afterEach(() => repo?.cleanup());

  function workspace() {
    repo = makeRepo({ files: { 'a.txt': 'a\n' } });
    const sessionDir = path.join(makeTempDir('sog-leftovers-'), 's1');
    return new GitWorkspace({ repoPath: repo.path, sessionDir, sessionId: '20260101-000000-abcd' });
  }

  it('finds registered worktrees, ones whose directory is gone, and directories git never registered', async () => {
    const ws = workspace();
    const kept = await ws.createAttemptWorktree(ws.branchName({ goalId: 1, attemptId: 1, model: 'm' }), 'main');
    const gone = await ws.createAttemptWorktree(ws.branchName({ goalId: 1, attemptId: 2, model: 'm' }), 'main');
    rmSync(gone.path, { recursive: true, force: true });
    const unregistered = path.join(ws.worktreesDir, 'half-made');
    mkdirSync(unregistered);
    expect(await ws.leftoverWorktrees()).toEqual([kept.path, gone.path, unregistered].sort());
  });

  it('does not prune while a stale worktree record that is not ours exists', async () => {
    const ws = workspace();
    const ours = await ws.createAttemptWorktree(ws.branchName({ goalId: 1, attemptId: 1, model: 'm' }), 'main');
    rmSync(ours.path, { recursive: true, force: true });
    // The user's own worktree, on a drive that is not mounted right now.
    const users = path.join(makeTempDir('sog-user-wt-'), 'wt');
    git(repo.path, 'worktree', 'add', '--quiet', '-b', 'user-feature', users);
    rmSync(users, { recursive: true, force: true });

    expect(await ws.foreignPrunableWorktrees()).toEqual([users]);
    expect(await ws.pruneIfOnlyOurs()).toBe(false);
    expect(git(repo.path, 'worktree', 'list', '--porcelain')).toContain(users);

    git(repo.path, 'worktree', 'prune');
    const again = await ws.createAttemptWorktree(ws.branchName({ goalId: 1, attemptId: 2, model: 'm' }), 'main');
    rmSync(again.path, { recursive: true, force: true });
    expect(await ws.pruneIfOnlyOurs()).toBe(true);
    expect(git(repo.path, 'worktree', 'list', '--porcelain')).not.toContain(again.path);
  });
});
