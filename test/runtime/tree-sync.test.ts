import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { syncTree, type SyncMemory } from '../../src/runtime/tree-sync.js';
import { boundCopy } from '../../src/runtime/workspace-stage.js';

let source: string;
let dest: string;

beforeEach(() => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'sog-sync-'));
  source = path.join(root, 'source');
  dest = path.join(root, 'dest');
  mkdirSync(source);
  mkdirSync(dest);
});

afterEach(() => rmSync(path.dirname(source), { recursive: true, force: true }));

/** Every path under dir with what it is: file content and mode, link target, or dir. */
function listing(dir: string, rel = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(path.join(dir, rel)).sort()) {
    const child = path.join(rel, name);
    const full = path.join(dir, child);
    const st = lstatSync(full);
    if (st.isSymbolicLink()) out[child] = `-> ${readlinkSync(full)}`;
    else if (st.isDirectory()) Object.assign(out, { [child]: 'dir' }, listing(dir, child));
    else out[child] = `${(st.mode & 0o777).toString(8)} ${readFileSync(full, 'utf8')}`;
  }
  return out;
}

function write(rel: string, content: string, mode = 0o644): void {
  mkdirSync(path.dirname(path.join(source, rel)), { recursive: true });
  writeFileSync(path.join(source, rel), content);
  chmodSync(path.join(source, rel), mode);
}

it('makes the copy hold exactly the tree: files, modes, links and directories, and nothing else', async () => {
  write('BUILD.bazel', 'cc_library()');
  write('src/a.c', 'int a;');
  write('tools/run.sh', '#!/bin/sh', 0o755);
  write('readonly.txt', 'ro', 0o444);
  symlinkSync('src/a.c', path.join(source, 'link.c'));
  mkdirSync(path.join(source, 'empty'));
  // What the copy held before and the tree does not: gone, whatever its kind.
  writeFileSync(path.join(dest, 'stale.c'), 'old');
  mkdirSync(path.join(dest, 'old-dir/deep'), { recursive: true });
  writeFileSync(path.join(dest, 'old-dir/deep/x'), 'x');
  mkdirSync(path.join(dest, 'tools'));
  writeFileSync(path.join(dest, 'tools/leftover'), 'y');

  await syncTree(source, dest);
  expect(listing(dest)).toEqual(listing(source));
  expect(listing(dest)).toMatchObject({ 'tools/run.sh': '755 #!/bin/sh', 'readonly.txt': '444 ro', 'link.c': '-> src/a.c', empty: 'dir' });
});

it('follows every kind of change between two syncs and leaves unchanged files untouched', async () => {
  write('keep.c', 'same');
  write('edit.c', 'v1');
  write('gone.c', 'bye');
  write('dir-to-file/x', 'x');
  write('file-to-dir', 'f');
  write('mode.sh', 'echo', 0o644);
  write('readonly.txt', 'v1', 0o444);
  const memory: SyncMemory = new Map();
  await syncTree(source, dest, memory);
  const kept = statSync(path.join(dest, 'keep.c'), { bigint: true });

  write('edit.c', 'v2');
  rmSync(path.join(source, 'gone.c'));
  rmSync(path.join(source, 'dir-to-file'), { recursive: true });
  write('dir-to-file', 'now a file');
  rmSync(path.join(source, 'file-to-dir'));
  write('file-to-dir/inner', 'now a dir');
  chmodSync(path.join(source, 'mode.sh'), 0o755);
  chmodSync(path.join(source, 'readonly.txt'), 0o644);
  write('readonly.txt', 'v2', 0o444);
  const counts = await syncTree(source, dest, memory);

  expect(listing(dest)).toEqual(listing(source));
  const after = statSync(path.join(dest, 'keep.c'), { bigint: true });
  expect([after.ino, after.mtimeNs, after.ctimeNs]).toEqual([kept.ino, kept.mtimeNs, kept.ctimeNs]);
  expect(counts.kept).toBeGreaterThanOrEqual(1);
});

it('a new copy of the same content (a fresh checkout) is not written again', async () => {
  write('a.c', 'int a;');
  await syncTree(source, dest, new Map());
  const before = statSync(path.join(dest, 'a.c'), { bigint: true });
  rmSync(path.join(source, 'a.c'));
  write('a.c', 'int a;');
  const counts = await syncTree(source, dest, new Map());
  const after = statSync(path.join(dest, 'a.c'), { bigint: true });
  expect(counts).toEqual({ copied: 0, removed: 0, kept: 1 });
  expect(after.ctimeNs).toBe(before.ctimeNs);
});

it('a same-size rewrite is seen even when the copy was remembered', async () => {
  write('a.c', 'AAAA');
  const memory: SyncMemory = new Map();
  await syncTree(source, dest, memory);
  write('a.c', 'BBBB');
  await syncTree(source, dest, memory);
  expect(readFileSync(path.join(dest, 'a.c'), 'utf8')).toBe('BBBB');
});

it('a stage inside the tree it copies is refused instead of copying into itself', async () => {
  write('a.c', 'a');
  const stage = await boundCopy(path.join(source, 'stage'));
  await expect(stage.sync(source)).rejects.toThrow(/inside the tree/);
  await stage.dispose();
});
