import type { AttemptOutcome, SessionStatus } from '../events.js';
import { GitWorkspaceError } from '../git/errors.js';
import type { Goal } from '../store/index.js';
import { SandboxError } from '../runtime/errors.js';
import { runAttempt, type AttemptReport } from './attempt.js';
import { otherRole, roleAt, roleOf, type Orchestration } from './context.js';
import { decompose } from './decompose.js';
import { handedOver, ladderStep, type LadderDecision } from './ladder.js';
import { ladderRecord, migrationReportOf } from './ladder-record.js';
import { raceAttempt } from './race.js';
import type { Decomposition } from './decomposition.js';
import { awaitPlanDecision, takePlanUnasked, undecidedPlan } from './plan-approval.js';
import type { AttemptHistory, GoalContext } from './prompts.js';
import { SessionStop } from './session-stop.js';
import { validate } from './validation.js';

type GoalResult = 'completed' | 'failed' | 'stalled';

export interface SessionResult {
  status: Exclude<SessionStatus, 'running'>;
  reason: string | null;
  resultBranch: string | null;
  /** Set when the session stopped before its goal was decided. */
  stop: SessionStop | null;
}

/**
 * The ping-pong loop. A goal's model attempts it; a failed attempt is decomposed by the other
 * model, whose sub-goals are worked in order on branches from the parent's (earlier ones merged
 * in), each failing one decomposed in turn by the other model; the first sub-goal that fails
 * ends its siblings. When all complete, the parent's own validation runs on the merged branch;
 * if that fails, the parent gets a further attempt that knows all of this. An attempt that makes
 * no progress climbs the stall ladder instead (ladder.ts): the other model takes the next attempt,
 * then the goal is decomposed, then it ends `stalled`.
 */
export class Orchestrator {
  private decompositions: number;
  /** Work that ends on its own after its goal moved on (a lost race recording its stop); awaited before the session ends. */
  private readonly pending: Promise<void>[] = [];

  constructor(private readonly o: Orchestration) {
    this.decompositions = o.store.countEvents('decomposed');
  }

  async run(): Promise<SessionResult> {
    const root = this.o.store.rootGoal();
    if (!root) throw new Error('session has no root goal');
    let status: SessionResult['status'];
    let reason: string | null = null;
    let stop: SessionStop | null = null;
    try {
      const outcome = await this.workGoal(root.id);
      status = outcome === 'completed' ? 'completed' : 'failed';
      const why = this.o.store.getGoal(root.id)?.failureReason ?? null;
      if (outcome !== 'completed') reason = outcome === 'stalled' ? `stalled: ${why ?? ''}` : why;
    } catch (err) {
      // A container or its engine failing outside an attempt (a goal's own validation), or git on
      // this machine (merging a sub-goal into a branch the user has checked out), stops the
      // session as it does inside one: resumable once that is fixed.
      const stopped =
        err instanceof SandboxError
          ? new SessionStop('infrastructure', err.message)
          : err instanceof GitWorkspaceError
            ? new SessionStop('infrastructure', `git failed: ${err.message}`)
            : err;
      if (!(stopped instanceof SessionStop)) throw err;
      stop = stopped;
      status = stopped.status;
      reason = stopped.message;
    }
    await Promise.all(this.pending);
    const resultBranch = this.o.store.getGoal(root.id)?.gitBranch ?? null;
    this.o.store.finishSession(status, { reason, resultBranch });
    this.o.bus.emit({ type: 'session_finished', status, resultBranch, ...(reason ? { reason } : {}) });
    return { status, reason, resultBranch, stop };
  }

