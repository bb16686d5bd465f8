// Where sessions live and how they are named.
import { randomInt } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { SessionNotFoundError, SessionsDirError } from './errors.js';

export const SESSIONS_DIR_ENV = 'SHOTS_ON_GOAL_SESSIONS';
export const DEFAULT_SESSIONS_DIR = 'sessions';
export const DB_FILE_NAME = 'goals.db';

/** `YYYYMMDD-HHMMSS-xxxx` (local time, 4 random lowercase alphanumerics). */
export const SESSION_ID_PATTERN = /^\d{8}-\d{6}-[a-z0-9]{4}$/;

/** `--sessions-dir` flag, else $SHOTS_ON_GOAL_SESSIONS, else ./sessions; always absolute. */
export function resolveSessionsDir(
  opts: { flag?: string | undefined; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): string {
  const env = opts.env ?? process.env;
  const cwd = opts.cwd ?? process.cwd();
  const chosen = nonEmpty(opts.flag) ?? nonEmpty(env[SESSIONS_DIR_ENV]) ?? DEFAULT_SESSIONS_DIR;
  const dir = resolve(cwd, chosen);
  checkSessionsDir(dir, nonEmpty(opts.flag) ? '--sessions-dir' : nonEmpty(env[SESSIONS_DIR_ENV]) ? `$${SESSIONS_DIR_ENV}` : 'the sessions directory');
  return dir;
}

/**
 * The sessions dir may not exist yet (it is created with the first session), but whatever part of
 * it exists must be a directory: a file or a dangling symlink there is the user's mistake to fix.
 */
function checkSessionsDir(dir: string, source: string): void {
  for (let p = dir; ; p = dirname(p)) {
    let entry;
    try {
      entry = lstatSync(p);
    } catch {
      if (dirname(p) === p) return;
      continue;
    }
    if (entry.isSymbolicLink()) {
      if (!existsSync(p)) throw new SessionsDirError(`${source} ${dir} cannot be used: ${p} is a symlink to ${readlinkSync(p)}, which does not exist`);
      if (!statSync(p).isDirectory()) throw new SessionsDirError(`${source} ${dir} cannot be used: ${p} links to a file, not a directory`);
    } else if (!entry.isDirectory()) {
      throw new SessionsDirError(`${source} ${dir} cannot be used: ${p} is a file, not a directory; name a directory`);
    }
    return;
  }
}

/**
 * One spelling per sessions directory (symlinks resolved while it exists), so the label on a
 * session's containers and volumes matches however the directory was named.
 */
export function canonicalSessionsDir(sessionsDir: string): string {
  try {
    return realpathSync(sessionsDir);
  } catch {
    return resolve(sessionsDir);
  }
}

function nonEmpty(s: string | undefined): string | undefined {
  return s !== undefined && s.trim() !== '' ? s : undefined;
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function newSessionId(date: Date = new Date()): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const stamp =
    `${p(date.getFullYear(), 4)}${p(date.getMonth() + 1)}${p(date.getDate())}` +
    `-${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`;
  let suffix = '';
  for (let i = 0; i < 4; i++) suffix += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return `${stamp}-${suffix}`;
}

export function sessionDirFor(sessionsDir: string, sessionId: string): string {
  return join(sessionsDir, sessionId);
}

/** Where a session's long-lived containers get the copies of the trees they are lent. */
export function stagesDir(sessionDir: string): string {
  return join(sessionDir, 'stage');
}

export function sessionDbPath(sessionsDir: string, sessionId: string): string {
  return join(sessionsDir, sessionId, DB_FILE_NAME);
}

/** A session dir or its DB file → the DB path (no existence check for the DB itself). */
export function dbPathOf(sessionDirOrDb: string): string {
  const abs = resolve(sessionDirOrDb);
  if (basename(abs) === DB_FILE_NAME) return abs;
  if (existsSync(abs) && statSync(abs).isFile()) return abs;
  return join(abs, DB_FILE_NAME);
}

/**
 * What a person types after `show`, `watch` or `--resume`: a session id, a unique prefix of one,
 * the session's directory or its goals.db. Returns the goals.db path.
 */
export function resolveSessionRef(sessionsDir: string, ref: string): string {
  const asPath = resolve(ref);
  if (ref.includes('/') || ref.endsWith(DB_FILE_NAME)) {
    const db = dbPathOf(asPath);
    if (existsSync(db)) return db;
    throw new SessionNotFoundError(ref, `no ${DB_FILE_NAME} at ${db}`);
  }
  const exact = sessionDbPath(sessionsDir, ref);
  if (existsSync(exact)) return exact;
  let names: string[] = [];
  try {
    names = readdirSync(sessionsDir);
  } catch {
    throw new SessionNotFoundError(ref, `sessions directory ${sessionsDir} does not exist`);
  }
  const matches = names.filter(
    (n) => n.startsWith(ref) && existsSync(join(sessionsDir, n, DB_FILE_NAME)),
  );
  if (matches.length === 1) return sessionDbPath(sessionsDir, matches[0]!);
  if (matches.length > 1) {
    throw new SessionNotFoundError(ref, `ambiguous, matches ${matches.sort().join(', ')}`);
  }
  // A directory name given without a slash (e.g. `.` or a folder in cwd).
  if (existsSync(asPath) && statSync(asPath).isDirectory() && existsSync(dbPathOf(asPath))) {
    return dbPathOf(asPath);
  }
  throw new SessionNotFoundError(ref, `not found in ${sessionsDir}`);
}
