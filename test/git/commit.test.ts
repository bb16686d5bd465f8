import { chmodSync, existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GitWorkspace, SessionDirInsideRepoError, WorktreePathError } from '../../src/git/index.js';
import { makeRepo, makeTempDir, snapshotUserRepo, writeFiles, type FileContent, type TestRepo } from '../helpers/repo.js';

let repo: TestRepo | undefined;
let sessionsDir: string | undefined;
afterEach(() => {
  repo?.cleanup();
  if (sessionsDir) rmSync(sessionsDir, { recursive: true, force: true });
  repo = sessionsDir = undefined;
});

async function attemptOn(files: Record<string, FileContent>) {
  repo = makeRepo({ files });
  sessionsDir = makeTempDir('sog-sessions-');
  const ws = new GitWorkspace({ repoPath: repo.path, sessionDir: path.join(sessionsDir, 'sess'), sessionId: 'sess' });
  const goal = ws.branchName({ goalId: 1, model: 'm' });
  await ws.createGoalBranch(goal, 'main');
  const attempt = await ws.createAttemptWorktree(ws.branchName({ goalId: 1, attemptId: 1, model: 'm' }), goal);
  return { r: repo, ws, attempt };
}

function committedPaths(r: TestRepo, sha: string): string[] {
  return r.git('ls-tree', '-r', '--name-only', '-z', sha).split('\0').filter(Boolean).sort();
}