  /**
   * Works a goal from whatever state it is in, so a resumed session carries on where it stopped:
   * a finished goal is left as it is, a decomposed one goes on with its open sub-goals, any
   * other gets a new attempt whose history holds every earlier one (interrupted ones included).
   */
  private async workGoal(goalId: number): Promise<GoalResult> {
    const { store, bus } = this.o;
    let goal = store.getGoal(goalId)!;
    if (goal.status === 'completed' || goal.status === 'failed' || goal.status === 'stalled') return goal.status;
    const model = this.o.models[roleOf(goal)];
    store.assignGoal(goal.id, model.spec);
    goal = await this.ensureBranch(goal, model.spec);
    let decomposed = goal.status === 'decomposed';
    if (!decomposed) store.updateGoalStatus(goal.id, 'in_progress');
    bus.emit({ type: 'goal_started', goalId: goal.id, model: model.spec });

    const context = this.contextOf(goal);
    // A plan proposed before the run stopped, never decided: asked again before anything else, or
    // taken as proposed by a run that does not ask (as a plan nobody was asked about would be).
    let waiting = !decomposed ? undecidedPlan(this.o, goal.id) : null;
    if (waiting && !this.o.options.approvePlans) {
      const taken = takePlanUnasked(this.o, waiting);
      waiting = null;
      if (taken.decision === 'rejected') return this.finishGoal(goal, 'failed', 'plan rejected');
      this.recordDecomposition(goal, taken.decomposition);
      decomposed = true;
    }
    if (!decomposed && !waiting && (await this.firstShot(goal, context)) === 'success') return this.finishGoal(goal, 'completed');
    for (let round = 1; ; ) {
      if (!decomposed) {
        let decomposition: Decomposition | null = null;
        if (!waiting) {
          const reports = await this.attempt(goal, context);
          if (reports.some((r) => r.outcome === 'success')) return this.finishGoal(goal, 'completed');
          // The attempt that failed on its own comes first (one that lost a race whose winner then failed to merge, last).
          const [report, racing] = [...reports].sort((x, y) => Number(x.outcome === 'lost_race') - Number(y.outcome === 'lost_race')) as [AttemptReport, AttemptReport | undefined];
          const outcome = racing ? `attempts ${report.outcome} and ${racing.outcome} (raced)` : `attempt ${report.outcome}`;
          const step = this.climb(goal, reports);
          if (step?.rung === 'other_model') continue;
          if (step?.rung === 'stalled') return this.finishGoal(goal, 'stalled', step.evidence);
          const blocked = this.whyNotDecompose(goal);
          if (blocked) return this.finishGoal(goal, 'failed', `${outcome}; ${blocked}`);
          const result = await decompose(this.o, goal, context, report, { stall: step?.evidence ?? null, ...(racing ? { racing } : {}) });
          if (!result.ok) return this.finishGoal(goal, 'failed', result.reason);
          if (result.decomposition.sub_goals.length === 0) {
            const decomposer = this.o.models[otherRole(roleOf(goal))].shortName;
            return this.finishGoal(goal, 'failed', `${outcome}; ${decomposer} found nothing smaller to split it into: ${result.decomposition.cannot_split_because ?? ''}`);
          }
          decomposition = result.decomposition;
        }
        if (this.o.options.approvePlans || waiting) {
          const decomposer = this.o.models[otherRole(roleOf(goal))].spec;
          const decided = await awaitPlanDecision(this.o, goal.id, decomposer, waiting ? { proposed: waiting } : { decomposition: decomposition! });
          waiting = null;
          if (decided.decision === 'rejected') return this.finishGoal(goal, 'failed', 'plan rejected');
          decomposition = decided.decomposition;
        }
        this.recordDecomposition(goal, decomposition!);
        decomposed = true;
      }

      const failure = await this.workSubGoals(goal);
      if (failure) return this.finishGoal(goal, 'failed', failure);

      const check = await validate(this.o, goal, goal.gitBranch!, { attemptId: null, name: `validate-g${goal.id}-r${round++}` });
      if (check.ok) return this.finishGoal(goal, 'completed');
      store.updateGoalStatus(goal.id, 'in_progress');
      decomposed = false;
    }
  }

  /**
   * One attempt round at a goal: the goal's model alone (or the other one, when the stall ladder
   * handed the goal over), or with --race both models at once (the goal's own first). Every report
   * of the round comes back; one of them succeeded when the goal is done.
   */
  private async attempt(goal: Goal, context: GoalContext): Promise<AttemptReport[]> {
    const history = [...this.attemptHistory(goal.id), ...this.subGoalRounds(goal)];
    const subGoals = this.completedSubGoals(goal.id);
    if (this.o.options.race) {
      const race = await raceAttempt(this.o, goal, context, history, subGoals);
      this.pending.push(race.done);
      return race.reports;
    }
    const handover = this.handover(goal);
    return [await runAttempt(this.o, goal, context, history, subGoals, handover ? { role: roleAt(goal, true), handover } : {})];
  }

