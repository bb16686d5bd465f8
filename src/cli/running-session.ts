import { listSessions, type SessionSummary } from '../store/index.js';
import { lockHolderAlive } from '../session/driver.js';
import { UsageError } from './usage-error.js';

/** Sessions recorded as running whose process still drives them, newest first. */
export function runningSessions(dir: string): SessionSummary[] {
  return listSessions(dir).filter((s): s is SessionSummary => s.error === undefined && s.status === 'running' && lockHolderAlive(s.driver) === true);
}

/** The newest session still running, preferring one whose process is known to be alive. */
export function newestRunning(dir: string, command: string): string {
  const running = listSessions(dir).filter((s): s is SessionSummary => s.error === undefined && s.status === 'running');
  const chosen = running.find((s) => lockHolderAlive(s.driver) !== false) ?? running[0];
  if (!chosen) throw new UsageError(`no running session in ${dir}: name one (shots-on-goal ${command} SESSION; see --list)`);
  return chosen.dbPath;
}
