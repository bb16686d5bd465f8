import { readFileSync, statSync, symlinkSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createToolRegistry } from '../../src/tools/registry.js';
import { playground, type Playground } from './helpers.js';

const registry = createToolRegistry();
let pg: Playground;
const run = (tool: string, input: unknown) => registry.runTool(tool, input, pg.ctx);
const numbered = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}`).join('\n') + '\n';

beforeEach(() => {
  pg = playground({
    'README.md': '# demo\n',
    'src/main.c': '#include <stdio.h>\n\nint main(void) {\n  puts("hi");\n  return 0;\n}\n',
    'big.txt': numbered(2310),
  });
});
afterEach(() => pg.cleanup());

describe('read_file', () => {
  it('shows a small file whole, line-numbered', async () => {
    const r = await run('read_file', { path: 'src/main.c' });
    expect(r.ok).toBe(true);
    expect(r.observation.split('\n')[0]).toBe('src/main.c (6 lines)');
    expect(r.observation).toContain('   1\t#include <stdio.h>');
    expect(r.observation).toContain('   4\t  puts("hi");');
    expect(r.observation).not.toContain('start_line');
  });

  it('shows a window of a large file and says how to read on', async () => {
    const first = await run('read_file', { path: 'big.txt' });
    expect(first.ok).toBe(true);
    const m = /^big\.txt: lines 1-(\d+) of 2,310$/m.exec(first.observation);
    expect(m).not.toBeNull();
    const end = Number(m![1]);
    expect(end).toBeGreaterThan(100);
    expect(end).toBeLessThanOrEqual(400);
    expect(first.observation).toContain(`call read_file with start_line=${end + 1}`);
    expect(first.observation).toContain(`\tline ${end}\n`);
    expect(first.observation).not.toContain(`\tline ${end + 1}\n`);
    expect(first.observation.length).toBeLessThanOrEqual(8000);

    const next = await run('read_file', { path: 'big.txt', start_line: end + 1 });
    expect(next.observation).toMatch(new RegExp(`^big\\.txt: lines ${end + 1}-\\d+ of 2,310`));
    expect(next.observation).toContain(`${end + 1}\tline ${end + 1}`);

    const range = await run('read_file', { path: 'big.txt', start_line: 2300, end_line: 2400 });
    expect(range.observation.split('\n')[0]).toBe('big.txt: lines 2,300-2,310 of 2,310');
    expect(range.observation).toContain('2310\tline 2310');
    expect(range.observation).not.toContain('read on');
  });

  it('sizes the window to the configured observation cap', async () => {
    const r = await registry.runTool('read_file', { path: 'big.txt' }, { ...pg.ctx, maxObservationChars: 1000 });
    expect(r.observation.length).toBeLessThanOrEqual(1000);
    expect(r.observation).toMatch(/call read_file with start_line=\d+/);
    expect(r.observation).not.toContain('elided');
  });

  it('refuses binary files, directories, missing files and a start past the end', async () => {
    writeFileSync(path.join(pg.repo.path, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]));
    const bin = await run('read_file', { path: 'logo.png' });
    expect(bin.ok).toBe(false);
    expect(bin.observation).toContain('logo.png is a binary file');
    expect((await run('read_file', { path: 'src' })).observation).toContain('src is a directory; use list_directory');
    expect((await run('read_file', { path: 'nope.c' })).observation).toContain('No such file: nope.c');
    const past = await run('read_file', { path: 'src/main.c', start_line: 50 });
    expect(past.ok).toBe(false);
    expect(past.observation).toContain('start_line 50 is past the end of src/main.c (6 lines)');
  });

  it('shortens very long lines', async () => {
    writeFileSync(path.join(pg.repo.path, 'min.js'), 'x'.repeat(5000) + '\n');
    const r = await run('read_file', { path: 'min.js' });
    expect(r.observation).toContain('[4,000 more characters on this line]');
  });
});

describe('write_file', () => {
  it('creates parent directories and reports size and lines', async () => {
    const r = await run('write_file', { path: 'lib/deep/BUILD.bazel', content: 'cc_library(\n    name = "x",\n)\n' });
    expect(r.ok).toBe(true);
    expect(r.observation).toBe('Created lib/deep/BUILD.bazel (30 bytes, 3 lines).');
    expect(readFileSync(path.join(pg.repo.path, 'lib/deep/BUILD.bazel'), 'utf8')).toBe('cc_library(\n    name = "x",\n)\n');
  });

  it('says when it overwrote a file', async () => {
    const r = await run('write_file', { path: 'README.md', content: 'new\n' });
    expect(r.observation).toBe('Overwrote README.md (4 bytes, 1 lines; it had 7 bytes).');
    expect(readFileSync(path.join(pg.repo.path, 'README.md'), 'utf8')).toBe('new\n');
  });

  it('makes a file executable on request, keeps an existing mode otherwise, and git records it', async () => {
    const mode = (p: string) => statSync(path.join(pg.repo.path, p)).mode & 0o777;
    const r = await run('write_file', { path: 'tests/run.sh', content: '#!/bin/sh\nexit 0\n', executable: true });
    expect(r.observation).toBe('Created tests/run.sh (17 bytes, 2 lines, executable).');
    expect(mode('tests/run.sh')).toBe(0o755);
    await run('write_file', { path: 'tests/run.sh', content: '#!/bin/sh\nexit 1\n' });
    expect(mode('tests/run.sh')).toBe(0o755);
    await run('write_file', { path: 'plain.txt', content: 'x\n' });
    expect(mode('plain.txt')).toBe(0o644);
    pg.repo.git('add', '--all');
    expect(pg.repo.git('ls-files', '--stage', 'tests/run.sh', 'plain.txt')).toMatch(/^100644 \S+ 0\tplain\.txt\n100755 \S+ 0\ttests\/run\.sh\n$/);
    await run('write_file', { path: 'tests/run.sh', content: '#!/bin/sh\n', executable: false });
    expect(mode('tests/run.sh')).toBe(0o644);
  });

  it('refuses .git, a directory, and a path under a file', async () => {
    const before = readFileSync(path.join(pg.repo.path, '.git/config'), 'utf8');
    const git = await run('write_file', { path: '.git/config', content: '[core]\n' });
    expect(git.ok).toBe(false);
    expect(git.observation).toContain('writing inside .git is not allowed');
    expect(readFileSync(path.join(pg.repo.path, '.git/config'), 'utf8')).toBe(before);
    expect((await run('write_file', { path: 'sub/.git/hooks/x', content: '' })).observation).toContain('.git');
    expect((await run('write_file', { path: '.GIT/config', content: '' })).observation).toContain('inside .git is not allowed');
    expect((await run('write_file', { path: 'src', content: 'x' })).observation).toContain('src is a directory');
    expect((await run('write_file', { path: 'README.md/x', content: 'x' })).observation).toContain('a parent of it is a file');
  });
});

describe('find_replace_in_file', () => {
  const lines = Array.from({ length: 20 }, (_, i) => (i + 1 === 4 || i + 1 === 9 || i + 1 === 17 ? 'int x = 1;' : `int y${i + 1} = 0;`));
  const source = lines.join('\n') + '\n';

  beforeEach(() => writeFileSync(path.join(pg.repo.path, 'src/vars.c'), source));

  it('replaces exactly one match and shows the edited region', async () => {
    const r = await run('find_replace_in_file', { path: 'src/vars.c', old_text: 'int y12 = 0;', new_text: 'int y12 = 42;\nint z = 3;' });
    expect(r.ok).toBe(true);
    expect(r.observation).toContain('Replaced 1 match at line 12 of src/vars.c (1 line(s) → 2 line(s))');
    expect(r.observation).toContain('  12\tint y12 = 42;\n  13\tint z = 3;');
    expect(readFileSync(path.join(pg.repo.path, 'src/vars.c'), 'utf8')).toBe(
      source.replace('int y12 = 0;', 'int y12 = 42;\nint z = 3;'),
    );
  });

  it('refuses 3 matches, naming their lines, and changes nothing', async () => {
    const r = await run('find_replace_in_file', { path: 'src/vars.c', old_text: 'int x = 1;', new_text: 'int x = 2;' });
    expect(r.ok).toBe(false);
    expect(r.observation).toContain('3 matches, at lines 4, 9, 17');
    expect(readFileSync(path.join(pg.repo.path, 'src/vars.c'), 'utf8')).toBe(source);
  });

  it('refuses 0 matches and points at the closest line', async () => {
    const r = await run('find_replace_in_file', { path: 'src/vars.c', old_text: 'int y13 = 1;', new_text: 'int y13 = 2;' });
    expect(r.ok).toBe(false);
    expect(r.observation).toContain('old_text was not found in src/vars.c (0 matches); nothing changed.');
    expect(r.observation).toContain('The closest line is 13: int y13 = 0;');
    expect(readFileSync(path.join(pg.repo.path, 'src/vars.c'), 'utf8')).toBe(source);
  });

  it('points out a whitespace-only mismatch, or where a multi-line old_text starts to differ', async () => {
    const ws = await run('find_replace_in_file', { path: 'src/main.c', old_text: 'puts("hi");\n return 0;', new_text: '' });
    expect(ws.observation).toContain('It matches at line 4 if whitespace is ignored');
    const later = await run('find_replace_in_file', { path: 'src/main.c', old_text: '  puts("hi");\n  return 1;', new_text: '' });
    expect(later.observation).toContain('Its first line matches line 4, but a later line differs');
  });

  it('edits a CRLF file with LF text and keeps its line endings', async () => {
    writeFileSync(path.join(pg.repo.path, 'win.txt'), 'a\r\nb\r\nc\r\n');
    const r = await run('find_replace_in_file', { path: 'win.txt', old_text: 'a\nb', new_text: 'A\nB' });
    expect(r.ok).toBe(true);
    expect(readFileSync(path.join(pg.repo.path, 'win.txt'), 'utf8')).toBe('A\r\nB\r\nc\r\n');
  });

  it('refuses empty and identical texts', async () => {
    expect((await run('find_replace_in_file', { path: 'src/vars.c', old_text: '', new_text: 'x' })).observation).toContain('old_text');
    expect((await run('find_replace_in_file', { path: 'src/vars.c', old_text: 'int y2 = 0;', new_text: 'int y2 = 0;' })).observation).toContain('identical');
  });
});

describe('list_directory', () => {
  it('lists sorted entries with type markers and hides .git', async () => {
    symlinkSync('src/main.c', path.join(pg.repo.path, 'main-link.c'));
    const r = await run('list_directory', {});
    expect(r.ok).toBe(true);
    expect(r.observation).toBe(
      ['. (repository root): 4 entries', 'README.md  (7 bytes)', 'big.txt  (' + numbered(2310).length.toLocaleString('en-US') + ' bytes)', 'main-link.c@ -> src/main.c', 'src/'].join('\n'),
    );
    expect((await run('list_directory', { path: 'src' })).observation).toContain('src/: 1 entries\nmain.c  (');
  });

  it('caps long listings and says how many were left out', async () => {
    const dir = path.join(pg.repo.path, 'many');
    mkdirSync(dir);
    for (let i = 0; i < 620; i++) writeFileSync(path.join(dir, `f${String(i).padStart(4, '0')}.txt`), '');
    const r = await run('list_directory', { path: 'many' });
    expect(r.observation).toContain('many/: 620 entries');
    expect(r.observation).toContain('f0499.txt');
    expect(r.observation).not.toContain('f0500.txt');
    expect(r.observation).toContain('… 120 more entries not shown');
  });

  it('errors on a file or a missing directory', async () => {
    expect((await run('list_directory', { path: 'README.md' })).observation).toContain('is a file, not a directory');
    expect((await run('list_directory', { path: 'nope' })).ok).toBe(false);
    expect(existsSync(path.join(pg.repo.path, 'nope'))).toBe(false);
  });
});
