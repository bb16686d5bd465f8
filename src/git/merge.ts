import { BranchCheckedOutError, BranchNotFoundError, ForeignBranchError } from './errors.js';
import { isOurBranch } from './branch-names.js';
import type { Git } from './git.js';
import { worktreeWithBranch } from './worktrees.js';

export type MergeResult =
  | {
      ok: true;
      /** The target branch's new tip. */
      sha: string;
      /** The target only moved forward (no merge commit). */
      fastForward: boolean;
      /** The source was already contained in the target; nothing changed. */
      upToDate: boolean;
    }
  | { ok: false; conflicts: string[] };

/**
 * Merge `from` into our branch `into` without any checkout: `git merge-tree --write-tree`
 * computes the result in the object store, `commit-tree` records it, and `update-ref` moves the
 * branch only if it still points where it did (compare-and-swap). A conflict writes no ref,
 * no index and no MERGE_HEAD, so nothing is ever half-merged.
 */
export async function mergeBranches(git: Git, into: string, from: string, message: string): Promise<MergeResult> {
  if (!isOurBranch(into)) throw new ForeignBranchError(into);
  const holder = await worktreeWithBranch(git, into);
  if (holder) throw new BranchCheckedOutError(into, holder.path);

  const intoSha = await git.resolveCommit(`refs/heads/${into}`);
  if (intoSha === null) throw new BranchNotFoundError(into);
  const fromSha = await git.resolveBranchOrCommit(from);
  if (fromSha === null) throw new BranchNotFoundError(from);

  if (await isAncestor(git, fromSha, intoSha)) return { ok: true, sha: intoSha, fastForward: false, upToDate: true };
  if (await isAncestor(git, intoSha, fromSha)) {
    await moveBranch(git, into, fromSha, intoSha, `shots-on-goal: fast-forward to ${from}`);
    return { ok: true, sha: fromSha, fastForward: true, upToDate: false };
  }

  const merged = await git.run(['merge-tree', '--write-tree', '--no-messages', '--name-only', '-z', intoSha, fromSha], [0, 1]);
  const [tree = '', ...rest] = merged.stdout.split('\0');
  if (merged.exitCode === 1) {
    const conflicts = [...new Set(rest.filter((p) => p !== ''))].sort();
    return { ok: false, conflicts };
  }
  const sha = await git.text(['commit-tree', '--no-gpg-sign', '-p', intoSha, '-p', fromSha, '-m', message, tree.trim()]);
  await moveBranch(git, into, sha, intoSha, `shots-on-goal: merge ${from}`);
  return { ok: true, sha, fastForward: false, upToDate: false };
}

async function isAncestor(git: Git, ancestor: string, descendant: string): Promise<boolean> {
  const { exitCode } = await git.run(['merge-base', '--is-ancestor', ancestor, descendant], [0, 1]);
  return exitCode === 0;
}

/** Move refs/heads/<branch> to `sha` only if it is still at `expected`. */
export async function moveBranch(git: Git, branch: string, sha: string, expected: string, reflog: string): Promise<void> {
  await git.run(['update-ref', '-m', reflog, `refs/heads/${branch}`, sha, expected]);
}
