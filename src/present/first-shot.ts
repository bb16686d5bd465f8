// The built-in migrator's first shot as people and `show --json` see it: the root goal's first
// attempt (taken again when interrupted), by builtin, in a session whose model A is another model.
import { reportLine, type MigrationReport } from '../migration/index.js';
import { BUILTIN_MODEL } from '../models/spec.js';
import type { AttemptSummary, SessionReader } from '../store/index.js';

export interface FirstShot {
  attemptId: number;
  outcome: string | null;
  /** Its verdict from the migration check, when the check ran on it. */
  report: MigrationReport | null;
  /** Its commit stayed on the root goal's branch (validation failed, the next model started from it). */
  kept: boolean;
}

export function firstShotOf(reader: SessionReader): FirstShot | null {
  const session = reader.getSession();
  const root = reader.rootGoal();
  if (!root || session.modelA === BUILTIN_MODEL) return null;
  // The last of the root's leading builtin attempts: an interrupted first shot is taken again on resume.
  let first: AttemptSummary | undefined;
  for (const attempt of reader.attemptsForGoal(root.id)) {
    if (attempt.modelId !== BUILTIN_MODEL) break;
    first = attempt;
  }
  if (!first) return null;
  const report = (reader.getAttempt(first.id)?.validationResults ?? []).findLast((r) => r.report)?.report ?? null;
  const kept = first.outcome === 'success' || (first.gitBranch !== null && reader.mergedInto(root.id).has(first.gitBranch));
  return { attemptId: first.id, outcome: first.outcome, report, kept };
}

/** `first shot (builtin): not migrated: 5/6 sources, 0/1 tests (2 findings); kept, model A went on from it`. */
export function firstShotLine(shot: FirstShot | null): string | null {
  if (!shot) return null;
  const what = shot.report ? reportLine(shot.report) : (shot.outcome ?? 'running');
  const then = shot.outcome === 'success' ? 'it completed the goal' : shot.kept ? 'kept on the root branch, model A went on from it' : 'not kept';
  return `first shot (${BUILTIN_MODEL}): ${what}; ${then}`;
}
