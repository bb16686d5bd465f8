import type { AttemptOutcome, ValidationResult } from '../events.js';
import { reportLine } from '../migration/index.js';
import type { ResolvedModel } from '../models/index.js';
import { lazySandbox } from '../runtime/lazy-sandbox.js';
import type { Sandbox } from '../runtime/types.js';
import type { Goal } from '../store/index.js';
import { auditAttempt, auditEnabled, reuseRejection, type AuditResult, type AuditSubject } from './audit.js';
import { roleOf, sandboxSpec, type Orchestration, type Role } from './context.js';
import { attemptSystemPrompt, attemptUserPrompt, type AttemptHistory, type GoalContext, type ToolCallSummary } from './prompts.js';
import { LostRace, type RaceLane } from './race-lane.js';
import { SessionStop } from './session-stop.js';
import { runToolLoop, toolBudget, type ToolLoopResult } from './tool-loop.js';
import { validate, WARM_VALIDATION } from './validation.js';

export interface AttemptReport extends AttemptHistory {
  attemptId: number;
  toolCalls: ToolCallSummary[];
  diff: string | null;
  /** An earlier attempt at the same goal that left exactly the same tree (its verdict was reused). */
  sameTreeAs: number | null;
}

/**
 * One shot at a goal: a fresh branch, worktree and container; the model's tool loop; everything
 * it changed committed and diffed; then the goal's validation on that commit in a fresh container.
 * A pass is reviewed by the other model when the audit is on (see audit.ts) and, unless the review
 * rejects it, merged into the goal's branch; a rejected one keeps its commit on its own branch.
 * A SessionStop (budget, time, interrupt) is recorded on the attempt and rethrown; so is a failure
 * of git or Docker, which ends the session.
 */
export interface AttemptHow {
  /** Another model than the goal's own (the built-in migrator's first shot). */
  model?: ResolvedModel;
  /** Merge its commit into the goal's branch even when validation fails (the first shot). */
  keep?: boolean;
  /** The role whose model attempts (the stall ladder hands a goal to the other model); default: the goal's own. */
  role?: Role;
  /** Why the goal was handed to this model: what the other one's attempts did not achieve. */
  handover?: string;
  /** Racing the other model at the same goal (see race.ts): stopped at once when the other wins. */
  race?: RaceLane;
}

