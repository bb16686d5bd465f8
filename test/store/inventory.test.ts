import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CorruptRowError, SessionStore, openSessionReadOnly } from '../../src/store/index.js';
import { migratedReport, sampleInventory, unmigratedReport } from '../migration/samples.js';
import { createSession, testTempDir } from './helpers.js';

describe('the inventory and migration reports in the session DB', () => {
  it('stores the inventory once and reads it back validated, also read-only and after reopening', () => {
    const store = createSession(testTempDir());
    expect(store.getInventory()).toBeNull();
    const inventory = sampleInventory({ notBuiltGlobs: ['docs/**'] });
    store.setInventory(inventory);
    expect(store.getInventory()).toEqual(inventory);
    const reader = openSessionReadOnly(store.path);
    expect(reader.getInventory()).toEqual(inventory);
    reader.close();
    store.close();
    const again = SessionStore.open(store.path);
    expect(again.getInventory()).toEqual(inventory);
    again.close();
  });

  it('refuses to write a malformed inventory and reports a corrupt one naming the row', () => {
    const store = createSession(testTempDir());
    expect(() => store.setInventory({ ...sampleInventory(), tests: [{ path: 'x' }] } as never)).toThrow();
    const db = new Database(store.path);
    db.prepare(`UPDATE session SET inventory = '{"version": 1, "sources": "none"}'`).run();
    db.close();
    expect(() => store.getInventory()).toThrow(CorruptRowError);
    expect(() => store.getInventory()).toThrow(/session.*inventory/);
    store.close();
  });

  it('keeps each validation run\'s migration report on the attempt and in the validation event', () => {
    const store = createSession(testTempDir());
    const goal = store.createGoal({ parentId: null, description: 'Migrate', validation: [{ command: 'migration-check', expect: 'success' }] });
    const { id } = store.startAttempt({ goalId: goal.id, modelId: 'script:a' });
    const results = [
      { command: 'bazel build //...', ok: true, exitCode: 0, timedOut: false, durationMs: 5, digest: '' },
      { command: 'migration-check', ok: false, exitCode: null, timedOut: false, durationMs: 9, digest: 'not migrated', report: unmigratedReport() },
    ];
    store.finishAttempt(id, { outcome: 'validation_failed', validationResults: results });
    expect(store.getAttempt(id)!.validationResults).toEqual(results);
    store.appendEvent({ type: 'validation_finished', goalId: goal.id, attemptId: null, ok: true, results: [{ ...results[1]!, ok: true, report: migratedReport() }] });
    const [event] = store.goalEventsOfType(goal.id, 'validation_finished');
    expect(event!.event).toMatchObject({ results: [{ report: { verdict: 'migrated' } }] });
    expect(() => store.finishAttempt(id, { outcome: 'validation_failed', validationResults: [{ ...results[1]!, report: { verdict: 'maybe' } as never }] })).toThrow();
    store.close();
  });
});
