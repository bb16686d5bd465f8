// Which commit a candidate is judged against when nobody says: the un-migrated commit it grew
// from. For another branch, its merge-base with the checked-out branch; for the checked-out
// commit itself (or an ancestor of it), the parent of the first commit on its first-parent line
// that added a Bazel file, or the commit itself when it has none.
import { Git } from '../git/git.js';

const BAZEL_FILES = ['MODULE.bazel', 'WORKSPACE', 'WORKSPACE.bazel', ':(glob)**/BUILD', ':(glob)**/BUILD.bazel'];

export interface BaseChoice {
  commit: string;
  /** How it was chosen, in words for the user. */
  how: string;
}

export async function defaultBase(repoPath: string, refCommit: string, headCommit: string, headName: string): Promise<BaseChoice | null> {
  const git = new Git(repoPath);
  if (refCommit !== headCommit) {
    const mergeBase = await git.run(['merge-base', refCommit, headCommit], [0, 1]);
    const commit = mergeBase.stdout.trim();
    if (mergeBase.exitCode === 0 && commit !== '' && commit !== refCommit) {
      return { commit, how: `the merge-base with ${headName}` };
    }
  }
  const added = await git.text(['log', '--first-parent', '--reverse', '--diff-filter=A', '--format=%H', refCommit, '--', ...BAZEL_FILES]);
  const first = added.split('\n')[0];
  if (!first) return { commit: refCommit, how: 'the commit itself (it has no Bazel files)' };
  const parent = await git.resolveCommit(`${first}^`);
  if (parent === null) return null;
  return { commit: parent, how: `the parent of ${first.slice(0, 12)}, which added the first Bazel file` };
}
