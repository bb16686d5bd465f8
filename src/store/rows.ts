// What the store hands out: camelCase records mapped from the snake_case rows, JSON columns parsed.
import type { AttemptOutcome, GoalStatus, ModelCallPurpose, SessionEvent, SessionStatus, ValidationCommand, ValidationResult } from '../events.js';
import {
  optionsSchema,
  parseJsonColumn,
  sessionEventSchema,
  validationListSchema,
  validationResultsSchema,
} from './json-columns.js';

export interface DriverLock {
  pid: number;
  host: string;
  heartbeatAt: string | null;
}

export interface SessionInfo {
  id: string;
  goal: string;
  repoPath: string;
  baseBranch: string;
  baseCommit: string;
  modelA: string;
  modelB: string;
  options: Record<string, unknown>;
  status: SessionStatus;
  statusReason: string | null;
  resultBranch: string | null;
  startedAt: string;
  endedAt: string | null;
  totalTokensIn: number;
  totalTokensOut: number;
  totalCost: number;
  driver: DriverLock | null;
}

export interface Goal {
  id: number;
  parentId: number | null;
  description: string;
  validation: ValidationCommand[];
  status: GoalStatus;
  gitBranch: string | null;
  depth: number;
  /** 0-based among its siblings. */
  position: number;
  assignedModel: string | null;
  createdByModel: string | null;
  failureReason: string | null;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
}

/** One line of the goal tree: compact, no validation JSON. */
export interface GoalNode {
  id: number;
  parentId: number | null;
  description: string;
  status: GoalStatus;
  depth: number;
  position: number;
  assignedModel: string | null;
  gitBranch: string | null;
  attemptCount: number;
}

export interface AttemptSummary {
  id: number;
  goalId: number;
  /** 1, 2, ... within its goal. */
  number: number;
  modelId: string;
  gitBranch: string | null;
  worktreePath: string | null;
  containerId: string | null;
  baseSha: string | null;
  finalSha: string | null;
  /** null while the attempt runs. */
  outcome: AttemptOutcome | null;
  failureReason: string | null;
  diffstat: string | null;
  tokensIn: number;
  tokensOut: number;
  cost: number;
  startedAt: string;
  endedAt: string | null;
  actionCount: number;
}

export interface Attempt extends AttemptSummary {
  validationResults: ValidationResult[] | null;
  diff: string | null;
}

/** A tool call in a list: the input as a bounded JSON text preview, no output. */
export interface ActionSummary {
  id: number;
  attemptId: number;
  seq: number;
  toolName: string;
  /** The input JSON text, cut at INPUT_PREVIEW_CHARS. */
  inputPreview: string;
  inputChars: number;
  /** null while the call runs. */
  ok: boolean | null;
  exitCode: number | null;
  durationMs: number | null;
  startedAt: string;
  endedAt: string | null;
  outputChars: number | null;
}

export interface Action extends ActionSummary {
  input: unknown;
  output: string | null;
  observation: string | null;
}

export interface ModelCall {
  id: number;
  goalId: number;
  attemptId: number | null;
  model: string;
  purpose: ModelCallPurpose;
  step: number | null;
  inputTokens: number;
  outputTokens: number;
  /** null when the provider reported no cost. */
  cost: number | null;
  finishReason: string | null;
  latencyMs: number | null;
  error: string | null;
  createdAt: string;
}

export interface StoredEvent {
  id: number;
  ts: string;
  type: SessionEvent['type'];
  goalId: number | null;
  attemptId: number | null;
  event: SessionEvent;
}

export interface SessionTotals {
  goals: { total: number; pending: number; inProgress: number; completed: number; failed: number; decomposed: number; stalled: number };
  attempts: number;
  actions: number;
  modelCalls: number;
  tokensIn: number;
  tokensOut: number;
  cost: number;
}

export const INPUT_PREVIEW_CHARS = 400;

type Row = Record<string, unknown>;
const str = (v: unknown) => v as string;
const strOrNull = (v: unknown) => (v ?? null) as string | null;
const num = (v: unknown) => Number(v);
const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const boolOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v) === 1);

export function toSession(r: Row): SessionInfo {
  return {
    id: str(r.id),
    goal: str(r.goal),
    repoPath: str(r.repo_path),
    baseBranch: str(r.base_branch),
    baseCommit: str(r.base_commit),
    modelA: str(r.model_a),
    modelB: str(r.model_b),
    options: parseJsonColumn(optionsSchema, str(r.options), { table: 'session', column: 'options', id: str(r.id) }),
    status: str(r.status) as SessionStatus,
    statusReason: strOrNull(r.status_reason),
    resultBranch: strOrNull(r.result_branch),
    startedAt: str(r.started_at),
    endedAt: strOrNull(r.ended_at),
    totalTokensIn: num(r.total_tokens_in),
    totalTokensOut: num(r.total_tokens_out),
    totalCost: num(r.total_cost),
    driver:
      r.driver_pid === null || r.driver_pid === undefined
        ? null
        : { pid: num(r.driver_pid), host: str(r.driver_host), heartbeatAt: strOrNull(r.heartbeat_at) },
  };
}

