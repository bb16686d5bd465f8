// Paths that resolve outside the worktree are refused before anything is read or written.
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveInWorktree } from '../../src/tools/paths.js';
import { createToolRegistry } from '../../src/tools/registry.js';
import { readWorktreeFile } from '../../src/fs/worktree-fs.js';
import { playground, type Playground } from './helpers.js';

const registry = createToolRegistry();
let pg: Playground;
/** A sibling whose name extends the worktree's (`<worktree>-evil`): outside, though its path starts like the worktree's. */
let sibling: string;
const SECRET = 'TOP-SECRET-CONTENT';

beforeEach(() => {
  pg = playground({ 'README.md': '# demo\n', 'pkg/inside.txt': 'inside\n' });
  writeFileSync(path.join(pg.outside, 'secret.txt'), `${SECRET}\n`);
  const root = pg.repo.path;
  sibling = `${root}-evil`;
  mkdirSync(sibling);
  writeFileSync(path.join(sibling, 'secret.txt'), `${SECRET}\n`);
  symlinkSync(sibling, path.join(root, 'sibling-abs')); // absolute, to <worktree>-evil
  symlinkSync(`../${path.basename(sibling)}`, path.join(root, 'sibling-rel')); // relative, the same place
  symlinkSync(pg.outside, path.join(root, 'outlink')); // a symlink to a directory outside
  symlinkSync(path.join(pg.outside, 'secret.txt'), path.join(root, 'secret-link.txt')); // to a file outside
  symlinkSync(path.join(pg.outside, 'not-yet.txt'), path.join(root, 'dangling.txt')); // dangling, outside
  mkdirSync(path.join(root, 'deep'));
  symlinkSync('../outlink', path.join(root, 'deep', 'parent')); // a relative chain through a parent symlink
  symlinkSync('pkg', path.join(root, 'pkg-link')); // inside: fine
});
afterEach(() => {
  pg.cleanup();
  rmSync(sibling, { recursive: true, force: true });
});

/** Paths given with `$OUTSIDE` / `$SIBLING` stand for this test's absolute outside directories. */
const expand = (p: string) => p.replace('$OUTSIDE', pg.outside).replace('$SIBLING', path.basename(sibling));

/** Every path the model could give to reach outside the repository. */
const ESCAPES = [
  '../outside/secret.txt',
  'pkg/../../outside/secret.txt',
  '/etc/passwd',
  'outlink/secret.txt',
  'secret-link.txt',
  'deep/parent/secret.txt',
  'outlink',
  '../$SIBLING/secret.txt',
  'sibling-abs/secret.txt',
  'sibling-rel/secret.txt',
];
const WRITE_ESCAPES = [
  '../outside/new.txt',
  '$OUTSIDE/abs.txt',
  '../$SIBLING/new.txt',
  'sibling-abs/new.txt',
  'sibling-rel/new.txt',
  'outlink/new.txt',
  'outlink/newdir/new.txt', // not-yet-existing path under a symlinked dir
  'deep/parent/new.txt',
  'dangling.txt', // writing through a dangling symlink would create the file outside
  'secret-link.txt',
];

function outsideUntouched() {
  for (const dir of [pg.outside, sibling]) {
    expect(readdirSync(dir).sort()).toEqual(['secret.txt']);
    expect(readFileSync(path.join(dir, 'secret.txt'), 'utf8')).toBe(`${SECRET}\n`);
  }
}

