// What a person asked of a session (hints, plan decisions) as `show` reports it.
import type { PlanDecisionKind } from '../events.js';
import { shortNameOf } from '../models/index.js';
import { PLAN_DECISION } from '../present/labels.js';
import type { SessionReader } from '../store/index.js';
import { escapeControls as esc } from '../text.js';

export interface SteeringReport {
  hints: { id: number; at: string; from: 'live' | 'watch'; text: string; takenBy: { model: string; purpose: string; goalId: number; attemptId: number | null } | null }[];
  plans: { goalId: number; model: string; proposedAt: string; decision: PlanDecisionKind | 'waiting'; subGoals: number }[];
}

export function steeringReport(reader: SessionReader): SteeringReport {
  const report: SteeringReport = { hints: [], plans: [] };
  const open = new Map<number, SteeringReport['plans'][number]>();
  for (const { id, ts, event } of reader.eventsOfTypes(['hint', 'hint_taken', 'plan_proposed', 'plan_decided'])) {
    if (event.type === 'hint') report.hints.push({ id, at: ts, from: event.from, text: event.text, takenBy: null });
    else if (event.type === 'hint_taken') {
      for (const h of report.hints) if (event.hints.includes(h.id)) h.takenBy = { model: event.model, purpose: event.purpose, goalId: event.goalId, attemptId: event.attemptId };
    } else if (event.type === 'plan_proposed') {
      const plan = { goalId: event.goalId, model: event.model, proposedAt: ts, decision: 'waiting' as const, subGoals: event.subGoals.length };
      report.plans.push(plan);
      open.set(event.goalId, plan);
    } else if (event.type === 'plan_decided') {
      const plan = open.get(event.goalId);
      if (plan) Object.assign(plan, { decision: event.decision, subGoals: event.subGoals.length });
      open.delete(event.goalId);
    }
  }
  return report;
}

/** The lines `show` prints; none when nobody steered. */
export function steeringLines(report: SteeringReport): string[] {
  if (report.hints.length === 0 && report.plans.length === 0) return [];
  const lines = ['', 'Steering:'];
  for (const p of report.plans) {
    const what = p.decision === 'waiting' ? 'waiting for a decision' : p.decision === 'rejected' ? 'rejected' : `${PLAN_DECISION[p.decision]} (${p.subGoals} sub-goal${p.subGoals === 1 ? '' : 's'})`;
    lines.push(`  plan for goal #${p.goalId} by ${shortNameOf(p.model)}: ${what}`);
  }
  for (const h of report.hints) {
    const taken = h.takenBy ? `taken by ${shortNameOf(h.takenBy.model)} into its ${h.takenBy.purpose} prompt (goal #${h.takenBy.goalId})` : 'not taken yet';
    lines.push(`  hint #${h.id} (${h.from}): ${esc(h.text.replace(/\s+/g, ' '))} — ${taken}`);
  }
  return lines;
}
