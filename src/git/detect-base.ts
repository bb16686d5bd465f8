import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { NoCommitsError, NotAGitRepositoryError, RepoNotFoundError } from './errors.js';
import { Git } from './git.js';
import { listWorktrees } from './worktrees.js';

/** What a session records as its base branch when HEAD was detached (git refuses a branch named HEAD). */
export const DETACHED_BASE = 'HEAD';

export interface BaseRef {
  /** The branch the session starts from, or `HEAD` when the user's HEAD is detached. */
  branch: string;
  /** The commit the user has checked out: what the session starts from. */
  commit: string;
  /** HEAD was detached: the checked-out commit is the base, whatever the branches point at. */
  detached: boolean;
  /** Absolute top level of the working tree (the git dir for a bare repository). */
  root: string;
  bare: boolean;
  /** Every checkout of the repository: the main one and its linked worktrees (existing ones). */
  checkouts: string[];
}

/**
 * Validate `repoPath` and find the base branch and commit. Read-only: it runs only plumbing
 * that never writes the index or any ref (no `git status`, which refreshes the index).
 */
export async function detectBase(repoPath: string): Promise<BaseRef> {
  const absolute = path.resolve(repoPath);
  let info;
  try {
    info = await stat(absolute);
  } catch {
    throw new RepoNotFoundError(repoPath);
  }
  if (!info.isDirectory()) throw new NotAGitRepositoryError(repoPath, 'not a directory');
  const real = await realpath(absolute);
  const git = new Git(real);

  const probe = await git.run(['rev-parse', '--is-bare-repository', '--is-inside-work-tree'], [0, 128]);
  if (probe.exitCode !== 0) throw new NotAGitRepositoryError(repoPath, await whyNotARepo(git));
  const [bareFlag, insideWorkTree] = probe.stdout.trim().split('\n');
  const bare = bareFlag === 'true';
  let root: string;
  if (bare) {
    root = await realpath(await git.text(['rev-parse', '--absolute-git-dir']));
    if (root !== real) throw new NotAGitRepositoryError(repoPath, `inside the bare repository ${root}; pass that path`);
  } else {
    if (insideWorkTree !== 'true') throw new NotAGitRepositoryError(repoPath, 'a git directory, not a working tree');
    root = await realpath(await git.text(['rev-parse', '--show-toplevel']));
    if (root !== real) {
      throw new NotAGitRepositoryError(repoPath, `inside the git repository ${root}, not its top level; pass ${root}`);
    }
  }

  const current = await git.run(['symbolic-ref', '--quiet', 'HEAD'], [0, 1]);
  const currentBranch = current.exitCode === 0 ? current.stdout.trim().replace(/^refs\/heads\//, '') : null;
  const headCommit = await git.resolveCommit('HEAD');
  if (headCommit === null) {
    const anyRef = await git.text(['for-each-ref', '--count=1', '--format=%(refname)']);
    throw new NoCommitsError(repoPath, anyRef === '' ? null : currentBranch);
  }
  // A detached HEAD is a commit the user chose (a tag, a bisect step, a CI checkout): start from
  // it, as the user sees their tree, rather than from some branch's tip.
  const checkouts = (await listWorktrees(git)).filter((w) => !w.bare && !w.prunable).map((w) => w.path);
  if (currentBranch === null) return { branch: DETACHED_BASE, commit: headCommit, detached: true, root, bare, checkouts };
  return { branch: currentBranch, commit: headCommit, detached: false, root, bare, checkouts };
}

/** git's own reason when it is more specific than "not a git repository" (e.g. dubious ownership). */
async function whyNotARepo(git: Git): Promise<string> {
  try {
    await git.run(['rev-parse', '--git-dir']);
  } catch (err) {
    const message = err instanceof Error ? err.message : '';
    if (/dubious ownership/i.test(message)) return 'git refuses it (dubious ownership: see `git config safe.directory`)';
  }
  return 'not a git repository';
}
