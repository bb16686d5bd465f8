// Every path the model gives is relative to the worktree. A path is accepted only when its real
// location (symlinks resolved on the deepest part that exists) is inside the worktree's real
// location, so `..`, absolute paths and symlinks pointing out (at any depth) are all refused
// before anything is read or written.
import { lstat, realpath } from 'node:fs/promises';
import path from 'node:path';
import { WORKSPACE } from '../runtime/types.js';
import { ToolError } from './types.js';

export interface ResolvedPath {
  /** Real host path (symlinks resolved) inside the worktree. */
  hostPath: string;
  /** POSIX path relative to the worktree root; '.' for the root. */
  relPath: string;
  /** The same location inside the container. */
  containerPath: string;
  exists: boolean;
}

export interface ResolveOptions {
  /** Writing: refuse the repository's `.git` and anything below it. */
  write?: boolean;
}

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function refuse(input: string, why: string): never {
  throw new ToolError(`Refused path "${input}": ${why}`);
}

async function exists(p: string): Promise<boolean> {
  try {
    await lstat(p);
    return true;
  } catch {
    return false;
  }
}

export async function resolveInWorktree(
  worktree: string,
  input: string,
  options: ResolveOptions = {},
): Promise<ResolvedPath> {
  if (input.includes('\0')) refuse(input.replace(/\0/g, '\\0'), 'it contains a NUL character.');
  const trimmed = input.trim() === '' ? '.' : input;
  if (path.isAbsolute(trimmed) || /^[A-Za-z]:[\\/]/.test(trimmed)) {
    const hint =
      trimmed === WORKSPACE || trimmed.startsWith(`${WORKSPACE}/`)
        ? ` Use the path relative to the repository root, e.g. "${path.posix.relative(WORKSPACE, trimmed) || '.'}".`
        : '';
    refuse(input, `absolute paths are not allowed; paths are relative to the repository root.${hint}`);
  }
  const root = await realpath(worktree);
  const lexical = path.resolve(root, trimmed);
  if (!isInside(root, lexical)) refuse(input, 'it points outside the repository.');

  // Walk up to the deepest part that exists and resolve its symlinks; the missing rest is
  // appended as plain names (they will be created as real directories/files).
  let existing = lexical;
  const missing: string[] = [];
  while (!(await exists(existing))) {
    missing.unshift(path.basename(existing));
    existing = path.dirname(existing);
  }
  let real: string;
  try {
    real = await realpath(existing);
  } catch {
    refuse(input, `"${path.relative(root, existing)}" is a symlink whose target does not exist.`);
  }
  if (!isInside(root, real)) {
    refuse(input, `"${path.relative(root, existing) || '.'}" is a symlink that leads outside the repository.`);
  }
  const hostPath = path.join(real, ...missing);
  const relPath = path.relative(root, hostPath).split(path.sep).join('/') || '.';
  // Case-insensitively: on macOS and Windows file systems `.GIT` is the same directory.
  if (options.write && relPath.split('/').some((part) => part.toLowerCase() === '.git')) {
    refuse(input, 'writing inside .git is not allowed.');
  }
  return {
    hostPath,
    relPath,
    containerPath: relPath === '.' ? WORKSPACE : `${WORKSPACE}/${relPath}`,
    exists: missing.length === 0,
  };
}
