// The tree the generator reads: tracked paths and their text. Analysis is a pure function of it;
// reading it from a worktree (git ls-files, then each file) is the only I/O.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface SourceTree {
  /** Repository-relative POSIX paths, sorted. */
  paths: string[];
  /** The file's text ('' for a file too large to be a hand-written source). */
  read(file: string): string;
  /** Whether the file is executable (scripts run by sh_test/sh_binary must be). */
  executable(file: string): boolean;
}

const MAX_BYTES = 512 * 1024;

export function treeFromFiles(files: Record<string, string>, executables: Iterable<string> = []): SourceTree {
  const exec = new Set(executables);
  return {
    paths: Object.keys(files).sort(),
    read: (f) => files[f] ?? '',
    executable: (f) => exec.has(f),
  };
}

/** The tracked files of the worktree at `dir` (with their working contents), read lazily once. */
export function readWorktree(dir: string): SourceTree {
  const listing = execFileSync('git', ['-c', 'core.quotePath=off', 'ls-files', '-z', '-s'], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', GIT_OPTIONAL_LOCKS: '0' },
  });
  const modes = new Map<string, string>();
  for (const record of listing.split('\0')) {
    const tab = record.indexOf('\t');
    if (tab === -1) continue;
    const mode = record.slice(0, record.indexOf(' '));
    if (mode === '160000' || mode === '120000') continue; // submodules and links: not sources
    modes.set(record.slice(tab + 1), mode);
  }
  const cache = new Map<string, string>();
  return {
    paths: [...modes.keys()].sort(),
    read(file) {
      let text = cache.get(file);
      if (text === undefined) {
        const full = path.join(dir, file);
        try {
          text = statSync(full).size > MAX_BYTES ? '' : readFileSync(full, 'utf8');
        } catch {
          text = '';
        }
        cache.set(file, text);
      }
      return text;
    },
    executable: (file) => modes.get(file) === '100755',
  };
}
