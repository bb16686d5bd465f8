import type { ValidationResult } from '../events.js';
import type { MigrationReport } from '../migration/index.js';
import type { SessionReader } from '../store/index.js';
import type { LadderAttempt, LadderStepRecord } from './ladder.js';

/** What the stall ladder decides from, read back from the store so a resumed session stands on the same rung. */
export interface LadderRecord {
  attempts: LadderAttempt[];
  steps: LadderStepRecord[];
  afterRound: boolean;
}

export function ladderRecord(store: Pick<SessionReader, 'attemptsForGoal' | 'getAttempt' | 'goalEventsOfType'>, goalId: number): LadderRecord {
  const attempts = store.attemptsForGoal(goalId).map((a): LadderAttempt => {
    const results = store.getAttempt(a.id)?.validationResults ?? [];
    // A report the auditor rejected was reached by means nobody accepted: it is no mark to beat.
    const report = a.outcome === 'audit_rejected' ? null : migrationReportOf(results);
    return { id: a.id, judged: a.outcome !== null && results.length > 0, report };
  });
  const steps = store.goalEventsOfType(goalId, 'ladder').flatMap(({ event }) =>
    event.type === 'ladder' ? [{ rung: event.rung, attemptId: event.attemptId }] : [],
  );
  const afterRound = store.goalEventsOfType(goalId, 'decomposed').length > 0;
  return { attempts, steps, afterRound };
}

export function migrationReportOf(results: ValidationResult[]): MigrationReport | null {
  return results.find((r) => r.report)?.report ?? null;
}
