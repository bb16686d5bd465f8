// A session database that lost a table (edited by hand, half copied) is refused with one line
// and exit 2 by show, watch and --resume, shown as unreadable by --list, and left unchanged:
// --resume must not take its lock or mark it running before finding out.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionStore } from '../../src/store/index.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { makeRepo, makeTempDir } from '../helpers/repo.js';

describe('a session database missing a table', () => {
  const scratch = makeTempDir('sog-damaged-');
  const sessions = path.join(scratch, 'sessions');
  const repo = makeRepo({ files: { 'a.txt': 'a\n' } });
  const script = path.join(scratch, 'script.json');
  let id = '';
  let dbPath = '';
  const digest = () => createHash('sha256').update(readFileSync(dbPath)).digest('hex');

  beforeAll(() => {
    writeFileSync(script, JSON.stringify({ steps: [{ text: 'done' }] }));
    const store = SessionStore.create(sessions, {
      goal: 'Migrate', repoPath: repo.path, baseBranch: 'main', baseCommit: repo.git('rev-parse', 'HEAD').trim(), modelA: `script:${script}`, modelB: `script:${script}`,
    });
    store.createGoal({ parentId: null, description: 'Migrate', validation: [] });
    store.finishSession('interrupted', { reason: 'stopped' });
    id = store.getSession().id;
    dbPath = store.path;
    store.close();
    const db = new Database(dbPath);
    db.exec('DROP TABLE actions; DROP TABLE attempts;');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  });

  afterAll(() => {
    repo.cleanup();
    rmSync(scratch, { recursive: true, force: true });
  });

  for (const args of [['show'], ['watch'], ['--resume', '--model-a', 'SCRIPT', '--model-b', 'SCRIPT']]) {
    it(`${args[0]}: one line naming what is missing, exit 2, the file unchanged`, async () => {
      const before = digest();
      const argv = [args[0]!, id, ...args.slice(1).map((a) => (a === 'SCRIPT' ? `script:${script}` : a)), '--sessions-dir', sessions];
      const r = await runCli(argv, { cwd: scratch, env: cliEnv() });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
      expect(r.stderr).toMatch(/is damaged \(tables actions and attempts are missing\)/);
      expect(digest()).toBe(before);
      const db = new Database(dbPath, { readonly: true });
      expect(db.prepare('SELECT status, driver_pid FROM session').get()).toEqual({ status: 'interrupted', driver_pid: null });
      db.close();
    });
  }

  it('--list shows it as unreadable beside the others', async () => {
    const r = await runCli(['--list', '--sessions-dir', sessions], { cwd: scratch, env: cliEnv() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`${id}\\s+unreadable .*damaged`));
  });
});