  /**
   * The stall ladder's step after a failed round that made no progress, recorded as a `ladder`
   * event; null when it made progress (or the ladder is off and no round of sub-goals ran yet).
   * Raced attempts are measured against earlier rounds only, and the round made no progress only
   * when neither did; an attempt that lost a race is no evidence at all, and the hand-over rung
   * is skipped (both models already attempted). A step that cannot be taken (no decomposition
   * left) is recorded as the `stalled` it becomes.
   */
  private climb(goal: Goal, reports: AttemptReport[]): LadderDecision {
    const record = ladderRecord(this.o.store, goal.id);
    const round = new Set(reports.map((r) => r.attemptId));
    const judged = reports.filter((r) => r.outcome !== 'lost_race');
    const steps = judged.map((report) =>
      ladderStep({
        attempt: {
          id: report.attemptId,
          changed: report.diff !== null && report.diff !== '',
          sameTreeAs: report.sameTreeAs !== null && round.has(report.sameTreeAs) ? null : report.sameTreeAs,
          report: migrationReportOf(report.validation),
        },
        earlier: record.attempts.filter((a) => a.judged && !round.has(a.id)),
        steps: record.steps,
        afterRound: record.afterRound,
        ladder: this.o.options.stallLadder,
        otherModel: !this.o.options.race && this.o.models.a.spec !== this.o.models.b.spec,
      }),
    );
    const first = steps[0];
    if (!first || steps.some((s) => s === null)) return null;
    const step = { rung: first.rung, evidence: steps.map((s) => s!.evidence).join('; ') };
    const blocked = step.rung === 'decompose' ? this.whyNotDecompose(goal) : null;
    const taken: LadderDecision = blocked
      ? { rung: 'stalled', evidence: `${step.evidence}; it cannot be decomposed: ${blocked}` }
      : step.rung === 'other_model'
        ? { rung: 'other_model', evidence: `${step.evidence}; ${this.o.models[roleAt(goal, true)].shortName} takes the next attempt` }
        : step;
    this.o.bus.emit({ type: 'ladder', goalId: goal.id, attemptId: judged[0]!.attemptId, ...taken });
    return taken;
  }

  /** The evidence of the ladder's hand-over when the goal's next attempt goes to the other model, else null. */
  private handover(goal: Goal): string | null {
    const record = ladderRecord(this.o.store, goal.id);
    if (!this.o.options.stallLadder || !handedOver(record.steps, record.attempts)) return null;
    const step = this.o.store.goalEventsOfType(goal.id, 'ladder').at(-1)?.event;
    return step?.type === 'ladder' ? step.evidence : null;
  }

  private recordDecomposition(goal: Goal, decomposition: Decomposition): void {
    const { store, bus } = this.o;
    this.decompositions += 1;
    const decomposer = this.o.models[otherRole(roleOf(goal))].spec;
    const subGoals = decomposition.sub_goals.map((sub) =>
      store.createGoal({ parentId: goal.id, description: sub.description, validation: sub.validation, createdByModel: decomposer }),
    );
    store.updateGoalStatus(goal.id, 'decomposed');
    for (const sub of subGoals) {
      bus.emit({ type: 'goal_created', goalId: sub.id, parentId: goal.id, description: sub.description, depth: sub.depth, validation: sub.validation });
    }
    bus.emit({
      type: 'decomposed',
      goalId: goal.id,
      model: decomposer,
      subGoals: subGoals.map((s) => ({ goalId: s.id, description: s.description, validation: s.validation })),
    });
  }

  /**
   * Works the open sub-goals in order, merging each completed one into the goal's branch (again
   * for ones completed before a resume: a merge already done is a no-op). Fail fast: the first
   * failure ends the siblings after it. Returns why the goal failed, or null.
   */
  private async workSubGoals(goal: Goal): Promise<string | null> {
    const { store, bus } = this.o;
    const children = store.childGoals(goal.id);
    for (const [index, sub] of children.entries()) {
      const result = await this.workGoal(sub.id);
      if (result !== 'completed') {
        for (const skipped of children.slice(index + 1)) {
          if (skipped.status === 'pending') this.finishGoal(skipped, 'failed', `not attempted: sub-goal #${sub.id} failed before it`);
        }
        return `sub-goal #${sub.id} ${result}`;
      }
      const done = store.getGoal(sub.id)!;
      const merged = await this.o.git.merge(goal.gitBranch!, done.gitBranch!, `Merge sub-goal ${sub.id} into goal ${goal.id}`);
      if (merged.ok && merged.upToDate) continue;
      bus.emit({ type: 'merge', goalId: goal.id, from: done.gitBranch!, into: goal.gitBranch!, ok: merged.ok, ...(merged.ok ? {} : { reason: merged.conflicts.join(', ') }) });
      if (!merged.ok) return `merging sub-goal #${sub.id} conflicted in ${merged.conflicts.join(', ')}`;
    }
    return null;
  }

