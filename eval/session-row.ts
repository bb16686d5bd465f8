// What one eval session reached, read from its DB: the root goal's attempt, its validation's
// migration report, and its recorded tool calls.
import type { MigrationReport } from '../src/migration/index.js';
import type { SessionReader } from '../src/store/index.js';

export interface SessionFigures {
  /** 4 migrated, 3 build ok and every source covered, 2 build ok, 1 MODULE.bazel written, 0 nothing. */
  tier: number;
  report: MigrationReport | null;
  toolCalls: number;
  /** The first findings, or why there is no report. */
  note: string;
}

export function tierOf(report: MigrationReport | null, wroteModule: boolean): number {
  if (report?.verdict === 'migrated') return 4;
  if (report?.build.ok) return report.sources.covered === report.sources.total ? 3 : 2;
  return wroteModule ? 1 : 0;
}

export function sessionFigures(reader: SessionReader): SessionFigures {
  const root = reader.rootGoal();
  const summaries = root === undefined ? [] : reader.attemptsForGoal(root.id);
  const last = summaries.at(-1);
  if (last === undefined) return { tier: 0, report: null, toolCalls: 0, note: `no attempt (session ${reader.getSession().status})` };
  const attempt = reader.getAttempt(last.id)!;
  const report = attempt.validationResults?.find((r) => r.report !== undefined)?.report ?? null;
  const wroteModule = /^\+\+\+ b\/MODULE\.bazel$/m.test(attempt.diff ?? '');
  const toolCalls = summaries.reduce((n, a) => n + a.actionCount, 0);
  const note = report
    ? report.findings.slice(0, 2).map((f) => `${f.kind} ${f.subject}`).join('; ')
    : (attempt.failureReason ?? `no migration report (attempt ${attempt.outcome ?? 'unfinished'})`);
  return { tier: tierOf(report, wroteModule), report, toolCalls, note };
}
