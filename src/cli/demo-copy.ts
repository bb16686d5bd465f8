// The temporary repositories `demo` makes: a directory of our own (sog-demo-*) holding the copy and
// a marker, so `clean --all` can tell them from a user's repository and remove them.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Git } from '../git/git.js';

const PREFIX = 'sog-demo-';
const MARKER = '.shots-on-goal-demo';

/** A fresh marked directory for a copy of examples/NAME; the copy goes in `repo`. */
export function makeDemoDir(example: string): { dir: string; repo: string } {
  const dir = mkdtempSync(path.join(tmpdir(), PREFIX));
  writeFileSync(path.join(dir, MARKER), `examples/${example}, copied by shots-on-goal demo\n`);
  return { dir, repo: path.join(dir, example) };
}

/** The demo directory holding this repository, or null when it is not a demo copy. */
export function demoDirOf(repoPath: string): string | null {
  const dir = path.dirname(repoPath);
  return path.basename(dir).startsWith(PREFIX) && existsSync(path.join(dir, MARKER)) ? dir : null;
}

/**
 * Why a demo copy holds something of the user's (a commit or branch of theirs, uncommitted
 * changes), or null when it is still only the example's one commit and the session's branches.
 */
export async function demoWorkOf(repo: string): Promise<string | null> {
  const git = new Git(repo);
  try {
    const refs = (await git.text(['for-each-ref', '--format=%(refname)'])).split('\n').filter((r) => r && !r.startsWith('refs/heads/sog/'));
    const others = refs.filter((r) => r !== 'refs/heads/main');
    if (others.length > 0) return `it has ${others.map((r) => r.replace(/^refs\/(heads\/)?/, '')).join(', ')}`;
    if ((await git.text(['rev-list', '--count', 'main'])).trim() !== '1') return 'main has commits added after the copy';
    if ((await git.text(['status', '--porcelain', '--untracked-files=all'])).trim() !== '') return 'it has uncommitted changes';
    return null;
  } catch (err) {
    return `git could not read it (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`;
  }
}
