// Opening a session database: pragmas, identity and version checks, forward migrations.
import Database from 'better-sqlite3';
import { DamagedSessionDbError, NotASessionDbError, SchemaTooNewError, SchemaTooOldError, StoreError } from './errors.js';
import { APPLICATION_ID, MIGRATIONS, type Migration } from './schema.js';

/**
 * How hard each commit is pushed to disk. Both survive a crash of our process (every commit is in
 * the WAL file, i.e. the OS, before the write call returns):
 * - `full` (default): synchronous=FULL, the WAL is fsynced at every commit, so a power loss or OS
 *   crash also loses nothing already recorded. Writes happen at tool-call pace (a few per tool
 *   call, each call taking 0.1 s to minutes), so the fsync (0.2-2 ms measured here) is noise.
 * - `normal`: synchronous=NORMAL, no fsync per commit; the DB stays consistent after a power loss
 *   but the last commits may be gone. For bulk generators (benchmarks, fixtures).
 */
export type Durability = 'full' | 'normal';

/** How long a connection waits on another one's lock before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 10_000;

/** `migrations` is the ordered list to apply; only tests pass anything but the real one. */
export function openWritableDb(
  path: string,
  opts: { durability?: Durability; create?: boolean; migrations?: readonly Migration[] } = {},
): Database.Database {
  const migrations = opts.migrations ?? MIGRATIONS;
  const db = openChecked(path, { readonly: false, create: opts.create ?? false, acceptEmpty: true }, latest(migrations));
  try {
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (String(mode).toLowerCase() !== 'wal') {
      throw new NotASessionDbError(path, `cannot switch to WAL mode (got ${String(mode)})`);
    }
    db.pragma(`synchronous = ${(opts.durability ?? 'full') === 'full' ? 'FULL' : 'NORMAL'}`);
    // On only after the migrations (better-sqlite3 turns them on by default): a table a migration
    // rebuilds must not cascade into the rows that point at it.
    db.pragma('foreign_keys = OFF');
    migrate(db, path, migrations);
    db.pragma('foreign_keys = ON');
    checkShape(db, path, migrations);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * Never writes a row, never migrates: for watchers and listings.
 *
 * A SQLite read-only connection to a WAL database creates `-wal` and `-shm` files beside it and
 * cannot remove them when it closes, so `--list` or `show` would leave two files beside every
 * finished session. The connection is opened read-write with every write refused (`query_only`)
 * instead: the last connection to close removes both files, as SQLite does for any connection,
 * while a run is writing it reads like any reader. A file we may not write is opened read-only.
 */
export function openReadOnlyDb(path: string, migrations: readonly Migration[] = MIGRATIONS): Database.Database {
  const supported = latest(migrations);
  const db = openChecked(path, { readonly: false, create: false, acceptEmpty: false }, supported);
  try {
    db.pragma('query_only = ON');
    const version = userVersion(db);
    if (version < supported) throw new SchemaTooOldError(path, version, supported);
    checkShape(db, path, migrations);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** `acceptEmpty`: an empty file is a database to create, not an error (writers only). */
function openChecked(
  path: string,
  { readonly, create, acceptEmpty }: { readonly: boolean; create: boolean; acceptEmpty: boolean },
  supported: number,
): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(path, { readonly, fileMustExist: !create });
  } catch (err) {
    throw new StoreError(`cannot open ${path}: ${errorText(err)}`);
  }
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    const header = db
      .prepare('SELECT a.application_id AS app, v.user_version AS version FROM pragma_application_id a, pragma_user_version v')
      .get() as { app: number; version: number };
    const appId = Number(header.app);
    const version = Number(header.version);
    if (appId !== APPLICATION_ID) {
      const tables = Number(db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get());
      const fresh = appId === 0 && version === 0 && tables === 0;
      if (!fresh || !acceptEmpty) {
        throw new NotASessionDbError(path, fresh ? 'empty database' : 'foreign SQLite database');
      }
    }
    if (version > supported) throw new SchemaTooNewError(path, version, supported);
    return db;
  } catch (err) {
    db.close();
    if (err instanceof StoreError) throw err;
    const code = (err as { code?: string }).code ?? '';
    if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) throw new NotASessionDbError(path, errorText(err));
    throw new StoreError(`cannot read ${path}: ${errorText(err)}`);
  }
}

function migrate(db: Database.Database, path: string, migrations: readonly Migration[]): void {
  const supported = latest(migrations);
  const run = db.transaction(() => {
    // Re-read inside the write lock: another process may have migrated meanwhile.
    const current = userVersion(db);
    if (current > supported) throw new SchemaTooNewError(path, current, supported);
    for (const m of migrations) {
      if (m.version <= current) continue;
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
    if (current === 0) db.pragma(`application_id = ${APPLICATION_ID}`);
  });
  if (userVersion(db) < supported) run.immediate();
}

const shapes = new WeakMap<readonly Migration[], Map<string, string[]>>();

/** Tables and columns the migrations make, read from a scratch in-memory database. */
function expectedShape(migrations: readonly Migration[]): Map<string, string[]> {
  let shape = shapes.get(migrations);
  if (!shape) {
    const scratch = new Database(':memory:');
    try {
      for (const m of migrations) m.up(scratch);
      shape = tableShape(scratch);
    } finally {
      scratch.close();
    }
    shapes.set(migrations, shape);
  }
  return shape;
}

function tableShape(db: Database.Database): Map<string, string[]> {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  return new Map(tables.map((t) => [t, db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(t) as string[]]));
}

/**
 * A database at the right version can still have lost a table or a column (edited by hand, or a
 * half-copied file): refuse it at open, before anything reads or writes it.
 */
function checkShape(db: Database.Database, path: string, migrations: readonly Migration[]): void {
  const found = tableShape(db);
  const expected = expectedShape(migrations);
  const gone = [...expected.keys()].filter((t) => !found.has(t)).sort();
  if (gone.length === 1) throw new DamagedSessionDbError(path, `table ${gone[0]} is missing`);
  if (gone.length > 1) throw new DamagedSessionDbError(path, `tables ${gone.slice(0, -1).join(', ')} and ${gone.at(-1)} are missing`);
  for (const [table, columns] of expected) {
    const have = found.get(table)!;
    const missing = columns.find((c) => !have.includes(c));
    if (missing) throw new DamagedSessionDbError(path, `column ${table}.${missing} is missing`);
  }
}

function latest(migrations: readonly Migration[]): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration list out of order: #${i} has version ${m.version}`);
  });
  return migrations.length;
}

export function userVersion(db: Database.Database): number {
  return Number(db.pragma('user_version', { simple: true }));
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
