// A hardened Git runner for a checkout given only its directory (a session's attempt worktree, or
// a plain clone), with the git directory named explicitly. A linked worktree's `.git` file says
// where its git directory is, but anything that wrote into the tree could have rewritten it, so
// the directory it names is accepted only when git's own record there (`<gitdir>/gitdir`, kept in
// the repository's git directory, outside the tree) names this worktree back.
import { lstat, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { NotAGitRepositoryError, WorktreeTamperedError } from './errors.js';
import { Git } from './git.js';

export async function checkoutGit(dir: string): Promise<Git> {
  let real: string;
  try {
    real = await realpath(dir);
  } catch {
    throw new NotAGitRepositoryError(dir, 'no such directory');
  }
  const dotGit = path.join(real, '.git');
  const stat = await lstat(dotGit).catch(() => null);
  if (stat === null) throw new NotAGitRepositoryError(dir, 'not the top of a git checkout (it has no .git)');
  if (stat.isDirectory()) return new Git(real, { gitDir: dotGit, workTree: real });
  if (!stat.isFile()) throw new WorktreeTamperedError(dir, 'it is neither a directory nor a regular file');
  const named = /^gitdir: (.+)\n?$/.exec(await readFile(dotGit, 'utf8'))?.[1];
  if (named === undefined || !path.isAbsolute(named)) throw new WorktreeTamperedError(dir, 'it does not name an absolute git directory');
  const gitDir = await realpath(named).catch(() => null);
  const fromTree = gitDir === null ? '' : path.relative(real, gitDir);
  if (gitDir === null || !(fromTree === '..' || fromTree.startsWith('../'))) throw new WorktreeTamperedError(dir, 'the git directory it names is missing or inside the tree');
  const record = await readFile(path.join(gitDir, 'gitdir'), 'utf8').catch(() => null);
  if (record !== `${dotGit}\n`) throw new WorktreeTamperedError(dir, 'the git directory it names has no record of this worktree');
  return new Git(real, { gitDir, workTree: real });
}
