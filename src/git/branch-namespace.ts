// Git keeps branches as paths: a branch named `sog` leaves no room for `sog/...` beside it, and
// every branch of a session would fail to be created after the session itself was.
import { BRANCH_PREFIX } from './branch-names.js';
import { Git } from './git.js';

/** One line saying what to do when the repository's branches block ours, or null when they do not. */
export async function branchNamespaceConflict(repoPath: string): Promise<string | null> {
  const name = BRANCH_PREFIX.replace(/\/$/, '');
  const found = await new Git(repoPath).run(['show-ref', '--verify', '--quiet', `refs/heads/${name}`], [0, 1]);
  if (found.exitCode !== 0) return null;
  return `${repoPath} has a branch named "${name}", so git cannot create the session's branches under ${BRANCH_PREFIX}; rename it (git -C ${repoPath} branch -m ${name} ${name}-old) and run again`;
}
