import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BranchCheckedOutError, BranchExistsError, ForeignBranchError, GitWorkspace } from '../../src/git/index.js';
import { makeRepo, makeTempDir, snapshotUserRepo, writeFiles, type TestRepo } from '../helpers/repo.js';

let repo: TestRepo | undefined;
let sessionsDir: string | undefined;
afterEach(() => {
  repo?.cleanup();
  if (sessionsDir) rmSync(sessionsDir, { recursive: true, force: true });
  repo = sessionsDir = undefined;
});

async function session() {
  repo = makeRepo({ files: { 'a.txt': 'a\n', 'b.txt': 'b\n', 'c.txt': 'c\n' } });
  sessionsDir = makeTempDir('sog-sessions-');
  const ws = new GitWorkspace({ repoPath: repo.path, sessionDir: path.join(sessionsDir, 'sess'), sessionId: 'sess' });
  const goal = ws.branchName({ goalId: 1, model: 'm' });
  await ws.createGoalBranch(goal, 'main');
  let n = 0;
  /** An attempt from the goal's tip with `files` committed; its worktree is removed. */
  const attempt = async (files: Record<string, string | null>) => {
    const a = await ws.createAttemptWorktree(ws.branchName({ goalId: 1, attemptId: ++n, model: 'm' }), goal);
    writeFiles(a.path, files);
    await ws.commitAll(a.path, `attempt ${n}`);
    await ws.removeWorktree(a.path);
    return a.branch;
  };
  return { r: repo, ws, goal, attempt };
}

describe('merge', () => {
  it('reports every conflicting path and leaves nothing half-merged', async () => {
    const { r, ws, goal, attempt } = await session();
    const first = await attempt({ 'a.txt': 'first\n', 'b.txt': 'first b\n', 'c.txt': null, 'new.txt': 'first\n' });
    const second = await attempt({ 'a.txt': 'second\n', 'b.txt': 'second b\n', 'c.txt': 'changed c\n', 'new.txt': 'second\n' });
    expect((await ws.merge(goal, first, 'merge first')).ok).toBe(true);
    const tip = await ws.branchSha(goal);
    const before = snapshotUserRepo(r.path);
    const worktreesBefore = r.git('worktree', 'list', '--porcelain');

    const result = await ws.merge(goal, second, 'merge second');
    expect(result).toEqual({ ok: false, conflicts: ['a.txt', 'b.txt', 'c.txt', 'new.txt'] });
    expect(await ws.branchSha(goal)).toBe(tip);
    expect(r.git('worktree', 'list', '--porcelain')).toBe(worktreesBefore);
    expect(readdirSync(ws.worktreesDir)).toEqual([]);
    const commonDir = path.resolve(r.path, r.git('rev-parse', '--git-common-dir').trim());
    for (const state of ['MERGE_HEAD', 'MERGE_MSG', 'AUTO_MERGE', 'ORIG_HEAD']) {
      expect(existsSync(path.join(commonDir, state)), state).toBe(false);
    }
    expect(snapshotUserRepo(r.path)).toEqual(before);
  });

  it('merges disjoint changes with a two-parent commit and fast-forwards when it can', async () => {
    const { r, ws, goal, attempt } = await session();
    const one = await attempt({ 'a.txt': 'one\n' });
    const two = await attempt({ 'b.txt': 'two\n' });
    const ff = await ws.merge(goal, one, 'merge one');
    expect(ff).toEqual({ ok: true, sha: await ws.branchSha(one), fastForward: true, upToDate: false });
    const merged = await ws.merge(goal, two, 'merge two');
    expect(merged).toMatchObject({ ok: true, fastForward: false, upToDate: false });
    if (!merged.ok) return;
    expect(r.git('show', `${merged.sha}:a.txt`)).toBe('one\n');
    expect(r.git('show', `${merged.sha}:b.txt`)).toBe('two\n');
    expect(r.git('log', '-1', '--format=%P|%s', merged.sha).trim()).toBe(`${await ws.branchSha(one)} ${await ws.branchSha(two)}|merge two`);
    expect(r.git('reflog', '-1', '--format=%gs', `refs/heads/${goal}`).trim()).toMatch(/^shots-on-goal: merge /);
  });

  it('refuses to move a branch that is checked out anywhere, the user checkout included', async () => {
    const { r, ws, goal, attempt } = await session();
    const one = await attempt({ 'a.txt': 'one\n' });
    // The user (strangely) checks out our goal branch in their checkout.
    r.git('checkout', '--quiet', goal);
    const before = snapshotUserRepo(r.path);
    const tip = await ws.branchSha(goal);
    await expect(ws.merge(goal, one, 'merge')).rejects.toThrow(new BranchCheckedOutError(goal, r.path));
    await expect(ws.deleteBranches([goal])).rejects.toBeInstanceOf(BranchCheckedOutError);
    expect(await ws.branchSha(goal)).toBe(tip);
    expect(snapshotUserRepo(r.path)).toEqual(before);
  });

  it('never writes a branch outside sog/', async () => {
    const { r, ws, attempt } = await session();
    const one = await attempt({ 'a.txt': 'one\n' });
    const main = r.head();
    r.git('branch', 'feature');
    await expect(ws.merge('main', one, 'merge')).rejects.toBeInstanceOf(ForeignBranchError);
    await expect(ws.merge('feature', one, 'merge')).rejects.toBeInstanceOf(ForeignBranchError);
    await expect(ws.createGoalBranch('feature', 'main')).rejects.toBeInstanceOf(ForeignBranchError);
    await expect(ws.createAttemptWorktree('main', 'main')).rejects.toBeInstanceOf(ForeignBranchError);
    await expect(ws.deleteBranches(['feature'])).rejects.toBeInstanceOf(ForeignBranchError);
    expect(r.head()).toBe(main);
    expect(r.git('rev-parse', 'feature').trim()).toBe(main);
  });

  it('does not reuse an existing branch name', async () => {
    const { ws, goal } = await session();
    await expect(ws.createGoalBranch(goal, 'main')).rejects.toBeInstanceOf(BranchExistsError);
    await expect(ws.createAttemptWorktree(goal, 'main')).rejects.toBeInstanceOf(BranchExistsError);
    expect(existsSync(ws.worktreesDir)).toBe(false);
  });
});
