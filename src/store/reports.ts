// The migration reports recorded by validation runs, read back from the validation events.
import type Database from 'better-sqlite3';
import type { MigrationReport } from '../migration/report.js';
import { sessionEventSchema } from './json-columns.js';

/** Validation runs looked at, newest first, before giving up on finding a report. */
const SCAN = 50;

const SQL = `SELECT payload FROM events
  WHERE type = 'validation_finished' AND goal_id = coalesce(?, (SELECT id FROM goals WHERE parent_id IS NULL))
  ORDER BY id DESC LIMIT ${SCAN}`;

/** The newest migration report of a goal's validation runs (default: the root goal), or null. */
export function latestReportIn(db: Database.Database, goalId: number | null = null): MigrationReport | null {
  const rows = db.prepare(SQL).pluck().all(goalId) as string[];
  for (const payload of rows) {
    const parsed = sessionEventSchema.safeParse(JSON.parse(payload));
    if (!parsed.success || parsed.data.type !== 'validation_finished') continue;
    const report = parsed.data.results.findLast((r) => r.report)?.report;
    if (report) return report;
  }
  return null;
}
