// What `npm run eval` reads from a session DB (a real SQLite file, written through the store).
import { describe, expect, it } from 'vitest';
import { sessionFigures } from '../../eval/session-row.js';
import { openSessionReadOnly } from '../../src/store/index.js';
import type { MigrationReport } from '../../src/migration/index.js';
import { migratedReport, unmigratedReport } from '../migration/samples.js';
import { createSession, testTempDir } from '../store/helpers.js';

const MODULE_DIFF = 'diff --git a/MODULE.bazel b/MODULE.bazel\nnew file mode 100644\n--- /dev/null\n+++ b/MODULE.bazel\n@@ -0,0 +1 @@\n+module(name = "x")\n';

/** A session whose root goal has one builtin attempt with `toolCalls` recorded calls. */
function figures(attempt: { report?: MigrationReport; diff?: string; toolCalls?: number } | null) {
  const store = createSession(testTempDir());
  const goal = store.createGoal({ parentId: null, description: 'Migrate', validation: [{ command: 'migration-check', expect: 'success' }] });
  if (attempt !== null) {
    const { id } = store.startAttempt({ goalId: goal.id, modelId: 'builtin' });
    for (let i = 0; i < (attempt.toolCalls ?? 0); i++) {
      const action = store.startAction(id, 'write_file', { path: `f${i}` });
      store.finishAction(action.id, { ok: true, output: 'ok', observation: 'ok' });
    }
    const results = attempt.report
      ? [{ command: 'migration-check', ok: attempt.report.verdict === 'migrated', exitCode: null, timedOut: false, durationMs: 1, digest: '', report: attempt.report }]
      : null;
    store.finishAttempt(id, { outcome: attempt.report?.verdict === 'migrated' ? 'success' : 'validation_failed', validationResults: results, diff: attempt.diff ?? null });
  }
  const reader = openSessionReadOnly(store.path);
  try {
    return sessionFigures(reader);
  } finally {
    reader.close();
    store.close();
  }
}

describe('eval figures from a session DB', () => {
  it('tier 4 when the root attempt is migrated, with its recorded tool calls', () => {
    const f = figures({ report: migratedReport(), diff: MODULE_DIFF, toolCalls: 7 });
    expect(f).toMatchObject({ tier: 4, toolCalls: 7, note: '' });
    expect(f.report?.tests).toMatchObject({ passing: 1, total: 1 });
  });

  it('tier 3 when the build passes and every source is covered, 2 when some are not', () => {
    const covered = unmigratedReport({ sources: { covered: 4, total: 4, uncovered: [] } });
    expect(figures({ report: covered, diff: MODULE_DIFF, toolCalls: 3 }).tier).toBe(3);
    const f = figures({ report: unmigratedReport(), diff: MODULE_DIFF, toolCalls: 3 });
    expect(f.tier).toBe(2);
    expect(f.note).toBe('no_tests //...; source_uncovered lib/greet.c');
  });

  it('tier 1 when the build fails but MODULE.bazel was written, 0 when nothing was', () => {
    const broken = unmigratedReport({ build: { exitCode: 1, ok: false } });
    expect(figures({ report: broken, diff: MODULE_DIFF, toolCalls: 2 }).tier).toBe(1);
    expect(figures({ report: broken, diff: '', toolCalls: 2 }).tier).toBe(0);
    expect(figures(null)).toMatchObject({ tier: 0, toolCalls: 0 });
  });
});
