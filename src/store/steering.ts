// What a person watching a session asks of it, read back from the event log: hints not yet put
// into a model call's prompt, and a decomposition waiting for approval (--approve-plans). Both are
// events, so the live screen, `watch` in another process and a resumed run all see the same state.
import type { ProposedSubGoal, SessionEvent } from '../events.js';
import type { SessionReader } from './reader.js';
import type { SessionStore } from './session-store.js';

/** A hint is at most this long; the input stops there. */
export const MAX_HINT_CHARS = 2000;

export interface PendingHint {
  id: number;
  text: string;
  from: 'live' | 'watch';
}

export interface PendingPlan {
  /** The plan_proposed event's id: a decision counts only after it. */
  proposalId: number;
  goalId: number;
  model: string;
  subGoals: ProposedSubGoal[];
}

export type PlanDecision = Extract<SessionEvent, { type: 'plan_decided' }>;

/** Hints no model call has taken yet, oldest first. */
export function pendingHints(reader: SessionReader): PendingHint[] {
  const taken = new Set<number>();
  const hints: PendingHint[] = [];
  for (const { id, event } of reader.eventsOfTypes(['hint', 'hint_taken'])) {
    if (event.type === 'hint') hints.push({ id, text: event.text, from: event.from });
    else if (event.type === 'hint_taken') for (const h of event.hints) taken.add(h);
  }
  return hints.filter((h) => !taken.has(h.id));
}

/** Plans proposed and not decided, oldest first (one at a time while sub-goals run in order). */
export function pendingPlans(reader: SessionReader): PendingPlan[] {
  const open = new Map<number, PendingPlan>();
  for (const { id, event } of reader.eventsOfTypes(['plan_proposed', 'plan_decided'])) {
    if (event.type === 'plan_proposed') open.set(event.goalId, { proposalId: id, goalId: event.goalId, model: event.model, subGoals: event.subGoals });
    else if (event.type === 'plan_decided') open.delete(event.goalId);
  }
  return [...open.values()].sort((a, b) => a.proposalId - b.proposalId);
}

/** The decision on a proposal, once someone made it. */
export function planDecision(reader: SessionReader, plan: Pick<PendingPlan, 'proposalId' | 'goalId'>): PlanDecision | null {
  for (const { id, event } of reader.eventsOfTypes(['plan_decided'])) {
    if (id > plan.proposalId && event.type === 'plan_decided' && event.goalId === plan.goalId) return event;
  }
  return null;
}

/**
 * Records a decision unless one was made already (the live screen and a `watch` may both answer):
 * checked and written in one write transaction. Returns whether this one counted.
 */
export function decidePlan(store: SessionStore, plan: Pick<PendingPlan, 'proposalId' | 'goalId'>, decision: Omit<PlanDecision, 'type' | 'goalId'>): boolean {
  return store.batch(() => {
    if (planDecision(store, plan) !== null) return false;
    if (!pendingPlans(store).some((p) => p.proposalId === plan.proposalId)) return false;
    store.appendEvent({ type: 'plan_decided', goalId: plan.goalId, decision: decision.decision, subGoals: decision.subGoals });
    return true;
  });
}

/** Stores a person's note for the models; returns its event id. */
export function addHint(store: SessionStore, text: string, from: 'live' | 'watch'): number {
  const trimmed = text.trim().slice(0, MAX_HINT_CHARS);
  if (!trimmed) throw new Error('an empty hint');
  return store.appendEvent({ type: 'hint', text: trimmed, from });
}

/**
 * Takes every pending hint for one model call and records that it did (through `emit`, the run's
 * event bus), so no later call, nor a resumed run, gives it again. Only the driving process takes
 * hints, and it does so synchronously: no other taker can come in between.
 */
export function takeHints(
  reader: SessionReader,
  by: Omit<Extract<SessionEvent, { type: 'hint_taken' }>, 'type' | 'hints'>,
  emit: (event: SessionEvent, hints: PendingHint[]) => void,
): PendingHint[] {
  const hints = pendingHints(reader);
  if (hints.length > 0) emit({ type: 'hint_taken', hints: hints.map((h) => h.id), ...by }, hints);
  return hints;
}

/** What the live screen and `watch` write: a hint, a decision on a plan. */
export interface Steering {
  hint(text: string): void;
  /** False when the plan was decided already (elsewhere). */
  decide(plan: PendingPlan, decision: PlanDecision['decision'], subGoals: PlanDecision['subGoals']): boolean;
}

/** Steering through a store: the run's own (live screen) or one opened per write (`watch`). */
export function steeringThrough(withStore: <T>(fn: (store: SessionStore) => T) => T, from: 'live' | 'watch'): Steering {
  return {
    hint: (text) => void withStore((store) => addHint(store, text, from)),
    decide: (plan, decision, subGoals) => withStore((store) => decidePlan(store, plan, { decision, subGoals })),
  };
}
