// The stall ladder's decision over recorded facts: each rule a row, in both directions.
import { describe, expect, it } from 'vitest';
import { handedOver, ladderStep, noProgress, type FailedAttempt, type LadderInput } from '../../src/orchestrator/ladder.js';
import { ladderRecord } from '../../src/orchestrator/ladder-record.js';
import { attemptSystemPrompt } from '../../src/orchestrator/prompts.js';
import { createSession, testTempDir } from '../store/helpers.js';
import { unmigratedReport } from '../migration/samples.js';

const report = (covered: number, passing: number, findings = 3) =>
  unmigratedReport({
    sources: { covered, total: 4, uncovered: [] },
    tests: { passing, total: 2, outcomes: [] },
    findings: unmigratedReport().findings.slice(0, findings),
  });
const failed = (over: Partial<FailedAttempt> = {}): FailedAttempt => ({ id: 3, changed: true, sameTreeAs: null, report: null, ...over });
const input = (over: Partial<LadderInput> = {}): LadderInput => ({
  attempt: failed(),
  earlier: [],
  steps: [],
  afterRound: false,
  ladder: true,
  otherModel: true,
  ...over,
});

describe('what counts as no progress', () => {
  it.each([
    ['changed nothing', failed({ changed: false }), 'attempt #3 changed nothing'],
    ['changed nothing, the tree an earlier attempt left', failed({ changed: false, sameTreeAs: 1 }), 'attempt #3 changed nothing (the same tree as attempt #1)'],
    ['changed, back to a tree judged before', failed({ sameTreeAs: 2 }), 'attempt #3 left the same tree as attempt #2'],
    ['a report no better than the best before', failed({ report: report(2, 1) }), 'attempt #3 (not migrated: 2/4 sources, 1/2 tests (3 findings)) is no better than attempt #2 (not migrated: 3/4 sources, 0/2 tests (3 findings))'],
    ['a report equal to the best before', failed({ report: report(3, 0) }), /is no better than attempt #2/],
  ])('%s', (_name, attempt, evidence) => {
    const earlier = [{ id: 1, judged: true, report: report(1, 1) }, { id: 2, judged: true, report: report(3, 0) }];
    expect(noProgress(attempt, earlier)).toMatch(evidence);
  });

  it.each([
    ['more sources covered', report(4, 0)],
    ['as many sources, more tests passing', report(3, 1)],
    ['as far, fewer findings', report(3, 0, 2)],
  ])('progress: %s than the best before', (_name, now) => {
    const earlier = [{ id: 1, judged: true, report: report(1, 1) }, { id: 2, judged: true, report: report(3, 0) }];
    expect(noProgress(failed({ report: now }), earlier)).toBeNull();
  });

  it('a changed tree is progress when nothing earlier has a report to compare with (first attempt, or no migration check)', () => {
    expect(noProgress(failed({ report: report(0, 0) }), [])).toBeNull();
    expect(noProgress(failed(), [{ id: 1, judged: true, report: null }])).toBeNull();
  });

  it('without the ladder only the older measure holds: changing nothing is not by itself evidence', () => {
    expect(noProgress(failed({ changed: false }), [], false)).toBeNull();
    expect(noProgress(failed({ changed: false, sameTreeAs: 1 }), [], false)).toBe('attempt #3 left the same tree as attempt #1');
    expect(noProgress(failed({ report: report(1, 0) }), [{ id: 1, judged: true, report: report(1, 0) }], false)).toMatch(/no better than attempt #1/);
  });
});

describe('the rungs', () => {
  const still = failed({ changed: false });

  it('progress: no step, the goal is decomposed as usual', () => {
    expect(ladderStep(input())).toBeNull();
    expect(ladderStep(input({ afterRound: true }))).toBeNull();
  });

  it('first no-progress attempt: the other model takes the next one', () => {
    expect(ladderStep(input({ attempt: still }))).toEqual({ rung: 'other_model', evidence: 'attempt #3 changed nothing' });
  });

  it('after the hand-over: decompose', () => {
    const steps = [{ rung: 'other_model' as const, attemptId: 2 }];
    expect(ladderStep(input({ attempt: still, steps }))).toEqual({ rung: 'decompose', evidence: 'attempt #3 changed nothing' });
  });

  it('after a round of sub-goals: stalled, ladder or not', () => {
    const stalled = { rung: 'stalled', evidence: 'after a round of sub-goals, attempt #3 changed nothing' };
    expect(ladderStep(input({ attempt: still, afterRound: true }))).toEqual(stalled);
    expect(ladderStep(input({ attempt: still, afterRound: true, steps: [{ rung: 'other_model', attemptId: 1 }, { rung: 'decompose', attemptId: 2 }] }))).toEqual(stalled);
    expect(ladderStep(input({ attempt: failed({ changed: false, sameTreeAs: 1 }), afterRound: true, ladder: false }))).toEqual({
      rung: 'stalled',
      evidence: 'after a round of sub-goals, attempt #3 left the same tree as attempt #1',
    });
  });

  it('no other model to hand to (a race, or the same model in both roles): straight to decompose', () => {
    expect(ladderStep(input({ attempt: still, otherModel: false }))).toEqual({ rung: 'decompose', evidence: 'attempt #3 changed nothing' });
  });

  it('--no-stall-ladder: no step before a round of sub-goals', () => {
    expect(ladderStep(input({ attempt: still, ladder: false }))).toBeNull();
    expect(ladderStep(input({ attempt: failed({ sameTreeAs: 1 }), ladder: false }))).toBeNull();
  });
});

describe('who takes the next attempt', () => {
  const steps = [{ rung: 'other_model' as const, attemptId: 1 }];

  it('the other model after an other_model step, until one of its attempts is judged', () => {
    expect(handedOver(steps, [{ id: 1, judged: true, report: null }])).toBe(true);
    // Interrupted before its verdict (a resume): the hand-over still holds.
    expect(handedOver(steps, [{ id: 1, judged: true, report: null }, { id: 2, judged: false, report: null }])).toBe(true);
    expect(handedOver(steps, [{ id: 1, judged: true, report: null }, { id: 2, judged: true, report: null }])).toBe(false);
  });

  it('the goal\'s own model with no step, or after a later step', () => {
    expect(handedOver([], [{ id: 1, judged: true, report: null }])).toBe(false);
    expect(handedOver([...steps, { rung: 'decompose', attemptId: 2 }], [])).toBe(false);
  });
});

describe('what the model taking over is told', () => {
  it('why the goal came to it, and that the earlier attempt changed nothing', () => {
    const system = attemptSystemPrompt({
      goal: { description: 'Write done.txt', ancestors: [], validation: [{ command: 'test -f done.txt', expect: 'success' }] },
      maxTools: 50,
      bazelVersion: 'bazel 7.7.1',
      network: 'none',
      history: [{ model: 'script:a.json', outcome: 'validation_failed', reason: 'test -f done.txt: exit 1', diffstat: null, validation: [], unchanged: true }],
      completedSubGoals: [],
      inventory: null,
      handover: 'attempt #1 changed nothing; b takes the next attempt',
    });
    expect(system).toContain('Attempt 1 by script:a.json: validation_failed (test -f done.txt: exit 1)\n  changed: nothing');
    expect(system).toContain("HANDED OVER TO YOU: the other model's attempts at this goal stopped making progress (attempt #1 changed nothing; b takes the next attempt).");
  });
});

describe('what the ladder reads back from the store', () => {
  it('an attempt the auditor rejected is judged, but its report is no mark for later attempts to beat', () => {
    const store = createSession(testTempDir());
    const root = store.createGoal({ parentId: null, description: 'migrate', validation: [] });
    const finish = (outcome: 'audit_rejected' | 'validation_failed', covered: number) => {
      const { id } = store.startAttempt({ goalId: root.id, modelId: 'a' });
      const results = [{ command: 'migration-check', ok: outcome === 'audit_rejected', exitCode: 0, timedOut: false, durationMs: 1, digest: '', report: report(covered, 0) }];
      store.finishAttempt(id, { outcome, validationResults: results });
      return id;
    };
    const rejected = finish('audit_rejected', 4);
    const honest = finish('validation_failed', 2);
    const { attempts } = ladderRecord(store, root.id);
    expect(attempts).toEqual([
      { id: rejected, judged: true, report: null },
      { id: honest, judged: true, report: expect.objectContaining({ sources: expect.objectContaining({ covered: 2 }) }) },
    ]);
    expect(noProgress({ id: 9, changed: true, sameTreeAs: null, report: report(3, 0) }, attempts)).toBeNull();
    store.close();
  });
});