  /**
   * The built-in migrator's attempt at the root goal before model A's first one; its commit stays
   * on the goal's branch even when validation fails, so model A starts from it. One that was
   * interrupted is taken again on resume (an interrupted attempt's work is not kept).
   */
  private async firstShot(goal: Goal, context: GoalContext): Promise<AttemptOutcome | null> {
    const model = this.o.firstShot;
    if (!model || goal.parentId !== null) return null;
    const earlier = this.o.store.attemptsForGoal(goal.id);
    if (earlier.some((a) => a.modelId !== model.spec || a.outcome !== 'interrupted')) return null;
    const report = await runAttempt(this.o, goal, context, [], [], { model, keep: true });
    return report.outcome;
  }

  private attemptHistory(goalId: number): AttemptHistory[] {
    const kept = this.o.store.mergedInto(goalId);
    return this.o.store.attemptsForGoal(goalId).flatMap((a) => {
      if (a.outcome === null) return [];
      const validation = this.o.store.getAttempt(a.id)?.validationResults ?? [];
      return [{
        model: a.modelId,
        outcome: a.outcome,
        reason: a.failureReason,
        diffstat: a.diffstat,
        validation,
        kept: a.outcome !== 'success' && a.gitBranch !== null && kept.has(a.gitBranch),
        unchanged: a.diffstat === null && validation.length > 0,
      }];
    });
  }

  /**
   * Rounds where every sub-goal was done but the goal's own validation still failed, read back
   * from the log (validation of the goal's branch, not of an attempt) so a resume keeps them.
   */
  private subGoalRounds(goal: Goal): AttemptHistory[] {
    const decomposer = this.o.models[otherRole(roleOf(goal))].spec;
    return this.o.store.goalEventsOfType(goal.id, 'validation_finished').flatMap(({ event }) =>
      event.type === 'validation_finished' && event.attemptId === null && !event.ok
        ? [{
            model: decomposer,
            outcome: 'validation_failed' as const,
            reason: "all sub-goals were completed and merged, but this goal's validation still fails",
            diffstat: null,
            validation: event.results,
          }]
        : [],
    );
  }

  private completedSubGoals(goalId: number): string[] {
    return this.o.store.childGoals(goalId).flatMap((c) => (c.status === 'completed' ? [c.description] : []));
  }

  private async ensureBranch(goal: Goal, model: string): Promise<Goal> {
    if (goal.gitBranch) return goal;
    const parent = goal.parentId === null ? null : this.o.store.getGoal(goal.parentId)!;
    const from = parent?.gitBranch ?? this.o.store.getSession().baseCommit;
    const branch = this.o.git.branchName({ goalId: goal.id, model });
    await this.o.git.createGoalBranch(branch, from);
    this.o.store.setGoalBranch(goal.id, branch);
    return { ...goal, gitBranch: branch };
  }

  private whyNotDecompose(goal: Goal): string | null {
    if (goal.depth >= this.o.options.maxDepth) return `no further decomposition at depth ${goal.depth} (--max-depth ${this.o.options.maxDepth})`;
    if (this.decompositions >= this.o.options.maxDecompositions) {
      return `no decompositions left (--max-decompositions ${this.o.options.maxDecompositions})`;
    }
    return null;
  }

  private contextOf(goal: Goal): GoalContext {
    const ancestors: string[] = [];
    for (let id = goal.parentId; id !== null; ) {
      const parent = this.o.store.getGoal(id)!;
      ancestors.unshift(parent.description);
      id = parent.parentId;
    }
    return { description: goal.description, ancestors, validation: goal.validation };
  }

  private finishGoal(goal: Goal, status: GoalResult, reason?: string): GoalResult {
    this.o.store.updateGoalStatus(goal.id, status, { reason: reason ?? null });
    this.o.bus.emit({ type: 'goal_finished', goalId: goal.id, status, ...(reason ? { reason } : {}) });
    return status;
  }
}
