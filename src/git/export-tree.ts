// A commit's files written into a directory outside the repository, from git's objects alone
// (ls-tree and cat-file): the user's index, working tree, refs and worktree list are never
// touched, no filter, attribute or hook of any configuration runs, and every tracked file is
// there as committed (unlike `git archive`, which drops export-ignore paths).
import { chmod, mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readBlobs } from './blobs.js';
import { spawnGit } from './spawn-git.js';

/** Blobs per cat-file run: bounds what is held in memory at once. */
const CHUNK = 2000;

export async function exportTree(repoPath: string, commit: string, dest: string): Promise<void> {
  const listing = (await spawnGit(repoPath, ['ls-tree', '-r', '-z', '--full-tree', commit])).toString('utf8');
  const entries: { mode: string; id: string; file: string }[] = [];
  for (const record of listing.split('\0')) {
    const tab = record.indexOf('\t');
    if (tab === -1) continue;
    const [mode, type, id] = record.slice(0, tab).split(' ');
    if (type === 'blob' && mode && id) entries.push({ mode, id, file: record.slice(tab + 1) });
  }
  const root = path.resolve(dest);
  for (let i = 0; i < entries.length; i += CHUNK) {
    const chunk = entries.slice(i, i + CHUNK);
    const blobs = await readBlobs(repoPath, chunk.map((e) => e.id));
    for (const e of chunk) {
      const target = path.join(root, e.file);
      // git never stores `..` or absolute paths in a tree; refuse anything that would leave dest anyway.
      if (!target.startsWith(`${root}${path.sep}`)) continue;
      await mkdir(path.dirname(target), { recursive: true });
      const content = blobs.get(e.id) ?? Buffer.alloc(0);
      if (e.mode === '120000') await symlink(content.toString('utf8'), target);
      else {
        await writeFile(target, content);
        if (e.mode === '100755') await chmod(target, 0o755);
      }
    }
  }
}