describe('paths outside the worktree', () => {
  it.each(ESCAPES)('read_file %s is refused without reading', async (p) => {
    const r = await registry.runTool('read_file', { path: expand(p) }, pg.ctx);
    expect(r.ok).toBe(false);
    expect(r.observation).toMatch(/^Error: Refused path ".*": /);
    expect(r.output).not.toContain(SECRET);
    expect(r.observation).not.toContain('root:');
  });

  it.each(ESCAPES)('list_directory %s is refused', async (p) => {
    const r = await registry.runTool('list_directory', { path: expand(p) }, pg.ctx);
    expect(r.ok).toBe(false);
    expect(r.observation).toContain('Refused path');
    expect(r.observation).not.toContain('secret.txt  (');
  });

  it.each(WRITE_ESCAPES)('write_file %s is refused and nothing is written', async (p) => {
    const r = await registry.runTool('write_file', { path: expand(p), content: 'pwned\n' }, pg.ctx);
    expect(r.ok).toBe(false);
    expect(r.observation).toContain('Refused path');
    outsideUntouched();
  });

  it.each(['secret-link.txt', 'outlink/secret.txt', '../outside/secret.txt', 'sibling-abs/secret.txt', '../$SIBLING/secret.txt'])(
    'find_replace_in_file %s is refused and nothing is changed',
    async (p) => {
      const r = await registry.runTool('find_replace_in_file', { path: expand(p), old_text: SECRET, new_text: 'pwned' }, pg.ctx);
      expect(r.ok).toBe(false);
      expect(r.observation).toContain('Refused path');
      outsideUntouched();
    },
  );

  // `..` itself, however spelled, is the worktree's parent: a listing of it would show what is
  // beside the repository, and writing to it must be refused before the walk.
  it.each(['..', '../', './..', 'a/../..', 'pkg/../..', 'pkg/../../', 'pkg/inside.txt/../../..'])(
    'the parent itself, %s: refused by every file tool as outside the repository',
    async (p) => {
      const refused = `Error: Refused path "${p}": it points outside the repository.`;
      for (const [tool, input] of [
        ['read_file', { path: p }],
        ['list_directory', { path: p }],
        ['write_file', { path: p, content: 'pwned\n' }],
        ['find_replace_in_file', { path: p, old_text: 'a', new_text: 'b' }],
      ] as const) {
        const r = await registry.runTool(tool, input, pg.ctx);
        expect(r.ok, tool).toBe(false);
        expect(r.observation.split('\n')[0], tool).toBe(refused);
      }
      expect(await readWorktreeFile(pg.repo.path, p)).toBeNull();
      expect(readdirSync(path.dirname(pg.repo.path)).sort()).toEqual(['repo', 'repo-evil']);
      outsideUntouched();
    },
  );

  it('explains why: absolute path (with a hint for /workspace paths), outside, symlink', async () => {
    await expect(resolveInWorktree(pg.repo.path, '/etc/passwd')).rejects.toThrow(/absolute paths are not allowed/);
    await expect(resolveInWorktree(pg.repo.path, '/workspace/pkg/inside.txt')).rejects.toThrow(
      /relative to the repository root, e\.g\. "pkg\/inside\.txt"/,
    );
    await expect(resolveInWorktree(pg.repo.path, '../x')).rejects.toThrow(/points outside the repository/);
    await expect(resolveInWorktree(pg.repo.path, 'outlink/x/y')).rejects.toThrow(/"outlink" is a symlink that leads outside/);
    await expect(resolveInWorktree(pg.repo.path, 'dangling.txt')).rejects.toThrow(/"dangling.txt" is a symlink that leads outside/);
    await expect(resolveInWorktree(pg.repo.path, 'sibling-abs/x')).rejects.toThrow(/"sibling-abs" is a symlink that leads outside/);
  });

  it('accepts paths that stay inside, including symlinks within the repository', async () => {
    const r = await registry.runTool('read_file', { path: 'pkg-link/inside.txt' }, pg.ctx);
    expect(r.ok).toBe(true);
    expect(r.observation).toContain('pkg/inside.txt (1 lines)');
    const w = await registry.runTool('write_file', { path: 'pkg-link/../pkg/new.txt', content: 'ok\n' }, pg.ctx);
    expect(w.ok).toBe(true);
    expect(readFileSync(path.join(pg.repo.path, 'pkg/new.txt'), 'utf8')).toBe('ok\n');
    const resolved = await resolveInWorktree(pg.repo.path, 'pkg-link/a/b.txt', { write: true });
    expect(resolved).toMatchObject({ relPath: 'pkg/a/b.txt', containerPath: '/workspace/pkg/a/b.txt', exists: false });
  });

  it('readWorktreeFile (what the migration check reads) follows symlinks only inside', async () => {
    expect((await readWorktreeFile(pg.repo.path, 'pkg-link/inside.txt'))?.toString()).toBe('inside\n');
    for (const p of [...ESCAPES, 'dangling.txt', 'pkg', 'missing.txt']) {
      expect(await readWorktreeFile(pg.repo.path, expand(p))).toBeNull();
    }
  });
});
