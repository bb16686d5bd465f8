import type { BigIntStats, Dirent } from 'node:fs';
import { chmod, copyFile, lstat, mkdir, readdir, readFile, readlink, rm, symlink } from 'node:fs/promises';
import path from 'node:path';

/** What a file looked like when it was last copied: its source and copy unchanged means nothing to do. */
interface Copied {
  source: string;
  copy: string;
}

/** Remembered between syncs into one directory, so unchanged files are not read again. */
export type SyncMemory = Map<string, Copied>;

export interface SyncCounts {
  copied: number;
  removed: number;
  kept: number;
}

/**
 * Makes `dest` hold exactly what `source` holds: the same files (content and executable bit),
 * directories and symlinks, and nothing else. A file whose content is already right is left
 * alone, so a Bazel server watching `dest` sees only what changed. Sockets, fifos and devices are
 * not copied.
 */
export async function syncTree(source: string, dest: string, memory: SyncMemory = new Map()): Promise<SyncCounts> {
  const counts: SyncCounts = { copied: 0, removed: 0, kept: 0 };
  const seen = new Set<string>();
  await syncDir(source, dest, '', memory, counts, seen);
  for (const rel of memory.keys()) if (!seen.has(rel)) memory.delete(rel);
  return counts;
}

async function syncDir(source: string, dest: string, rel: string, memory: SyncMemory, counts: SyncCounts, seen: Set<string>): Promise<void> {
  const from = path.join(source, rel);
  const to = path.join(dest, rel);
  const entries = await readdir(from, { withFileTypes: true });
  const wanted = new Set<string>();
  for (const entry of entries) {
    const kind = kindOf(entry);
    if (kind === null) continue;
    wanted.add(entry.name);
    const child = path.join(rel, entry.name);
    const target = path.join(dest, child);
    const existing = await lstat(target, { bigint: true }).catch(() => null);
    if (kind === 'dir') {
      if (existing && !existing.isDirectory()) await remove(target, counts);
      if (!existing?.isDirectory()) await mkdir(target);
      await syncDir(source, dest, child, memory, counts, seen);
    } else if (kind === 'link') {
      const link = await readlink(path.join(source, child));
      if (existing?.isSymbolicLink() && (await readlink(target)) === link) {
        counts.kept += 1;
        continue;
      }
      if (existing) await remove(target, counts);
      await symlink(link, target);
      counts.copied += 1;
    } else {
      seen.add(child);
      await syncFile(path.join(source, child), target, child, existing, memory, counts);
    }
  }
  for (const name of await readdir(to)) {
    if (!wanted.has(name)) await remove(path.join(to, name), counts);
  }
}

async function syncFile(from: string, to: string, rel: string, existing: BigIntStats | null, memory: SyncMemory, counts: SyncCounts): Promise<void> {
  const src = await lstat(from, { bigint: true });
  const mode = Number(src.mode & 0o777n);
  const before = memory.get(rel);
  if (before && existing?.isFile() && before.source === signature(src) && before.copy === signature(existing)) {
    counts.kept += 1;
    return;
  }
  let same = false;
  if (existing?.isFile()) {
    if (existing.size === src.size) same = (await readFile(from)).equals(await readFile(to));
  } else if (existing) {
    // copyFile would write through a symlink: what is not a file goes first.
    await remove(to, counts);
  }
  if (same) {
    if (Number(existing!.mode & 0o777n) !== mode) await chmod(to, mode);
    counts.kept += 1;
  } else {
    // A copy made read-only (mode 0444) cannot be opened for writing: replace it.
    if (existing?.isFile()) await rm(to, { force: true });
    await copyFile(from, to);
    await chmod(to, mode);
    counts.copied += 1;
  }
  memory.set(rel, { source: signature(src), copy: signature(await lstat(to, { bigint: true })) });
}

function kindOf(entry: Dirent): 'dir' | 'link' | 'file' | null {
  if (entry.isDirectory()) return 'dir';
  if (entry.isSymbolicLink()) return 'link';
  if (entry.isFile()) return 'file';
  return null;
}

/** Size, inode, mode and both times in nanoseconds: any write or replacement changes one of them. */
export function signature(s: BigIntStats): string {
  return `${s.size}:${s.ino}:${s.mode}:${s.mtimeNs}:${s.ctimeNs}`;
}

async function remove(target: string, counts: SyncCounts): Promise<void> {
  await rm(target, { recursive: true, force: true });
  counts.removed += 1;
}
