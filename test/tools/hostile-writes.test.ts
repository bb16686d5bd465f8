// Writes the attempt's commit could not record, and files that are not UTF-8: each is an error
// observation for the model (never a failed commit later), and no byte is changed by accident.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GitWorkspace } from '../../src/git/index.js';
import { createToolRegistry } from '../../src/tools/registry.js';
import { git, makeRepo, makeTempDir, type TestRepo } from '../helpers/repo.js';
import { playground, type Playground } from './helpers.js';

const registry = createToolRegistry();
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function newPlayground(files?: Record<string, string | Buffer>): Playground {
  const pg = playground(files);
  cleanups.push(() => pg.cleanup());
  return pg;
}

/** Whether git itself refuses to store `relPath` (its path check, NTFS and HFS protection on). */
function gitRefuses(repo: TestRepo, relPath: string): boolean {
  const blob = git(repo.path, 'hash-object', '-w', '--stdin').trim();
  const index = path.join(makeTempDir('sog-index-'), 'index');
  cleanups.push(() => rmSync(path.dirname(index), { recursive: true, force: true }));
  try {
    execFileSync(
      'git',
      ['-c', 'core.protectNTFS=true', '-c', 'core.protectHFS=true', 'update-index', '--add', '--cacheinfo', `100644,${blob},${relPath}`],
      { cwd: repo.path, env: { ...process.env, GIT_INDEX_FILE: index }, stdio: 'pipe' },
    );
    return false;
  } catch {
    return true;
  }
}

describe('write_file refuses paths git cannot store', () => {
  const REFUSED_BY_GIT = [
    'x/.git /y',
    '.git/config',
    'x/.GIT/y',
    '.Git',
    'x/.git./y',
    'x/.git . ./y',
    'x/git~1/y',
    'GIT~1/y',
    '.git::$INDEX_ALLOCATION/y',
    'x/.git:stream',
    'a\\.git\\b',
    'x/.g\u200cit/y',
    '\ufeff.git/y',
  ];
  const STORED_BY_GIT = ['.gitignore', '.github/workflows/ci.yml', 'git~2/y', '.gitx/y', 'x.git/y', 'x/ .git/y', 'git~1x/y', 'a\\b', '.gitmodules'];

  it.each(REFUSED_BY_GIT)('refuses %j, as git does, and writes nothing', async (p) => {
    const pg = newPlayground();
    expect(gitRefuses(pg.repo, p)).toBe(true);
    const r = await registry.runTool('write_file', { path: p, content: 'x\n' }, pg.ctx);
    expect(r.ok).toBe(false);
    expect(r.observation).toMatch(/^Error: Refused path ".*": .*(\.git|git~1)/);
    expect(pg.repo.git('status', '--porcelain')).toBe('');
  });

  it.each(STORED_BY_GIT)('accepts %j, which git stores', async (p) => {
    const pg = newPlayground();
    expect(gitRefuses(pg.repo, p)).toBe(false);
    const r = await registry.runTool('write_file', { path: p, content: 'x\n' }, pg.ctx);
    expect(r.ok).toBe(true);
  });

  it('keeps the attempt committable: after a refused path, the other writes commit', async () => {
    const pg = newPlayground();
    expect((await registry.runTool('write_file', { path: 'x/.git /y', content: 'bad\n' }, pg.ctx)).ok).toBe(false);
    expect((await registry.runTool('write_file', { path: 'x/BUILD.bazel', content: '# ok\n' }, pg.ctx)).ok).toBe(true);
    pg.repo.git('add', '--all');
    pg.repo.git('commit', '--quiet', '-m', 'attempt');
    expect(pg.repo.git('ls-tree', '-r', '--name-only', 'HEAD').split('\n')).toContain('x/BUILD.bazel');
  });
});

