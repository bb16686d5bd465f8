// The session database schema as an ordered list of forward migrations. Migration N brings a DB
// from user_version N-1 to N. Never edit a released migration: append a new one.
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  description: string;
  up(db: Database.Database): void;
}

/** `PRAGMA application_id`: marks the file as ours ("SOG1"), so a stray SQLite DB is refused. */
export const APPLICATION_ID = 0x534f4731;

const SESSION_STATUSES = `'running','completed','failed','interrupted','budget_exhausted'`;
/** Goal statuses up to schema version 2; version 3 adds 'stalled'. */
const GOAL_STATUSES_V1 = `'pending','in_progress','completed','failed','decomposed'`;
const GOAL_STATUSES = `${GOAL_STATUSES_V1},'stalled'`;
/** Attempt outcomes up to schema version 3; version 4 adds 'audit_rejected' and 'lost_race'. */
const OUTCOMES_V1 = `'success','validation_failed','tool_limit_exceeded','llm_timeout','budget_exhausted','error','interrupted'`;
const OUTCOMES = `${OUTCOMES_V1},'audit_rejected','lost_race'`;
/** Model call purposes up to schema version 3; version 4 adds 'audit'. */
const PURPOSES_V1 = `'attempt', 'decompose'`;
const PURPOSES = `${PURPOSES_V1}, 'audit'`;

