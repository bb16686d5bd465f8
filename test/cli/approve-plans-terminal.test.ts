// --approve-plans waits for a person: without a terminal to answer in, it is refused before a
// session exists, in one line with exit 2 (a detached run answers in `watch` instead: see
// test/tui/steer-terminal.test.ts). Batch runs have no terminal at all.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeTempDir, testRepo } from '../helpers/repo.js';

describe('--approve-plans without a terminal', () => {
  const nothingIn = (dir: string) => !existsSync(dir) || readdirSync(dir).length === 0;

  it.each([
    ['piped', [] as string[]],
    ['--plain', ['--plain']],
  ])('%s: refused in one line, exit 2, no session', async (_, extra) => {
    const repo = testRepo({ 'a.txt': 'a\n' });
    const sessions = path.join(makeTempDir('sog-approve-'), 'sessions');
    const result = await runCli(['--sessions-dir', sessions, '--approve-plans', ...extra, '--model-a', 'builtin', 'Migrate it', repo.path]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/--approve-plans needs a terminal to answer in: .*--detach and answer in `shots-on-goal watch`/);
    expect(result.stdout).toBe('');
    expect(nothingIn(sessions)).toBe(true);
  });

  it('batch refuses it: its sessions run without a terminal', async () => {
    const dir = makeTempDir('sog-approve-batch-');
    writeFileSync(path.join(dir, 'repos.txt'), `${dir}\n`);
    const result = await runCli(['batch', path.join(dir, 'repos.txt'), '--approve-plans', '--sessions-dir', path.join(dir, 'sessions')]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/batch runs its sessions without a terminal, so --approve-plans/);
    expect(nothingIn(path.join(dir, 'sessions'))).toBe(true);
  });
});
