// A commit's files exported for the check: exactly as committed (modes, symlinks, export-ignore
// paths, no filters), and the user's checkout untouched.
import { chmodSync, lstatSync, readFileSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportTree } from '../../src/git/export-tree.js';
import { makeRepo, makeTempDir, snapshotUserRepo, type TestRepo } from '../helpers/repo.js';

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

describe('exportTree', () => {
  it('writes every file of the commit as committed, and nothing of the checkout', async () => {
    const repo: TestRepo = makeRepo({
      files: {
        '.gitattributes': 'docs/** export-ignore\n*.c filter=shout\n',
        'docs/notes.md': 'kept\n',
        'src/a.c': 'int a;\n',
        'run.sh': '#!/bin/sh\necho hi\n',
      },
    });
    cleanup.push(() => repo.cleanup());
    repo.git('config', 'filter.shout.smudge', 'tr a-z A-Z');
    chmodSync(path.join(repo.path, 'run.sh'), 0o755);
    symlinkSync('../src/a.c', path.join(repo.path, 'link.c'));
    const commit = repo.commit('exec bit and a symlink');
    repo.write({ 'src/a.c': 'uncommitted\n', 'untracked.txt': 'x\n' });
    const before = snapshotUserRepo(repo.path);

    const dest = makeTempDir('sog-export-');
    cleanup.push(() => rmSync(dest, { recursive: true, force: true }));
    await exportTree(repo.path, commit, dest);

    expect(snapshotUserRepo(repo.path)).toEqual(before);
    expect(readFileSync(path.join(dest, 'src/a.c'), 'utf8')).toBe('int a;\n');
    expect(readFileSync(path.join(dest, 'docs/notes.md'), 'utf8')).toBe('kept\n');
    expect(lstatSync(path.join(dest, 'run.sh')).mode & 0o111).not.toBe(0);
    expect(readlinkSync(path.join(dest, 'link.c'))).toBe('../src/a.c');
    expect(() => lstatSync(path.join(dest, 'untracked.txt'))).toThrow();
  });
});
