import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  RowNotFoundError,
  SESSION_ID_PATTERN,
  SessionExistsError,
  SessionStore,
  openSessionReadOnly,
  type SessionStore as Store,
} from '../../src/store/index.js';
import { createSession, tempDir } from './helpers.js';

let cleanup: (() => void) | undefined;
let store: Store | undefined;
afterEach(() => {
  store?.close();
  store = undefined;
  cleanup?.();
});
function open(): Store {
  const t = tempDir();
  cleanup = t.cleanup;
  store = createSession(t.dir);
  return store;
}

describe('SessionStore', () => {
  it('creates <sessionsDir>/<id>/goals.db with the session row and nothing else in the dir', () => {
    const s = open();
    expect(s.getSession().id).toMatch(SESSION_ID_PATTERN);
    expect(s.path).toBe(join(s.sessionDir, 'goals.db'));
    expect(readdirSync(s.sessionDir).filter((n) => !n.startsWith('goals.db'))).toEqual([]);
    expect(s.getSession()).toMatchObject({
      goal: 'Migrate this repo to Bazel (bzlmod)',
      baseBranch: 'main',
      status: 'running',
      endedAt: null,
      totalCost: 0,
      options: { maxTools: 50 },
    });
  });

  it('refuses to create over an existing session', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    store = createSession(t.dir, { id: '20250101-000000-abcd' });
    expect(() => createSession(t.dir, { id: '20250101-000000-abcd' })).toThrow(SessionExistsError);
    expect(() => createSession(t.dir, { id: '../escape' })).toThrow(/invalid session id/);
  });

  it('builds the goal tree with derived depth and position, depth-first', () => {
    const s = open();
    const root = s.createGoal({ parentId: null, description: 'root', validation: [{ command: 'bazel build //...', expect: 'success' }] });
    const a = s.createGoal({ parentId: root.id, description: 'a', createdByModel: 'B' });
    const b = s.createGoal({ parentId: root.id, description: 'b' });
    const a1 = s.createGoal({ parentId: a.id, description: 'a1' });
    expect(() => s.createGoal({ parentId: null, description: 'second root' })).toThrow(/UNIQUE/);
    expect(() => s.createGoal({ parentId: 99, description: 'orphan' })).toThrow(RowNotFoundError);
    expect([a.depth, a.position, b.position, a1.depth]).toEqual([1, 0, 1, 2]);
    expect(s.getGoal(root.id)?.validation).toEqual([{ command: 'bazel build //...', expect: 'success' }]);
    expect(s.childGoals(root.id).map((g) => g.description)).toEqual(['a', 'b']);
    expect(s.goalTree().map((g) => g.description)).toEqual(['root', 'a', 'a1', 'b']);
    expect(s.rootGoal()?.id).toBe(root.id);
  });

  it('tracks goal status with timestamps and reasons', () => {
    const s = open();
    const g = s.createGoal({ parentId: null, description: 'root' });
    s.updateGoalStatus(g.id, 'in_progress');
    const started = s.getGoal(g.id)!.startedAt;
    expect(started).not.toBeNull();
    s.updateGoalStatus(g.id, 'failed', { reason: 'validation failed: bazel build' });
    expect(s.getGoal(g.id)).toMatchObject({ status: 'failed', failureReason: 'validation failed: bazel build' });
    expect(s.getGoal(g.id)!.completedAt).not.toBeNull();
    s.updateGoalStatus(g.id, 'in_progress');
    expect(s.getGoal(g.id)).toMatchObject({ status: 'in_progress', failureReason: null, completedAt: null, startedAt: started });
    s.setGoalBranch(g.id, 'sX-g1-mA');
    s.assignGoal(g.id, 'model-a');
    expect(s.getGoal(g.id)).toMatchObject({ gitBranch: 'sX-g1-mA', assignedModel: 'model-a' });
    expect(() => s.updateGoalStatus(404, 'completed')).toThrow(RowNotFoundError);
  });

  it('records attempts, their tool calls and model calls, with totals', () => {
    const s = open();
    const g = s.createGoal({ parentId: null, description: 'root' });
    const first = s.startAttempt({ goalId: g.id, modelId: 'A', baseSha: 'base1' });
    s.updateAttempt(first.id, { containerId: 'c1', worktreePath: '/w/1', gitBranch: 'b1' });
    const big = 'x'.repeat(10_000);
    const act1 = s.startAction(first.id, 'write_file', { path: 'MODULE.bazel', content: big });
    s.finishAction(act1.id, { ok: true, output: 'wrote', observation: 'wrote', exitCode: 0, durationMs: 12 });
    const act2 = s.startAction(first.id, 'bazel_build', { targets: ['//...'] });
    s.finishAction(act2.id, { ok: false, output: 'ERROR '.repeat(1000), observation: 'ERROR (capped)', exitCode: 1 });
    s.recordModelCall({ goalId: g.id, attemptId: first.id, model: 'A', purpose: 'attempt', step: 1, inputTokens: 100, outputTokens: 20, cost: 0.5 });
    s.recordModelCall({ goalId: g.id, attemptId: first.id, model: 'A', purpose: 'attempt', step: 2, inputTokens: 50, outputTokens: 10, cost: null });
    s.recordModelCall({ goalId: g.id, model: 'B', purpose: 'decompose', inputTokens: 7, outputTokens: 3, cost: 0.25, error: 'bad json' });
    const results = [{ command: 'bazel build //...', ok: false, exitCode: 1, timedOut: false, durationMs: 900, digest: 'no MODULE.bazel' }];
    const finished = s.finishAttempt(first.id, {
      outcome: 'validation_failed',
      failureReason: 'build failed',
      validationResults: results,
      diff: '+x',
      diffstat: ' 1 file changed',
      finalSha: 'f1',
    });
    expect(finished).toBe(true);
    expect(s.finishAttempt(first.id, { outcome: 'interrupted' })).toBe(false);
    const second = s.startAttempt({ goalId: g.id, modelId: 'B' });
    expect([first.number, second.number]).toEqual([1, 2]);

    const attempts = s.attemptsForGoal(g.id);
    expect(attempts.map((a) => [a.number, a.outcome, a.actionCount])).toEqual([
      [1, 'validation_failed', 2],
      [2, null, 0],
    ]);
    expect(attempts[0]).toMatchObject({ tokensIn: 150, tokensOut: 30, cost: 0.5, containerId: 'c1', finalSha: 'f1', baseSha: 'base1' });
    const full = s.getAttempt(first.id)!;
    expect(full).toMatchObject({ diff: '+x', diffstat: ' 1 file changed', validationResults: results, outcome: 'validation_failed' });

    const list = s.actionsForAttempt(first.id);
    expect(list.map((a) => [a.seq, a.toolName, a.ok, a.exitCode])).toEqual([[1, 'write_file', true, 0], [2, 'bazel_build', false, 1]]);
    expect(list[0]!.inputPreview.length).toBeLessThanOrEqual(400);
    expect(list[0]!.inputChars).toBeGreaterThan(10_000);
    expect(list[0]!.durationMs).toBe(12);
    expect(list[1]!.durationMs).toBeGreaterThanOrEqual(0);
    expect(s.getAction(act1.id)!.input).toEqual({ path: 'MODULE.bazel', content: big });
    expect(s.getAction(act2.id)).toMatchObject({ output: 'ERROR '.repeat(1000), observation: 'ERROR (capped)' });
    expect(s.actionsForAttempt(first.id, { offset: 1, limit: 1 }).map((a) => a.seq)).toEqual([2]);
    expect([s.countActions(first.id), s.countActions(second.id), s.countActions()]).toEqual([2, 0, 2]);
    expect(s.modelCalls({ goalId: g.id }).map((c) => c.purpose)).toEqual(['attempt', 'attempt', 'decompose']);
    expect(s.modelCalls({ attemptId: first.id })[1]!.cost).toBeNull();

    expect(s.unfinishedAttempts().map((a) => a.id)).toEqual([second.id]);
    expect(s.interruptUnfinishedAttempts('crash')).toEqual([second.id]);
    expect(s.getAttempt(second.id)).toMatchObject({ outcome: 'interrupted', failureReason: 'crash' });

    expect(s.totals()).toEqual({
      goals: { total: 1, pending: 1, inProgress: 0, completed: 0, failed: 0, decomposed: 0, stalled: 0 },
      attempts: 2,
      actions: 2,
      modelCalls: 3,
      tokensIn: 157,
      tokensOut: 33,
      cost: 0.75,
    });
  });

  it('appends events in order and derives goal/attempt ids for the index', () => {
    const s = open();
    const g = s.createGoal({ parentId: null, description: 'root' });
    const a = s.startAttempt({ goalId: g.id, modelId: 'A' });
    const ids = [
      s.appendEvent({ type: 'goal_started', goalId: g.id, model: 'A' }),
      s.appendEvent({ type: 'tool_started', attemptId: a.id, seq: 1, tool: 'read_file', input: 'BUILD' }),
      s.appendEvent({ type: 'log', level: 'info', message: 'hello' }),
    ];
    s.emit({ type: 'session_finished', status: 'completed', resultBranch: 'r' });
    expect(ids).toEqual([1, 2, 3]);
    const all = s.eventsAfter(0);
    expect(all.map((e) => [e.id, e.type, e.goalId, e.attemptId])).toEqual([
      [1, 'goal_started', g.id, null],
      [2, 'tool_started', g.id, a.id],
      [3, 'log', null, null],
      [4, 'session_finished', null, null],
    ]);
    expect(all[1]!.event).toEqual({ type: 'tool_started', attemptId: a.id, seq: 1, tool: 'read_file', input: 'BUILD' });
    expect(s.eventsAfter(2, 1).map((e) => e.id)).toEqual([3]);
    expect(s.eventsFor({ attemptId: a.id }).map((e) => e.id)).toEqual([2]);
    expect(s.eventsFor({ goalId: g.id }, { afterId: 1 }).map((e) => e.id)).toEqual([2]);
    expect(s.lastEventId()).toBe(4);
    // @ts-expect-error an event outside the contract is refused before it reaches the log
    expect(() => s.appendEvent({ type: 'goal_started', goalId: 'one' })).toThrow();
  });

  it('finishes and resumes the session status', () => {
    const s = open();
    s.finishSession('budget_exhausted', { reason: 'max cost 5 reached', resultBranch: null });
    expect(s.getSession()).toMatchObject({ status: 'budget_exhausted', statusReason: 'max cost 5 reached' });
    expect(s.getSession().endedAt).not.toBeNull();
    s.setSessionStatus('running');
    expect(s.getSession()).toMatchObject({ status: 'running', endedAt: null, statusReason: null });
    s.finishSession('completed', { resultBranch: 'sX-g1' });
    expect(s.getSession().resultBranch).toBe('sX-g1');
  });

  it('gives the driver lock to one owner, and to another only when the holder is stale', () => {
    const s = open();
    const me = { pid: 100, host: 'h' };
    const other = { pid: 200, host: 'h' };
    expect(s.acquireDriver(me, () => false)).toEqual({ ok: true });
    expect(s.acquireDriver(me, () => false)).toEqual({ ok: true });
    const refused = s.acquireDriver(other, () => false);
    expect(refused).toMatchObject({ ok: false, holder: { pid: 100, host: 'h' } });
    expect(s.acquireDriver(other, (holder) => holder.pid === 100)).toEqual({ ok: true });
    expect(s.heartbeat(me)).toBe(false);
    expect(s.heartbeat(other)).toBe(true);
    s.releaseDriver(me);
    expect(s.getSession().driver?.pid).toBe(200);
    s.releaseDriver(other);
    expect(s.getSession().driver).toBeNull();
  });

  it('is readable through the read-only opener, which cannot write', () => {
    const s = open();
    s.createGoal({ parentId: null, description: 'root' });
    const reader = openSessionReadOnly(s.sessionDir);
    expect(reader.goalTree()).toHaveLength(1);
    expect(() => (reader as unknown as { db: { exec(sql: string): void } }).db.exec('DELETE FROM goals')).toThrow(/readonly|query_only/i);
    reader.close();
    expect(existsSync(s.path)).toBe(true);
  });

  it('reopens an existing session by directory for writing', () => {
    const s = open();
    const g = s.createGoal({ parentId: null, description: 'root' });
    s.close();
    store = SessionStore.open(s.sessionDir);
    expect(store.getGoal(g.id)?.description).toBe('root');
  });
});
