// Which sessions `clean` may touch: a session is cleaned only while no live process drives it.
import path from 'node:path';
import type { SessionStatus } from '../../events.js';
import { driverAlive } from '../../session/driver.js';
import { listSessions, openSessionReadOnly, resolveSessionRef, type DriverLock } from '../../store/index.js';
import { UsageError } from '../usage-error.js';

export interface CleanTarget {
  /** The session id (what its containers and volumes are labelled with). */
  id: string;
  dir: string;
  status: SessionStatus;
  repoPath: string;
  resultBranch: string | null;
}

export interface Selection {
  targets: CleanTarget[];
  /** One line per session left alone, and why. */
  skipped: string[];
  /** Ids of every session of the sessions dir, cleaned or not: their containers are never "unknown". */
  known: Set<string>;
}

/** `clean SESSION`: that session, refused while a live process drives it. */
export function selectNamed(sessionsDir: string, ref: string): Selection {
  const dbPath = resolveSessionRef(sessionsDir, ref);
  const reader = openSessionReadOnly(dbPath);
  try {
    const s = reader.getSession();
    if (driverAlive(s.driver)) {
      throw new UsageError(`session ${s.id} is being driven by ${holder(s.driver!)}; stop it first (cleaning under a live run would break it)`);
    }
    const target = { id: s.id, dir: path.dirname(dbPath), status: s.status, repoPath: s.repoPath, resultBranch: s.resultBranch };
    return { targets: [target], skipped: [], known: new Set([s.id]) };
  } finally {
    reader.close();
  }
}

/** `clean`: every session of the sessions dir that is finished, or whose driver is gone. */
export function selectAll(sessionsDir: string): Selection {
  const selection: Selection = { targets: [], skipped: [], known: new Set() };
  for (const s of listSessions(sessionsDir)) {
    selection.known.add(s.id);
    if (s.error !== undefined) {
      selection.skipped.push(`skipped session ${s.id}: its database cannot be read (${s.error})`);
    } else if (driverAlive(s.driver)) {
      selection.skipped.push(`skipped session ${s.id}: ${s.status}, driven by ${holder(s.driver!)}`);
    } else {
      selection.targets.push({ id: s.id, dir: s.dir, status: s.status, repoPath: s.repoPath, resultBranch: s.resultBranch });
    }
  }
  return selection;
}

/**
 * Asked again right before anything is removed: a `--resume` may have taken the session since it
 * was selected. A session that cannot be read now is treated as driven.
 */
export function stillUndriven(sessionDir: string): boolean {
  try {
    const reader = openSessionReadOnly(sessionDir);
    try {
      return !driverAlive(reader.getSession().driver);
    } finally {
      reader.close();
    }
  } catch {
    return false;
  }
}

export function holder(lock: DriverLock): string {
  return `pid ${lock.pid} on ${lock.host}`;
}
