import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openReadOnlyDb, openWritableDb } from '../../src/store/db.js';
import {
  NotASessionDbError,
  SCHEMA_VERSION,
  SchemaTooNewError,
  SchemaTooOldError,
  SessionStore,
  openSessionReadOnly,
} from '../../src/store/index.js';
import { MIGRATIONS, type Migration } from '../../src/store/schema.js';
import { createSession, testTempDir } from './helpers.js';

function raw(path: string): Database.Database {
  return new Database(path, { readonly: true });
}

describe('session database schema', () => {
  it('creates every table, index and pragma on create', () => {
    const store = createSession(testTempDir());
    const path = store.path;
    store.close();
    const db = raw(path);
    const names = (type: string) =>
      (db.prepare('SELECT name FROM sqlite_schema WHERE type = ? ORDER BY name').pluck().all(type) as string[]).filter(
        (n) => !n.startsWith('sqlite_'),
      );
    expect(names('table')).toEqual(['actions', 'attempts', 'events', 'goals', 'model_calls', 'session']);
    expect(names('index')).toEqual(
      expect.arrayContaining(['goals_by_parent', 'model_calls_by_attempt', 'events_by_goal', 'events_by_attempt']),
    );
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const cols = (t: string) => (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(t) as string[]);
    expect(cols('attempts')).toEqual(expect.arrayContaining(['diff', 'diffstat', 'validation_results', 'outcome', 'base_sha', 'final_sha']));
    expect(cols('actions')).toEqual(
      expect.arrayContaining(['attempt_id', 'seq', 'tool_name', 'input', 'output', 'observation', 'ok', 'exit_code', 'duration_ms']),
    );
    expect(cols('session')).toEqual(expect.arrayContaining(['driver_pid', 'driver_host', 'heartbeat_at', 'total_cost']));
    db.close();
  });

  it('uses the indexes for the windowed queries', () => {
    const store = createSession(testTempDir());
    const db = raw(store.path);
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan('SELECT * FROM actions WHERE attempt_id = 1 ORDER BY seq LIMIT 50')).toMatch(/USING INDEX/);
    expect(plan('SELECT * FROM goals WHERE parent_id = 1 ORDER BY position')).toMatch(/USING INDEX goals_by_parent/);
    expect(plan('SELECT * FROM attempts WHERE goal_id = 1 ORDER BY number')).toMatch(/USING INDEX/);
    expect(plan('SELECT * FROM events WHERE id > 5 ORDER BY id LIMIT 10')).toMatch(/INTEGER PRIMARY KEY/);
    expect(plan('SELECT * FROM events WHERE attempt_id = 3 AND id > 5 ORDER BY id')).toMatch(/USING INDEX events_by_attempt/);
    db.close();
    store.close();
  });

  it('reopening is idempotent and keeps the data', () => {
    const store = createSession(testTempDir());
    const goal = store.createGoal({ parentId: null, description: 'root' });
    const path = store.path;
    store.close();
    for (let i = 0; i < 3; i++) SessionStore.open(path).close();
    const again = SessionStore.open(path);
    expect(again.getGoal(goal.id)?.description).toBe('root');
    expect(again.goalTree()).toHaveLength(1);
    again.close();
  });

  it('migrates an older database forward and keeps its rows', () => {
    const store = createSession(testTempDir());
    store.createGoal({ parentId: null, description: 'root' });
    const path = store.path;
    store.close();
    const next: Migration = {
      version: SCHEMA_VERSION + 1,
      description: 'test: add a column',
      up: (db) => db.exec('ALTER TABLE goals ADD COLUMN note TEXT'),
    };
    // A reader built for the next version refuses to read this one rather than misread it.
    expect(() => openReadOnlyDb(path, [...MIGRATIONS, next])).toThrow(SchemaTooOldError);
    const db = openWritableDb(path, { migrations: [...MIGRATIONS, next] });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
    expect(db.prepare('SELECT description, note FROM goals').get()).toEqual({ description: 'root', note: null });
    db.close();
  });

  it("brings a version 2 database to 'stalled' goals: goals, their attempts and the foreign keys survive the rebuild", () => {
    const path = join(testTempDir(), 'v2.db');
    const v2 = openWritableDb(path, { create: true, migrations: MIGRATIONS.filter((m) => m.version <= 2) });
    v2.exec(`INSERT INTO session (id, goal, repo_path, base_branch, base_commit, model_a, model_b, started_at)
      VALUES ('s', 'g', '/r', 'main', 'abc', 'a', 'b', 't')`);
    v2.exec(`INSERT INTO goals (id, parent_id, description, status, depth, position, created_at) VALUES
      (1, NULL, 'root', 'decomposed', 0, 0, 't'), (2, 1, 'sub', 'failed', 1, 0, 't')`);
    v2.exec(`INSERT INTO attempts (id, goal_id, number, model_id, started_at) VALUES (7, 2, 1, 'a', 't')`);
    expect(() => v2.exec(`UPDATE goals SET status = 'stalled' WHERE id = 2`)).toThrow(/CHECK/);
    v2.close();

    const store = SessionStore.open(path);
    expect(store.goalTree().map((g) => [g.id, g.parentId, g.status])).toEqual([[1, null, 'decomposed'], [2, 1, 'failed']]);
    expect(store.attemptsForGoal(2).map((a) => a.id)).toEqual([7]);
    store.updateGoalStatus(2, 'stalled', { reason: 'no better than attempt #7' });
    expect(store.getGoal(2)).toMatchObject({ status: 'stalled', failureReason: 'no better than attempt #7' });
    expect(() => store.startAttempt({ goalId: 42, modelId: 'a' })).toThrow(/goal 42 does not exist/);
    expect(() => store.createGoal({ parentId: 1, description: 'again at position 0' })).not.toThrow();
    store.close();
    const db = raw(path);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare(`SELECT name FROM sqlite_schema WHERE tbl_name = 'goals' AND type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all())
      .toEqual(['goals_by_parent', 'goals_by_status', 'goals_single_root']);
    expect(db.prepare(`SELECT sql FROM sqlite_schema WHERE name = 'attempts'`).pluck().get()).toMatch(/REFERENCES goals\(id\)/);
    db.close();
  });

  it("brings a version 3 database to audited and raced attempts: attempts, actions and model calls survive the rebuild", () => {
    const path = join(testTempDir(), 'v3.db');
    const v3 = openWritableDb(path, { create: true, migrations: MIGRATIONS.filter((m) => m.version <= 3) });
    v3.exec(`INSERT INTO session (id, goal, repo_path, base_branch, base_commit, model_a, model_b, started_at)
      VALUES ('s', 'g', '/r', 'main', 'abc', 'a', 'b', 't')`);
    v3.exec(`INSERT INTO goals (id, parent_id, description, status, depth, position, created_at) VALUES (1, NULL, 'root', 'in_progress', 0, 0, 't')`);
    v3.exec(`INSERT INTO attempts (id, goal_id, number, model_id, outcome, diff, started_at) VALUES (7, 1, 1, 'a', 'validation_failed', 'patch', 't')`);
    v3.exec(`INSERT INTO actions (attempt_id, seq, tool_name, input, input_preview, input_chars, started_at) VALUES (7, 1, 'read_file', '{}', '{}', 2, 't')`);
    v3.exec(`INSERT INTO model_calls (goal_id, attempt_id, model, purpose, cost, created_at) VALUES (1, 7, 'a', 'attempt', 0.25, 't')`);
    expect(() => v3.exec(`UPDATE attempts SET outcome = 'audit_rejected' WHERE id = 7`)).toThrow(/CHECK/);
    expect(() => v3.exec(`INSERT INTO model_calls (goal_id, model, purpose, created_at) VALUES (1, 'b', 'audit', 't')`)).toThrow(/CHECK/);
    v3.close();

    const store = SessionStore.open(path);
    expect(store.attemptsForGoal(1).map((a) => [a.id, a.outcome])).toEqual([[7, 'validation_failed']]);
    expect(store.getAttempt(7)?.diff).toBe('patch');
    const second = store.startAttempt({ goalId: 1, modelId: 'b' });
    store.finishAttempt(second.id, { outcome: 'lost_race', failureReason: 'a won' });
    store.recordModelCall({ goalId: 1, attemptId: second.id, model: 'b', purpose: 'audit', step: 1, inputTokens: 1, outputTokens: 1, cost: 0.5, finishReason: 'stop', latencyMs: 1, error: null });
    expect(store.attemptsForGoal(1).map((a) => a.outcome)).toEqual(['validation_failed', 'lost_race']);
    expect(() => store.startAttempt({ goalId: 42, modelId: 'a' })).toThrow(/goal 42 does not exist/);
    store.close();
    const db = raw(path);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT count(*) FROM actions WHERE attempt_id = 7').pluck().get()).toBe(1);
    expect(db.prepare(`SELECT purpose FROM model_calls ORDER BY id`).pluck().all()).toEqual(['attempt', 'audit']);
    expect(db.prepare(`SELECT sql FROM sqlite_schema WHERE name = 'actions'`).pluck().get()).toMatch(/REFERENCES attempts\(id\)/);
    expect(db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name IN ('attempts', 'model_calls') AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all())
      .toEqual(['attempts_unfinished', 'model_calls_by_attempt', 'model_calls_by_goal']);
    db.close();
  });

  it('refuses a database written by a newer shots-on-goal, for writing and reading, without touching it', () => {
    const store = createSession(testTempDir());
    const path = store.path;
    store.close();
    const w = new Database(path);
    w.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    w.close();
    expect(() => SessionStore.open(path)).toThrow(SchemaTooNewError);
    expect(() => SessionStore.open(path)).toThrow(`schema version ${SCHEMA_VERSION + 1} but this shots-on-goal supports up to ${SCHEMA_VERSION}`);
    expect(() => openSessionReadOnly(path)).toThrow(SchemaTooNewError);
    const check = raw(path);
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
    check.close();
  });

  it('refuses garbage and foreign SQLite files with a clear error', () => {
    const dir = testTempDir();
    const garbage = join(dir, 'garbage.db');
    writeFileSync(garbage, Buffer.alloc(8192, 0x5a));
    expect(() => SessionStore.open(garbage)).toThrow(NotASessionDbError);
    expect(() => openSessionReadOnly(garbage)).toThrow(/not a shots-on-goal session database/);

    const foreign = join(dir, 'foreign.db');
    const f = new Database(foreign);
    f.exec('CREATE TABLE notes (x)');
    f.close();
    expect(() => SessionStore.open(foreign)).toThrow(/foreign SQLite database/);
    const after = raw(foreign);
    expect(after.pragma('user_version', { simple: true })).toBe(0);
    after.close();
  });

  it('has foreign keys on: an attempt for a missing goal is rejected', () => {
    const store = createSession(testTempDir());
    expect(() => store.startAttempt({ goalId: 42, modelId: 'a' })).toThrow(/goal 42 does not exist/);
    expect(() => store.recordModelCall({ goalId: 42, model: 'a', purpose: 'attempt', inputTokens: 1, outputTokens: 1 })).toThrow(
      /FOREIGN KEY/,
    );
    store.close();
  });
});
