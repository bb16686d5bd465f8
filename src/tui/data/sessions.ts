// The session browser's rows: every session of a sessions dir, newest first, from the store's
// listing (one small read-only query per session).
import { hostname } from 'node:os';
import { listSessions, type DriverLock, type SessionListing } from '../../store/index.js';

export type BrowserRow = SessionListing & { driverAlive: boolean | null };

export function loadSessionRows(sessionsDir: string): BrowserRow[] {
  return listSessions(sessionsDir).map((entry) => ({ ...entry, driverAlive: entry.error === undefined ? driverAlive(entry.driver) : null }));
}

/**
 * Whether the process driving a session still lives: known on this host (signal 0), unknown
 * (null) elsewhere or when nobody holds the lock.
 */
export function driverAlive(driver: DriverLock | null, host = hostname()): boolean | null {
  if (!driver || driver.host !== host) return null;
  try {
    process.kill(driver.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
