// The writer: one per session (the driving process). Every method commits before it returns,
// multi-row writes in one small IMMEDIATE transaction, so a crash loses nothing already recorded.
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import type { AttemptOutcome, EventSink, GoalStatus, ModelCallPurpose, SessionEvent, SessionStatus, ValidationCommand, ValidationResult } from '../events.js';
import { inventorySchema, type Inventory } from '../migration/report.js';
import { openWritableDb, type Durability } from './db.js';
import { RowNotFoundError, SessionExistsError, StoreError } from './errors.js';
import { sessionEventSchema, validationListSchema, validationResultsSchema } from './json-columns.js';
import { DB_FILE_NAME, dbPathOf, newSessionId } from './paths.js';
import { SessionReader } from './reader.js';
import { INPUT_PREVIEW_CHARS, type DriverLock, type Goal } from './rows.js';
import { sanitizeOptions } from './secrets.js';

export interface NewSession {
  /** Generated from startedAt when omitted. */
  id?: string;
  goal: string;
  repoPath: string;
  baseBranch: string;
  baseCommit: string;
  modelA: string;
  modelB: string;
  /** Run options; secret-looking keys and values are dropped before writing. */
  options?: Record<string, unknown>;
  startedAt?: Date;
}

export interface StoreOptions {
  durability?: Durability;
  /** Clock for timestamps (tests, generators). */
  now?: () => Date;
}

export interface NewGoal {
  parentId: number | null;
  description: string;
  validation?: ValidationCommand[];
  status?: GoalStatus;
  gitBranch?: string | null;
  assignedModel?: string | null;
  createdByModel?: string | null;
}

export interface NewAttempt {
  goalId: number;
  modelId: string;
  gitBranch?: string | null;
  worktreePath?: string | null;
  containerId?: string | null;
  baseSha?: string | null;
}

export interface AttemptPatch {
  gitBranch?: string | null;
  worktreePath?: string | null;
  containerId?: string | null;
  baseSha?: string | null;
  finalSha?: string | null;
}

export interface AttemptResult {
  outcome: AttemptOutcome;
  failureReason?: string | null;
  validationResults?: ValidationResult[] | null;
  diff?: string | null;
  diffstat?: string | null;
  finalSha?: string | null;
}

export interface ActionResult {
  ok: boolean;
  /** Everything the tool produced. */
  output: string;
  /** What the model was shown. */
  observation: string;
  exitCode?: number | null;
  /** Measured by the caller; defaults to now - started_at. */
  durationMs?: number;
}

export interface NewModelCall {
  goalId: number;
  attemptId?: number | null;
  model: string;
  purpose: ModelCallPurpose;
  step?: number | null;
  inputTokens: number;
  outputTokens: number;
  /** USD; null/undefined when the provider reported none. */
  cost?: number | null;
  finishReason?: string | null;
  latencyMs?: number | null;
  error?: string | null;
}

export interface DriverOwner {
  pid: number;
  host: string;
}

const TERMINAL_GOAL: ReadonlySet<GoalStatus> = new Set(['completed', 'failed', 'stalled']);

const ATTEMPT_PATCH_COLUMNS = {
  gitBranch: 'git_branch',
  worktreePath: 'worktree_path',
  containerId: 'container_id',
  baseSha: 'base_sha',
  finalSha: 'final_sha',
} as const satisfies Record<keyof AttemptPatch, string>;

export class SessionStore extends SessionReader implements EventSink {
  private readonly now: () => Date;

  private constructor(db: Database.Database, path: string, opts: StoreOptions) {
    super(db, path);
    this.now = opts.now ?? (() => new Date());
  }

