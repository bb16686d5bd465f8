// The typed events the orchestrator emits. The store appends each one to the `events` table
// (so a second process can tail it), and the plain log and the TUI render from the same shapes.
import type { MigrationReport } from './migration/report.js';

/** `stalled`: failed because its attempts stopped improving the migration report (evidence in the reason). */
export type GoalStatus = 'pending' | 'in_progress' | 'completed' | 'failed' | 'decomposed' | 'stalled';
export type SessionStatus = 'running' | 'completed' | 'failed' | 'interrupted' | 'budget_exhausted';
export type AttemptOutcome =
  | 'success'
  | 'validation_failed'
  | 'tool_limit_exceeded'
  | 'llm_timeout'
  | 'budget_exhausted'
  | 'error'
  | 'interrupted'
  /** Passed validation, but the other model's audit rejected it (reasons in the failure reason); not merged. */
  | 'audit_rejected'
  /** Raced the other model's attempt at the same goal and lost; its partial work stays on its own branch. */
  | 'lost_race';

/** What a model call was for. */
export type ModelCallPurpose = 'attempt' | 'decompose' | 'audit';

/** The other model's review of a validated attempt; `skipped`: it could not answer, the attempt was merged. */
export type AuditVerdict = 'approved' | 'rejected' | 'skipped';

/**
 * The stall ladder's steps for a goal whose attempts stopped making progress: the other model takes
 * the next attempt, then the goal is decomposed, then it fails as `stalled`.
 */
export type LadderRung = 'other_model' | 'decompose' | 'stalled';

/** A sub-goal as proposed by a decomposition, before it exists in the goal tree. */
export interface ProposedSubGoal {
  description: string;
  validation: ValidationCommand[];
}

export interface ValidationCommand {
  command: string;
  /** `success`: exit 0 (for `bazel test`, exit 4 "no test targets" also passes). */
  expect: 'success';
}

export interface ValidationResult {
  command: string;
  ok: boolean;
  exitCode: number | null;
  timedOut: boolean;
  durationMs: number;
  /** Condensed output for people and models; the full output is not kept here. */
  digest: string;
  /** The migration check's report, on the result of a `migration-check` command. */
  report?: MigrationReport;
  /** The command this one ran inside of (`bazel build //...` as run by `migration-check`), not a command of its own. */
  partOf?: string;
}

export type SessionEvent =
  | { type: 'session_started'; goal: string; repo: string; modelA: string; modelB: string; resumed: boolean }
  | { type: 'session_finished'; status: SessionStatus; resultBranch: string | null; reason?: string }
  | {
      type: 'goal_created';
      goalId: number;
      parentId: number | null;
      description: string;
      depth: number;
      validation: ValidationCommand[];
    }
  | { type: 'goal_started'; goalId: number; model: string }
  | { type: 'goal_finished'; goalId: number; status: GoalStatus; reason?: string }
  | {
      type: 'attempt_started';
      goalId: number;
      attemptId: number;
      model: string;
      branch: string;
      /** Runs at the same time as the other model's attempt at the same goal (--race). */
      racing?: boolean;
    }
  | {
      type: 'attempt_finished';
      goalId: number;
      attemptId: number;
      outcome: AttemptOutcome;
      reason?: string;
      diffstat?: string;
    }
  | { type: 'tool_started'; attemptId: number; seq: number; tool: string; input: string }
  | {
      type: 'tool_finished';
      attemptId: number;
      seq: number;
      tool: string;
      ok: boolean;
      durationMs: number;
      exitCode: number | null;
      /** What the model saw (capped). */
      observation: string;
    }
  | { type: 'model_text'; attemptId: number | null; goalId: number; model: string; text: string }
  | {
      type: 'model_call';
      goalId: number;
      attemptId: number | null;
      model: string;
      purpose: ModelCallPurpose;
      inputTokens: number;
      outputTokens: number;
      cost: number;
      error?: string;
    }
  | { type: 'validation_started'; goalId: number; attemptId: number | null; commands: string[] }
  | { type: 'validation_finished'; goalId: number; attemptId: number | null; ok: boolean; results: ValidationResult[] }
  | {
      type: 'decomposed';
      goalId: number;
      model: string;
      subGoals: { goalId: number; description: string; validation: ValidationCommand[] }[];
    }
  | { type: 'merge'; goalId: number; from: string; into: string; ok: boolean; reason?: string }
  | { type: 'audit'; goalId: number; attemptId: number; model: string; verdict: AuditVerdict; reasons: string[] }
  | { type: 'ladder'; goalId: number; attemptId: number | null; rung: LadderRung; evidence: string }
  /** A person's note for the models, typed on the live screen or in `watch`. */
  | { type: 'hint'; text: string; from: 'live' | 'watch' }
  /** Hints (by their event ids) put into a model call's prompt: each is taken once. */
  | { type: 'hint_taken'; hints: number[]; goalId: number; attemptId: number | null; model: string; purpose: ModelCallPurpose }
  /** A decomposition waiting for a person's decision (--approve-plans). */
  | { type: 'plan_proposed'; goalId: number; model: string; subGoals: ProposedSubGoal[] }
  | { type: 'plan_decided'; goalId: number; decision: PlanDecisionKind; subGoals: ProposedSubGoal[] }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string };

/**
 * What became of a plan waiting for approval: a person approved, edited or rejected it, or a run
 * resumed without --approve-plans took it as proposed (`taken`), as an unasked plan would be.
 */
export type PlanDecisionKind = 'approved' | 'edited' | 'rejected' | 'taken';

export type SessionEventType = SessionEvent['type'];

export interface EventSink {
  emit(event: SessionEvent): void;
}
