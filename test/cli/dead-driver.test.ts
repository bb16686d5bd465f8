// A session whose driver was killed (-9) still says `running` in its own record. --list, show and
// watch must tell it from a live one by the lock's holder: a pid that is gone, or one that is alive
// but has not renewed the heartbeat (the pid was reused by another process), is not a driver.
// clean records such a session as interrupted.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SessionStore } from '../../src/store/index.js';
import { CLI_COMMAND, cliEnv, collect, runCli } from '../helpers/cli.js';
import { deadPid } from '../helpers/dead-pid.js';
import { describeDocker } from '../helpers/docker.js';
import { makeRepo, makeTempDir } from '../helpers/repo.js';

const scratch = makeTempDir('sog-dead-driver-');
const repo = makeRepo({ files: { 'a.txt': 'a\n' } });

afterAll(() => {
  repo.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

/** A running session in its own sessions dir whose lock is held by `pid`, last heartbeat `ageMs` ago. */
function runningSession(name: string, pid: number, ageMs: number): { sessions: string; id: string } {
  const sessions = path.join(scratch, name);
  const store = SessionStore.create(sessions, {
    goal: 'Migrate', repoPath: repo.path, baseBranch: 'main', baseCommit: repo.git('rev-parse', 'HEAD').trim(), modelA: 'script:a.json', modelB: 'script:b.json',
  });
  const root = store.createGoal({ parentId: null, description: 'Migrate', validation: [] });
  store.startAttempt({ goalId: root.id, modelId: 'script:a.json' });
  const id = store.getSession().id;
  const dbPath = store.path;
  store.close();
  const db = new Database(dbPath);
  db.prepare('UPDATE session SET driver_pid = ?, driver_host = ?, heartbeat_at = ?').run(pid, hostname(), new Date(Date.now() - ageMs).toISOString());
  db.close();
  return { sessions, id };
}

/** `watch` in plain mode; a hang ends after 60 s with `timeout`'s exit code 124. */
function watch(sessions: string, id: string) {
  return collect(spawn('timeout', ['60', ...CLI_COMMAND, 'watch', id, '--sessions-dir', sessions], { env: cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] }));
}

const cases = [
  { name: 'killed: its pid is gone', pid: deadPid(), ageMs: 1_000 },
  { name: 'its pid now belongs to another process, and the heartbeat is stale', pid: process.pid, ageMs: 10 * 60_000 },
];

describe('a session whose driver is gone', () => {
  for (const c of cases) {
    describe(c.name, () => {
      it('--list and --list --json say its process is gone', async () => {
        const { sessions, id } = runningSession(`list-${c.ageMs}`, c.pid, c.ageMs);
        const r = await runCli(['--list', '--sessions-dir', sessions], { env: cliEnv() });
        expect(r.stdout).toMatch(new RegExp(`${id}\\s+process gone\\s`));
        const json = JSON.parse((await runCli(['--list', '--json', '--sessions-dir', sessions], { env: cliEnv() })).stdout);
        expect(json[0]).toMatchObject({ id, status: 'running', driverAlive: false });
      });

      it('show says so and how to go on', async () => {
        const { sessions, id } = runningSession(`show-${c.ageMs}`, c.pid, c.ageMs);
        const r = await runCli(['show', id, '--sessions-dir', sessions], { env: cliEnv() });
        expect(r.stdout.split('\n')[0]).toMatch(/^Session \S+: process gone: .*--resume continues it/);
      });

      it('watch ends, saying the process is gone, instead of waiting forever', async () => {
        const { sessions, id } = runningSession(`watch-${c.ageMs}`, c.pid, c.ageMs);
        const r = await watch(sessions, id);
        expect(r.code, r.stderr).toBe(1);
        expect(r.stderr).toMatch(/is gone; it stopped without finishing/);
      });
    });
  }

  it('a live driver with a fresh heartbeat is still running', async () => {
    const { sessions, id } = runningSession('live', process.pid, 1_000);
    const r = await runCli(['--list', '--sessions-dir', sessions], { env: cliEnv() });
    expect(r.stdout).toMatch(new RegExp(`${id}\\s+running\\s`));
  });
});

describeDocker('clean records a session whose driver is gone as interrupted', () => {
  it('after clean, --list and show say interrupted, and the attempt is closed', async () => {
    const { sessions, id } = runningSession('clean', deadPid(), 1_000);
    const r = await runCli(['clean', id, '--sessions-dir', sessions], { env: cliEnv() });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/recorded it as interrupted/);
    const list = await runCli(['--list', '--sessions-dir', sessions], { env: cliEnv() });
    expect(list.stdout).toMatch(new RegExp(`${id}\\s+interrupted\\s`));
    const db = new Database(path.join(sessions, id, 'goals.db'), { readonly: true });
    expect(db.prepare('SELECT status, driver_pid FROM session').get()).toEqual({ status: 'interrupted', driver_pid: null });
    expect(db.prepare('SELECT outcome FROM attempts').pluck().all()).toEqual(['interrupted']);
    db.close();
  });
});
