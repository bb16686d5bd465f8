// What the live screen and `watch` do with the steering keys, apart from drawing: a hint stored, a
// plan approved, edited in the person's editor (checked like a model's reply) or rejected.
import { checkPlanEdit, planEditText } from '../../orchestrator/plan-approval.js';
import { MAX_HINT_CHARS, type PendingPlan, type SessionReader, type Steering } from '../../store/index.js';
import type { Edited } from '../editor.js';

export interface SteerHost {
  steering: Steering;
  /** Opens the person's editor on `text`, the terminal handed over meanwhile. */
  edit(text: string): Edited;
}

export { MAX_HINT_CHARS };

/** The line the screen shows after a steering action. */
export type SteerNotice = { text: string; tone: 'info' | 'warn' };

/** A write that fails (the database locked for too long, a file we may not write) is said on the screen, not thrown at it. */
function safely<T extends { notice: SteerNotice } | SteerNotice>(fn: () => T, fallback: (notice: SteerNotice) => T): T {
  try {
    return fn();
  } catch (err) {
    return fallback({ text: `not recorded: ${err instanceof Error ? err.message : String(err)}`, tone: 'warn' });
  }
}

export function sendHint(host: SteerHost, text: string): SteerNotice {
  if (!text.trim()) return { text: 'empty hint: nothing sent', tone: 'warn' };
  return safely(() => {
    host.steering.hint(text);
    return { text: 'hint stored: the next model call (of either model) reads it', tone: 'info' } as SteerNotice;
  }, (n) => n);
}

export function approvePlan(host: SteerHost, plan: PendingPlan): SteerNotice {
  return safely(
    () =>
      host.steering.decide(plan, 'approved', plan.subGoals)
        ? ({ text: `plan approved: goal #${plan.goalId}'s ${plan.subGoals.length} sub-goal${plan.subGoals.length === 1 ? '' : 's'} run now`, tone: 'info' } as SteerNotice)
        : decidedElsewhere,
    (n) => n,
  );
}

export function rejectPlan(host: SteerHost, plan: PendingPlan): SteerNotice {
  return safely(() => (host.steering.decide(plan, 'rejected', []) ? ({ text: `plan rejected: goal #${plan.goalId} fails`, tone: 'warn' } as SteerNotice) : decidedElsewhere), (n) => n);
}

/**
 * Opens the plan (or the person's last refused edit of it) in the editor. A valid, changed edit
 * decides the plan; an invalid one says what is wrong and is kept for the next `e`.
 */
export function editPlan(host: SteerHost, reader: SessionReader, plan: PendingPlan, draft: string | null): { notice: SteerNotice; draft: string | null } {
  return safely(() => editPlanUnsafe(host, reader, plan, draft), (notice) => ({ notice, draft }));
}

function editPlanUnsafe(host: SteerHost, reader: SessionReader, plan: PendingPlan, draft: string | null): { notice: SteerNotice; draft: string | null } {
  const original = planEditText(plan.subGoals);
  const edited = host.edit(draft ?? original);
  if (!edited.ok) return { notice: { text: edited.problem, tone: 'warn' }, draft };
  const parent = reader.getGoal(plan.goalId)?.validation ?? [];
  const checked = checkPlanEdit(edited.text, parent);
  if (!checked.ok) return { notice: { text: `edit refused: ${checked.problem} (the plan still waits; e reopens your edit)`, tone: 'warn' }, draft: edited.text };
  if (planEditText(checked.subGoals) === original) return { notice: { text: 'no change: a approves the plan as it is', tone: 'info' }, draft: null };
  const decided = host.steering.decide(plan, 'edited', checked.subGoals);
  return {
    notice: decided ? { text: `edited plan approved: goal #${plan.goalId} gets ${checked.subGoals.length} sub-goal${checked.subGoals.length === 1 ? '' : 's'}`, tone: 'info' } : decidedElsewhere,
    draft: null,
  };
}

const decidedElsewhere: SteerNotice = { text: 'the plan was decided already (elsewhere)', tone: 'warn' };
