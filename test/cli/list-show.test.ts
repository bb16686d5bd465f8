import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openSessionReadOnly, SessionStore } from '../../src/store/index.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/repo.js';

describe('--list and show through the CLI (no terminal)', () => {
  const dir = makeTempDir('sog-cli-list-');
  const sessions = path.join(dir, 'sessions');
  const ids: string[] = [];

  beforeAll(() => {
    for (let i = 0; i < 3; i++) {
      const store = SessionStore.create(sessions, {
        goal: `Migrate project ${i} to Bazel`,
        repoPath: `/repos/p${i}`,
        baseBranch: 'main',
        baseCommit: 'a'.repeat(40),
        modelA: 'script:a.json',
        modelB: 'script:b.json',
        startedAt: new Date(Date.UTC(2026, 0, 1 + i)),
      });
      const root = store.createGoal({ parentId: null, description: `Migrate project ${i} to Bazel`, validation: [{ command: 'bazel build //...', expect: 'success' }] });
      store.createGoal({ parentId: root.id, description: 'Add MODULE.bazel', validation: [{ command: 'test -f MODULE.bazel', expect: 'success' }] });
      store.updateGoalStatus(root.id + 1, 'completed');
      const attempt = store.startAttempt({ goalId: root.id, modelId: 'script:a.json' });
      store.recordModelCall({ goalId: root.id, attemptId: attempt.id, model: 'script:a.json', purpose: 'attempt', inputTokens: 100, outputTokens: 10, cost: 0.5 });
      store.finishAttempt(attempt.id, { outcome: 'validation_failed', failureReason: 'bazel build //...: exit 1', diffstat: ' 1 file changed, 1 insertion(+)' });
      if (i === 2) store.finishSession('completed', { resultBranch: 'sog/result-2' });
      ids.push(store.getSession().id);
      store.close();
    }
    mkdirSync(path.join(sessions, '20990101-000000-bad1'));
    writeFileSync(path.join(sessions, '20990101-000000-bad1', 'goals.db'), 'not a database at all '.repeat(100));
  });

  it('prints every session newest first, and a corrupt one as unreadable without hiding the others', async () => {
    const r = await runCli(['--list', '--sessions-dir', sessions], { env: cliEnv() });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^SESSION\s+STATUS\s+GOALS\s+COST/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(['20990101-000000-bad1', ids[2], ids[1], ids[0]]);
    expect(lines[1]).toMatch(/unreadable/);
    expect(lines[2]).toMatch(/completed\s+1\/2\s+\$0\.5000/);
    expect(lines[3]).toMatch(/process gone\s+1\/2/); // running, and no process holds its lock
  });

  it('--json gives the same listing as data', async () => {
    const r = await runCli(['--list', '--json', '--sessions-dir', sessions], { env: cliEnv() });
    const list = JSON.parse(r.stdout) as { id: string; error?: string; goalsTotal?: number }[];
    expect(list.map((s) => s.id)).toEqual(['20990101-000000-bad1', ids[2], ids[1], ids[0]]);
    expect(list[0]!.error).toBeTruthy();
    expect(list[1]).toMatchObject({ status: 'completed', goalsCompleted: 1, goalsTotal: 2, cost: 0.5 });
  });

  it('says so when there are no sessions', async () => {
    const r = await runCli(['--list', '--sessions-dir', path.join(dir, 'empty')], { env: cliEnv() });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^No sessions in /);
  });

  it('show prints the goal tree, attempts, totals and the result branch; --json the same as data', async () => {
    const r = await runCli(['show', ids[2]!, '--sessions-dir', sessions], { env: cliEnv() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Session \S+: completed/);
    expect(r.stdout).toMatch(/^· #1 \[pending\] Migrate project 2 to Bazel$/m);
    expect(r.stdout).toMatch(/ {2}✓ #2 \[completed\] Add MODULE.bazel/);
    expect(r.stdout).toMatch(/validate: test -f MODULE.bazel/);
    expect(r.stdout).toMatch(/attempt 1 \(#\d+\) script:a.json: validation_failed, 0 tool calls, 100 in \/ 10 out, \$0\.5000, 1 file changed/);
    expect(r.stdout).toMatch(/Result branch: sog\/result-2/);
    const json = JSON.parse((await runCli(['show', ids[2]!, '--json', '--sessions-dir', sessions], { env: cliEnv() })).stdout);
    expect(json.goals).toHaveLength(2);
    expect(json.goals[0].attempts[0]).toMatchObject({ outcome: 'validation_failed', cost: 0.5 });
    expect(json.totals.cost).toBe(0.5);
  });

  it('--list, show and watch leave no -wal or -shm file beside a database that had none', async () => {
    const beside = () => readdirSync(sessions).flatMap((id) => readdirSync(path.join(sessions, id)).map((f) => `${id}/${f}`)).filter((f) => /-(wal|shm)$/.test(f));
    expect(beside()).toEqual([]);
    for (const args of [['--list'], ['show', ids[2]!], ['show', ids[0]!, '--json'], ['watch', ids[2]!]]) {
      const r = await runCli([...args, '--sessions-dir', sessions], { env: cliEnv() });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      expect(beside(), args.join(' ')).toEqual([]);
    }
  });

  it('a reader that outlasts the session writer leaves no -wal or -shm file either', () => {
    const dbDir = path.join(sessions, ids[1]!);
    const writer = SessionStore.open(dbDir);
    const reader = openSessionReadOnly(dbDir);
    expect(reader.getSession().id).toBe(ids[1]);
    writer.setResultBranch(null); // something in the WAL for the last connection to checkpoint
    writer.close();
    expect(reader.getSession().resultBranch).toBeNull();
    reader.close();
    expect(readdirSync(dbDir).filter((f) => /-(wal|shm)$/.test(f))).toEqual([]);
  });

  it('show of an unknown session is one line and exit 2', async () => {
    const r = await runCli(['show', 'nope', '--sessions-dir', sessions], { env: cliEnv() });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
