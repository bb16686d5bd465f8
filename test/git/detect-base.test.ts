import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  detectBase,
  NoCommitsError,
  NotAGitRepositoryError,
  RepoNotFoundError,
} from '../../src/git/index.js';
import { git, makeRepo, makeTempDir, snapshotUserRepo, type TestRepo } from '../helpers/repo.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
function repo(options?: Parameters<typeof makeRepo>[0]): TestRepo {
  const r = makeRepo(options);
  cleanups.push(r.cleanup);
  return r;
}
function tempDir(): string {
  const d = makeTempDir();
  cleanups.push(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

describe('detectBase', () => {
  it('returns the current branch and its commit, and changes nothing', async () => {
    const r = repo({ branch: 'develop', commits: [{ files: { 'a.txt': 'a\n' } }] });
    r.write({ 'untracked.txt': 'u\n', 'README.md': 'edited\n' });
    const before = snapshotUserRepo(r.path);
    const base = await detectBase(r.path);
    expect(base).toEqual({ branch: 'develop', commit: r.head(), detached: false, root: r.path, bare: false, checkouts: [r.path] });
    expect(snapshotUserRepo(r.path)).toEqual(before);
  });

  it('accepts a relative path', async () => {
    const r = repo();
    const base = await detectBase(path.relative(process.cwd(), r.path));
    expect(base.root).toBe(r.path);
  });

  it('starts from the checked-out commit when HEAD is detached, not from a branch tip', async () => {
    const upstream = repo({ branch: 'trunk', commits: [{ files: { 'b.txt': 'b\n' } }] });
    const dir = tempDir();
    const clone = path.join(dir, 'clone');
    git(dir, 'clone', '--quiet', upstream.path, clone);
    const first = git(clone, 'rev-list', '--max-parents=0', 'HEAD').trim();
    git(clone, 'checkout', '--quiet', '--detach', first);
    expect(await detectBase(clone)).toMatchObject({ branch: 'HEAD', commit: first, detached: true });

    const r = repo({ commits: [{ files: { 'c.txt': 'c\n' } }] });
    const parent = r.git('rev-parse', 'HEAD~1').trim();
    r.git('checkout', '--quiet', '--detach', 'HEAD~1');
    expect(await detectBase(r.path)).toMatchObject({ branch: 'HEAD', commit: parent, detached: true });

    const other = repo({ branch: 'dev' });
    other.git('checkout', '--quiet', '--detach');
    expect(await detectBase(other.path)).toMatchObject({ branch: 'HEAD', commit: other.head(), detached: true });
  });

  it('reports a repository with no commits clearly', async () => {
    const r = repo({ empty: true });
    const err = await detectBase(r.path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NoCommitsError);
    expect((err as Error).message).toBe(`Repository has no commits yet: ${r.path} (commit something first)`);
  });

  it('reports an unborn current branch in a repository that has other commits', async () => {
    const r = repo();
    r.git('checkout', '--quiet', '--orphan', 'fresh');
    await expect(detectBase(r.path)).rejects.toThrow(/current branch 'fresh' has no commits yet/);
  });

  it('rejects a directory that is not a git repository', async () => {
    const d = tempDir();
    const err = await detectBase(d).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotAGitRepositoryError);
    expect((err as Error).message).toBe(`${d}: not a git repository`);
  });

  it('rejects a file and a subdirectory of a repository', async () => {
    const r = repo({ files: { 'sub/x.txt': 'x\n' } });
    await expect(detectBase(path.join(r.path, 'sub/x.txt'))).rejects.toThrow(/not a directory/);
    await expect(detectBase(path.join(r.path, 'sub'))).rejects.toThrow(
      new NotAGitRepositoryError(path.join(r.path, 'sub'), `inside the git repository ${r.path}, not its top level; pass ${r.path}`),
    );
  });

  it('rejects a missing path', async () => {
    const missing = path.join(tempDir(), 'nope');
    const err = await detectBase(missing).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RepoNotFoundError);
    expect((err as Error).message).toBe(`Repository path does not exist: ${missing}`);
  });

  it('works on a linked worktree of the user repository', async () => {
    const r = repo();
    const dir = tempDir();
    const linked = path.join(dir, 'linked');
    r.git('worktree', 'add', '--quiet', '-b', 'feature', linked);
    writeFileSync(path.join(linked, 'new.txt'), 'n\n');
    const before = snapshotUserRepo(linked);
    expect(await detectBase(linked)).toMatchObject({ branch: 'feature', commit: r.head(), root: linked, bare: false });
    expect(snapshotUserRepo(linked)).toEqual(before);
  });

  it('works on a bare repository', async () => {
    const r = repo({ branch: 'main' });
    const dir = tempDir();
    const bare = path.join(dir, 'bare.git');
    mkdirSync(bare);
    git(dir, 'clone', '--quiet', '--bare', r.path, bare);
    expect(await detectBase(bare)).toMatchObject({ branch: 'main', commit: r.head(), root: bare, bare: true });
  });
});
