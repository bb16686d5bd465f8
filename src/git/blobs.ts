// Many blobs of one repository in one `git cat-file --batch` process: reading a commit's files
// this way never touches the working tree or the index, and costs one process for thousands.
import { spawnGit } from './spawn-git.js';

/** Object id → content, for every id given that names a blob. */
export async function readBlobs(cwd: string, ids: readonly string[]): Promise<Map<string, Buffer>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  return parseBatch(await spawnGit(cwd, ['cat-file', '--batch'], { input: unique.join('\n') + '\n' }));
}

/** `<id> <type> <size>\n<content>\n` per object; `<id> missing\n` for unknown ones. */
function parseBatch(out: Buffer): Map<string, Buffer> {
  const blobs = new Map<string, Buffer>();
  let at = 0;
  while (at < out.length) {
    const nl = out.indexOf(0x0a, at);
    if (nl === -1) break;
    const [id, type, size] = out.subarray(at, nl).toString('utf8').split(' ');
    at = nl + 1;
    if (size === undefined || id === undefined) continue;
    const n = Number(size);
    if (type === 'blob') blobs.set(id, out.subarray(at, at + n));
    at += n + 1;
  }
  return blobs;
}
