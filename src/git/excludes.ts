import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import type { Git } from './git.js';

/**
 * Never committed: Bazel's convenience symlinks and output dirs at the workspace root
 * (bazel-bin, bazel-out, bazel-testlogs, bazel-<workspace>) and interpreter caches.
 * Ignore rules never hide tracked files, so tracked content under these names still commits.
 */
export const ALWAYS_EXCLUDED: readonly string[] = ['/bazel-*', '__pycache__/', '*.py[cod]'];

/** Bazel's own files: a migration's work, committed even where the repository's ignore rules match them. */
export const BAZEL_FILE = /^(BUILD|BUILD\.bazel|MODULE\.bazel|MODULE\.bazel\.lock|REPO\.bazel|WORKSPACE|WORKSPACE\.bazel|WORKSPACE\.bzlmod|\.bazelrc|\.bazelversion|.+\.bzl)$/;

function escapePattern(name: string): string {
  return name.replace(/[\\*?[\]!#]/g, (c) => `\\${c}`).replace(/ $/, '\\ ');
}

/**
 * Write the exclude file for one commit of `worktree` and return its path. It plays the role of
 * the worktree's own info/exclude (git shares that file with the user's checkout, so we never
 * touch it) and is passed as core.excludesFile; since that replaces the user's global excludes
 * file for the command, its content is copied in first.
 */
export async function writeExcludesFile(worktree: Git, file: string): Promise<string> {
  const lines = ['# written by shots-on-goal for its own commits', ...(await userGlobalExcludes(worktree))];
  lines.push(...ALWAYS_EXCLUDED);
  // A top-level directory the repository itself tracks under a bazel-* name is source, not output.
  const root = await worktree.run(['ls-tree', '--name-only', '-z', 'HEAD']);
  for (const entry of root.stdout.split('\0')) {
    if (entry.startsWith('bazel-')) lines.push(`!/${escapePattern(entry)}`);
  }
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, lines.join('\n') + '\n');
  return file;
}

async function userGlobalExcludes(git: Git): Promise<string[]> {
  const configured = await git.run(['config', '--path', '--get', 'core.excludesFile'], [0, 1]);
  const xdg = process.env.XDG_CONFIG_HOME || path.join(homedir(), '.config');
  const file = configured.exitCode === 0 ? configured.stdout.trim() : path.join(xdg, 'git', 'ignore');
  try {
    return (await readFile(path.resolve(git.cwd, file), 'utf8')).split('\n');
  } catch {
    return [];
  }
}
