// Typed store errors, each with a one-line message a person can act on.

export class StoreError extends Error {
  override name = 'StoreError';
}

/** The file exists but is not a shots-on-goal session database (another SQLite DB, garbage...). */
export class NotASessionDbError extends StoreError {
  override name = 'NotASessionDbError';
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`${path} is not a shots-on-goal session database (${detail})`);
  }
}

/** Ours and at the right version, but a table or column is gone (edited by hand, half copied). */
export class DamagedSessionDbError extends StoreError {
  override name = 'DamagedSessionDbError';
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`${path} is damaged (${detail}): it cannot be shown or resumed; restore it from a copy or start a new session`);
  }
}

/** `--sessions-dir` (or $SHOTS_ON_GOAL_SESSIONS) names something that cannot hold sessions. */
export class SessionsDirError extends StoreError {
  override name = 'SessionsDirError';
}

/** Written by a newer shots-on-goal: refusing to touch it rather than misreading or corrupting it. */
export class SchemaTooNewError extends StoreError {
  override name = 'SchemaTooNewError';
  constructor(
    readonly path: string,
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `${path} has schema version ${found} but this shots-on-goal supports up to ${supported}; upgrade shots-on-goal to open it`,
    );
  }
}

/** A read-only opener cannot migrate; the session must be opened once by a writer (e.g. --resume). */
export class SchemaTooOldError extends StoreError {
  override name = 'SchemaTooOldError';
  constructor(
    readonly path: string,
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `${path} has schema version ${found} (current is ${supported}); it is upgraded when a writer opens it (e.g. --resume)`,
    );
  }
}

export class SessionExistsError extends StoreError {
  override name = 'SessionExistsError';
  constructor(readonly path: string) {
    super(`a session already exists at ${path}`);
  }
}

export class SessionNotFoundError extends StoreError {
  override name = 'SessionNotFoundError';
  constructor(
    readonly ref: string,
    detail = 'no such session',
  ) {
    super(`session ${ref}: ${detail}`);
  }
}

/** A write named a goal/attempt/action id that is not in this session. */
export class RowNotFoundError extends StoreError {
  override name = 'RowNotFoundError';
  constructor(
    readonly table: string,
    readonly id: number,
  ) {
    super(`${table} ${id} does not exist in this session`);
  }
}

/** A JSON column did not match its schema: the DB was edited by hand or written by a buggy writer. */
export class CorruptRowError extends StoreError {
  override name = 'CorruptRowError';
  constructor(table: string, column: string, id: number | string, detail: string) {
    super(`${table}.${column} of row ${id} is malformed: ${detail}`);
  }
}
