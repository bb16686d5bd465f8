// `--list`: every session under a sessions dir, newest first, read-only and never fatal per entry.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SessionStatus } from '../events.js';
import { reportLine } from '../migration/format.js';
import { openReadOnlyDb } from './db.js';
import { latestReportIn } from './reports.js';
import { DB_FILE_NAME } from './paths.js';
import type { DriverLock } from './rows.js';

interface ListingBase {
  /** The session directory's name (what `show`/`--resume` take). */
  id: string;
  dir: string;
  dbPath: string;
}

export interface SessionSummary extends ListingBase {
  error?: undefined;
  status: SessionStatus;
  goal: string;
  repoPath: string;
  modelA: string;
  modelB: string;
  startedAt: string;
  endedAt: string | null;
  resultBranch: string | null;
  goalsCompleted: number;
  goalsTotal: number;
  tokensIn: number;
  tokensOut: number;
  cost: number;
  /** The root goal's newest migration report in one line, or null when none was made. */
  migration: string | null;
  /** Who drives it (a `running` session whose driver is dead was interrupted by a crash). */
  driver: DriverLock | null;
}

/** A session whose DB could not be read: corrupt, not a session DB, newer schema... */
export interface BrokenSession extends ListingBase {
  error: string;
}

export type SessionListing = SessionSummary | BrokenSession;

const SUMMARY_SQL = `
  SELECT s.status, s.goal, s.repo_path, s.model_a, s.model_b, s.started_at, s.ended_at, s.result_branch,
    s.total_tokens_in, s.total_tokens_out, s.total_cost, s.driver_pid, s.driver_host, s.heartbeat_at,
    (SELECT count(*) FROM goals) AS goals_total,
    (SELECT count(*) FROM goals WHERE status = 'completed') AS goals_completed
  FROM session s LIMIT 1`;

/** Newest first; a missing sessions dir is an empty list. Directories without goals.db are skipped. */
export function listSessions(sessionsDir: string): SessionListing[] {
  const root = resolve(sessionsDir);
  let names: string[];
  try {
    names = readdirSync(root, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
      .map((d) => d.name);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const keyed: { key: string; entry: SessionListing }[] = [];
  for (const id of names) {
    const dir = join(root, id);
    const dbPath = join(dir, DB_FILE_NAME);
    if (!existsSync(dbPath)) continue;
    const entry = readSummary({ id, dir, dbPath });
    keyed.push({ key: entry.error === undefined ? entry.startedAt : mtimeKey(dbPath), entry });
  }
  keyed.sort((a, b) => (a.key !== b.key ? (a.key < b.key ? 1 : -1) : a.entry.id < b.entry.id ? 1 : -1));
  return keyed.map((k) => k.entry);
}

function mtimeKey(path: string): string {
  try {
    return statSync(path).mtime.toISOString();
  } catch {
    return '';
  }
}

function migrationLine(db: Parameters<typeof latestReportIn>[0]): string | null {
  const report = latestReportIn(db);
  return report ? reportLine(report) : null;
}

function readSummary(base: ListingBase): SessionListing {
  let db;
  try {
    db = openReadOnlyDb(base.dbPath);
    const r = db.prepare(SUMMARY_SQL).get() as Record<string, unknown> | undefined;
    if (!r) return { ...base, error: 'the database has no session row' };
    return {
      ...base,
      status: r.status as SessionStatus,
      goal: r.goal as string,
      repoPath: r.repo_path as string,
      modelA: r.model_a as string,
      modelB: r.model_b as string,
      startedAt: r.started_at as string,
      endedAt: (r.ended_at as string | null) ?? null,
      resultBranch: (r.result_branch as string | null) ?? null,
      goalsCompleted: Number(r.goals_completed),
      goalsTotal: Number(r.goals_total),
      tokensIn: Number(r.total_tokens_in),
      tokensOut: Number(r.total_tokens_out),
      cost: Number(r.total_cost),
      migration: migrationLine(db),
      driver:
        r.driver_pid == null
          ? null
          : { pid: Number(r.driver_pid), host: String(r.driver_host), heartbeatAt: (r.heartbeat_at as string | null) ?? null },
    };
  } catch (err) {
    return { ...base, error: err instanceof Error ? err.message : String(err) };
  } finally {
    db?.close();
  }
}
