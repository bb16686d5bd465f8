import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GitCommandError } from '../../src/git/index.js';
import { Git } from '../../src/git/git.js';
import { makeRepo, snapshotUserRepo, type TestRepo } from '../helpers/repo.js';

const repos: TestRepo[] = [];
const savedEnv = { ...process.env };
afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
  Object.assign(process.env, savedEnv);
  while (repos.length) repos.pop()!.cleanup();
});

describe('Git runner', () => {
  it('reports a failing command in one line with git’s reason', async () => {
    const r = makeRepo();
    repos.push(r);
    const err = await new Git(r.path).run(['rev-parse', '--verify', 'no-such-ref']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitCommandError);
    expect((err as GitCommandError).exitCode).toBe(128);
    expect((err as Error).message).toBe('git rev-parse --verify no-such-ref failed (exit 128): fatal: Needed a single revision');
  });

  it('returns allowed non-zero exits, including silent ones', async () => {
    const r = makeRepo();
    repos.push(r);
    expect(await new Git(r.path).run(['diff', '--quiet', 'HEAD'], [0, 1])).toEqual({ exitCode: 0, stdout: '' });
    r.write({ 'README.md': 'changed\n' });
    expect(await new Git(r.path).run(['diff', '--quiet', 'HEAD'], [0, 1])).toEqual({ exitCode: 1, stdout: '' });
  });

  it('ignores GIT_DIR, GIT_INDEX_FILE and GIT_WORK_TREE inherited from the environment', async () => {
    const user = makeRepo({ files: { 'user.txt': 'u\n' } });
    const ours = makeRepo({ files: { 'ours.txt': 'o\n' } });
    repos.push(user, ours);
    const before = snapshotUserRepo(user.path);
    process.env.GIT_DIR = path.join(user.path, '.git');
    process.env.GIT_INDEX_FILE = path.join(user.path, '.git', 'index');
    process.env.GIT_WORK_TREE = user.path;
    process.env.EDITOR = 'vi';
    const git = new Git(ours.path);
    expect(await git.text(['ls-files'])).toBe('ours.txt');
    ours.write({ 'more.txt': 'm\n' });
    await git.run(['add', '--all']);
    expect(await git.text(['ls-files'])).toBe('more.txt\nours.txt');
    delete process.env.GIT_DIR;
    delete process.env.GIT_INDEX_FILE;
    delete process.env.GIT_WORK_TREE;
    expect(snapshotUserRepo(user.path)).toEqual(before);
  });

  it('resolves a branch before any other commit-ish, but a full object id as that object (as git reads it)', async () => {
    const r = makeRepo();
    repos.push(r);
    const first = r.git('rev-parse', 'HEAD').trim();
    r.commit('second', { 'two.txt': '2\n' });
    const second = r.git('rev-parse', 'HEAD').trim();
    r.git('branch', 'v1', first);
    r.git('tag', 'v1', second);
    // git refuses nothing here: a branch may be named like another commit's object id.
    r.git('branch', second, first);
    const git = new Git(r.path);
    expect(await git.resolveBranchOrCommit('v1')).toBe(first);
    expect(await git.resolveBranchOrCommit(`${second.slice(0, 12)}`)).toBe(second);
    expect(await git.resolveBranchOrCommit(second)).toBe(second);
    expect(await git.resolveBranchOrCommit('no-such-ref')).toBeNull();
  });
});
