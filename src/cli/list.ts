import { listSessions, resolveSessionsDir } from '../store/index.js';
import { orphaned, ORPHANED_WORD } from '../present/labels.js';
import { flat, sanitize } from '../present/sanitize.js';
import { driverAlive } from '../session/driver.js';
import { oneLine } from '../text.js';
import type { CliIO } from './io.js';
import { formatCost, formatWhen, table } from '../present/format.js';
import { EXIT } from './exit-codes.js';

export function listCommand(command: { sessionsDir?: string; json: boolean }, io: CliIO): number {
  const dir = resolveSessionsDir({ flag: command.sessionsDir, env: io.env });
  const sessions = listSessions(dir);
  if (command.json) {
    const withLiveness = sessions.map((s) => (s.error === undefined ? { ...s, driverAlive: driverAlive(s.driver) } : s));
    io.stdout.write(`${JSON.stringify(withLiveness, null, 2)}\n`);
    return EXIT.completed;
  }
  if (sessions.length === 0) {
    io.stdout.write(sanitize(`No sessions in ${dir}.\n`));
    return EXIT.completed;
  }
  const rows = [['SESSION', 'STATUS', 'GOALS', 'COST', 'STARTED', 'MIGRATION', 'REPO', 'GOAL']];
  for (const s of sessions) {
    if (s.error !== undefined) {
      rows.push([s.id, 'unreadable', '-', '-', '-', '-', '-', oneLine(s.error, 80)]);
      continue;
    }
    rows.push([s.id, orphaned(s.status, s.driver) ? ORPHANED_WORD : s.status, `${s.goalsCompleted}/${s.goalsTotal}`, formatCost(s.cost), formatWhen(s.startedAt), s.migration ?? '-', s.repoPath, oneLine(s.goal, 60)]);
  }
  io.stdout.write(`${table(rows.map((row) => row.map(flat)))}\n`);
  return EXIT.completed;
}
