// Paths that resolve outside the worktree are refused before anything is read or written.
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveInWorktree } from '../../src/tools/paths.js';
import { createToolRegistry } from '../../src/tools/registry.js';
import { playground, type Playground } from './helpers.js';

const registry = createToolRegistry();
let pg: Playground;
const SECRET = 'TOP-SECRET-CONTENT';

beforeEach(() => {
  pg = playground({ 'README.md': '# demo\n', 'pkg/inside.txt': 'inside\n' });
  writeFileSync(path.join(pg.outside, 'secret.txt'), `${SECRET}\n`);
  const root = pg.repo.path;
  symlinkSync(pg.outside, path.join(root, 'outlink')); // a symlink to a directory outside
  symlinkSync(path.join(pg.outside, 'secret.txt'), path.join(root, 'secret-link.txt')); // to a file outside
  symlinkSync(path.join(pg.outside, 'not-yet.txt'), path.join(root, 'dangling.txt')); // dangling, outside
  mkdirSync(path.join(root, 'deep'));
  symlinkSync('../outlink', path.join(root, 'deep', 'parent')); // a relative chain through a parent symlink
  symlinkSync('pkg', path.join(root, 'pkg-link')); // inside: fine
});
afterEach(() => pg.cleanup());

/** Every path the model could give to reach outside the repository. */
const ESCAPES = [
  '../outside/secret.txt',
  'pkg/../../outside/secret.txt',
  '/etc/passwd',
  'outlink/secret.txt',
  'secret-link.txt',
  'deep/parent/secret.txt',
  'outlink',
];
const WRITE_ESCAPES = [
  '../outside/new.txt',
  '/tmp/sog-should-not-exist.txt',
  'outlink/new.txt',
  'outlink/newdir/new.txt', // not-yet-existing path under a symlinked dir
  'deep/parent/new.txt',
  'dangling.txt', // writing through a dangling symlink would create the file outside
  'secret-link.txt',
];

function outsideUntouched() {
  expect(readdirSync(pg.outside).sort()).toEqual(['secret.txt']);
  expect(readFileSync(path.join(pg.outside, 'secret.txt'), 'utf8')).toBe(`${SECRET}\n`);
  expect(existsSync('/tmp/sog-should-not-exist.txt')).toBe(false);
}

describe('paths outside the worktree', () => {
  it.each(ESCAPES)('read_file %s is refused without reading', async (p) => {
    const r = await registry.runTool('read_file', { path: p }, pg.ctx);
    expect(r.ok).toBe(false);
    expect(r.observation).toMatch(/^Error: Refused path ".*": /);
    expect(r.output).not.toContain(SECRET);
    expect(r.observation).not.toContain('root:');
  });

  it.each(ESCAPES)('list_directory %s is refused', async (p) => {
    const r = await registry.runTool('list_directory', { path: p }, pg.ctx);
    expect(r.ok).toBe(false);
    expect(r.observation).toContain('Refused path');
    expect(r.observation).not.toContain('secret.txt  (');
  });

  it.each(WRITE_ESCAPES)('write_file %s is refused and nothing is written', async (p) => {
    const r = await registry.runTool('write_file', { path: p, content: 'pwned\n' }, pg.ctx);
    expect(r.ok).toBe(false);
    expect(r.observation).toContain('Refused path');
    outsideUntouched();
  });

  it.each(['secret-link.txt', 'outlink/secret.txt', '../outside/secret.txt'])(
    'find_replace_in_file %s is refused and nothing is changed',
    async (p) => {
      const r = await registry.runTool('find_replace_in_file', { path: p, old_text: SECRET, new_text: 'pwned' }, pg.ctx);
      expect(r.ok).toBe(false);
      expect(r.observation).toContain('Refused path');
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
    await expect(resolveInWorktree(pg.repo.path, 'dangling.txt')).rejects.toThrow(/symlink whose target does not exist/);
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
});
