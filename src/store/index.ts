// The session store: one SQLite DB per session. See session-store.ts (writer), reader.ts (queries).
export { type Durability, BUSY_TIMEOUT_MS } from './db.js';
export * from './errors.js';
export { listSessions, type SessionListing, type SessionSummary, type BrokenSession } from './list-sessions.js';
export {
  DB_FILE_NAME,
  DEFAULT_SESSIONS_DIR,
  SESSIONS_DIR_ENV,
  SESSION_ID_PATTERN,
  canonicalSessionsDir,
  dbPathOf,
  newSessionId,
  resolveSessionRef,
  resolveSessionsDir,
  sessionDbPath,
  sessionDirFor,
  stagesDir,
} from './paths.js';
export { openSessionReadOnly } from './read-only.js';
export { SessionReader, DEFAULT_PAGE } from './reader.js';
export {
  INPUT_PREVIEW_CHARS,
  type Action,
  type ActionSummary,
  type Attempt,
  type AttemptSummary,
  type DriverLock,
  type Goal,
  type GoalNode,
  type ModelCall,
  type SessionInfo,
  type SessionTotals,
  type StoredEvent,
} from './rows.js';
export { SCHEMA_VERSION } from './schema.js';
export { sanitizeOptions, type SanitizedOptions } from './secrets.js';
export * from './session-store.js';
export {
  MAX_HINT_CHARS,
  addHint,
  decidePlan,
  pendingHints,
  pendingPlans,
  planDecision,
  steeringThrough,
  takeHints,
  type PendingHint,
  type PendingPlan,
  type PlanDecision,
  type Steering,
} from './steering.js';
