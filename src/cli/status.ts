// `shots-on-goal status [SESSION]`: one line per running session (or the named one): id, elapsed,
// cost, the goal being worked and the root goal. Read-only; the runs are not disturbed.
import { formatCost, formatDuration } from '../present/format.js';
import { sanitize } from '../present/sanitize.js';
import { lockHolderAlive } from '../session/driver.js';
import { openSessionReadOnly, resolveSessionRef, resolveSessionsDir, type SessionReader } from '../store/index.js';
import { oneLine } from '../text.js';
import { EXIT } from './exit-codes.js';
import type { CliIO } from './io.js';
import { runningSessions } from './running-session.js';

const GOAL_CHARS = 60;

export function statusCommand(command: { session?: string; sessionsDir?: string }, io: CliIO, now = Date.now()): number {
  const dir = resolveSessionsDir({ flag: command.sessionsDir, env: io.env });
  const paths = command.session !== undefined ? [resolveSessionRef(dir, command.session)] : runningSessions(dir).map((s) => s.dbPath);
  if (paths.length === 0) {
    io.stdout.write(`no session is running in ${dir}\n`);
    return EXIT.completed;
  }
  for (const dbPath of paths) {
    const reader = openSessionReadOnly(dbPath);
    try {
      io.stdout.write(sanitize(`${statusLine(reader, now)}\n`));
    } finally {
      reader.close();
    }
  }
  return EXIT.completed;
}

function statusLine(reader: SessionReader, now: number): string {
  const s = reader.getSession();
  const ended = s.endedAt ? Date.parse(s.endedAt) : now;
  const alive = lockHolderAlive(s.driver);
  const state = s.status !== 'running' ? s.status : alive === false ? 'running, but its process is gone' : `running (pid ${s.driver?.pid ?? '?'} on ${s.driver?.host ?? '?'})`;
  const parts = [s.id, state, formatDuration(ended - Date.parse(s.startedAt)), formatCost(s.totalCost)];
  const current = currentGoal(reader);
  if (current && s.status === 'running') parts.push(`working on #${current.id} ${oneLine(current.description, GOAL_CHARS)}`);
  parts.push(`goal: ${oneLine(s.goal, GOAL_CHARS)}`);
  return parts.join('  ');
}

/** The deepest goal in progress: the one whose attempt or sub-goals run now. */
export function currentGoal(reader: SessionReader): { id: number; description: string } | undefined {
  const open = reader.goalTree().filter((g) => g.status === 'in_progress');
  return open.reduce<(typeof open)[number] | undefined>((best, g) => (!best || g.depth >= best.depth ? g : best), undefined);
}
