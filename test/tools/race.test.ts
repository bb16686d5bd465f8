// Containment under a race: another host process keeps swapping a directory of the worktree with
// a symlink to a directory outside it (what a persistent Bazel worker could do) while the file
// tools run. Whatever the interleaving, nothing outside may be read, listed or written.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createToolRegistry } from '../../src/tools/registry.js';
import { readWorktreeFile } from '../../src/fs/worktree-fs.js';
import { playground, type Playground } from './helpers.js';

const registry = createToolRegistry();
const SECRET = 'HOST-ONLY-SECRET';
const ROUNDS = 500;

/** Swaps `<dir>` and a symlink to `<outside>` with renames, forever; says "ready" after the first swap. */
const SWAPPER = `
const fs = require('node:fs');
const [d, outside] = process.argv.slice(1);
const hold = d + '.hold', link = d + '.link';
fs.symlinkSync(outside, link);
let junk = 0, swaps = 0;
const quiet = (f) => { try { f(); } catch {} };
function cycle() {
  for (let i = 0; i < 200; i++) {
    quiet(() => fs.renameSync(d, hold));
    quiet(() => fs.renameSync(link, d));
    quiet(() => fs.renameSync(d, link));
    // A tool may have created a real directory at d while it was missing: move it aside.
    try { fs.renameSync(hold, d); } catch { quiet(() => fs.renameSync(d, d + '.junk' + junk++)); quiet(() => fs.renameSync(hold, d)); }
    swaps++;
  }
  if (swaps === 200) process.stdout.write('ready\\n');
  setImmediate(cycle);
}
cycle();
`;

let pg: Playground;
let swapper: ChildProcess | null = null;

beforeEach(() => {
  pg = playground({ 'README.md': '# demo\n', 'd/secret.txt': 'inside\n', 'd/edit.txt': 'token\n' });
  writeFileSync(path.join(pg.outside, 'secret.txt'), `${SECRET}\n`);
  writeFileSync(path.join(pg.outside, 'edit.txt'), `${SECRET} token\n`);
  mkdirSync(path.join(pg.outside, 'outside-only-dir'));
});

afterEach(async () => {
  if (swapper && swapper.exitCode === null && swapper.signalCode === null) {
    const exited = once(swapper, 'exit');
    swapper.kill('SIGKILL');
    await exited;
  }
  swapper = null;
  pg.cleanup();
});

async function startSwapper(dir: string): Promise<void> {
  const child = spawn(process.execPath, ['-e', SWAPPER, dir, pg.outside], { stdio: ['ignore', 'pipe', 'inherit'] });
  swapper = child;
  let seen = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`swapper exited early (${code})`)));
  });
}

it(`file tools never leave the worktree while a directory is swapped with an outside symlink (${ROUNDS} rounds)`, async () => {
  await startSwapper(path.join(pg.repo.path, 'd'));
  const leaks = { read: 0, listed: 0, written: 0, edited: 0 };
  let succeeded = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const read = await registry.runTool('read_file', { path: 'd/secret.txt' }, pg.ctx);
    if (read.output.includes(SECRET) || read.observation.includes(SECRET)) leaks.read++;
    if (read.ok) succeeded++;
    // The migration check reads test files of the tree the same way.
    if ((await readWorktreeFile(pg.repo.path, 'd/secret.txt'))?.toString().includes(SECRET)) leaks.read++;
    const listed = await registry.runTool('list_directory', { path: 'd' }, pg.ctx);
    if (listed.output.includes('outside-only-dir')) leaks.listed++;
    const written = await registry.runTool('write_file', { path: `d/new-${i}.txt`, content: 'pwned\n' }, pg.ctx);
    if (written.ok) succeeded++;
    await registry.runTool('find_replace_in_file', { path: 'd/edit.txt', old_text: 'token', new_text: 'TOKEN' }, pg.ctx);
    await registry.runTool('find_replace_in_file', { path: 'd/edit.txt', old_text: 'TOKEN', new_text: 'token' }, pg.ctx);
  }
  const outsideNow = readdirSync(pg.outside).sort();
  leaks.written = outsideNow.filter((f) => f.startsWith('new-')).length;
  if (readFileSync(path.join(pg.outside, 'edit.txt'), 'utf8') !== `${SECRET} token\n`) leaks.edited = 1;

  expect(leaks).toEqual({ read: 0, listed: 0, written: 0, edited: 0 });
  expect(outsideNow).toEqual(['edit.txt', 'outside-only-dir', 'secret.txt']);
  expect(readFileSync(path.join(pg.outside, 'secret.txt'), 'utf8')).toBe(`${SECRET}\n`);
  // The race was real: the tools did work inside while the swapping went on.
  expect(succeeded).toBeGreaterThan(0);
});