describe('submodules', () => {
  it("refuses writes inside a submodule of the attempt's tree, and only there", async () => {
    const sub = makeRepo({ files: { 'lib.c': 'int lib;\n' } });
    cleanups.push(() => sub.cleanup());
    const repo = makeRepo({ files: { 'README.md': '# with a submodule\n' } });
    cleanups.push(() => repo.cleanup());
    repo.git('update-index', '--add', '--cacheinfo', `160000,${sub.head()},vendor/sub`);
    repo.git('commit', '--quiet', '-m', 'add a gitlink');
    const sessions = makeTempDir('sog-sessions-');
    cleanups.push(() => rmSync(sessions, { recursive: true, force: true }));
    const ws = new GitWorkspace({ repoPath: repo.path, sessionDir: path.join(sessions, 's'), sessionId: 's' });
    const wt = await ws.createAttemptWorktree(ws.branchName({ goalId: 1, attemptId: 1, model: 'm' }), 'main');
    expect(wt.gitlinks).toEqual(['vendor/sub']);
    const ctx = { ...newPlayground().ctx, worktree: wt.path, gitlinks: wt.gitlinks };

    for (const p of ['vendor/sub/lib.c', 'vendor/sub/new/BUILD.bazel', 'vendor/sub']) {
      const r = await registry.runTool('write_file', { path: p, content: 'x\n' }, ctx);
      expect(r.ok).toBe(false);
      expect(r.observation).toContain('"vendor/sub" is a git submodule');
    }
    // A sibling whose name merely starts like the submodule's is an ordinary directory.
    expect((await registry.runTool('write_file', { path: 'vendor/sub-tools/BUILD.bazel', content: '# ok\n' }, ctx)).ok).toBe(true);
    const sha = await ws.commitAll(wt.path, 'attempt');
    expect(sha).not.toBeNull();
    expect(repo.git('ls-tree', '-r', '--name-only', sha!).split('\n')).toContain('vendor/sub-tools/BUILD.bazel');
    await ws.removeWorktree(wt.path);
  });
});

describe('text that is not UTF-8', () => {
  const LATIN1 = Buffer.concat([Buffer.from('/* caf'), Buffer.from([0xe9]), Buffer.from(' na'), Buffer.from([0xef]), Buffer.from('ve */\nint x = 1;\n')]);

  it('read_file says so and shows each byte as a Latin-1 character, never U+FFFD', async () => {
    const pg = newPlayground({ 'legacy.c': LATIN1 });
    const r = await registry.runTool('read_file', { path: 'legacy.c' }, pg.ctx);
    expect(r.ok).toBe(true);
    expect(r.observation.split('\n')[0]).toBe(
      'legacy.c (2 lines) [not valid UTF-8: shown as Latin-1, one character per byte; find_replace_in_file edits it the same way]',
    );
    expect(r.observation).toContain('/* café naïve */');
    expect(r.observation).not.toContain('\ufffd');
  });

  it('find_replace_in_file changes only the edited bytes', async () => {
    const pg = newPlayground({ 'legacy.c': LATIN1 });
    const r = await registry.runTool('find_replace_in_file', { path: 'legacy.c', old_text: 'int x = 1;', new_text: 'int x = 2;' }, pg.ctx);
    expect(r.ok).toBe(true);
    const after = readFileSync(path.join(pg.repo.path, 'legacy.c'));
    expect(after.equals(Buffer.from(LATIN1.toString('latin1').replace('int x = 1;', 'int x = 2;'), 'latin1'))).toBe(true);
    expect(after.subarray(0, LATIN1.indexOf('int'))).toEqual(LATIN1.subarray(0, LATIN1.indexOf('int')));
    // Text matched through the Latin-1 view edits those bytes exactly.
    await registry.runTool('find_replace_in_file', { path: 'legacy.c', old_text: 'café', new_text: 'cafe' }, pg.ctx);
    expect(readFileSync(path.join(pg.repo.path, 'legacy.c')).subarray(0, 8)).toEqual(Buffer.from('/* cafe '));
  });

  it('refuses new text Latin-1 cannot hold, changing nothing', async () => {
    const pg = newPlayground({ 'legacy.c': LATIN1 });
    const r = await registry.runTool('find_replace_in_file', { path: 'legacy.c', old_text: 'int x = 1;', new_text: 'int x = 1; // ✓' }, pg.ctx);
    expect(r.ok).toBe(false);
    expect(r.observation).toContain('Latin-1 cannot hold');
    expect(readFileSync(path.join(pg.repo.path, 'legacy.c')).equals(LATIN1)).toBe(true);
  });

  it('keeps a UTF-8 file byte for byte outside the edit', async () => {
    const text = '\ufeff// größe 😀\r\nint x = 1;\r\n';
    const pg = newPlayground({ 'utf8.c': text });
    writeFileSync(path.join(pg.repo.path, 'utf8.c'), text);
    await registry.runTool('find_replace_in_file', { path: 'utf8.c', old_text: 'int x = 1;', new_text: 'int x = 2;' }, pg.ctx);
    expect(readFileSync(path.join(pg.repo.path, 'utf8.c')).equals(Buffer.from(text.replace('1;', '2;'), 'utf8'))).toBe(true);
  });
});
