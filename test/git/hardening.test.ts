// Every command git could run on the host, set up the way a user's config and an untrusted tree
// would select it, each with a marker file that the would-be command creates. Each case fails
// when the setting in src/git/hardening.ts that covers it is removed.
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportTree } from '../../src/git/export-tree.js';
import { GitCommandError, GitWorkspace, WorktreeTamperedError } from '../../src/git/index.js';
import { driverOverrides } from '../../src/git/hardening.js';
import { markerScript, ran } from '../helpers/marker.js';
import { git, makeRepo, makeTempDir, snapshotUserRepo, type FileContent, type TestRepo } from '../helpers/repo.js';

let repo: TestRepo | undefined;
let scratch: string | undefined;
afterEach(() => {
  repo?.cleanup();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  repo = scratch = undefined;
});

/** A repository, a session workspace beside it, and a marker path plus a command that creates it. */
function setup(files: Record<string, FileContent> = { 'a.txt': 'a\n' }) {
  repo = makeRepo({ files });
  scratch = makeTempDir('sog-hardening-');
  const { marker, script } = markerScript(scratch);
  const ws = new GitWorkspace({ repoPath: repo.path, sessionDir: path.join(scratch, 'sessions', 's1'), sessionId: 's1' });
  return { r: repo, ws, marker, script };
}

async function attempt(ws: GitWorkspace, n = 1) {
  const goal = ws.branchName({ goalId: n, model: 'm' });
  await ws.createGoalBranch(goal, 'main');
  return ws.createAttemptWorktree(ws.branchName({ goalId: n, attemptId: 1, model: 'm' }), goal);
}