export function toGoal(r: Row): Goal {
  const id = num(r.id);
  return {
    id,
    parentId: numOrNull(r.parent_id),
    description: str(r.description),
    validation: parseJsonColumn(validationListSchema, str(r.validation), { table: 'goals', column: 'validation', id }),
    status: str(r.status) as GoalStatus,
    gitBranch: strOrNull(r.git_branch),
    depth: num(r.depth),
    position: num(r.position),
    assignedModel: strOrNull(r.assigned_model),
    createdByModel: strOrNull(r.created_by_model),
    failureReason: strOrNull(r.failure_reason),
    createdAt: str(r.created_at),
    startedAt: strOrNull(r.started_at),
    completedAt: strOrNull(r.completed_at),
  };
}

export function toGoalNode(r: Row): GoalNode {
  return {
    id: num(r.id),
    parentId: numOrNull(r.parent_id),
    description: str(r.description),
    status: str(r.status) as GoalStatus,
    depth: num(r.depth),
    position: num(r.position),
    assignedModel: strOrNull(r.assigned_model),
    gitBranch: strOrNull(r.git_branch),
    attemptCount: num(r.attempt_count),
  };
}

export function toAttemptSummary(r: Row): AttemptSummary {
  return {
    id: num(r.id),
    goalId: num(r.goal_id),
    number: num(r.number),
    modelId: str(r.model_id),
    gitBranch: strOrNull(r.git_branch),
    worktreePath: strOrNull(r.worktree_path),
    containerId: strOrNull(r.container_id),
    baseSha: strOrNull(r.base_sha),
    finalSha: strOrNull(r.final_sha),
    outcome: strOrNull(r.outcome) as AttemptOutcome | null,
    failureReason: strOrNull(r.failure_reason),
    diffstat: strOrNull(r.diffstat),
    tokensIn: num(r.tokens_in),
    tokensOut: num(r.tokens_out),
    cost: num(r.cost),
    startedAt: str(r.started_at),
    endedAt: strOrNull(r.ended_at),
    actionCount: num(r.action_count),
  };
}

export function toAttempt(r: Row): Attempt {
  const summary = toAttemptSummary(r);
  const vr = strOrNull(r.validation_results);
  return {
    ...summary,
    validationResults:
      vr === null
        ? null
        : parseJsonColumn(validationResultsSchema, vr, { table: 'attempts', column: 'validation_results', id: summary.id }),
    diff: strOrNull(r.diff),
  };
}

export function toActionSummary(r: Row): ActionSummary {
  return {
    id: num(r.id),
    attemptId: num(r.attempt_id),
    seq: num(r.seq),
    toolName: str(r.tool_name),
    inputPreview: str(r.input_preview),
    inputChars: num(r.input_chars),
    ok: boolOrNull(r.ok),
    exitCode: numOrNull(r.exit_code),
    durationMs: numOrNull(r.duration_ms),
    startedAt: str(r.started_at),
    endedAt: strOrNull(r.ended_at),
    outputChars: numOrNull(r.output_chars),
  };
}

export function toAction(r: Row): Action {
  return {
    ...toActionSummary(r),
    input: JSON.parse(str(r.input)) as unknown,
    output: strOrNull(r.output),
    observation: strOrNull(r.observation),
  };
}

export function toModelCall(r: Row): ModelCall {
  return {
    id: num(r.id),
    goalId: num(r.goal_id),
    attemptId: numOrNull(r.attempt_id),
    model: str(r.model),
    purpose: str(r.purpose) as ModelCall['purpose'],
    step: numOrNull(r.step),
    inputTokens: num(r.input_tokens),
    outputTokens: num(r.output_tokens),
    cost: numOrNull(r.cost),
    finishReason: strOrNull(r.finish_reason),
    latencyMs: numOrNull(r.latency_ms),
    error: strOrNull(r.error),
    createdAt: str(r.created_at),
  };
}

export function toStoredEvent(r: Row): StoredEvent {
  const id = num(r.id);
  const event = parseJsonColumn(sessionEventSchema, str(r.payload), { table: 'events', column: 'payload', id });
  return {
    id,
    ts: str(r.ts),
    type: event.type,
    goalId: numOrNull(r.goal_id),
    attemptId: numOrNull(r.attempt_id),
    event,
  };
}
