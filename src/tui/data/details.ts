// The detail views' reads: one goal with its attempts, one attempt, a window of its tool calls,
// one tool call in full. Each is a keyed or indexed query; nothing here walks a whole session.
import { ladderSteps, type LadderStep } from '../../present/ladder.js';
import type { Action, ActionSummary, Attempt, AttemptSummary, Goal, SessionReader, StoredEvent } from '../../store/index.js';

export interface GoalDetail {
  goal: Goal;
  attempts: AttemptSummary[];
  subGoals: { total: number; completed: number; failed: number };
  /** The stall ladder's steps at this goal, oldest first. */
  ladder: LadderStep[];
}

export function loadGoalDetail(reader: SessionReader, goalId: number): GoalDetail | null {
  const goal = reader.getGoal(goalId);
  if (!goal) return null;
  const children = reader.childGoals(goalId);
  return {
    goal,
    attempts: reader.attemptsForGoal(goalId),
    subGoals: {
      total: children.length,
      completed: children.filter((c) => c.status === 'completed').length,
      failed: children.filter((c) => c.status === 'failed' || c.status === 'stalled').length,
    },
    ladder: ladderSteps(reader, goalId),
  };
}

/** The attempt with its validation results and diff (one row). */
export function loadAttempt(reader: SessionReader, attemptId: number): Attempt | null {
  return reader.getAttempt(attemptId) ?? null;
}

export interface ActionWindow {
  total: number;
  offset: number;
  rows: ActionSummary[];
}

/** `limit` tool calls of an attempt from `offset` (by seq), and how many there are. */
export function loadActionWindow(reader: SessionReader, attemptId: number, offset: number, limit: number): ActionWindow {
  const total = reader.countActions(attemptId);
  const start = Math.max(0, Math.min(offset, Math.max(0, total - 1)));
  return { total, offset: start, rows: limit > 0 ? reader.actionsForAttempt(attemptId, { offset: start, limit }) : [] };
}

/** The tool call at position `index` of an attempt, in full (input, output, observation). */
export function loadActionAt(reader: SessionReader, attemptId: number, index: number): Action | null {
  const [summary] = reader.actionsForAttempt(attemptId, { offset: index, limit: 1 });
  return summary ? (reader.getAction(summary.id) ?? null) : null;
}

/** An attempt's events in order, a page at a time through the per-attempt index (an attempt is bounded by --max-tools). */
export function loadAttemptEvents(reader: SessionReader, attemptId: number): StoredEvent[] {
  const all: StoredEvent[] = [];
  for (let page = reader.eventsFor({ attemptId }, { limit: 500 }); page.length > 0; page = reader.eventsFor({ attemptId }, { afterId: page.at(-1)!.id, limit: 500 })) {
    all.push(...page);
    if (page.length < 500) break;
  }
  return all;
}
