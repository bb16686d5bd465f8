import type { LadderRung } from '../events.js';
import { reportLine, type MigrationReport } from '../migration/index.js';

/**
 * The stall ladder: what happens to a goal after a failed attempt that made no progress. Pure
 * functions over recorded facts (the goal's attempts and its `ladder` and `decomposed` events),
 * so the rung a goal stands on is the same after a resume, and every rule is a row in a table test.
 */

/** A finished attempt at the goal, as the store keeps it. */
export interface LadderAttempt {
  id: number;
  /** Its validation ran (an attempt stopped by the session before it was judged never counts). */
  judged: boolean;
  /** Its migration report, when its goal is judged by the migration check. */
  report: MigrationReport | null;
}

/** The attempt that just failed. */
export interface FailedAttempt {
  id: number;
  /** It committed something: its diff is not empty. */
  changed: boolean;
  /** An earlier attempt at the goal that left exactly the same tree. */
  sameTreeAs: number | null;
  report: MigrationReport | null;
}

export interface LadderStepRecord {
  rung: LadderRung;
  attemptId: number | null;
}

export interface LadderInput {
  attempt: FailedAttempt;
  /** The goal's earlier judged attempts (not this one), oldest first. */
  earlier: LadderAttempt[];
  /** The goal's earlier ladder steps, oldest first. */
  steps: LadderStepRecord[];
  /** The goal was decomposed before and its sub-goals were worked (a round of sub-goals). */
  afterRound: boolean;
  /** --stall-ladder: off, only the after-a-round rule applies (and by its older measure). */
  ladder: boolean;
  /**
   * The other model can take the next attempt: false when both roles are the same model, or in a
   * race, where both models have already attempted.
   */
  otherModel: boolean;
}

/** null: the attempt made progress (or the ladder does not apply): the goal goes on as usual. */
export type LadderDecision = { rung: LadderRung; evidence: string } | null;

export function ladderStep(input: LadderInput): LadderDecision {
  const evidence = noProgress(input.attempt, input.earlier, input.ladder);
  if (evidence === null) return null;
  // A round of sub-goals already ran: splitting again would repeat it. The top rung, ladder or not.
  if (input.afterRound) return { rung: 'stalled', evidence: `after a round of sub-goals, ${evidence}` };
  if (!input.ladder) return null;
  const handedOver = input.steps.some((s) => s.rung === 'other_model');
  if (input.otherModel && !handedOver) return { rung: 'other_model', evidence };
  return { rung: 'decompose', evidence };
}

/**
 * Why the attempt made no progress, or null when it did: it changed nothing, left a tree an
 * earlier attempt left, or its migration report is no better than the best earlier one. Without
 * the ladder only the older measure holds (the same tree, or a report no better).
 */
export function noProgress(attempt: FailedAttempt, earlier: LadderAttempt[], ladder = true): string | null {
  const same = attempt.sameTreeAs === null ? '' : `the same tree as attempt #${attempt.sameTreeAs}`;
  if (ladder && !attempt.changed) return `attempt #${attempt.id} changed nothing${same ? ` (${same})` : ''}`;
  if (same) return `attempt #${attempt.id} left ${same}`;
  if (attempt.report === null) return null;
  const best = bestReport(earlier.filter((a) => a.id !== attempt.id));
  if (best === null || progress(attempt.report, best.report) > 0) return null;
  return `attempt #${attempt.id} (${reportLine(attempt.report)}) is no better than attempt #${best.id} (${reportLine(best.report)})`;
}

/**
 * The attempt taken after an `other_model` step goes to the other model until one is judged:
 * an attempt the session stopped before its verdict (interrupted, out of budget) does not use up
 * the hand-over, so a resume gives it back to the same model.
 */
export function handedOver(steps: LadderStepRecord[], attempts: LadderAttempt[]): boolean {
  const last = steps.at(-1);
  if (!last || last.rung !== 'other_model' || last.attemptId === null) return false;
  return !attempts.some((a) => a.judged && a.id > last.attemptId!);
}

function bestReport(attempts: LadderAttempt[]): { id: number; report: MigrationReport } | null {
  let best: { id: number; report: MigrationReport } | null = null;
  for (const a of attempts) {
    if (a.report && (best === null || progress(a.report, best.report) > 0)) best = { id: a.id, report: a.report };
  }
  return best;
}

/** Positive when `a` is further along than `b`: more sources covered, then more tests passing, then fewer findings. */
export function progress(a: MigrationReport, b: MigrationReport): number {
  return a.sources.covered - b.sources.covered || a.tests.passing - b.tests.passing || b.findings.length - a.findings.length;
}
