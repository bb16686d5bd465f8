// Host-side access to a worktree that stays inside it even while something else (a build step, a
// Bazel worker) changes the tree between our check and our use. Node has no openat(2), but on
// Linux a path through /proc/self/fd/<fd>/<name> is resolved from the directory that descriptor
// holds. So a path is walked one component at a time from held directories, each component opened
// with O_NOFOLLOW and compared (device, inode) with what was checked. The kernel never follows a
// symlink for us: its target is read, joined lexically and walked again from the root, and refused
// when it leaves the repository. Writes create a new file (O_EXCL) in the held directory and rename
// it over the name, so no symlink or hard link put there can redirect them.
import { randomBytes } from 'node:crypto';
import { constants, type Dirent, type Stats } from 'node:fs';
import { lstat, mkdir, open, readdir, readlink, realpath, rename, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { ToolError } from '../tool-error.js';

const { O_RDONLY, O_WRONLY, O_CREAT, O_EXCL, O_DIRECTORY, O_NOFOLLOW, O_NONBLOCK } = constants;
const MAX_SYMLINKS = 40;
/** How often a component that changes under us is looked at again before giving up. */
const MAX_RETRIES = 20;

function errno(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

function at(dir: FileHandle, name?: string): string {
  return name === undefined ? `/proc/self/fd/${dir.fd}` : `/proc/self/fd/${dir.fd}/${name}`;
}

function sameFile(a: Stats, b: Stats): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

function changedUnderUs(relPath: string): ToolError {
  return new ToolError(`${relPath} kept changing while it was being opened (something else is modifying it); try again.`);
}

/** POSIX path of `parts`, '.' for none. */
export function joinRel(parts: readonly string[]): string {
  return parts.length === 0 ? '.' : parts.join('/');
}

/** A lexically normalised path relative to the root; null when it leaves the root. */
export function normaliseRel(rel: string): string[] | null {
  if (rel.startsWith('/')) return null;
  const normal = path.posix.normalize(rel === '' ? '.' : rel);
  if (normal === '..' || normal.startsWith('../')) return null;
  return normal.split('/').filter((p) => p !== '' && p !== '.');
}

export type TargetKind = 'directory' | 'file' | 'other' | 'missing';

/**
 * Where a walk ended: held directories from the root down, and either the target directory
 * itself (the last held one), an entry in it (`name`), or names that do not exist yet (`missing`).
 * Close it when done.
 */
export class WorktreeTarget {
  constructor(
    private readonly dirs: FileHandle[],
    private readonly dirParts: string[],
    private readonly name: string | null,
    private readonly entry: Stats | null,
    private readonly missing: string[],
  ) {}

  /** The resolved path relative to the root (symlinks inside the repository followed). */
  get relPath(): string {
    return joinRel([...this.dirParts, ...(this.name === null ? [] : [this.name]), ...this.missing]);
  }

  get kind(): TargetKind {
    if (this.missing.length > 0) return 'missing';
    if (this.name === null) return 'directory';
    return this.entry?.isFile() ? 'file' : 'other';
  }

  /** Size of an existing file, as seen by the walk. */
  get size(): number | null {
    return this.entry?.isFile() ? this.entry.size : null;
  }

  /** Permission bits of an existing file, as seen by the walk. */
  get mode(): number | null {
    return this.entry?.isFile() ? this.entry.mode & 0o7777 : null;
  }

  private get top(): FileHandle {
    return this.dirs[this.dirs.length - 1]!;
  }

  /** Opens the file for reading; what is opened must be what the walk checked. */
  async openFile(): Promise<{ handle: FileHandle; stats: Stats }> {
    if (this.name === null || this.entry === null) throw new Error('openFile needs an existing entry');
    let handle: FileHandle;
    try {
      handle = await open(at(this.top, this.name), O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
    } catch (err) {
      if (['ELOOP', 'ENOENT', 'ENOTDIR', 'ENXIO', 'EISDIR'].includes(errno(err) ?? '')) throw changedUnderUs(this.relPath);
      throw err;
    }
    const stats = await handle.stat();
    if (!sameFile(stats, this.entry)) {
      await handle.close();
      throw changedUnderUs(this.relPath);
    }
    return { handle, stats };
  }

  /** Entries of the target directory (names and types as the directory reports them). */
  async list(): Promise<Dirent[]> {
    if (this.kind !== 'directory') throw new Error('list needs a directory');
    return readdir(at(this.top), { withFileTypes: true });
  }

  /** lstat of one entry of the target directory, never following it. */
  entryStats(name: string): Promise<Stats> {
    return lstat(at(this.top, name));
  }

  /** The text of a symlink in the target directory. */
  entryLink(name: string): Promise<string> {
    return readlink(at(this.top, name));
  }

  /**
   * Replaces the target file's content (creating it and missing parent directories): a new file
   * created in the held parent, written, given `mode`, then renamed over the name.
   */
  async write(data: Uint8Array, mode: number): Promise<void> {
    if (this.kind === 'directory') {
      throw new ToolError(`${this.relPath} is a directory; give a file path.`);
    }
    const names = this.name !== null ? [this.name] : this.missing;
    const made: FileHandle[] = [];
    try {
      let dir = this.top;
      for (const part of names.slice(0, -1)) {
        try {
          await mkdir(at(dir, part));
        } catch (err) {
          if (errno(err) !== 'EEXIST') throw err;
        }
        try {
          dir = await open(at(dir, part), O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
        } catch (err) {
          if (errno(err) === 'ENOTDIR' || errno(err) === 'ELOOP') {
            throw new ToolError(`Cannot create ${this.relPath}: a parent of it is a file, not a directory.`);
          }
          throw err;
        }
        made.push(dir);
      }
      const last = names[names.length - 1]!;
      const temp = `.sog-write-${randomBytes(6).toString('hex')}.tmp`;
      const handle = await open(at(dir, temp), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600);
      try {
        try {
          await handle.writeFile(data);
          await handle.chmod(mode);
        } finally {
          await handle.close();
        }
        await rename(at(dir, temp), at(dir, last));
      } catch (err) {
        await unlink(at(dir, temp)).catch(() => undefined);
        if (errno(err) === 'EISDIR' || errno(err) === 'ENOTEMPTY' || errno(err) === 'EEXIST') {
          throw new ToolError(`${this.relPath} is a directory; give a file path.`);
        }
        throw err;
      }
    } finally {
      await Promise.all(made.map((h) => h.close()));
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.dirs.map((h) => h.close().catch(() => undefined)));
  }
}

/** Why a walk was refused; the caller words it for the model. */
export class OutsideError extends Error {
  constructor(readonly symlink: string | null) {
    super(symlink === null ? 'outside the repository' : `"${symlink}" is a symlink that leads outside the repository`);
  }
}

/**
 * Walks `rel` (already normalised, inside the root) from the worktree root. Symlinks inside the
 * repository are followed; one that leads outside throws OutsideError.
 */
export async function walkWorktree(worktree: string, rel: readonly string[]): Promise<WorktreeTarget> {
  const rootReal = await realpath(worktree);
  const root = await open(rootReal, O_RDONLY | O_DIRECTORY);
  if (!(await lstat(at(root)).then(() => true, () => false))) {
    await root.close();
    throw new Error('the file tools need Linux /proc (/proc/self/fd) to open paths without races; /proc is not mounted');
  }
  let dirs: FileHandle[] = [root];
  let parts: string[] = [];
  let queue = [...rel];
  let hops = 0;
  let retries = 0;
  const restart = async () => {
    await Promise.all(dirs.slice(1).map((h) => h.close()));
    dirs = [root];
    parts = [];
  };
  try {
    while (queue.length > 0) {
      const name = queue[0]!;
      const top = dirs[dirs.length - 1]!;
      let seen: Stats;
      try {
        seen = await lstat(at(top, name));
      } catch (err) {
        if (errno(err) === 'ENOENT' || errno(err) === 'ENOTDIR') return new WorktreeTarget(dirs, parts, null, null, queue);
        throw err;
      }
      if (seen.isSymbolicLink()) {
        if (++hops > MAX_SYMLINKS) throw new ToolError(`${joinRel([...parts, name])}: too many levels of symlinks.`);
        let text: string;
        try {
          text = await readlink(at(top, name));
        } catch {
          if (++retries > MAX_RETRIES) throw changedUnderUs(joinRel([...parts, name]));
          continue;
        }
        const fromRoot = path.isAbsolute(text) ? path.relative(rootReal, text) : path.posix.join(joinRel(parts), text);
        const next = path.isAbsolute(fromRoot) ? null : normaliseRel(path.posix.join(fromRoot, ...queue.slice(1)));
        if (next === null) throw new OutsideError(joinRel([...parts, name]));
        await restart();
        queue = next;
        continue;
      }
      if (seen.isDirectory()) {
        let handle: FileHandle;
        try {
          handle = await open(at(top, name), O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
        } catch (err) {
          if (!['ENOTDIR', 'ELOOP', 'ENOENT'].includes(errno(err) ?? '')) throw err;
          if (++retries > MAX_RETRIES) throw changedUnderUs(joinRel([...parts, name]));
          continue;
        }
        if (!sameFile(await handle.stat(), seen)) {
          await handle.close();
          if (++retries > MAX_RETRIES) throw changedUnderUs(joinRel([...parts, name]));
          continue;
        }
        dirs.push(handle);
        parts.push(name);
        queue.shift();
        continue;
      }
      // A file or special file: the target, or (with more names after it) a path that cannot exist.
      if (queue.length > 1) return new WorktreeTarget(dirs, parts, null, null, queue);
      return new WorktreeTarget(dirs, parts, name, seen, []);
    }
    return new WorktreeTarget(dirs, parts, null, null, []);
  } catch (err) {
    await Promise.all(dirs.map((h) => h.close().catch(() => undefined)));
    throw err;
  }
}

export interface ReadWorktreeFileOptions {
  /** A larger file reads as null (checked before anything is read). */
  maxBytes?: number;
  /** False: a path that passes through any symlink, even one inside the worktree, reads as null. */
  followSymlinks?: boolean;
  /** Read at most this many bytes from the start (instead of null for a larger file). */
  head?: number;
}

/**
 * The bytes of the regular file at `rel` (POSIX, relative to the worktree), read through the same
 * walk; null when it is missing, not a regular file, outside the worktree or changing under us.
 */
export async function readWorktreeFile(worktree: string, rel: string, options: ReadWorktreeFileOptions = {}): Promise<Buffer | null> {
  const parts = normaliseRel(rel);
  if (parts === null) return null;
  let target: WorktreeTarget;
  try {
    target = await walkWorktree(worktree, parts);
  } catch {
    return null;
  }
  try {
    if (target.kind !== 'file') return null;
    if (options.followSymlinks === false && target.relPath !== joinRel(parts)) return null;
    if (options.maxBytes !== undefined && target.size! > options.maxBytes) return null;
    const { handle, stats } = await target.openFile();
    try {
      if (options.maxBytes !== undefined && stats.size > options.maxBytes) return null;
      if (!stats.isFile()) return null;
      if (options.head !== undefined && stats.size > options.head) {
        const { buffer, bytesRead } = await handle.read(Buffer.alloc(options.head), 0, options.head, 0);
        return buffer.subarray(0, bytesRead);
      }
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  } finally {
    await target.close();
  }
}
