import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';
import { signature } from './tree-sync.js';

/** What we last put at one path of a copy we cannot read back (a volume on a remote engine). */
export type Uploaded =
  | { kind: 'dir' }
  | { kind: 'link'; target: string }
  | { kind: 'file'; signature: string; sha256: string; mode: number };

/** Path (posix, relative to the tree's root) to what is there in the copy. */
export type UploadMemory = Map<string, Uploaded>;

export type UploadEntry =
  | { kind: 'dir'; path: string; mode: number }
  | { kind: 'link'; path: string; target: string }
  | { kind: 'file'; path: string; mode: number; content: Buffer };

export interface UploadPlan {
  /** To delete first: gone from the tree, or replaced by something of another kind. Outermost only. */
  remove: string[];
  /** To write, parents before children. */
  write: UploadEntry[];
}

/**
 * What makes a copy that held what `memory` says hold exactly the tree at `source`, and updates
 * `memory` to the result. A file whose content and mode are unchanged is not written again (a
 * fresh checkout of the same tree uploads nothing). Sockets, fifos and devices are left out.
 */
export async function planUpload(source: string, memory: UploadMemory): Promise<UploadPlan> {
  const plan: UploadPlan = { remove: [], write: [] };
  const seen = new Set<string>();
  await walk(source, '', memory, plan, seen);
  const gone = [...memory.keys()].filter((p) => !seen.has(p)).sort();
  for (const p of gone) {
    memory.delete(p);
    if (!plan.remove.some((r) => p === r || p.startsWith(`${r}/`))) plan.remove.push(p);
  }
  return plan;
}

async function walk(source: string, rel: string, memory: UploadMemory, plan: UploadPlan, seen: Set<string>): Promise<void> {
  for (const entry of await readdir(path.join(source, rel), { withFileTypes: true })) {
    const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
    const full = path.join(source, child);
    const before = memory.get(child);
    const replace = (kind: Uploaded['kind']) => {
      if (before && before.kind !== kind) {
        plan.remove.push(child);
        // What was under a directory that is now a file or link went with it.
        for (const p of memory.keys()) if (p.startsWith(`${child}/`)) memory.delete(p);
      }
    };
    if (entry.isDirectory()) {
      seen.add(child);
      replace('dir');
      if (before?.kind !== 'dir') {
        const st = await lstat(full);
        plan.write.push({ kind: 'dir', path: child, mode: st.mode & 0o777 });
        memory.set(child, { kind: 'dir' });
      }
      await walk(source, child, memory, plan, seen);
    } else if (entry.isSymbolicLink()) {
      seen.add(child);
      const target = await readlink(full);
      if (before?.kind === 'link' && before.target === target) continue;
      replace('link');
      // An archive may not replace a symlink in place: the old one goes first.
      if (before?.kind === 'link') plan.remove.push(child);
      plan.write.push({ kind: 'link', path: child, target });
      memory.set(child, { kind: 'link', target });
    } else if (entry.isFile()) {
      seen.add(child);
      const st = await lstat(full, { bigint: true });
      const sig = signature(st);
      const mode = Number(st.mode & 0o777n);
      if (before?.kind === 'file' && before.signature === sig) continue;
      const content = await readFile(full);
      const sha256 = createHash('sha256').update(content).digest('hex');
      if (before?.kind === 'file' && before.sha256 === sha256 && before.mode === mode) {
        memory.set(child, { ...before, signature: sig });
        continue;
      }
      replace('file');
      plan.write.push({ kind: 'file', path: child, mode, content });
      memory.set(child, { kind: 'file', signature: sig, sha256, mode });
    }
  }
}
