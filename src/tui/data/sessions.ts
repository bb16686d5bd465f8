// The session browser's rows: every session of a sessions dir, newest first, from the store's
// listing (one small read-only query per session).
import { lockHolderAlive } from '../../session/driver.js';
import { listSessions, type SessionListing } from '../../store/index.js';

export type BrowserRow = SessionListing & { driverAlive: boolean | null };

export function loadSessionRows(sessionsDir: string): BrowserRow[] {
  return listSessions(sessionsDir).map((entry) => ({ ...entry, driverAlive: entry.error === undefined ? lockHolderAlive(entry.driver) : null }));
}
