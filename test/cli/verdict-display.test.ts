import { describe, expect, it } from 'vitest';
import { renderSession, sessionReport } from '../../src/cli/show.js';
import { renderSummary } from '../../src/cli/summary.js';
import { listSessions } from '../../src/store/index.js';
import { migratedReport, sampleInventory, unmigratedReport } from '../migration/samples.js';
import { createSession, testTempDir } from '../store/helpers.js';

function sessionWithReports() {
  const dir = testTempDir();
  const store = createSession(dir);
  store.setInventory(sampleInventory());
  const root = store.createGoal({ parentId: null, description: 'Migrate', validation: [{ command: 'migration-check', expect: 'success' }] });
  const sub = store.createGoal({ parentId: root.id, description: 'lib/ first', validation: [{ command: 'migration-check lib/', expect: 'success' }] });
  const check = (report: ReturnType<typeof migratedReport>) => ({ command: 'migration-check', ok: report.verdict === 'migrated', exitCode: null, timedOut: false, durationMs: 1, digest: '', report });
  store.appendEvent({ type: 'validation_finished', goalId: root.id, attemptId: null, ok: true, results: [check(migratedReport())] });
  store.appendEvent({ type: 'validation_finished', goalId: sub.id, attemptId: null, ok: true, results: [check(migratedReport({ scope: 'lib', sources: { covered: 2, total: 2, uncovered: [] } }))] });
  store.appendEvent({ type: 'validation_finished', goalId: root.id, attemptId: null, ok: false, results: [{ command: 'make check', ok: false, exitCode: 2, timedOut: false, durationMs: 1, digest: 'no' }] });
  return { store, dir };
}

describe('the verdict for people', () => {
  it("takes the root's newest report, skipping runs that made none", () => {
    const { store } = sessionWithReports();
    expect(store.latestReport()).toMatchObject({ verdict: 'migrated', scope: null });
    store.appendEvent({ type: 'validation_finished', goalId: 1, attemptId: null, ok: false, results: [{ command: 'migration-check', ok: false, exitCode: null, timedOut: false, durationMs: 1, digest: '', report: unmigratedReport() }] });
    expect(store.latestReport()).toMatchObject({ verdict: 'not_migrated' });
    store.close();
  });

  it('shows it in the summary, show, show --json and --list', () => {
    const { store, dir } = sessionWithReports();
    store.appendEvent({ type: 'validation_finished', goalId: 1, attemptId: null, ok: false, results: [{ command: 'migration-check', ok: false, exitCode: null, timedOut: false, durationMs: 1, digest: '', report: unmigratedReport() }] });
    const summary = renderSummary(store, 1000, ['s1']);
    expect(summary).toContain('  not migrated: 0/4 sources, 0/1 tests (3 findings)');
    expect(summary).toContain('    test_unmapped tests/greet_test.c: no test rule has it in srcs');
    const text = renderSession(store);
    expect(text).toContain('  verdict:  not migrated: 0/4 sources, 0/1 tests (3 findings)');
    expect(text).toContain('    migration (lib): 2/2 sources, 1/1 tests passing');
    const json = JSON.parse(JSON.stringify(sessionReport(store)));
    expect(json.migration.findings).toHaveLength(3);
    expect(json.inventory.sources).toHaveLength(4);
    expect(json.goals[1].migration.scope).toBe('lib');
    const [listed] = listSessions(dir);
    expect(listed).toMatchObject({ migration: 'not migrated: 0/4 sources, 0/1 tests (3 findings)' });
    store.close();
  });
});
