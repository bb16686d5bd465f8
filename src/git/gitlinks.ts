// Submodule paths (gitlinks, mode 160000) in a commit's tree. Files written below one are never
// part of the superproject's commits, so the write tools refuse them.
import type { Git } from './git.js';

export async function gitlinksAt(git: Git, sha: string): Promise<string[]> {
  const { stdout } = await git.run(['ls-tree', '-r', '-z', '--full-tree', sha]);
  return stdout
    .split('\0')
    .filter((entry) => entry.startsWith('160000 '))
    .map((entry) => entry.slice(entry.indexOf('\t') + 1));
}
