// The report's timeline tells what the stronger loop did: audits, stall-ladder steps, a person's
// hints and plan decisions, read from a real session DB as `report` reads it.
import { expect, it } from 'vitest';
import { collectReport } from '../../src/report/collect.js';
import { openSessionReadOnly } from '../../src/store/index.js';
import { createSession, testTempDir } from '../store/helpers.js';

it('audits, stall-ladder steps, hints and plan decisions are on the timeline, each with its tone', async () => {
  const store = createSession(testTempDir());
  const root = store.createGoal({ parentId: null, description: 'migrate', validation: [] });
  const { id: attemptId } = store.startAttempt({ goalId: root.id, modelId: 'a' });
  const sub = [{ description: 'build the library', validation: [{ command: 'bazel build //lib', expect: 'success' as const }] }];
  store.appendEvent({ type: 'audit', goalId: root.id, attemptId, model: 'b', verdict: 'rejected', reasons: ['deleted an assertion in test_add.c'] });
  store.appendEvent({ type: 'ladder', goalId: root.id, attemptId, rung: 'other_model', evidence: `attempt #${attemptId} changed nothing` });
  store.appendEvent({ type: 'hint', text: 'the tests need libm', from: 'watch' });
  store.appendEvent({ type: 'plan_decided', goalId: root.id, decision: 'rejected', subGoals: sub });
  store.close();

  const reader = openSessionReadOnly(store.sessionDir);
  const timeline = (await collectReport(reader)).timeline.map(({ text, tone }) => [text, tone]);
  reader.close();
  expect(timeline).toEqual([
    [`attempt #${attemptId}: audit by b rejected (deleted an assertion in test_add.c)`, 'bad'],
    [`goal #${root.id}: stall ladder, other model (attempt #${attemptId} changed nothing)`, 'bad'],
    ["a person's hint: the tests need libm", 'info'],
    [`goal #${root.id}: plan rejected by a person`, 'bad'],
  ]);
});