describe('git on the host runs no command that config or attributes name', () => {
  it('core.fsmonitor in the repository config: staging an attempt does not run it', async () => {
    const { r, ws, marker, script } = setup();
    const wt = await attempt(ws);
    r.git('config', 'core.fsmonitor', script);
    writeFileSync(path.join(wt.path, 'b.txt'), 'b\n');
    expect(await ws.commitAll(wt.path, 'attempt')).toMatch(/^[0-9a-f]{40}$/);
    expect(ran(marker)).toBe('');
  });

  it('hooks (post-checkout, reference-transaction, commit hooks): none runs', async () => {
    const { r, ws, marker, script } = setup();
    for (const hook of ['post-checkout', 'reference-transaction', 'pre-commit', 'post-commit', 'commit-msg']) {
      writeFileSync(path.join(r.path, '.git', 'hooks', hook), readFileSync(script));
      chmodSync(path.join(r.path, '.git', 'hooks', hook), 0o755);
    }
    const wt = await attempt(ws);
    writeFileSync(path.join(wt.path, 'b.txt'), 'b\n');
    const sha = await ws.commitAll(wt.path, 'attempt');
    await ws.merge(ws.branchName({ goalId: 1, model: 'm' }), wt.branch, 'merge');
    expect(sha).not.toBeNull();
    expect(ran(marker)).toBe('');
  });

  it("a filter the user's config defines, selected by a .gitattributes written into the attempt: not run on staging", async () => {
    const { r, ws, marker, script } = setup();
    r.git('config', 'filter.evil.clean', script);
    r.git('config', 'filter.evil.required', 'true');
    const wt = await attempt(ws);
    writeFileSync(path.join(wt.path, '.gitattributes'), '* filter=evil\n');
    writeFileSync(path.join(wt.path, 'b.txt'), 'b\n');
    const sha = await ws.commitAll(wt.path, 'attempt');
    expect(ran(marker)).toBe('');
    expect(r.git('show', `${sha}:b.txt`)).toBe('b\n');
  });

  it('a long-running filter process and a smudge filter, selected by the base commit: not run on checkout', async () => {
    const { r, ws, marker, script } = setup({ '.gitattributes': '* filter=evil\n', 'a.txt': 'a\n' });
    r.git('config', 'filter.evil.smudge', script);
    const wt = await attempt(ws);
    expect(ran(marker)).toBe('');
    expect(readFileSync(path.join(wt.path, 'a.txt'), 'utf8')).toBe('a\n');

    r.git('config', 'filter.evil.process', script);
    await attempt(ws, 2);
    expect(ran(marker)).toBe('');
  });

  it('textconv and external diff drivers, and diff.external: not run for the stored diff', async () => {
    const { r, ws, marker, script } = setup({ '.gitattributes': '* diff=evil\n', 'a.txt': 'a\n' });
    r.git('config', 'diff.evil.textconv', script);
    r.git('config', 'diff.evil.command', script);
    const wt = await attempt(ws);
    writeFileSync(path.join(wt.path, 'a.txt'), 'changed\n');
    const sha = await ws.commitAll(wt.path, 'attempt');
    const diff = await ws.diff(wt.baseSha, sha!);
    r.git('config', '--unset', 'diff.evil.command');
    r.git('config', 'diff.external', script);
    await ws.diff(wt.baseSha, sha!);
    expect(ran(marker)).toBe('');
    expect(diff.patch).toContain('+changed');
  });

  it('a merge driver selected by attributes: not run, the plain text merge is done instead', async () => {
    const { r, ws, marker, script } = setup({ 'a.txt': 'one\ntwo\nthree\nfour\nfive\n' });
    r.git('config', 'merge.evil.driver', `${script} %O %A %B`);
    r.write({ '.gitattributes': '* merge=evil\n' }); // in the user's checkout, where merge-tree reads attributes
    const goal = ws.branchName({ goalId: 1, model: 'm' });
    await ws.createGoalBranch(goal, 'main');
    const first = await ws.createAttemptWorktree(ws.branchName({ goalId: 1, attemptId: 1, model: 'm' }), goal);
    const second = await ws.createAttemptWorktree(ws.branchName({ goalId: 1, attemptId: 2, model: 'm' }), goal);
    writeFileSync(path.join(first.path, 'a.txt'), 'ONE\ntwo\nthree\nfour\nfive\n');
    writeFileSync(path.join(second.path, 'a.txt'), 'one\ntwo\nthree\nfour\nFIVE\n');
    await ws.commitAll(first.path, 'first');
    await ws.commitAll(second.path, 'second');
    await ws.removeWorktree(first.path);
    await ws.removeWorktree(second.path);
    expect((await ws.merge(goal, first.branch, 'm1')).ok).toBe(true);
    const merged = await ws.merge(goal, second.branch, 'm2');
    expect(ran(marker)).toBe('');
    expect(merged.ok).toBe(true);
    expect(r.git('show', `${goal}:a.txt`)).toBe('ONE\ntwo\nthree\nfour\nFIVE\n');
  });

  it('commit signing the user configured: no gpg program runs', async () => {
    const { r, ws, marker, script } = setup();
    r.git('config', 'commit.gpgSign', 'true');
    r.git('config', 'gpg.program', script);
    const wt = await attempt(ws);
    writeFileSync(path.join(wt.path, 'b.txt'), 'b\n');
    expect(await ws.commitAll(wt.path, 'attempt')).not.toBeNull();
    expect(ran(marker)).toBe('');
  });

  it('neutralises every configured filter and merge driver, whatever its name', () => {
    const names = ['filter.lfs.clean', 'filter.a.b=c.smudge', 'merge.ours.driver', 'merge.tool', 'merge.conflictstyle', ''].join('\0');
    expect(driverOverrides(names)).toEqual([
      ['filter.a.b=c.clean', ''],
      ['filter.a.b=c.smudge', ''],
      ['filter.a.b=c.process', ''],
      ['filter.a.b=c.required', 'false'],
      ['filter.lfs.clean', ''],
      ['filter.lfs.smudge', ''],
      ['filter.lfs.process', ''],
      ['filter.lfs.required', 'false'],
      ['merge.ours.driver', 'git merge-file --marker-size=%L %A %O %B'],
    ]);
  });
});

describe("a worktree's .git is checked before git runs there", () => {
  it('a .git file pointing at the user repository: refused, and the user repository is unchanged', async () => {
    const { r, ws } = setup();
    r.write({ 'staged.txt': 'staged\n' });
    r.git('add', 'staged.txt');
    const before = snapshotUserRepo(r.path);
    const wt = await attempt(ws);
    writeFileSync(path.join(wt.path, '.git'), `gitdir: ${path.join(r.path, '.git')}\n`);
    writeFileSync(path.join(wt.path, 'b.txt'), 'b\n');
    await expect(ws.commitAll(wt.path, 'attempt')).rejects.toBeInstanceOf(WorktreeTamperedError);
    await ws.removeWorktree(wt.path);
    expect(snapshotUserRepo(r.path)).toEqual(before);
  });

  it('a .git directory holding a repository whose config runs a command: refused, nothing runs', async () => {
    const { ws, marker, script } = setup();
    const wt = await attempt(ws);
    rmSync(path.join(wt.path, '.git'));
    const evil = makeRepo();
    try {
      evil.git('config', 'core.fsmonitor', script);
      symlinkSync(path.join(evil.path, '.git'), path.join(wt.path, '.git'));
      await expect(ws.commitAll(wt.path, 'attempt')).rejects.toThrow(/not a regular file/);
      rmSync(path.join(wt.path, '.git'));
      mkdirSync(path.join(wt.path, '.git'));
      writeFileSync(path.join(wt.path, '.git', 'config'), `[core]\n\tfsmonitor = ${script}\n`);
      await expect(ws.commitAll(wt.path, 'attempt')).rejects.toBeInstanceOf(WorktreeTamperedError);
      rmSync(path.join(wt.path, '.git'), { recursive: true });
      await expect(ws.commitAll(wt.path, 'attempt')).rejects.toThrow(/missing/);
      await ws.removeWorktree(wt.path);
      expect(existsSync(wt.path)).toBe(false);
      expect(await ws.listSessionWorktrees()).toEqual([]);
      expect(ran(marker)).toBe('');
    } finally {
      evil.cleanup();
    }
  });
});

