// What the generator reads from a worktree it cannot trust: real git repositories and worktrees,
// links and configs set up the way a model, a build step or the repository could leave them.
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readWorktree } from '../../src/builtin/index.js';
import { GitWorkspace, WorktreeTamperedError } from '../../src/git/index.js';
import { markerScript, ran } from '../helpers/marker.js';
import { makeRepo, makeTempDir, type TestRepo } from '../helpers/repo.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function repoWith(files: Record<string, string>): TestRepo {
  const repo = makeRepo({ files });
  cleanups.push(repo.cleanup);
  return repo;
}

function scratch(): string {
  const dir = makeTempDir('sog-read-worktree-');
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('readWorktree', () => {
  it('lists the tracked files with their working text and modes', async () => {
    const repo = repoWith({ 'src/a.c': 'int a;\n', 'run.sh': '#!/bin/sh\n' });
    repo.git('update-index', '--chmod=+x', 'run.sh');
    repo.write({ 'src/a.c': 'int a = 1;\n', 'untracked.c': 'int u;\n' });
    const tree = await readWorktree(repo.path);
    expect(tree.paths).toEqual(['run.sh', 'src/a.c']);
    expect(tree.read('src/a.c')).toBe('int a = 1;\n');
    expect(tree.executable('run.sh')).toBe(true);
    expect(tree.executable('src/a.c')).toBe(false);
  });

  it('a tracked file replaced by a symlink (to a secret outside the tree, or to another file) reads as empty', async () => {
    const outside = scratch();
    writeFileSync(path.join(outside, 'secret'), 'TOP SECRET\n');
    const repo = repoWith({ 'src/a.c': 'int a;\n', 'src/b.c': 'int b;\n', 'src/c.c': 'int c;\n' });
    rmSync(path.join(repo.path, 'src/a.c'));
    symlinkSync(path.join(outside, 'secret'), path.join(repo.path, 'src/a.c'));
    rmSync(path.join(repo.path, 'src/b.c'));
    symlinkSync('c.c', path.join(repo.path, 'src/b.c'));
    const tree = await readWorktree(repo.path);
    expect(tree.read('src/a.c')).toBe('');
    expect(tree.read('src/b.c')).toBe('');
    expect(tree.read('src/c.c')).toBe('int c;\n');
  });

  it('files under a directory replaced by a symlink (outside or inside the tree) read as empty', async () => {
    const outside = scratch();
    mkdirSync(path.join(outside, 'lib'));
    writeFileSync(path.join(outside, 'lib', 'x.c'), 'TOP SECRET\n');
    const repo = repoWith({ 'lib/x.c': 'int x;\n', 'pkg/y.py': 'y = 1\n', 'other/y.py': 'y = 2\n' });
    rmSync(path.join(repo.path, 'lib'), { recursive: true });
    symlinkSync(path.join(outside, 'lib'), path.join(repo.path, 'lib'));
    rmSync(path.join(repo.path, 'pkg'), { recursive: true });
    symlinkSync('other', path.join(repo.path, 'pkg'));
    const tree = await readWorktree(repo.path);
    expect(tree.read('lib/x.c')).toBe('');
    expect(tree.read('pkg/y.py')).toBe('');
    expect(tree.read('other/y.py')).toBe('y = 2\n');
  });

  it('a file over 512 KiB reads as empty', async () => {
    const repo = repoWith({ 'big.c': `/*${'x'.repeat(512 * 1024)}*/\n`, 'small.c': 'int s;\n' });
    const tree = await readWorktree(repo.path);
    expect(tree.read('big.c')).toBe('');
    expect(tree.read('small.c')).toBe('int s;\n');
  });

  it("core.fsmonitor in the checkout's git config is not run", async () => {
    const { script, marker } = markerScript(scratch());
    const repo = repoWith({ 'a.c': 'int a;\n' });
    repo.git('config', 'core.fsmonitor', script);
    const tree = await readWorktree(repo.path);
    expect(tree.paths).toEqual(['a.c']);
    expect(ran(marker)).toBe('');
  });

  it("a session worktree is listed through git's own record of it; a .git file naming another repository is refused and runs nothing", async () => {
    const dir = scratch();
    const { script, marker } = markerScript(dir);
    const repo = repoWith({ 'a.c': 'int a;\n' });
    const ws = new GitWorkspace({ repoPath: repo.path, sessionDir: path.join(dir, 'sessions', 's1'), sessionId: 's1' });
    const goal = ws.branchName({ goalId: 1, model: 'm' });
    await ws.createGoalBranch(goal, 'main');
    const wt = await ws.createAttemptWorktree(ws.branchName({ goalId: 1, attemptId: 1, model: 'm' }), goal);
    expect((await readWorktree(wt.path)).paths).toEqual(['a.c']);

    const evil = repoWith({ 'stolen.c': 'int s;\n' });
    evil.git('config', 'core.fsmonitor', script);
    writeFileSync(path.join(wt.path, '.git'), `gitdir: ${path.join(evil.path, '.git')}\n`);
    await expect(readWorktree(wt.path)).rejects.toBeInstanceOf(WorktreeTamperedError);
    expect(ran(marker)).toBe('');
  });
});
