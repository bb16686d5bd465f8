// Many blobs of one repository in one `git cat-file --batch` process: reading a commit's files
// this way never touches the working tree or the index, and costs one process for thousands.
import { spawn } from 'node:child_process';
import { GitCommandError } from './errors.js';
import { childEnv } from './git.js';
import { GIT_CONFIG } from './identity.js';

/** Object id → content, for every id given that names a blob. */
export function readBlobs(cwd: string, ids: readonly string[]): Promise<Map<string, Buffer>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return Promise.resolve(new Map());
  const args = [...GIT_CONFIG.flatMap((c) => ['-c', c]), 'cat-file', '--batch'];
  const env = { ...childEnv() };
  delete env.GIT_TRACE;
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', (err) => reject(new GitCommandError(['cat-file', '--batch'], null, err.message)));
    child.on('close', (code) => {
      if (code !== 0) return reject(new GitCommandError(['cat-file', '--batch'], code, stderr.trim()));
      resolve(parseBatch(Buffer.concat(chunks)));
    });
    child.stdin.end(unique.join('\n') + '\n');
  });
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
