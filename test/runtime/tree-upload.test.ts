import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { planUpload, type UploadMemory, type UploadPlan } from '../../src/runtime/tree-upload.js';

let source: string;

beforeEach(() => {
  source = mkdtempSync(path.join(os.tmpdir(), 'sog-upload-'));
});

afterEach(() => rmSync(source, { recursive: true, force: true }));

function write(rel: string, content: string, mode = 0o644): void {
  mkdirSync(path.dirname(path.join(source, rel)), { recursive: true });
  writeFileSync(path.join(source, rel), content);
  chmodSync(path.join(source, rel), mode);
}

/** The plan without file contents, for comparing. */
function shape(plan: UploadPlan) {
  return {
    remove: plan.remove,
    write: plan.write.map((e) => (e.kind === 'file' ? `${e.path} ${e.mode.toString(8)} ${e.content.toString()}` : e.kind === 'link' ? `${e.path} -> ${e.target}` : `${e.path}/`)),
  };
}

it('uploads the whole tree once, parents before children, then only what changed', async () => {
  write('MODULE.bazel', 'module()');
  write('src/a.c', 'a');
  write('tools/run.sh', '#!/bin/sh', 0o755);
  symlinkSync('src/a.c', path.join(source, 'link.c'));
  const memory: UploadMemory = new Map();
  const first = shape(await planUpload(source, memory));
  expect(first.remove).toEqual([]);
  expect(first.write.sort()).toEqual(['MODULE.bazel 644 module()', 'link.c -> src/a.c', 'src/', 'src/a.c 644 a', 'tools/', 'tools/run.sh 755 #!/bin/sh'].sort());
  expect(first.write.indexOf('src/')).toBeLessThan(first.write.indexOf('src/a.c 644 a'));
  expect(shape(await planUpload(source, memory))).toEqual({ remove: [], write: [] });

  write('src/a.c', 'b');
  chmodSync(path.join(source, 'MODULE.bazel'), 0o755);
  rmSync(path.join(source, 'tools'), { recursive: true });
  write('tools', 'now a file');
  rmSync(path.join(source, 'link.c'));
  symlinkSync('MODULE.bazel', path.join(source, 'link.c'));
  const second = shape(await planUpload(source, memory));
  expect(second.remove.sort()).toEqual(['link.c', 'tools']);
  expect(second.write.sort()).toEqual(['MODULE.bazel 755 module()', 'link.c -> MODULE.bazel', 'src/a.c 644 b', 'tools 644 now a file'].sort());
});

it('deletes what the tree no longer has, outermost paths only', async () => {
  write('keep.c', 'k');
  write('gone/deep/x.c', 'x');
  write('gone/y.c', 'y');
  write('old.c', 'o');
  const memory: UploadMemory = new Map();
  await planUpload(source, memory);
  rmSync(path.join(source, 'gone'), { recursive: true });
  rmSync(path.join(source, 'old.c'));
  expect(shape(await planUpload(source, memory))).toEqual({ remove: ['gone', 'old.c'], write: [] });
  expect([...memory.keys()]).toEqual(['keep.c']);
});

it('a fresh checkout of the same content uploads nothing', async () => {
  write('a.c', 'same');
  const memory: UploadMemory = new Map();
  await planUpload(source, memory);
  rmSync(path.join(source, 'a.c'));
  write('a.c', 'same');
  expect(shape(await planUpload(source, memory))).toEqual({ remove: [], write: [] });
});