export async function runAttempt(
  o: Orchestration,
  goal: Goal,
  context: GoalContext,
  history: AttemptHistory[],
  completedSubGoals: string[],
  how: AttemptHow = {},
): Promise<AttemptReport> {
  o.limits.check();
  const role = how.role ?? roleOf(goal);
  const lane = how.race;
  const model = how.model ?? o.models[role];
  const goalBranch = goal.gitBranch!;
  const { id: attemptId } = o.store.startAttempt({ goalId: goal.id, modelId: model.spec });
  const branch = o.git.branchName({ goalId: goal.id, attemptId, model: model.spec });
  let worktree: string | null = null;
  let sandbox: Sandbox | null = null;
  let loop: ToolLoopResult = { ended: 'error', reason: null, toolCalls: [] };
  let diff: string | null = null;
  let diffstat: string | null = null;
  let finalSha: string | null = null;
  let validation: ValidationResult[] = [];
  let kept = false;
  let sameTreeAs: number | null = null;

  const finish = (outcome: AttemptOutcome, reason: string | null): AttemptReport => {
    o.store.finishAttempt(attemptId, { outcome, failureReason: reason, validationResults: validation, diff, diffstat, finalSha });
    o.bus.emit({ type: 'attempt_finished', goalId: goal.id, attemptId, outcome, ...(reason ? { reason } : {}), ...(diffstat ? { diffstat } : {}) });
    return { attemptId, model: model.spec, outcome, reason, diffstat, validation, toolCalls: loop.toolCalls, diff, kept, sameTreeAs };
  };
  const mergeInto = async (message: string) => {
    const merged = await o.git.merge(goalBranch, branch, message);
    o.bus.emit({ type: 'merge', goalId: goal.id, from: branch, into: goalBranch, ok: merged.ok, ...(merged.ok ? {} : { reason: `conflicts in ${merged.conflicts.join(', ')}` }) });
    kept = merged.ok;
    return merged;
  };

  try {
    const wt = await o.git.createAttemptWorktree(branch, goalBranch);
    worktree = wt.path;
    o.store.updateAttempt(attemptId, { gitBranch: branch, worktreePath: wt.path, baseSha: wt.baseSha });
    // The container starts at the attempt's first command in it, and is on record from then.
    const spec = sandboxSpec(o, wt.path, attemptId, 'attempt', `attempt-${role}`);
    sandbox = lazySandbox(wt.path, () => o.runtime.start(spec), (started) => o.store.updateAttempt(attemptId, { containerId: started.id }));
    // The validation container starts while the model works, not after it.
    if (!o.options.coldValidation) o.runtime.prewarm?.(sandboxSpec(o, wt.path, attemptId, 'validation', lane?.validationKey ?? WARM_VALIDATION));
    o.bus.emit({ type: 'attempt_started', goalId: goal.id, attemptId, model: model.spec, branch, ...(lane ? { racing: true } : {}) });

    // Why the tool loop was stopped from outside: the session (a SessionStop) or a lost race.
    let stop: unknown = null;
    loop = await runToolLoop(o, {
      goalId: goal.id,
      attemptId,
      model,
      sandbox,
      worktree: wt.path,
      gitlinks: wt.gitlinks,
      system: attemptSystemPrompt({
        goal: context,
        maxTools: toolBudget(model, o.options.maxTools),
        bazelVersion: o.bazelVersion,
        network: o.options.network,
        history,
        completedSubGoals,
        inventory: o.migration?.inventory ?? null,
        handover: how.handover ?? null,
      }),
      prompt: attemptUserPrompt(context),
      validation: context.validation.map((v) => v.command),
      ...(lane ? { signal: lane.signal } : {}),
    }).catch((err: unknown) => {
      if (!(err instanceof SessionStop) && !lane?.signal.aborted) throw err;
      stop = err instanceof SessionStop ? err : lane!.signal.reason;
      return loop;
    });
    await sandbox.remove();
    sandbox = null;

    const sha = await o.git.commitAll(wt.path, `${model.shortName}: attempt ${attemptId} at goal ${goal.id}\n\n${context.description}`);
    finalSha = sha ?? wt.baseSha;
    if (sha) {
      const d = await o.git.diff(wt.baseSha, sha);
      diff = d.patch;
      diffstat = d.stat;
    }
    o.store.updateAttempt(attemptId, { finalSha });
    // Stopped (budget, time, interrupt, a race lost): the partial work is committed and on record, not judged.
    if (stop) throw stop;
    lane?.signal.throwIfAborted();

    const earlier = await judgedTree(o, goal, attemptId, finalSha);
    sameTreeAs = earlier?.attemptId ?? null;
    if (earlier) {
      o.bus.emit({ type: 'log', level: 'info', message: `attempt #${attemptId} left the same tree as attempt #${earlier.attemptId}: its verdict is reused, nothing is built again` });
    }
    const run = earlier ?? (await validate(o, goal, finalSha, {
      attemptId,
      name: `validate-a${attemptId}`,
      ...(lane ? { signal: lane.signal, warmKey: lane.validationKey } : {}),
    }));
    validation = run.results;
    const keep = async () =>
      how.keep && sha && (await mergeInto(`Keep the first shot (attempt ${attemptId}) on goal ${goal.id}`)).ok ? '; its commit is kept on the goal\'s branch' : '';
    if (run.ok) {
      const audit = await review(o, goal, context, { attemptId, model, diff, diffstat, validation }, sameTreeAs, lane?.signal);
      if (audit?.verdict === 'rejected') {
        return finish('audit_rejected', `audit by ${audit.auditor.shortName} rejected: ${audit.reasons.join('; ')}${await keep()}`);
      }
      // Validated -> audited -> claim the win when racing -> merge: the one place a validated
      // attempt becomes the goal's. A lane whose claim comes second has lost the race.
      if (lane && !lane.claim(attemptId, model.spec)) {
        throw lane.signal.reason instanceof LostRace ? lane.signal.reason : new LostRace('lost the race: the other attempt passed validation first', -1);
      }
      const merged = await mergeInto(`Merge attempt ${attemptId} into goal ${goal.id}`);
      if (!merged.ok) return finish('error', `could not merge into ${goalBranch}: conflicts in ${merged.conflicts.join(', ')}`);
      const notes = [
        ...(loop.ended === 'finished' ? [] : [`validation passed although the attempt ended early: ${loop.reason}`]),
        ...(audit?.verdict === 'skipped' ? [`audit skipped: ${audit.reasons.join('; ')}`] : []),
      ];
      return finish('success', notes.length > 0 ? notes.join('; ') : null);
    }
    const keptNote = await keep();
    if (loop.ended !== 'finished') return finish(loop.ended, `${loop.reason ?? loop.ended}${keptNote}`);
    return finish('validation_failed', `${firstFailure(validation)}${keptNote}`);
  } catch (err) {
    // Stopped because the other racing attempt won: its partial work is on its branch, never merged.
    if (err instanceof LostRace) return finish('lost_race', err.message);
    if (err instanceof SessionStop) {
      // The other racing attempt ran into what stops the session (a key refused, the engine gone): this one was only stopped.
      const byOther = lane?.signal.reason === err && err.outcome === 'error';
      finish(byOther ? 'interrupted' : err.outcome, byOther ? `stopped with the racing attempt: ${err.message}` : err.message);
      throw err;
    }
    // Git or Docker failing under us: another model or a decomposition will not fix that.
    const reason = err instanceof Error ? err.message : String(err);
    finish('error', reason);
    throw new SessionStop('infrastructure', `attempt ${attemptId} could not run: ${reason}`);
  } finally {
    await sandbox?.remove();
    if (worktree) await o.git.removeWorktree(worktree).catch(() => undefined);
  }
}

