// `watch` and `--list` through the real CLI without a terminal: the plain fallbacks (Ink is
// never started when stdout is a pipe).
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { collect, runCli, spawnCli } from '../helpers/cli.js';
import { buildDemoSession, tempSessionsDir, type DemoSession } from './session-builder.js';

let temp: ReturnType<typeof tempSessionsDir>;
let demo: DemoSession;
beforeEach(() => {
  temp = tempSessionsDir();
  demo = buildDemoSession(temp.dir);
});
afterEach(() => {
  demo.b.close();
  temp.cleanup();
});

function finish(status: 'completed' | 'failed'): void {
  demo.b.store.finishSession(status, { resultBranch: 'sog/result', reason: status === 'failed' ? 'sub-goal #3 failed' : null });
  demo.b.emit({ type: 'session_finished', status, resultBranch: 'sog/result' });
}

it('watch follows the newest running session as a plain log until it ends, then prints the summary', async () => {
  const child = spawnCli(['watch', '--sessions-dir', temp.dir]);
  const done = collect(child);
  let seen = '';
  child.stdout!.on('data', (d: Buffer) => (seen += d.toString()));
  const deadline = Date.now() + 30_000;
  while (!seen.includes(`attempt #${demo.attempts.a5} on goal #${demo.ids.working}`)) {
    if (Date.now() > deadline) throw new Error(`watch printed nothing useful:\n${seen}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  demo.b.finishGoal(demo.ids.working, 'completed');
  finish('completed');
  const result = await done;
  expect(result.code, result.stderr).toBe(0);
  expect(result.stdout).toContain(`goal #${demo.ids.root} decomposed by gpt-5-codex into 4 sub-goals`);
  expect(result.stdout).toContain(`goal #${demo.ids.working} completed`);
  expect(result.stdout).toContain(`Session ${demo.b.store.getSession().id} completed`);
  expect(result.stdout).toContain('result branch: sog/result');
  expect(result.stdout).not.toContain('\u001b[');
});

it('watch SESSION on a finished session prints its log and exits with its outcome', async () => {
  finish('failed');
  const id = demo.b.store.getSession().id;
  const result = await runCli(['watch', id.slice(0, 15), '--sessions-dir', temp.dir]);
  expect(result.code).toBe(1);
  expect(result.stdout).toContain(`goal #${demo.ids.broken} failed: no decompositions left`);
  expect(result.stdout).toContain(`Session ${id} failed: sub-goal #3 failed`);
});

it('watch says so when no session runs, and when the process running it is gone', async () => {
  finish('completed');
  const none = await runCli(['watch', '--sessions-dir', temp.dir]);
  expect(none.code).toBe(2);
  expect(none.stderr).toMatch(/no running session in .*: name one/);

  demo.b.store.setSessionStatus('running');
  const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
  demo.b.store.acquireDriver({ pid: gone, host: hostname() }, () => true);
  const orphan = await runCli(['watch', '--sessions-dir', temp.dir]);
  expect(orphan.code).toBe(1);
  expect(orphan.stderr).toMatch(/the process running session .* is gone/);
});

it('--list without a terminal prints the plain listing', async () => {
  demo.b.store.acquireDriver({ pid: process.pid, host: hostname() }, () => true); // a live driver, as a run holds
  const result = await runCli(['--list', '--sessions-dir', temp.dir]);
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/^SESSION\s+STATUS\s+GOALS/);
  expect(result.stdout).toContain('running');
});
