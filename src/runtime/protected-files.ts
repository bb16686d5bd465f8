import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type Docker from 'dockerode';
import tar from 'tar-stream';
import { SandboxError, describeDockerError } from './errors.js';

/** A file of ours the container's commands must read and never change (a Bazel rc). */
export interface ProtectedFile {
  /** Absolute path in the container. */
  target: string;
  /** The file on our side. */
  source: string;
}

/** Bind mode: each file is mounted read-only (a mount point can be neither replaced nor removed). */
export function protectedMounts(files: readonly ProtectedFile[]): Docker.MountSettings[] {
  return files.map((f) => ({ Type: 'bind', Source: f.source, Target: f.target, ReadOnly: true }));
}

/**
 * Copy mode (the engine cannot see our files): each file is put into the created container,
 * read-only, owned, as its directory is, by a user the container does not run as, with the
 * directory's sticky bit set. Without capabilities (every container drops them all) its user can
 * neither change the file nor remove or rename it, though it may still write beside it.
 */
export async function placeProtectedFiles(container: Docker.Container, files: readonly ProtectedFile[], runAs: number | undefined): Promise<void> {
  if (files.length === 0) return;
  const owner = runAs === 65534 ? 65533 : 65534;
  const pack = tar.pack();
  const dirs = new Set(files.map((f) => path.posix.dirname(f.target)));
  const contents = await Promise.all(files.map((f) => readFile(f.source)));
  const mtime = new Date();
  for (const dir of dirs) pack.entry({ name: dir.slice(1), type: 'directory', mode: 0o1777, uid: owner, gid: owner, mtime });
  files.forEach((f, i) => pack.entry({ name: f.target.slice(1), type: 'file', mode: 0o444, uid: owner, gid: owner, mtime }, contents[i]));
  pack.finalize();
  try {
    await container.putArchive(pack, { path: '/' });
  } catch (err) {
    throw new SandboxError(`Could not put ${files.map((f) => f.target).join(', ')} into the container: ${describeDockerError(err)}`);
  }
}