describe('commitAll', () => {
  it('never commits Bazel outputs, caches or files the user .gitignore ignores', async () => {
    const { r, ws, attempt } = await attemptOn({
      'README.md': 'r\n',
      '.gitignore': '*.log\n',
      'bazel-rules/defs.bzl': '# a source dir that merely has a bazel- name\n',
    });
    const outside = makeTempDir('sog-bazel-cache-');
    try {
      writeFileSync(path.join(outside, 'main'), 'binary');
      symlinkSync(outside, path.join(attempt.path, 'bazel-bin'));
      symlinkSync(outside, path.join(attempt.path, 'bazel-workspace'));
      writeFiles(attempt.path, {
        'bazel-out/k8-fastbuild/bin/main': 'output',
        'bazel-testlogs/test.xml': '<xml/>',
        'tools/__pycache__/gen.cpython-311.pyc': 'pyc',
        'tools/gen.pyc': 'pyc',
        'build.log': 'ignored by the user .gitignore',
        'MODULE.bazel': 'module(name = "x")\n',
        'BUILD.bazel': '# root\n',
        'tools/gen.py': 'print(1)\n',
        'bazel-rules/more.bzl': '# new file in a tracked bazel-* dir\n',
      });
      const sha = await ws.commitAll(attempt.path, 'attempt');
      expect(committedPaths(r, sha!)).toEqual([
        '.gitignore',
        'BUILD.bazel',
        'MODULE.bazel',
        'README.md',
        'bazel-rules/defs.bzl',
        'bazel-rules/more.bzl',
        'tools/gen.py',
      ]);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it("commits Bazel's own files even where the repository's ignore rules match them", async () => {
    const { r, ws, attempt } = await attemptOn({
      'README.md': 'r\n',
      '.gitignore': '*.bazel\nBUILD*\nMODULE*\n*.bzl\nbuild/\n',
      'src/.gitignore': 'BUILD\n',
    });
    writeFiles(attempt.path, {
      'MODULE.bazel': 'module(name = "x")\n',
      'BUILD.bazel': '# root\n',
      'src/BUILD': '# src\n',
      'tools/defs.bzl': '# macros\n',
      'build/out.o': 'still ignored: not a Bazel file',
      'BUILD.log': 'still ignored: not a Bazel file',
    });
    const sha = await ws.commitAll(attempt.path, 'attempt');
    expect(committedPaths(r, sha!)).toEqual(['.gitignore', 'BUILD.bazel', 'MODULE.bazel', 'README.md', 'src/.gitignore', 'src/BUILD', 'tools/defs.bzl']);
  });

  it('commits additions, edits, deletions and the executable bit', async () => {
    const { r, ws, attempt } = await attemptOn({ 'a.txt': 'a\n', 'b.txt': 'b\n', 'run.sh': 'echo hi\n' });
    writeFiles(attempt.path, { 'a.txt': 'A\n', 'b.txt': null, 'c/d.txt': 'd\n' });
    chmodSync(path.join(attempt.path, 'run.sh'), 0o755);
    const sha = await ws.commitAll(attempt.path, 'attempt');
    expect(committedPaths(r, sha!)).toEqual(['a.txt', 'c/d.txt', 'run.sh']);
    expect(r.git('show', `${sha}:a.txt`)).toBe('A\n');
    expect(r.git('ls-tree', sha!, 'run.sh')).toMatch(/^100755 /);
    expect(r.git('rev-parse', `${sha}^`).trim()).toBe(attempt.baseSha);
  });

  it('returns null and makes no commit when the attempt changed nothing', async () => {
    const { ws, attempt } = await attemptOn({ 'a.txt': 'a\n' });
    symlinkSync('/nonexistent', path.join(attempt.path, 'bazel-bin'));
    expect(await ws.commitAll(attempt.path, 'nothing')).toBeNull();
    expect(await ws.branchSha(attempt.branch)).toBe(attempt.baseSha);
  });

  it('commits as shots-on-goal whatever the repository config says, with the user hooks and signing kept out', async () => {
    repo = makeRepo({ files: { 'a.txt': 'a\n' } });
    const r = repo;
    r.git('config', 'user.name', 'Real User');
    r.git('config', 'user.email', 'real@example.com');
    r.git('config', 'author.name', 'Real Author');
    r.git('config', 'committer.email', 'real-committer@example.com');
    r.git('config', 'commit.gpgSign', 'true');
    r.git('config', 'branch.autoSetupMerge', 'always');
    const hooks = path.join(r.path, '.git', 'hooks');
    mkdirSync(hooks, { recursive: true });
    const marker = path.join(r.path, 'HOOK-RAN');
    for (const hook of ['pre-commit', 'commit-msg', 'post-commit', 'post-checkout', 'reference-transaction']) {
      writeFileSync(path.join(hooks, hook), `#!/bin/sh\necho ${hook} >> '${marker}'\nexit 1\n`, { mode: 0o755 });
    }
    const before = snapshotUserRepo(r.path);

    sessionsDir = makeTempDir('sog-sessions-');
    const ws = new GitWorkspace({ repoPath: r.path, sessionDir: path.join(sessionsDir, 's'), sessionId: 's' });
    const goal = ws.branchName({ goalId: 1, model: 'm' });
    await ws.createGoalBranch(goal, 'main');
    const attemptBranch = ws.branchName({ goalId: 1, attemptId: 1, model: 'm' });
    const attempt = await ws.createAttemptWorktree(attemptBranch, goal);
    writeFiles(attempt.path, { 'b.txt': 'b\n' });
    const sha = await ws.commitAll(attempt.path, 'attempt');
    expect(r.git('log', '-1', '--format=%an <%ae>|%cn <%ce>|%G?', sha!).trim()).toBe(
      'shots-on-goal <shots-on-goal@localhost>|shots-on-goal <shots-on-goal@localhost>|N',
    );
    const other = await ws.createAttemptWorktree(ws.branchName({ goalId: 1, attemptId: 2, model: 'm' }), goal);
    writeFiles(other.path, { 'c.txt': 'c\n' });
    await ws.commitAll(other.path, 'other');
    await ws.merge(goal, attemptBranch, 'ff');
    const merged = await ws.merge(goal, other.branch, 'real merge');
    expect(merged.ok && !merged.fastForward).toBe(true);
    if (merged.ok) expect(r.git('log', '-1', '--format=%an|%cn|%G?', merged.sha).trim()).toBe('shots-on-goal|shots-on-goal|N');

    expect(existsSync(marker)).toBe(false);
    // No tracking config was written into the user's .git/config, and nothing else moved.
    expect(snapshotUserRepo(r.path)).toEqual(before);
  });

  it("refuses to stage anywhere but one of the session's worktrees (the user's checkout above all)", async () => {
    const { r, ws, attempt } = await attemptOn({ 'a.txt': 'a\n' });
    r.write({ 'user-untracked.txt': 'mine\n' });
    const before = snapshotUserRepo(r.path);
    await expect(ws.commitAll(r.path, 'no')).rejects.toBeInstanceOf(WorktreePathError);
    await expect(ws.commitAll(path.join(attempt.path, '..', '..'), 'no')).rejects.toBeInstanceOf(WorktreePathError);
    await expect(ws.commitAll(path.join(ws.worktreesDir, 'missing'), 'no')).rejects.toThrow(/worktree directory is missing/);
    mkdirSync(path.join(ws.worktreesDir, 'plain-dir'));
    await expect(ws.commitAll(path.join(ws.worktreesDir, 'plain-dir'), 'no')).rejects.toThrow(/not a git worktree/);
    await expect(ws.removeWorktree(r.path)).rejects.toBeInstanceOf(WorktreePathError);
    expect(snapshotUserRepo(r.path)).toEqual(before);
  });

  it('refuses a session directory inside the repository or any of its checkouts', async () => {
    repo = makeRepo();
    const r = repo;
    expect(() => new GitWorkspace({ repoPath: r.path, sessionDir: path.join(r.path, 'sessions', 'x'), sessionId: 'x' })).toThrow(
      SessionDirInsideRepoError,
    );
    sessionsDir = makeTempDir('sog-sessions-');
    const linked = path.join(sessionsDir, 'user-linked-checkout');
    r.git('worktree', 'add', '--quiet', '-b', 'user-feature', linked);
    const ws = new GitWorkspace({ repoPath: r.path, sessionDir: path.join(linked, 'sessions', 'x'), sessionId: 'x' });
    await expect(ws.createAttemptWorktree(ws.branchName({ goalId: 1, attemptId: 1, model: 'm' }), 'main')).rejects.toBeInstanceOf(
      SessionDirInsideRepoError,
    );
    expect(existsSync(path.join(linked, 'sessions'))).toBe(false);
  });

  it('names worktree directories by goal, attempt and model', async () => {
    const { attempt, ws } = await attemptOn({ 'a.txt': 'a\n' });
    expect(attempt.path).toBe(path.join(ws.worktreesDir, 'g1-a1-mm'));
  });
});

describe('diff', () => {
  it('gives a unified patch and a diffstat, with binary files reported', async () => {
    const { ws, attempt } = await attemptOn({ 'a.txt': 'one\ntwo\n', 'old.bin': Buffer.from([0, 1, 2, 3]) });
    writeFiles(attempt.path, {
      'a.txt': 'one\nTWO\nthree\n',
      'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 0xff]),
      'old.bin': null,
    });
    const sha = await ws.commitAll(attempt.path, 'attempt');
    const d = await ws.diff(attempt.baseSha, sha!);
    expect(d.patch).toContain('diff --git a/a.txt b/a.txt');
    expect(d.patch).toContain('-two\n+TWO\n+three\n');
    expect(d.patch).toContain('Binary files /dev/null and b/logo.png differ');
    expect(d.patch).toContain('Binary files a/old.bin and /dev/null differ');
    expect(d.patch).not.toContain('\u0000');
    expect(d.stat).toMatch(/a\.txt\s+\|\s+3 \+\+-/);
    expect(d.stat).toMatch(/logo\.png\s+\|\s+Bin 0 -> 9 bytes/);
    expect(d.stat).toMatch(/3 files changed, 2 insertions\(\+\), 1 deletion\(-\)/);
    expect(d).toMatchObject({ filesChanged: 3, insertions: 2, deletions: 1 });
  });

  it('is empty between identical commits', async () => {
    const { ws, attempt } = await attemptOn({ 'a.txt': 'a\n' });
    expect(await ws.diff(attempt.baseSha, attempt.baseSha)).toEqual({ patch: '', stat: '', filesChanged: 0, insertions: 0, deletions: 0 });
  });
});
