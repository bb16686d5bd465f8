// Read queries over one session DB. Shared by the writer (SessionStore) and the read-only opener
// used by watchers; every list is indexed and bounded so a 50,000-action session stays instant.
import type Database from 'better-sqlite3';
import { inventorySchema, type Inventory, type MigrationReport } from '../migration/report.js';
import { StoreError } from './errors.js';
import type { GoalStatus } from '../events.js';
import { parseJsonColumn } from './json-columns.js';
import { latestReportIn } from './reports.js';
import {
  toAction,
  toActionSummary,
  toAttempt,
  toAttemptSummary,
  toGoal,
  toGoalNode,
  toModelCall,
  toSession,
  toStoredEvent,
  type Action,
  type ActionSummary,
  type Attempt,
  type AttemptSummary,
  type Goal,
  type GoalNode,
  type ModelCall,
  type SessionInfo,
  type SessionTotals,
  type StoredEvent,
} from './rows.js';

type Row = Record<string, unknown>;

const ATTEMPT_SUMMARY_COLS = `a.id, a.goal_id, a.number, a.model_id, a.git_branch, a.worktree_path, a.container_id,
  a.base_sha, a.final_sha, a.outcome, a.failure_reason, a.diffstat, a.tokens_in, a.tokens_out, a.cost,
  a.started_at, a.ended_at,
  (SELECT count(*) FROM actions x WHERE x.attempt_id = a.id) AS action_count`;

const ACTION_SUMMARY_COLS = `id, attempt_id, seq, tool_name, input_preview, input_chars, ok, exit_code,
  duration_ms, started_at, ended_at, output_chars`;

export const DEFAULT_PAGE = 200;

