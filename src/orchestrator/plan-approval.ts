// --approve-plans: a decomposition's sub-goals wait for a person's decision before they exist.
// The decision arrives as an event in the session DB (written by the live screen or by `watch`
// in another process), so the driver polls for it; an interrupt or the deadline ends the wait.
import { setTimeout as sleep } from 'node:timers/promises';
import type { ProposedSubGoal } from '../events.js';
import { decidePlan, pendingPlans, planDecision, type PendingPlan, type PlanDecision } from '../store/index.js';
import type { Orchestration } from './context.js';
import { decompositionSchema, repeatsParent, type Decomposition } from './decomposition.js';

export const PLAN_POLL_MS = 500;

export type PlanOutcome = { decision: 'approved' | 'edited' | 'taken'; decomposition: Decomposition } | { decision: 'rejected' };

/** The plan proposed for a goal and not decided yet (one a resumed run asks about again). */
export function undecidedPlan(o: Orchestration, goalId: number): PendingPlan | null {
  return pendingPlans(o.store).find((p) => p.goalId === goalId) ?? null;
}

/** Proposes `decomposition` (unless `proposed` is the proposal already on record) and waits for the decision. */
export async function awaitPlanDecision(
  o: Orchestration,
  goalId: number,
  model: string,
  proposal: { decomposition: Decomposition } | { proposed: PendingPlan },
  pollMs = PLAN_POLL_MS,
): Promise<PlanOutcome> {
  let plan: PendingPlan;
  if ('proposed' in proposal) {
    plan = proposal.proposed;
    // Asked again by a resumed run: whoever must answer is told again (plain log, notifications), as when first proposed.
    o.bus.announce({ type: 'plan_proposed', goalId, model: plan.model, subGoals: plan.subGoals });
  } else {
    o.bus.emit({ type: 'plan_proposed', goalId, model, subGoals: proposedOf(proposal.decomposition) });
    plan = undecidedPlan(o, goalId)!;
  }
  for (;;) {
    if (o.limits.stopped) throw o.limits.stopped;
    const decided = planDecision(o.store, plan);
    if (decided) {
      o.bus.announce(decided); // written by the screen or `watch`, not through this run's bus
      return outcomeOf(decided);
    }
    await sleep(pollMs, undefined, { signal: o.limits.signal }).catch(() => undefined);
  }
}

/**
 * A run without --approve-plans over a plan still waiting from an earlier run: the plan is taken
 * as proposed and recorded so (`taken`), unless a person decided it in the moment between (in
 * `watch`); that decision then stands.
 */
export function takePlanUnasked(o: Orchestration, plan: PendingPlan): PlanOutcome {
  if (decidePlan(o.store, plan, { decision: 'taken', subGoals: plan.subGoals })) {
    o.bus.announce({ type: 'plan_decided', goalId: plan.goalId, decision: 'taken', subGoals: plan.subGoals });
    return { decision: 'taken', decomposition: { sub_goals: plan.subGoals } };
  }
  const decided = planDecision(o.store, plan)!;
  o.bus.announce(decided);
  return outcomeOf(decided);
}

function outcomeOf(decided: PlanDecision): PlanOutcome {
  if (decided.decision === 'rejected') return { decision: 'rejected' };
  return { decision: decided.decision, decomposition: { sub_goals: decided.subGoals } };
}

function proposedOf(decomposition: Decomposition): ProposedSubGoal[] {
  return decomposition.sub_goals.map((s) => ({ description: s.description, validation: s.validation }));
}

export type PlanEditCheck = { ok: true; subGoals: ProposedSubGoal[] } | { ok: false; problem: string };

/**
 * A person's edit of a plan, checked as a model's decomposition is: the same schema (descriptions,
 * validation commands a sub-goal may run, at most five sub-goals) and no sub-goal that repeats the
 * parent. An edit needs at least one sub-goal: to drop the plan, reject it.
 */
export function checkPlanEdit(text: string, parentValidation: readonly { command: string }[]): PlanEditCheck {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, problem: `not JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
  const parsed = decompositionSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, problem: `${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}` };
  }
  if (parsed.data.sub_goals.length === 0) return { ok: false, problem: 'no sub_goals left: to drop the plan, reject it (x) instead' };
  const repeat = parsed.data.sub_goals.findIndex((sub) => repeatsParent(sub.validation, parentValidation));
  if (repeat !== -1) {
    return { ok: false, problem: `sub-goal ${repeat + 1} asks everything the goal's own validation asks (${parentValidation.map((v) => v.command).join('; ')}), so it repeats the goal` };
  }
  return { ok: true, subGoals: proposedOf(parsed.data) };
}

/** The JSON a person edits: the shape a model's decomposition has. */
export function planEditText(subGoals: readonly ProposedSubGoal[]): string {
  return `${JSON.stringify({ sub_goals: subGoals }, null, 2)}\n`;
}