describe('git on the host uses no transport, whatever remote the config names', () => {
  /**
   * A partial clone (blobs left on its promisor remote), so that checking out or reading a file
   * makes git fetch it lazily; and a command in scratch that records it ran and exits at once.
   */
  function partialClone() {
    repo = makeRepo({ files: { 'a.txt': 'a\n' } });
    repo.git('config', 'uploadpack.allowFilter', 'true');
    scratch = makeTempDir('sog-transport-');
    const clone = path.join(scratch, 'clone');
    git(scratch, 'clone', '--quiet', '--filter=blob:none', '--no-checkout', `file://${repo.path}`, clone);
    expect(git(clone, 'config', 'remote.origin.promisor').trim()).toBe('true');
    const marker = path.join(scratch, 'marker');
    const script = path.join(scratch, 'record.sh');
    writeFileSync(script, `#!/bin/sh\necho "$0 $*" >> '${marker}'\n`);
    chmodSync(script, 0o755);
    const ws = new GitWorkspace({ repoPath: clone, sessionDir: path.join(scratch, 'sessions', 's1'), sessionId: 's1' });
    return { clone, ws, marker, script, commit: git(clone, 'rev-parse', 'HEAD').trim() };
  }

  it('an ext:: promisor remote that its config allows: a checkout or export of a missing blob runs nothing', async () => {
    const { clone, ws, marker, commit } = partialClone();
    git(clone, 'config', 'remote.origin.url', `ext::sh -c echo% ext>>${marker}`);
    git(clone, 'config', 'protocol.ext.allow', 'always'); // wins over -c protocol.allow=never
    await expect(attempt(ws)).rejects.toBeInstanceOf(GitCommandError); // the blob cannot be had
    await expect(exportTree(clone, commit, path.join(scratch!, 'export'))).rejects.toBeInstanceOf(GitCommandError);
    expect(ran(marker)).toBe('');
  });

  it("a promisor remote on this disk whose upload-pack is a command: it is not run", async () => {
    const { clone, ws, marker, script, commit } = partialClone();
    git(clone, 'config', 'remote.origin.uploadpack', script);
    await expect(attempt(ws)).rejects.toBeInstanceOf(GitCommandError); // the blob cannot be had
    await expect(exportTree(clone, commit, path.join(scratch!, 'export'))).rejects.toBeInstanceOf(GitCommandError);
    expect(ran(marker)).toBe('');
  });

  // No command we run fetches a submodule (git 2.39 checks one out, with recursion on, only from
  // what it already has); this holds that, so a command added later that would is caught.
  it('a submodule whose configured url is ext::, with recursion and the transport allowed: nothing fetches it', async () => {
    const { r, ws, marker } = setup();
    const sub = makeRepo();
    try {
      r.git('update-index', '--add', '--cacheinfo', `160000,${sub.head()},sub`);
      r.write({ '.gitmodules': '[submodule "sub"]\n\tpath = sub\n\turl = ../sub\n' });
      r.git('add', '.gitmodules');
      r.git('commit', '--quiet', '-m', 'a submodule');
      for (const [key, value] of [
        ['submodule.sub.url', `ext::sh -c echo% ext>>${marker}`],
        ['submodule.sub.active', 'true'],
        ['submodule.recurse', 'true'],
        ['fetch.recurseSubmodules', 'true'],
        ['protocol.ext.allow', 'always'],
      ]) r.git('config', key!, value!);
      const wt = await attempt(ws);
      expect(wt.gitlinks).toEqual(['sub']);
      writeFileSync(path.join(wt.path, 'b.txt'), 'b\n');
      const sha = await ws.commitAll(wt.path, 'attempt');
      await ws.diff(wt.baseSha, sha!);
      expect((await ws.merge(ws.branchName({ goalId: 1, model: 'm' }), wt.branch, 'merge')).ok).toBe(true);
      expect(ran(marker)).toBe('');
    } finally {
      sub.cleanup();
    }
  });
});
