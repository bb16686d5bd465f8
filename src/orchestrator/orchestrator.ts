import type { AttemptOutcome, SessionStatus, ValidationResult } from '../events.js';
import type { Goal } from '../store/index.js';
import { reportLine, type MigrationReport } from '../migration/index.js';
import { SandboxError } from '../runtime/errors.js';
import { runAttempt, type AttemptReport } from './attempt.js';
import { otherRole, roleOf, type Orchestration } from './context.js';
import { decompose } from './decompose.js';
import { raceAttempt } from './race.js';
import type { Decomposition } from './decomposition.js';
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
 * if that fails, the parent gets a further attempt that knows all of this.
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
      // A container or its engine failing outside an attempt (a goal's own validation) stops the
      // session as it does inside one: resumable once the engine is back.
      const stopped = err instanceof SandboxError ? new SessionStop('infrastructure', err.message) : err;
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
    if (!decomposed && (await this.firstShot(goal, context)) === 'success') return this.finishGoal(goal, 'completed');
    for (let round = 1; ; round++) {
      if (!decomposed) {
        const reports = await this.attempt(goal, context);
        if (reports.some((r) => r.outcome === 'success')) return this.finishGoal(goal, 'completed');
        // The attempt that failed on its own comes first (one that lost a race whose winner then failed to merge, last).
        const [report, racing] = [...reports].sort((x, y) => Number(x.outcome === 'lost_race') - Number(y.outcome === 'lost_race')) as [AttemptReport, AttemptReport | undefined];
        const outcome = racing ? `attempts ${report.outcome} and ${racing.outcome} (raced)` : `attempt ${report.outcome}`;
        const stalled = round > 1 ? this.stalled(goal, reports) : null;
        if (stalled) return this.finishGoal(goal, 'stalled', stalled);
        const blocked = this.whyNotDecompose(goal);
        if (blocked) return this.finishGoal(goal, 'failed', `${outcome}; ${blocked}`);
        const result = await decompose(this.o, goal, context, report, racing);
        if (!result.ok) return this.finishGoal(goal, 'failed', result.reason);
        if (result.decomposition.sub_goals.length === 0) {
          const decomposer = this.o.models[otherRole(roleOf(goal))].shortName;
          return this.finishGoal(goal, 'failed', `${outcome}; ${decomposer} found nothing smaller to split it into: ${result.decomposition.cannot_split_because ?? ''}`);
        }
        this.recordDecomposition(goal, result.decomposition);
        decomposed = true;
      }

      const failure = await this.workSubGoals(goal);
      if (failure) return this.finishGoal(goal, 'failed', failure);

      const check = await validate(this.o, goal, goal.gitBranch!, { attemptId: null, name: `validate-g${goal.id}-r${round}` });
      if (check.ok) return this.finishGoal(goal, 'completed');
      store.updateGoalStatus(goal.id, 'in_progress');
      decomposed = false;
    }
  }

  /**
   * One attempt round at a goal: the goal's model alone, or with --race both models at once (the
   * goal's own first). Every report of the round comes back; one of them succeeded when the goal
   * is done.
   */
  private async attempt(goal: Goal, context: GoalContext): Promise<AttemptReport[]> {
    const history = [...this.attemptHistory(goal.id), ...this.subGoalRounds(goal)];
    const subGoals = this.completedSubGoals(goal.id);
    if (this.o.options.race) {
      const race = await raceAttempt(this.o, goal, context, history, subGoals);
      this.pending.push(race.done);
      return race.reports;
    }
    return [await runAttempt(this.o, goal, context, history, subGoals)];
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
    return this.o.store.attemptsForGoal(goalId).flatMap((a) =>
      a.outcome === null
        ? []
        : [{
            model: a.modelId,
            outcome: a.outcome,
            reason: a.failureReason,
            diffstat: a.diffstat,
            validation: this.o.store.getAttempt(a.id)?.validationResults ?? [],
            kept: a.outcome !== 'success' && a.gitBranch !== null && kept.has(a.gitBranch),
          }],
    );
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

  /**
   * After a round of sub-goals, an attempt that left a tree already judged, or whose migration
   * report is no better than the best before it, shows the goal has stopped moving: splitting it
   * again would repeat that round. The evidence, or null when the round made progress. Attempts
   * raced in the same round are measured against earlier rounds only, and the round stalled only
   * when each of them did (one that moved is progress).
   */
  private stalled(goal: Goal, reports: AttemptReport[]): string | null {
    const round = new Set(reports.map((r) => r.attemptId));
    // An attempt stopped because the other won is neither a failure nor a lack of progress.
    const judged = reports.filter((r) => r.outcome !== 'lost_race');
    const evidence = judged.map((r) => this.stalledAttempt(goal, r, round));
    return judged.length > 0 && evidence.every((e) => e !== null) ? evidence.join('; ') : null;
  }

  private stalledAttempt(goal: Goal, report: AttemptReport, round: Set<number>): string | null {
    if (report.sameTreeAs !== null && !round.has(report.sameTreeAs)) {
      return `after a round of sub-goals, attempt #${report.attemptId} left the same tree as attempt #${report.sameTreeAs}`;
    }
    const now = migrationReportOf(report.validation);
    if (now === null) return null;
    let best: { id: number; report: MigrationReport } | null = null;
    for (const a of this.o.store.attemptsForGoal(goal.id)) {
      const before = round.has(a.id) ? null : migrationReportOf(this.o.store.getAttempt(a.id)?.validationResults ?? []);
      if (before && (best === null || progress(before, best.report) > 0)) best = { id: a.id, report: before };
    }
    if (best === null || progress(now, best.report) > 0) return null;
    return `after a round of sub-goals, attempt #${report.attemptId} (${reportLine(now)}) is no better than attempt #${best.id} (${reportLine(best.report)})`;
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

function migrationReportOf(results: ValidationResult[]): MigrationReport | null {
  return results.find((r) => r.report)?.report ?? null;
}

/** Positive when `a` is further along than `b`: more sources covered, then more tests passing, then fewer findings. */
function progress(a: MigrationReport, b: MigrationReport): number {
  return a.sources.covered - b.sources.covered || a.tests.passing - b.tests.passing || b.findings.length - a.findings.length;
}
