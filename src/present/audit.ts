// The other model's review of each validated attempt as `show` prints it, read back from the
// session's `audit` events (one per audited attempt; none when the audit was off).
import type { AuditVerdict } from '../events.js';
import { shortNameOf } from '../models/index.js';
import type { SessionReader } from '../store/index.js';

export interface AttemptAudit {
  model: string;
  verdict: AuditVerdict;
  reasons: string[];
}

/** A goal's audits by attempt id. */
export function auditsOf(reader: SessionReader, goalId: number): Map<number, AttemptAudit> {
  const audits = new Map<number, AttemptAudit>();
  for (const { event } of reader.goalEventsOfType(goalId, 'audit')) {
    if (event.type === 'audit') audits.set(event.attemptId, { model: event.model, verdict: event.verdict, reasons: event.reasons });
  }
  return audits;
}

/**
 * `audit by gpt-5-codex: approved`, with the auditor's notes; a rejection's and a skip's reasons are
 * the attempt's own reason (printed beside it), so they are not repeated here.
 */
export function auditLine(audit: AttemptAudit): string {
  const notes = audit.verdict === 'approved' && audit.reasons.length > 0 ? `: ${audit.reasons.join('; ')}` : '';
  return `audit by ${shortNameOf(audit.model)}: ${audit.verdict}${notes}`;
}

/** `audits: 2 approved, 1 rejected` over the whole session (verdicts seen, in a fixed order); null when nothing was audited. */
export function auditTallyLine(reader: SessionReader): string | null {
  const counts: Record<AuditVerdict, number> = { approved: 0, rejected: 0, skipped: 0 };
  for (const goal of reader.goalTree()) for (const audit of auditsOf(reader, goal.id).values()) counts[audit.verdict] += 1;
  const parts = (Object.keys(counts) as AuditVerdict[]).filter((v) => counts[v] > 0).map((v) => `${counts[v]} ${v}`);
  return parts.length > 0 ? `audits: ${parts.join(', ')}` : null;
}
