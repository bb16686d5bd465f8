import type { Git } from './git.js';

export interface DiffResult {
  /** Unified patch; binary files appear as "Binary files a/x and b/x differ". */
  patch: string;
  /** `git diff --stat` text (binary files as "Bin 0 -> 120 bytes"). */
  stat: string;
  filesChanged: number;
  insertions: number;
  deletions: number;
}

// Explicit prefixes, no colour: the user's diff config must not change what we store
// (diff.noprefix, color.ui=always...). The runner adds --no-ext-diff --no-textconv to every diff.
const DIFF_FLAGS = ['--no-color', '--src-prefix=a/', '--dst-prefix=b/', '--find-renames'];

export async function diffCommits(git: Git, baseSha: string, sha: string): Promise<DiffResult> {
  const range = [baseSha, sha, '--'];
  const [patch, stat, numstat] = await Promise.all([
    git.run(['diff', ...DIFF_FLAGS, ...range]).then((r) => r.stdout),
    git.text(['diff', ...DIFF_FLAGS, '--stat=200', ...range]),
    git.text(['diff', ...DIFF_FLAGS, '--numstat', ...range]),
  ]);
  let filesChanged = 0;
  let insertions = 0;
  let deletions = 0;
  for (const line of numstat.split('\n')) {
    const m = /^(\d+|-)\t(\d+|-)\t/.exec(line);
    if (!m) continue;
    filesChanged++;
    if (m[1] !== '-') insertions += Number(m[1]);
    if (m[2] !== '-') deletions += Number(m[2]);
  }
  return { patch, stat, filesChanged, insertions, deletions };
}
