import type { Git } from './git.js';

export interface WorktreeInfo {
  path: string;
  /** The commit checked out (null for a bare repository's entry). */
  head: string | null;
  /** Branch name without refs/heads/, or null when detached or bare. */
  branch: string | null;
  bare: boolean;
  /** Its directory is gone; `git worktree prune` would drop it. */
  prunable: boolean;
  locked: boolean;
}

/** Every worktree registered in the repository, the main one first. */
export async function listWorktrees(git: Git): Promise<WorktreeInfo[]> {
  const { stdout } = await git.run(['worktree', 'list', '--porcelain', '-z']);
  const out: WorktreeInfo[] = [];
  let current: WorktreeInfo | null = null;
  for (const field of stdout.split('\0')) {
    if (field === '') {
      if (current) out.push(current);
      current = null;
      continue;
    }
    const space = field.indexOf(' ');
    const key = space < 0 ? field : field.slice(0, space);
    const value = space < 0 ? '' : field.slice(space + 1);
    if (key === 'worktree') {
      current = { path: value, head: null, branch: null, bare: false, prunable: false, locked: false };
    } else if (current) {
      if (key === 'HEAD') current.head = value;
      else if (key === 'branch') current.branch = value.replace(/^refs\/heads\//, '');
      else if (key === 'bare') current.bare = true;
      else if (key === 'prunable') current.prunable = true;
      else if (key === 'locked') current.locked = true;
    }
  }
  if (current) out.push(current);
  return out;
}

/** The worktree that has `branch` checked out, if any (the user's checkout included). */
export async function worktreeWithBranch(git: Git, branch: string): Promise<WorktreeInfo | undefined> {
  return (await listWorktrees(git)).find((w) => w.branch === branch);
}