  /**
   * Creates `<sessionsDir>/<id>/goals.db` with its session row. The DB is built under a temporary
   * name and linked into place, so a watcher never sees a half-created session.
   */
  static create(sessionsDir: string, fields: NewSession, opts: StoreOptions = {}): SessionStore {
    const root = resolve(sessionsDir);
    mkdirSync(root, { recursive: true });
    const startedAt = fields.startedAt ?? (opts.now ?? (() => new Date()))();
    if (fields.id !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(fields.id)) {
      throw new StoreError(`invalid session id ${JSON.stringify(fields.id)}: letters, digits, '.', '_' and '-' only`);
    }
    let id = fields.id ?? newSessionId(startedAt);
    for (let tries = 0; ; tries++) {
      const dir = join(root, id);
      try {
        mkdirSync(dir);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        if (fields.id !== undefined) {
          if (existsSync(join(dir, DB_FILE_NAME))) throw new SessionExistsError(dir);
          break; // the caller made the directory; the link below still refuses to overwrite
        }
        if (tries >= 20) throw new SessionExistsError(dir);
        id = newSessionId(startedAt);
      }
    }
    const dir = join(root, id);
    const final = join(dir, DB_FILE_NAME);
    const tmp = join(dir, `.${DB_FILE_NAME}.creating-${process.pid}-${randomBytes(4).toString('hex')}`);
    try {
      const db = openWritableDb(tmp, { durability: opts.durability ?? 'full', create: true });
      try {
        db.prepare(
          `INSERT INTO session (id, goal, repo_path, base_branch, base_commit, model_a, model_b, options, started_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          id,
          fields.goal,
          fields.repoPath,
          fields.baseBranch,
          fields.baseCommit,
          fields.modelA,
          fields.modelB,
          JSON.stringify(sanitizeOptions(fields.options ?? {}).options),
          startedAt.toISOString(),
        );
        db.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        db.close();
      }
      try {
        linkSync(tmp, final);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new SessionExistsError(dir);
        throw err;
      }
      fsyncDir(dir);
    } finally {
      for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(tmp + suffix, { force: true });
    }
    return SessionStore.open(final, opts);
  }

  /** Opens an existing session (its directory or goals.db) for writing, migrating it if older. */
  static open(sessionDirOrDb: string, opts: StoreOptions = {}): SessionStore {
    const path = dbPathOf(sessionDirOrDb);
    if (!existsSync(path)) throw new StoreError(`no session database at ${path}`);
    return new SessionStore(openWritableDb(path, { durability: opts.durability ?? 'full' }), path, opts);
  }

  get sessionDir(): string {
    return dirname(this.path);
  }

  private ts(): string {
    return this.now().toISOString();
  }

  /** Runs fn in one transaction: for bulk writers (generators); the orchestrator never needs it. */
  batch<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /**
   * Copies the WAL into the DB file. Automatic every ~4 MB of WAL; RESTART/TRUNCATE wait (busy
   * timeout) for readers to move on, never making them fail.
   */
  checkpoint(mode: 'PASSIVE' | 'RESTART' | 'TRUNCATE' = 'PASSIVE'): void {
    this.db.pragma(`wal_checkpoint(${mode})`);
  }

  // ---- session ----

  /** `running` clears ended_at (resume); any other status stamps it. */
  setSessionStatus(status: SessionStatus, opts: { reason?: string | null; resultBranch?: string | null } = {}): void {
    const ended = status === 'running' ? null : this.ts();
    const sets = ['status = ?', 'status_reason = ?', 'ended_at = ?'];
    const args: unknown[] = [status, opts.reason ?? null, ended];
    if (opts.resultBranch !== undefined) {
      sets.push('result_branch = ?');
      args.push(opts.resultBranch);
    }
    this.stmt(`UPDATE session SET ${sets.join(', ')}`).run(...args);
  }

  finishSession(status: Exclude<SessionStatus, 'running'>, opts: { reason?: string | null; resultBranch?: string | null } = {}): void {
    this.setSessionStatus(status, opts);
  }

  setResultBranch(branch: string | null): void {
    this.stmt('UPDATE session SET result_branch = ?').run(branch);
  }

  /** Replaces the options JSON (e.g. changed on resume); secrets are dropped as on create. */
  setOptions(options: Record<string, unknown>): void {
    this.stmt('UPDATE session SET options = ?').run(JSON.stringify(sanitizeOptions(options).options));
  }

  /** Stores the inventory of the base commit, once per session (validated like everything read back). */
  setInventory(inventory: Inventory): void {
    this.stmt('UPDATE session SET inventory = ?').run(JSON.stringify(inventorySchema.parse(inventory)));
  }

  setModels(modelA: string, modelB: string): void {
    this.stmt('UPDATE session SET model_a = ?, model_b = ?').run(modelA, modelB);
  }

  // ---- driver lock (one driving process per session) ----

  /**
   * Takes the lock if free, already ours, or held by a holder `isStale` condemns (dead pid, old
   * heartbeat: the caller's policy). Atomic against other processes.
   */
  acquireDriver(owner: DriverOwner, isStale: (holder: DriverLock) => boolean): { ok: true } | { ok: false; holder: DriverLock } {
    return this.batch(() => {
      const holder = this.getSession().driver;
      if (holder && !(holder.pid === owner.pid && holder.host === owner.host) && !isStale(holder)) {
        return { ok: false as const, holder };
      }
      this.stmt('UPDATE session SET driver_pid = ?, driver_host = ?, heartbeat_at = ?').run(owner.pid, owner.host, this.ts());
      return { ok: true as const };
    });
  }

  /** false when the lock is no longer ours (taken over). */
  heartbeat(owner: DriverOwner): boolean {
    const r = this.stmt('UPDATE session SET heartbeat_at = ? WHERE driver_pid = ? AND driver_host = ?').run(
      this.ts(),
      owner.pid,
      owner.host,
    );
    return r.changes === 1;
  }

  releaseDriver(owner: DriverOwner): void {
    this.stmt(
      'UPDATE session SET driver_pid = NULL, driver_host = NULL, heartbeat_at = NULL WHERE driver_pid = ? AND driver_host = ?',
    ).run(owner.pid, owner.host);
  }

  // ---- goals ----

  /** Depth and position (next among its siblings) are derived from the parent. */
  createGoal(input: NewGoal): Goal {
    const validation = JSON.stringify(validationListSchema.parse(input.validation ?? []));
    const id = this.batch(() => {
      let depth = 0;
      if (input.parentId !== null) {
        const parent = this.stmt('SELECT depth FROM goals WHERE id = ?').get(input.parentId) as { depth: number } | undefined;
        if (!parent) throw new RowNotFoundError('goal', input.parentId);
        depth = parent.depth + 1;
      }
      const position = Number(
        this.stmt('SELECT coalesce(max(position) + 1, 0) FROM goals WHERE parent_id IS ?').pluck().get(input.parentId),
      );
      const r = this.stmt(
        `INSERT INTO goals (parent_id, description, validation, status, git_branch, depth, position,
           assigned_model, created_by_model, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        input.parentId,
        input.description,
        validation,
        input.status ?? 'pending',
        input.gitBranch ?? null,
        depth,
        position,
        input.assignedModel ?? null,
        input.createdByModel ?? null,
        this.ts(),
      );
      return Number(r.lastInsertRowid);
    });
    return this.getGoal(id)!;
  }

  /**
   * Sets the status and its reason (null unless given). in_progress stamps started_at once;
   * completed/failed stamp completed_at, any other status clears it.
   */
  updateGoalStatus(goalId: number, status: GoalStatus, opts: { reason?: string | null } = {}): void {
    const now = this.ts();
    const r = this.stmt(
      `UPDATE goals SET status = ?, failure_reason = ?,
         started_at = CASE WHEN ? = 'in_progress' THEN coalesce(started_at, ?) ELSE started_at END,
         completed_at = ? WHERE id = ?`,
    ).run(status, opts.reason ?? null, status, now, TERMINAL_GOAL.has(status) ? now : null, goalId);
    if (r.changes === 0) throw new RowNotFoundError('goal', goalId);
  }

  setGoalBranch(goalId: number, branch: string | null): void {
    const r = this.stmt('UPDATE goals SET git_branch = ? WHERE id = ?').run(branch, goalId);
    if (r.changes === 0) throw new RowNotFoundError('goal', goalId);
  }

  /** The root goal's commands change when `--validate` is given on resume. */
  setGoalValidation(goalId: number, validation: ValidationCommand[]): void {
    const r = this.stmt('UPDATE goals SET validation = ? WHERE id = ?').run(JSON.stringify(validationListSchema.parse(validation)), goalId);
    if (r.changes === 0) throw new RowNotFoundError('goal', goalId);
  }

  assignGoal(goalId: number, model: string | null): void {
    const r = this.stmt('UPDATE goals SET assigned_model = ? WHERE id = ?').run(model, goalId);
    if (r.changes === 0) throw new RowNotFoundError('goal', goalId);
  }

  // ---- attempts ----

  startAttempt(input: NewAttempt): { id: number; number: number } {
    return this.batch(() => {
      if (!this.stmt('SELECT 1 FROM goals WHERE id = ?').get(input.goalId)) throw new RowNotFoundError('goal', input.goalId);
      const number = Number(
        this.stmt('SELECT coalesce(max(number), 0) + 1 FROM attempts WHERE goal_id = ?').pluck().get(input.goalId),
      );
      const r = this.stmt(
        `INSERT INTO attempts (goal_id, number, model_id, git_branch, worktree_path, container_id, base_sha, started_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        input.goalId,
        number,
        input.modelId,
        input.gitBranch ?? null,
        input.worktreePath ?? null,
        input.containerId ?? null,
        input.baseSha ?? null,
        this.ts(),
      );
      return { id: Number(r.lastInsertRowid), number };
    });
  }

  /** Sets only the fields present in the patch. */
  updateAttempt(attemptId: number, patch: AttemptPatch): void {
    const keys = (Object.keys(ATTEMPT_PATCH_COLUMNS) as (keyof AttemptPatch)[]).filter((k) => patch[k] !== undefined);
    if (keys.length === 0) return;
    const sql = `UPDATE attempts SET ${keys.map((k) => `${ATTEMPT_PATCH_COLUMNS[k]} = ?`).join(', ')} WHERE id = ?`;
    const r = this.stmt(sql).run(...keys.map((k) => patch[k] ?? null), attemptId);
    if (r.changes === 0) throw new RowNotFoundError('attempt', attemptId);
  }

  /**
   * Records the outcome and stamps ended_at. Returns false (and changes nothing) when the attempt
   * already has an outcome, e.g. an interrupt handler got there first. Tokens and cost are
   * accumulated by recordModelCall, not passed here.
   */
  finishAttempt(attemptId: number, result: AttemptResult): boolean {
    const vr = result.validationResults == null ? null : JSON.stringify(validationResultsSchema.parse(result.validationResults));
    const sets = ['outcome = ?', 'failure_reason = ?', 'validation_results = ?', 'diff = ?', 'diffstat = ?', 'ended_at = ?'];
    const args: unknown[] = [result.outcome, result.failureReason ?? null, vr, result.diff ?? null, result.diffstat ?? null, this.ts()];
    if (result.finalSha !== undefined) {
      sets.push('final_sha = ?');
      args.push(result.finalSha);
    }
    const r = this.stmt(`UPDATE attempts SET ${sets.join(', ')} WHERE id = ? AND outcome IS NULL`).run(...args, attemptId);
    if (r.changes === 1) return true;
    if (!this.stmt('SELECT 1 FROM attempts WHERE id = ?').get(attemptId)) throw new RowNotFoundError('attempt', attemptId);
    return false;
  }

  /** Marks every attempt without an outcome `interrupted` (crash reconciliation, Ctrl-C). */
  interruptUnfinishedAttempts(reason: string): number[] {
    return this.batch(() => {
      const ids = this.unfinishedAttempts().map((a) => a.id);
      for (const id of ids) this.finishAttempt(id, { outcome: 'interrupted', failureReason: reason });
      return ids;
    });
  }

  // ---- actions (tool calls) ----

  /** seq defaults to the attempt's next (1-based). Input is any JSON-able value. */
  startAction(attemptId: number, toolName: string, input: unknown, opts: { seq?: number } = {}): { id: number; seq: number } {
    const json = toJson(input);
    return this.batch(() => {
      if (!this.stmt('SELECT 1 FROM attempts WHERE id = ?').get(attemptId)) throw new RowNotFoundError('attempt', attemptId);
      const seq =
        opts.seq ?? Number(this.stmt('SELECT coalesce(max(seq), 0) + 1 FROM actions WHERE attempt_id = ?').pluck().get(attemptId));
      const r = this.stmt(
        `INSERT INTO actions (attempt_id, seq, tool_name, input, input_preview, input_chars, started_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(attemptId, seq, toolName, json, json.slice(0, INPUT_PREVIEW_CHARS), json.length, this.ts());
      return { id: Number(r.lastInsertRowid), seq };
    });
  }

  finishAction(actionId: number, result: ActionResult): void {
    const now = this.now();
    const r = this.stmt(
      `UPDATE actions SET output = ?, output_chars = ?, observation = ?, ok = ?, exit_code = ?, ended_at = ?,
         duration_ms = coalesce(?, CAST(round((julianday(?) - julianday(started_at)) * 86400000) AS INTEGER))
       WHERE id = ?`,
    ).run(
      result.output,
      result.output.length,
      result.observation,
      result.ok ? 1 : 0,
      result.exitCode ?? null,
      now.toISOString(),
      result.durationMs ?? null,
      now.toISOString(),
      actionId,
    );
    if (r.changes === 0) throw new RowNotFoundError('action', actionId);
  }

  // ---- model calls ----

  /** Records the call and adds its tokens and cost to the session's (and the attempt's) totals. */
  recordModelCall(call: NewModelCall): number {
    const cost = call.cost ?? null;
    return this.batch(() => {
      const r = this.stmt(
        `INSERT INTO model_calls (goal_id, attempt_id, model, purpose, step, input_tokens, output_tokens, cost,
           finish_reason, latency_ms, error, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        call.goalId,
        call.attemptId ?? null,
        call.model,
        call.purpose,
        call.step ?? null,
        call.inputTokens,
        call.outputTokens,
        cost,
        call.finishReason ?? null,
        call.latencyMs ?? null,
        call.error ?? null,
        this.ts(),
      );
      this.stmt(
        `UPDATE session SET total_tokens_in = total_tokens_in + ?, total_tokens_out = total_tokens_out + ?,
           total_cost = total_cost + ?`,
      ).run(call.inputTokens, call.outputTokens, cost ?? 0);
      if (call.attemptId != null) {
        this.stmt('UPDATE attempts SET tokens_in = tokens_in + ?, tokens_out = tokens_out + ?, cost = cost + ? WHERE id = ?').run(
          call.inputTokens,
          call.outputTokens,
          cost ?? 0,
          call.attemptId,
        );
      }
      return Number(r.lastInsertRowid);
    });
  }

  // ---- events ----

  /** Appends to the ordered log a second process tails; returns the event id. */
  appendEvent(event: SessionEvent): number {
    const checked = sessionEventSchema.parse(event);
    const goalId = 'goalId' in checked ? checked.goalId : null;
    const attemptId = 'attemptId' in checked ? checked.attemptId : null;
    const r = this.stmt(
      `INSERT INTO events (ts, type, goal_id, attempt_id, payload)
       VALUES (?, ?, coalesce(?, (SELECT goal_id FROM attempts WHERE id = ?)), ?, ?)`,
    ).run(this.ts(), checked.type, goalId, attemptId, attemptId, JSON.stringify(checked));
    return Number(r.lastInsertRowid);
  }

  emit(event: SessionEvent): void {
    this.appendEvent(event);
  }
}

function toJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return JSON.stringify(String(value));
  }
}

function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Not supported on every platform; the DB content itself is already synced.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
