// The tree the generator reads: tracked paths and their text. Analysis is a pure function of it;
// reading it from a worktree (git ls-files, then each file) is the only I/O.
import { checkoutGit } from '../git/checkout-git.js';
import { readWorktreeFile } from '../fs/worktree-fs.js';

export interface SourceTree {
  /** Repository-relative POSIX paths, sorted. */
  paths: string[];
  /** The file's text ('' for a file too large to be a hand-written source, or a symlink). */
  read(file: string): string;
  /** Whether the file is executable (scripts run by sh_test/sh_binary must be). */
  executable(file: string): boolean;
  /** Whether the file holds a NUL byte near its start, as git judges a file binary. */
  binary(file: string): boolean;
}

const MAX_BYTES = 512 * 1024;
/** Where git looks for a NUL byte to call a file binary. */
const BINARY_PROBE_BYTES = 8000;
/** Files read at once (the walk and the reads go through libuv's thread pool). */
const READ_CONCURRENCY = 16;

export function treeFromFiles(files: Record<string, string>, executables: Iterable<string> = []): SourceTree {
  const exec = new Set(executables);
  return {
    paths: Object.keys(files).sort(),
    read: (f) => files[f] ?? '',
    executable: (f) => exec.has(f),
    binary: (f) => (files[f] ?? '').slice(0, BINARY_PROBE_BYTES).includes('\0'),
  };
}

/**
 * The tracked files of the checkout at `dir` with their working contents. The worktree is
 * untrusted: git runs hardened with the git directory git recorded for it (checkoutGit), and each
 * file is read through the worktree walk without following any symlink, so a link (or a linked
 * directory) put in place of a tracked file reads as ''.
 */
export async function readWorktree(dir: string): Promise<SourceTree> {
  const git = await checkoutGit(dir);
  const { stdout } = await git.run(['ls-files', '-z', '-s']);
  const modes = new Map<string, string>();
  for (const record of stdout.split('\0')) {
    const tab = record.indexOf('\t');
    if (tab === -1) continue;
    const mode = record.slice(0, record.indexOf(' '));
    if (mode === '160000' || mode === '120000') continue; // submodules and links: not sources
    modes.set(record.slice(tab + 1), mode);
  }
  const paths = [...modes.keys()].sort();
  const texts = new Map<string, string>();
  const binaries = new Set<string>();
  let next = 0;
  const reader = async () => {
    while (next < paths.length) {
      const file = paths[next++]!;
      const whole = await readWorktreeFile(git.cwd, file, { maxBytes: MAX_BYTES, followSymlinks: false });
      // A larger file is not read as text, but its start still says whether it is binary.
      const start = whole ?? (await readWorktreeFile(git.cwd, file, { head: BINARY_PROBE_BYTES, followSymlinks: false }));
      if (start?.subarray(0, BINARY_PROBE_BYTES).includes(0)) binaries.add(file);
      texts.set(file, whole === null || binaries.has(file) ? '' : whole.toString('utf8'));
    }
  };
  await Promise.all(Array.from({ length: READ_CONCURRENCY }, reader));
  return {
    paths,
    read: (file) => texts.get(file) ?? '',
    executable: (file) => modes.get(file) === '100755',
    binary: (file) => binaries.has(file),
  };
}