/**
 * The other model's review of a validated attempt, when the audit is on: a tree an earlier audit
 * rejected is rejected again without a call. Null when the audit is off.
 */
async function review(o: Orchestration, goal: Goal, context: GoalContext, subject: AuditSubject, sameTreeAs: number | null, signal?: AbortSignal): Promise<AuditResult | null> {
  if (!auditEnabled(o)) return null;
  return (sameTreeAs !== null ? reuseRejection(o, goal, subject.attemptId, sameTreeAs) : null) ?? (await auditAttempt(o, goal, context, subject, signal));
}

/** The validation of an earlier attempt at this goal whose commit has the same tree as `sha`, if any. */
async function judgedTree(o: Orchestration, goal: Goal, attemptId: number, sha: string): Promise<{ attemptId: number; ok: boolean; results: ValidationResult[] } | null> {
  const tree = await o.git.treeOf(sha);
  for (const a of o.store.attemptsForGoal(goal.id)) {
    if (a.id === attemptId || a.finalSha === null) continue;
    const results = o.store.getAttempt(a.id)?.validationResults ?? [];
    if (results.length === 0 || (await o.git.treeOf(a.finalSha)) !== tree) continue;
    return { attemptId: a.id, ok: results.every((r) => r.ok), results };
  }
  return null;
}

function firstFailure(results: ValidationResult[]): string {
  const verdict = results.find((r) => r.report && !r.ok)?.report;
  if (verdict) return reportLine(verdict);
  const failed = results.find((r) => !r.ok);
  if (!failed) return 'validation failed';
  return failed.timedOut ? `${failed.command}: timed out` : `${failed.command}: exit ${failed.exitCode}`;
}
