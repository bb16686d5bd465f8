// What each line of a batch does: start a session, resume its interrupted one, or nothing (its
// session finished). Decided from the file as it reads now, the record of the batch's earlier
// run and each recorded session's status; a pure function, so every rule is a row of a table test.
import type { SessionStatus } from '../../events.js';
import type { BatchRecord } from './record.js';

export interface ResolvedLine {
  line: number;
  /** The path as written in the file. */
  path: string;
  /** The repository's top level. */
  repo: string;
  goal: string;
}

export type LineAction = 'start' | 'resume' | 'finished';

export interface PlannedLine extends ResolvedLine {
  action: LineAction;
  /** The session it resumes or that finished; null for a line to start. */
  session: string | null;
}

/** What the sessions dir says about a recorded session: missing, or its status and whether a live process drives it. */
export type SessionState = { status: SessionStatus; driven: boolean } | null;

export type Plan = { ok: true; lines: PlannedLine[] } | { ok: false; errors: string[] };

/** Finished for a batch: the session reached its end and running it again would start over. */
export function finished(status: SessionStatus): boolean {
  return status === 'completed' || status === 'failed';
}

/**
 * Without --resume every line starts, unless the record shows an earlier batch of this file that
 * has not finished (starting over would run its repositories twice). With --resume, a line is
 * matched to the record by its repository: its session is resumed unless finished; a line
 * without one starts. Changes that leave the earlier run's meaning unclear are refused: a
 * started repository whose goal changed, or that left the file before its session finished.
 */
export function planBatch(input: {
  file: string;
  lines: ResolvedLine[];
  record: BatchRecord | null;
  resume: boolean;
  state: (session: string) => SessionState;
  /** The command that resumes this batch, for the messages. */
  resumeCommand: string;
  recordFile: string;
}): Plan {
  const { file, lines, record, state } = input;
  if (!input.resume) {
    const open = record?.lines.filter((l) => l.session === null || !isFinished(state(l.session))) ?? [];
    if (record && open.length > 0) {
      return {
        ok: false,
        errors: [
          `${file} has a batch that has not finished (${open.length} of ${record.lines.length} repositories); carry it on with: ${input.resumeCommand} (or remove ${input.recordFile} to start every repository afresh)`,
        ],
      };
    }
    return { ok: true, lines: lines.map((l) => ({ ...l, action: 'start', session: null })) };
  }
  if (!record) return { ok: false, errors: [`${file} has no batch to resume here (no record ${input.recordFile}); start one without --resume`] };

  const errors: string[] = [];
  const byRepo = new Map(record.lines.map((l) => [l.repo, l]));
  const planned: PlannedLine[] = [];
  for (const line of lines) {
    const earlier = byRepo.get(line.repo);
    const session = earlier?.session ?? null;
    if (!earlier || session === null) {
      planned.push({ ...line, action: 'start', session: null });
      continue;
    }
    const where = `${file}:${line.line}`;
    if (earlier.goal !== line.goal) {
      errors.push(`${where}: the goal changed since session ${session} started on ${line.path} ("${earlier.goal}"); put it back, or start a new batch`);
      continue;
    }
    const s = state(session);
    if (s === null) errors.push(`${where}: session ${session} of ${line.path} is not in the sessions directory any more; remove the line, or start a new batch`);
    else if (s.status === 'running' && s.driven) errors.push(`${where}: session ${session} of ${line.path} is still running; wait for it or stop it (shots-on-goal stop ${session})`);
    else planned.push({ ...line, action: finished(s.status) ? 'finished' : 'resume', session });
  }
  const present = new Set(lines.map((l) => l.repo));
  for (const gone of record.lines) {
    if (present.has(gone.repo) || gone.session === null || isFinished(state(gone.session))) continue;
    errors.push(`${file}: ${gone.repo} (line ${gone.line} when the batch started) is gone from the file, but its session ${gone.session} has not finished; put the line back, or start a new batch`);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, lines: planned };
}

function isFinished(s: SessionState): boolean {
  return s !== null && finished(s.status);
}