const V1 = `
CREATE TABLE session (
  id               TEXT PRIMARY KEY,
  -- at most one row
  singleton        INTEGER NOT NULL DEFAULT 1 UNIQUE CHECK (singleton = 1),
  goal             TEXT NOT NULL,
  repo_path        TEXT NOT NULL,
  base_branch      TEXT NOT NULL,
  base_commit      TEXT NOT NULL,
  model_a          TEXT NOT NULL,
  model_b          TEXT NOT NULL,
  options          TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(options)),
  status           TEXT NOT NULL DEFAULT 'running' CHECK (status IN (${SESSION_STATUSES})),
  status_reason    TEXT,
  result_branch    TEXT,
  started_at       TEXT NOT NULL,
  ended_at         TEXT,
  total_tokens_in  INTEGER NOT NULL DEFAULT 0,
  total_tokens_out INTEGER NOT NULL DEFAULT 0,
  total_cost       REAL NOT NULL DEFAULT 0,
  driver_pid       INTEGER,
  driver_host      TEXT,
  heartbeat_at     TEXT
);

CREATE TABLE goals (
  id               INTEGER PRIMARY KEY,
  parent_id        INTEGER REFERENCES goals(id),
  description      TEXT NOT NULL,
  validation       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(validation)),
  status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN (${GOAL_STATUSES_V1})),
  git_branch       TEXT,
  depth            INTEGER NOT NULL CHECK (depth >= 0),
  position         INTEGER NOT NULL CHECK (position >= 0),
  assigned_model   TEXT,
  created_by_model TEXT,
  failure_reason   TEXT,
  created_at       TEXT NOT NULL,
  started_at       TEXT,
  completed_at     TEXT
);
CREATE UNIQUE INDEX goals_by_parent ON goals(parent_id, position);
CREATE UNIQUE INDEX goals_single_root ON goals((parent_id IS NULL)) WHERE parent_id IS NULL;
CREATE INDEX goals_by_status ON goals(status);

CREATE TABLE attempts (
  id                 INTEGER PRIMARY KEY,
  goal_id            INTEGER NOT NULL REFERENCES goals(id),
  -- 1, 2, ... per goal
  number             INTEGER NOT NULL,
  model_id           TEXT NOT NULL,
  git_branch         TEXT,
  worktree_path      TEXT,
  container_id       TEXT,
  base_sha           TEXT,
  final_sha          TEXT,
  outcome            TEXT CHECK (outcome IS NULL OR outcome IN (${OUTCOMES_V1})),
  failure_reason     TEXT,
  validation_results TEXT CHECK (validation_results IS NULL OR json_valid(validation_results)),
  diff               TEXT,
  diffstat           TEXT,
  tokens_in          INTEGER NOT NULL DEFAULT 0,
  tokens_out         INTEGER NOT NULL DEFAULT 0,
  cost               REAL NOT NULL DEFAULT 0,
  started_at         TEXT NOT NULL,
  ended_at           TEXT,
  UNIQUE (goal_id, number)
);
CREATE INDEX attempts_unfinished ON attempts(id) WHERE outcome IS NULL;

CREATE TABLE actions (
  id           INTEGER PRIMARY KEY,
  attempt_id   INTEGER NOT NULL REFERENCES attempts(id),
  seq          INTEGER NOT NULL,
  tool_name    TEXT NOT NULL,
  input        TEXT NOT NULL CHECK (json_valid(input)),
  -- bounded copies/lengths so tool-call lists never read whole inputs and outputs
  input_preview TEXT NOT NULL,
  input_chars  INTEGER NOT NULL,
  output       TEXT,
  output_chars INTEGER,
  observation  TEXT,
  ok           INTEGER CHECK (ok IS NULL OR ok IN (0, 1)),
  exit_code    INTEGER,
  duration_ms  INTEGER,
  started_at   TEXT NOT NULL,
  ended_at     TEXT,
  UNIQUE (attempt_id, seq)
);

CREATE TABLE model_calls (
  id             INTEGER PRIMARY KEY,
  goal_id        INTEGER NOT NULL REFERENCES goals(id),
  attempt_id     INTEGER REFERENCES attempts(id),
  model          TEXT NOT NULL,
  purpose        TEXT NOT NULL CHECK (purpose IN (${PURPOSES_V1})),
  step           INTEGER,
  input_tokens   INTEGER NOT NULL DEFAULT 0,
  output_tokens  INTEGER NOT NULL DEFAULT 0,
  -- NULL: the provider reported no cost
  cost           REAL,
  finish_reason  TEXT,
  latency_ms     INTEGER,
  error          TEXT,
  created_at     TEXT NOT NULL
);
CREATE INDEX model_calls_by_attempt ON model_calls(attempt_id, id);
CREATE INDEX model_calls_by_goal ON model_calls(goal_id, id);

-- Append-only; AUTOINCREMENT so ids only grow and a tailer can ask for id > last.
CREATE TABLE events (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  ts          TEXT NOT NULL,
  type        TEXT NOT NULL,
  goal_id     INTEGER,
  attempt_id  INTEGER,
  payload     TEXT NOT NULL CHECK (json_valid(payload))
);
CREATE INDEX events_by_goal ON events(goal_id, id) WHERE goal_id IS NOT NULL;
CREATE INDEX events_by_attempt ON events(attempt_id, id) WHERE attempt_id IS NOT NULL;
`;

// The inventory of the base commit (what a migration must build and test), computed once per session.
const V2 = `ALTER TABLE session ADD COLUMN inventory TEXT CHECK (inventory IS NULL OR json_valid(inventory));`;

// SQLite cannot alter a CHECK constraint: the goals table is rebuilt with the same columns and
// rows (foreign keys are off while migrations run, so attempts keep pointing at the same ids).
const V3 = `
CREATE TABLE goals_v3 (
  id               INTEGER PRIMARY KEY,
  parent_id        INTEGER REFERENCES goals(id),
  description      TEXT NOT NULL,
  validation       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(validation)),
  status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN (${GOAL_STATUSES})),
  git_branch       TEXT,
  depth            INTEGER NOT NULL CHECK (depth >= 0),
  position         INTEGER NOT NULL CHECK (position >= 0),
  assigned_model   TEXT,
  created_by_model TEXT,
  failure_reason   TEXT,
  created_at       TEXT NOT NULL,
  started_at       TEXT,
  completed_at     TEXT
);
INSERT INTO goals_v3 SELECT id, parent_id, description, validation, status, git_branch, depth, position,
  assigned_model, created_by_model, failure_reason, created_at, started_at, completed_at FROM goals;
DROP TABLE goals;
ALTER TABLE goals_v3 RENAME TO goals;
CREATE UNIQUE INDEX goals_by_parent ON goals(parent_id, position);
CREATE UNIQUE INDEX goals_single_root ON goals((parent_id IS NULL)) WHERE parent_id IS NULL;
CREATE INDEX goals_by_status ON goals(status);
`;

