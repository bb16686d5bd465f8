// Hints and plan decisions as the session DB holds them: written by another connection (as `watch`
// does) while the driver's is open, taken once, decided once.
import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../src/events.js';
import { addHint, decidePlan, pendingHints, pendingPlans, planDecision, SessionStore, steeringThrough, takeHints } from '../../src/store/index.js';
import { createSession, testTempDir } from './helpers.js';

const sub = (description: string) => ({ description, validation: [{ command: 'bazel build //lib:a', expect: 'success' as const }] });

function twoConnections() {
  const driver = createSession(testTempDir());
  const watcher = SessionStore.open(driver.sessionDir);
  return { driver, watcher, close: () => (watcher.close(), driver.close()) };
}

describe('hints', () => {
  it('a hint another connection stores is taken by the next call once, and recorded with its id', () => {
    const { driver, watcher, close } = twoConnections();
    try {
      steeringThrough((fn) => fn(watcher), 'watch').hint('  the tests live in t/, not tests/  ');
      expect(pendingHints(driver).map((h) => h.text)).toEqual(['the tests live in t/, not tests/']);
      const emitted: SessionEvent[] = [];
      const emit = (e: SessionEvent) => (emitted.push(e), driver.appendEvent(e));
      const taken = takeHints(driver, { goalId: 1, attemptId: null, model: 'script:a', purpose: 'decompose' }, emit);
      expect(taken.map((h) => h.text)).toEqual(['the tests live in t/, not tests/']);
      expect(emitted).toEqual([{ type: 'hint_taken', hints: [taken[0]!.id], goalId: 1, attemptId: null, model: 'script:a', purpose: 'decompose' }]);
      expect(takeHints(driver, { goalId: 1, attemptId: null, model: 'script:b', purpose: 'attempt' }, emit)).toEqual([]);
      expect(emitted).toHaveLength(1);
      // A reopened store (a resume) finds nothing pending.
      const resumed = SessionStore.open(driver.sessionDir);
      expect(pendingHints(resumed)).toEqual([]);
      resumed.close();
    } finally {
      close();
    }
  });

  it('caps a hint at 2000 characters and refuses an empty one', () => {
    const { driver, close } = twoConnections();
    try {
      addHint(driver, 'x'.repeat(2500), 'live');
      expect(pendingHints(driver)[0]!.text).toHaveLength(2000);
      expect(() => addHint(driver, '   ', 'live')).toThrow(/empty/);
    } finally {
      close();
    }
  });
});

describe('plan decisions', () => {
  it('a proposal waits until decided; the first decision counts, a second one (from elsewhere) does not', () => {
    const { driver, watcher, close } = twoConnections();
    try {
      driver.appendEvent({ type: 'plan_proposed', goalId: 1, model: 'script:b', subGoals: [sub('build the library a')] });
      const [plan] = pendingPlans(watcher);
      expect(plan).toMatchObject({ goalId: 1, model: 'script:b' });
      expect(planDecision(driver, plan!)).toBeNull();
      expect(decidePlan(watcher, plan!, { decision: 'edited', subGoals: [sub('build the library a, then b')] })).toBe(true);
      expect(decidePlan(driver, plan!, { decision: 'rejected', subGoals: [] })).toBe(false);
      expect(planDecision(driver, plan!)).toMatchObject({ decision: 'edited', subGoals: [sub('build the library a, then b')] });
      expect(pendingPlans(driver)).toEqual([]);
      // A later proposal for the same goal (another round) is not decided by the earlier decision.
      driver.appendEvent({ type: 'plan_proposed', goalId: 1, model: 'script:b', subGoals: [sub('build the library c')] });
      const [again] = pendingPlans(driver);
      expect(planDecision(driver, again!)).toBeNull();
    } finally {
      close();
    }
  });
});
