// The steering keys on the screen itself (a real store, the app under ink-testing-library): the
// plan panel with a, e (a refused edit kept for the next e) and x then y/n, and the hint input.
import { afterEach, describe, expect, it } from 'vitest';
import { LiveSession } from '../../src/tui/data/live-session.js';
import type { SteerHost } from '../../src/tui/data/steer.js';
import { refreshByPolling } from '../../src/tui/data/triggers.js';
import type { Edited } from '../../src/tui/editor.js';
import { steeringThrough, type SessionStore } from '../../src/store/index.js';
import { createSession, testTempDir } from '../store/helpers.js';
import { KEY, renderApp } from './render.js';

const check = (command: string) => ({ command, expect: 'success' as const });
const PLAN = [
  { description: 'Write b.txt holding one line', validation: [check('test -f b.txt')] },
  { description: 'Write a.txt holding one line', validation: [check('test -s a.txt')] },
];

const open: { store: SessionStore; live: LiveSession }[] = [];
afterEach(() => {
  for (const { store, live } of open.splice(0)) {
    live.close();
    store.close();
  }
});

/** A running session whose root goal has a plan waiting; the editor returns `edits` in turn, recording what it was given. */
function waitingPlan(edits: Edited[] = [], approvePlans = true) {
  const store = createSession(testTempDir(), { options: { approvePlans } });
  store.createGoal({ parentId: null, description: 'Write the file a.txt', validation: [check('test -f a.txt')] });
  store.appendEvent({ type: 'plan_proposed', goalId: 1, model: 'script:b', subGoals: PLAN });
  const live = new LiveSession(store);
  refreshByPolling(live, 20);
  open.push({ store, live });
  const given: string[] = [];
  const steer: SteerHost = { steering: steeringThrough((fn) => fn(store), 'live'), edit: (text) => (given.push(text), edits.shift()!) };
  const t = renderApp({ mode: 'run', live, onQuit: () => {}, onStop: () => {}, onInterrupt: () => {}, steer });
  const decided = () => store.eventsOfTypes(['plan_decided']).map((e) => e.event);
  return { store, t, given, decided };
}

describe('a plan waiting for approval', () => {
  it('shows the sub-goals and the keys; x asks, n keeps it waiting; a approves it as proposed', async () => {
    const { t, decided } = waitingPlan();
    let frame = await t.waitFor('Plan for goal #1 waits for you');
    expect(frame).toContain('a approve · e edit · x reject');
    expect(frame).toContain('1. Write b.txt holding one line');
    expect(frame).toContain('✓ test -s a.txt');
    await t.press('x', 'Reject the plan? y/n');
    frame = await t.press('n', (f) => !f.includes('Reject the plan?') && f.includes('a approve'));
    expect(decided()).toEqual([]);
    frame = await t.press('a', (f) => f.includes('plan approved') && !f.includes('Plan for goal #1 waits for you'));
    expect(decided()).toEqual([{ type: 'plan_decided', goalId: 1, decision: 'approved', subGoals: PLAN }]);
  });

  it('x then y rejects it', async () => {
    const { t, decided } = waitingPlan();
    await t.waitFor('Plan for goal #1 waits for you');
    await t.press('x', 'Reject the plan? y/n');
    await t.press('y', (f) => f.includes('plan rejected: goal #1 fails'));
    expect(decided()).toEqual([{ type: 'plan_decided', goalId: 1, decision: 'rejected', subGoals: [] }]);
  });

  it('e: a refused edit says why and stays waiting, the next e reopens that edit, a valid one decides', async () => {
    const bad = '{"sub_goals": [{"description": "Write both files at once", "validation": [{"command": "test -f a.txt", "expect": "success"}]}]}';
    const good = JSON.stringify({ sub_goals: [{ description: 'Write both files at once', validation: [check('test -s a.txt')] }] });
    const { t, given, decided } = waitingPlan([{ ok: true, text: bad }, { ok: true, text: good }]);
    await t.waitFor('Plan for goal #1 waits for you');
    const frame = await t.press('e', 'edit refused');
    expect(frame).toMatch(/edit refused: sub-goal 1 asks everything the goal's own validation asks/);
    expect(JSON.parse(given[0]!)).toEqual({ sub_goals: PLAN });
    expect(decided()).toEqual([]);
    await t.press('e', 'edited plan approved: goal #1 gets 1 sub-goal');
    expect(given[1]).toBe(bad);
    expect(decided()).toMatchObject([{ decision: 'edited', subGoals: [{ description: 'Write both files at once' }] }]);
  });


  it('a plan left undecided by a run resumed with --no-approve-plans is not offered', async () => {
    const { t } = waitingPlan([], false);
    const frame = await t.waitFor('plan for goal #1 waits for your approval'); // the feed keeps the record
    expect(frame).not.toContain('Plan for goal #1 waits for you');
    await t.press('a', 'no plan waits for a decision');
  });
});

describe('a hint', () => {
  it('h opens the input; typed text (backspace works) is stored on enter; esc cancels without storing', async () => {
    const { store, t } = waitingPlan();
    await t.waitFor('h hint');
    await t.press('h', 'hint for the models>');
    await t.press('tests are in t', 'tests are in t█');
    await t.press('\u007f', (f) => f.includes('tests are in █'));
    await t.press('t/', 'tests are in t/█');
    await t.press(KEY.enter, 'hint stored');
    expect(store.eventsOfTypes(['hint']).map((e) => e.event)).toEqual([{ type: 'hint', text: 'tests are in t/', from: 'live' }]);
    await t.press('h', 'hint for the models>');
    await t.press('never mind', 'never mind█');
    await t.press(KEY.esc, (f) => !f.includes('hint for the models>'));
    expect(store.eventsOfTypes(['hint'])).toHaveLength(1);
  });
});