// The auditor, the race: attempts and model_calls are rebuilt for their wider CHECKs, as goals was for V3.
const V4 = `
CREATE TABLE attempts_v4 (
  id                 INTEGER PRIMARY KEY,
  goal_id            INTEGER NOT NULL REFERENCES goals(id),
  number             INTEGER NOT NULL,
  model_id           TEXT NOT NULL,
  git_branch         TEXT,
  worktree_path      TEXT,
  container_id       TEXT,
  base_sha           TEXT,
  final_sha          TEXT,
  outcome            TEXT CHECK (outcome IS NULL OR outcome IN (${OUTCOMES})),
  failure_reason     TEXT,
  validation_results TEXT CHECK (validation_results IS NULL OR json_valid(validation_results)),
  diff               TEXT,
  diffstat           TEXT,
  tokens_in          INTEGER NOT NULL DEFAULT 0,
  tokens_out         INTEGER NOT NULL DEFAULT 0,
  cost               REAL NOT NULL DEFAULT 0,
  started_at         TEXT NOT NULL,
  ended_at           TEXT,
  UNIQUE (goal_id, number)
);
INSERT INTO attempts_v4 SELECT id, goal_id, number, model_id, git_branch, worktree_path, container_id, base_sha,
  final_sha, outcome, failure_reason, validation_results, diff, diffstat, tokens_in, tokens_out, cost, started_at, ended_at
  FROM attempts;
DROP TABLE attempts;
ALTER TABLE attempts_v4 RENAME TO attempts;
CREATE INDEX attempts_unfinished ON attempts(id) WHERE outcome IS NULL;

CREATE TABLE model_calls_v4 (
  id             INTEGER PRIMARY KEY,
  goal_id        INTEGER NOT NULL REFERENCES goals(id),
  attempt_id     INTEGER REFERENCES attempts(id),
  model          TEXT NOT NULL,
  purpose        TEXT NOT NULL CHECK (purpose IN (${PURPOSES})),
  step           INTEGER,
  input_tokens   INTEGER NOT NULL DEFAULT 0,
  output_tokens  INTEGER NOT NULL DEFAULT 0,
  cost           REAL,
  finish_reason  TEXT,
  latency_ms     INTEGER,
  error          TEXT,
  created_at     TEXT NOT NULL
);
INSERT INTO model_calls_v4 SELECT id, goal_id, attempt_id, model, purpose, step, input_tokens, output_tokens, cost,
  finish_reason, latency_ms, error, created_at FROM model_calls;
DROP TABLE model_calls;
ALTER TABLE model_calls_v4 RENAME TO model_calls;
CREATE INDEX model_calls_by_attempt ON model_calls(attempt_id, id);
CREATE INDEX model_calls_by_goal ON model_calls(goal_id, id);
`;

/** Runs a migration that rebuilds tables, then refuses to commit it if a foreign key now points nowhere. */
function rebuild(sql: string, what: string): (db: Database.Database) => void {
  return (db) => {
    db.exec(sql);
    const broken = db.pragma('foreign_key_check');
    if (Array.isArray(broken) && broken.length > 0) throw new Error(`rebuilding ${what} broke ${broken.length} foreign keys`);
  };
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, description: 'session, goals, attempts, actions, model_calls, events', up: (db) => db.exec(V1) },
  { version: 2, description: 'session.inventory', up: (db) => db.exec(V2) },
  { version: 3, description: "goal status 'stalled'", up: rebuild(V3, 'goals') },
  { version: 4, description: "attempt outcomes 'audit_rejected', 'lost_race'; model call purpose 'audit'", up: rebuild(V4, 'attempts and model_calls') },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
