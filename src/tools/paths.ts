// Every path the model gives is relative to the worktree. It is normalised lexically (`..` may not
// leave the root, absolute paths are refused) and then walked inside the worktree without ever
// letting the kernel follow a symlink (see worktree-fs.ts): symlinks inside the repository are
// followed by the walk, one that leads outside (at any depth) is refused before anything is read or
// written, and a tree changed during the walk cannot redirect it. Write paths must also be paths
// the attempt's commit can record.
import { WORKSPACE } from '../runtime/types.js';
import { enclosingGitlink, gitRefusal } from './git-paths.js';
import { ToolError } from './types.js';
import { normaliseRel, OutsideError, walkWorktree, type WorktreeTarget } from '../fs/worktree-fs.js';

export interface ResolvedPath {
  /** POSIX path relative to the worktree root (symlinks inside it followed); '.' for the root. */
  relPath: string;
  /** The same location inside the container. */
  containerPath: string;
  exists: boolean;
}

export interface ResolveOptions {
  /** Writing: refuse `.git` (in any spelling git refuses) and paths inside a submodule. */
  write?: boolean;
  /** Submodule paths (gitlinks) of the attempt's tree. */
  gitlinks?: readonly string[];
}

function refuse(input: string, why: string): never {
  throw new ToolError(`Refused path "${input}": ${why}`);
}

function parseInput(input: string): string[] {
  if (input.includes('\0')) refuse(input.replace(/\0/g, '\\0'), 'it contains a NUL character.');
  const trimmed = input.trim() === '' ? '.' : input;
  if (trimmed.startsWith('/') || /^[A-Za-z]:[\\/]/.test(trimmed)) {
    const hint =
      trimmed === WORKSPACE || trimmed.startsWith(`${WORKSPACE}/`)
        ? ` Use the path relative to the repository root, e.g. "${trimmed.slice(WORKSPACE.length + 1) || '.'}".`
        : '';
    refuse(input, `absolute paths are not allowed; paths are relative to the repository root.${hint}`);
  }
  const parts = normaliseRel(trimmed);
  if (parts === null) refuse(input, 'it points outside the repository.');
  return parts;
}

/**
 * Walks the model's path inside the worktree and holds it open: the caller reads, lists or writes
 * through the returned target and must close it.
 */
export async function openInWorktree(worktree: string, input: string, options: ResolveOptions = {}): Promise<WorktreeTarget> {
  const parts = parseInput(input);
  let target: WorktreeTarget;
  try {
    target = await walkWorktree(worktree, parts);
  } catch (err) {
    if (err instanceof OutsideError) refuse(input, `${err.message}.`);
    throw err;
  }
  if (options.write) {
    const relPath = target.relPath;
    const gitWhy = gitRefusal(relPath);
    const gitlink = enclosingGitlink(relPath, options.gitlinks ?? []);
    if (gitWhy !== null || gitlink !== null) {
      await target.close();
      if (gitWhy !== null) refuse(input, `${gitWhy}.`);
      refuse(input, `"${gitlink}" is a git submodule (not part of this repository's commits); nothing can be written inside it.`);
    }
  }
  return target;
}

/** Where the model's path leads (for tools that run in the container); nothing stays open. */
export async function resolveInWorktree(worktree: string, input: string, options: ResolveOptions = {}): Promise<ResolvedPath> {
  const target = await openInWorktree(worktree, input, options);
  await target.close();
  const relPath = target.relPath;
  return {
    relPath,
    containerPath: relPath === '.' ? WORKSPACE : `${WORKSPACE}/${relPath}`,
    exists: target.kind !== 'missing',
  };
}
