// A clean branch for a pull request: the session's result as a few plain commits on the base
// commit (no merges, no attempt history), written with plumbing only, so the user's checkout,
// index and branches are never touched, and created only if the branch does not exist yet.
import { GitCommandError } from './errors.js';
import type { Git } from './git.js';

export interface ResultStep {
  /** A commit whose tree this step's commit gets. */
  commit: string;
  message: string;
}

export class BranchExistsError extends Error {
  override name = 'BranchExistsError';
}

/**
 * Writes one commit per step whose tree differs from the one before it (parent: the previous
 * commit, then `base`), then creates refs/heads/<branch> atomically: an existing branch is never
 * moved. Returns the commits written, oldest first.
 */
export async function writeResultBranch(git: Git, branch: string, base: string, steps: readonly ResultStep[]): Promise<{ sha: string; message: string }[]> {
  let parent = base;
  let parentTree = await treeOf(git, base);
  const written: { sha: string; message: string }[] = [];
  for (const step of steps) {
    const tree = await treeOf(git, step.commit);
    if (tree === parentTree) continue;
    parent = await git.text(['commit-tree', '--no-gpg-sign', '-p', parent, '-m', step.message, tree]);
    parentTree = tree;
    written.push({ sha: parent, message: step.message });
  }
  try {
    // The empty old value makes git refuse when the branch exists, even one made a moment ago.
    await git.run(['update-ref', '-m', 'shots-on-goal: export', `refs/heads/${branch}`, parent, '']);
  } catch (err) {
    if (err instanceof GitCommandError && (await git.resolveCommit(`refs/heads/${branch}`)) !== null) throw new BranchExistsError(branch);
    throw err;
  }
  return written;
}

async function treeOf(git: Git, commit: string): Promise<string> {
  return git.text(['rev-parse', '--verify', '--end-of-options', `${commit}^{tree}`]);
}

/** Whether `name` is a branch name git accepts (`git check-ref-format --branch`). */
export async function validBranchName(git: Git, name: string): Promise<boolean> {
  if (name.startsWith('-')) return false;
  const { exitCode } = await git.run(['check-ref-format', '--branch', name], [0, 1, 128]);
  return exitCode === 0;
}