export class SessionReader {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    protected readonly db: Database.Database,
    /** Absolute path of goals.db. */
    readonly path: string,
  ) {}

  protected stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  getSession(): SessionInfo {
    const row = this.stmt('SELECT * FROM session LIMIT 1').get() as Row | undefined;
    if (!row) throw new StoreError(`${this.path} has no session row`);
    return toSession(row);
  }

  /** The inventory of the base commit, or null when the session has none (no migration check). */
  getInventory(): Inventory | null {
    const row = this.stmt('SELECT id, inventory FROM session LIMIT 1').get() as Row | undefined;
    if (!row || row.inventory === null) return null;
    return parseJsonColumn(inventorySchema, String(row.inventory), { table: 'session', column: 'inventory', id: String(row.id) });
  }

  /** The newest migration report of a goal's validation runs (default: the root goal), or null. */
  latestReport(goalId: number | null = null): MigrationReport | null {
    return latestReportIn(this.db, goalId);
  }

  getGoal(id: number): Goal | undefined {
    const row = this.stmt('SELECT * FROM goals WHERE id = ?').get(id) as Row | undefined;
    return row && toGoal(row);
  }

  rootGoal(): Goal | undefined {
    const row = this.stmt('SELECT * FROM goals WHERE parent_id IS NULL').get() as Row | undefined;
    return row && toGoal(row);
  }

  childGoals(parentId: number): Goal[] {
    return (this.stmt('SELECT * FROM goals WHERE parent_id = ? ORDER BY position').all(parentId) as Row[]).map(toGoal);
  }

  /** Every goal in depth-first order (siblings by position), with compact columns. */
  goalTree(): GoalNode[] {
    const sql = `
      WITH RECURSIVE tree(id, path) AS (
        SELECT id, printf('%08d', position) FROM goals WHERE parent_id IS NULL
        UNION ALL
        SELECT g.id, tree.path || '.' || printf('%08d', g.position) FROM goals g JOIN tree ON g.parent_id = tree.id
      )
      SELECT g.id, g.parent_id, g.description, g.status, g.depth, g.position, g.assigned_model, g.git_branch,
        (SELECT count(*) FROM attempts a WHERE a.goal_id = g.id) AS attempt_count
      FROM tree JOIN goals g ON g.id = tree.id
      ORDER BY tree.path`;
    return (this.stmt(sql).all() as Row[]).map(toGoalNode);
  }

  /** A goal's attempts, oldest first, without diffs and validation results (see getAttempt). */
  attemptsForGoal(goalId: number): AttemptSummary[] {
    const sql = `SELECT ${ATTEMPT_SUMMARY_COLS} FROM attempts a WHERE a.goal_id = ? ORDER BY a.number`;
    return (this.stmt(sql).all(goalId) as Row[]).map(toAttemptSummary);
  }

  getAttempt(id: number): Attempt | undefined {
    const sql = `SELECT ${ATTEMPT_SUMMARY_COLS}, a.validation_results, a.diff FROM attempts a WHERE a.id = ?`;
    const row = this.stmt(sql).get(id) as Row | undefined;
    return row && toAttempt(row);
  }

  /** Attempts with no outcome yet: running, or left behind by a crash. */
  unfinishedAttempts(): AttemptSummary[] {
    const sql = `SELECT ${ATTEMPT_SUMMARY_COLS} FROM attempts a WHERE a.outcome IS NULL ORDER BY a.id`;
    return (this.stmt(sql).all() as Row[]).map(toAttemptSummary);
  }

  /** One window of an attempt's tool calls by seq, without inputs and outputs (see getAction). */
  actionsForAttempt(attemptId: number, window: { offset?: number; limit?: number } = {}): ActionSummary[] {
    const sql = `SELECT ${ACTION_SUMMARY_COLS} FROM actions WHERE attempt_id = ? ORDER BY seq LIMIT ? OFFSET ?`;
    const rows = this.stmt(sql).all(attemptId, window.limit ?? DEFAULT_PAGE, window.offset ?? 0) as Row[];
    return rows.map(toActionSummary);
  }

  getAction(id: number): Action | undefined {
    const sql = `SELECT ${ACTION_SUMMARY_COLS}, input, output, observation FROM actions WHERE id = ?`;
    const row = this.stmt(sql).get(id) as Row | undefined;
    return row && toAction(row);
  }

  /** Tool calls of one attempt, or of the whole session. */
  countActions(attemptId?: number): number {
    if (attemptId === undefined) return Number(this.stmt('SELECT count(*) FROM actions').pluck().get());
    return Number(this.stmt('SELECT count(*) FROM actions WHERE attempt_id = ?').pluck().get(attemptId));
  }

  modelCalls(filter: { goalId: number } | { attemptId: number }): ModelCall[] {
    const rows =
      'attemptId' in filter
        ? this.stmt('SELECT * FROM model_calls WHERE attempt_id = ? ORDER BY id').all(filter.attemptId)
        : this.stmt('SELECT * FROM model_calls WHERE goal_id = ? ORDER BY id').all(filter.goalId);
    return (rows as Row[]).map(toModelCall);
  }

  /** Events with id > lastId in order, at most `limit`: tail with the id of the last one seen. */
  eventsAfter(lastId: number, limit = 500): StoredEvent[] {
    const rows = this.stmt('SELECT * FROM events WHERE id > ? ORDER BY id LIMIT ?').all(lastId, limit) as Row[];
    return rows.map(toStoredEvent);
  }

  /** One goal's or one attempt's events in order (e.g. the model's messages of an attempt). */
  eventsFor(filter: { goalId: number } | { attemptId: number }, window: { afterId?: number; limit?: number } = {}): StoredEvent[] {
    const [column, value] = 'attemptId' in filter ? ['attempt_id', filter.attemptId] : ['goal_id', filter.goalId];
    const sql = `SELECT * FROM events WHERE ${column} = ? AND id > ? ORDER BY id LIMIT ?`;
    const rows = this.stmt(sql).all(value, window.afterId ?? 0, window.limit ?? DEFAULT_PAGE) as Row[];
    return rows.map(toStoredEvent);
  }

  /** One goal's events of one type, in order (walks the goal's events through events_by_goal). */
  goalEventsOfType(goalId: number, type: StoredEvent['type']): StoredEvent[] {
    const rows = this.stmt('SELECT * FROM events WHERE goal_id = ? AND type = ? ORDER BY id').all(goalId, type) as Row[];
    return rows.map(toStoredEvent);
  }

  /** The branches merged into a goal's branch (attempts, sub-goals, a kept first shot). */
  mergedInto(goalId: number): Set<string> {
    return new Set(this.goalEventsOfType(goalId, 'merge').flatMap(({ event }) => (event.type === 'merge' && event.ok ? [event.from] : [])));
  }

  /** Every event of the given types, in order (hints and plans: a handful per session). */
  eventsOfTypes(types: readonly StoredEvent['type'][]): StoredEvent[] {
    if (types.length === 0) return [];
    const rows = this.stmt(`SELECT * FROM events WHERE type IN (${types.map(() => '?').join(', ')}) ORDER BY id`).all(...types) as Row[];
    return rows.map(toStoredEvent);
  }

  /** How many events of one type were logged (e.g. decompositions so far, on resume; not for hot paths). */
  countEvents(type: StoredEvent['type']): number {
    return Number(this.stmt('SELECT count(*) FROM events WHERE type = ?').pluck().get(type));
  }

  /** 0 when there are no events. */
  lastEventId(): number {
    return Number(this.stmt('SELECT coalesce(max(id), 0) FROM events').pluck().get());
  }

  /**
   * Changes whenever another connection commits: a cheap poll for watchers before they query.
   * (Commits made through this same connection do not change it.)
   */
  dataVersion(): number {
    return Number(this.db.pragma('data_version', { simple: true }));
  }

  totals(): SessionTotals {
    const goals = { total: 0, pending: 0, inProgress: 0, completed: 0, failed: 0, decomposed: 0, stalled: 0 };
    const byStatus = this.stmt('SELECT status, count(*) AS n FROM goals GROUP BY status').all() as {
      status: string;
      n: number;
    }[];
    for (const { status, n } of byStatus) {
      goals.total += n;
      if (status === 'in_progress') goals.inProgress = n;
      else if (status in goals) goals[status as Exclude<GoalStatus, 'in_progress'>] = n;
    }
    const r = this.stmt(
      `SELECT (SELECT count(*) FROM attempts) AS attempts, (SELECT count(*) FROM actions) AS actions,
        (SELECT count(*) FROM model_calls) AS model_calls,
        s.total_tokens_in, s.total_tokens_out, s.total_cost FROM session s`,
    ).get() as Row | undefined;
    return {
      goals,
      attempts: Number(r?.attempts ?? 0),
      actions: Number(r?.actions ?? 0),
      modelCalls: Number(r?.model_calls ?? 0),
      tokensIn: Number(r?.total_tokens_in ?? 0),
      tokensOut: Number(r?.total_tokens_out ?? 0),
      cost: Number(r?.total_cost ?? 0),
    };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
