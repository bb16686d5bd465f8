// What a shared report holds, read from a session's record (and its result branch's diff): plain
// data, so the HTML and Markdown renderers only lay it out.
import type { AttemptOutcome, GoalStatus, SessionEvent, ValidationResult } from '../events.js';
import { Git } from '../git/git.js';
import type { MigrationReport } from '../migration/report.js';
import { firstShotLine, firstShotOf } from '../present/first-shot.js';
import { PLAN_DECISION, validationLabel } from '../present/labels.js';
import type { SessionInfo, SessionReader, SessionTotals } from '../store/index.js';

/** A report stays readable: at most this much diff, and this many tool calls per attempt. */
export const DIFF_CHARS = 400_000;
export const TOOL_CALLS_SHOWN = 60;

export interface ReportAttempt {
  id: number;
  number: number;
  model: string;
  outcome: AttemptOutcome | null;
  reason: string | null;
  durationMs: number | null;
  tokensIn: number;
  tokensOut: number;
  cost: number;
  toolCalls: { tool: string; input: string; ok: boolean | null; durationMs: number | null }[];
  toolCallsTotal: number;
  validation: { command: string; ok: boolean; durationMs: number; digest: string }[];
}

export interface ReportGoal {
  id: number;
  parentId: number | null;
  depth: number;
  description: string;
  status: GoalStatus;
  model: string | null;
  failureReason: string | null;
  validation: string[];
  attempts: ReportAttempt[];
  tokens: number;
  cost: number;
}

export interface ReportData {
  session: SessionInfo;
  totals: SessionTotals;
  migration: MigrationReport | null;
  firstShot: string | null;
  goals: ReportGoal[];
  byModel: { model: string; calls: number; tokensIn: number; tokensOut: number; cost: number }[];
  timeline: { at: number; text: string; tone: 'good' | 'bad' | 'info' }[];
  diff: { text: string; cut: boolean } | null;
  /** Why there is no diff, when there is none. */
  noDiff: string | null;
}

export async function collectReport(reader: SessionReader): Promise<ReportData> {
  const session = reader.getSession();
  const calls = reader.goalTree().flatMap((g) => reader.modelCalls({ goalId: g.id }));
  const goals = reader.goalTree().map((node): ReportGoal => {
    const goal = reader.getGoal(node.id)!;
    const own = calls.filter((c) => c.goalId === node.id);
    return {
      id: node.id,
      parentId: node.parentId,
      depth: node.depth,
      description: node.description,
      status: node.status,
      model: node.assignedModel,
      failureReason: goal.failureReason,
      validation: goal.validation.map((v) => v.command),
      attempts: reader.attemptsForGoal(node.id).map((summary) => attemptOf(reader, summary.id)),
      tokens: own.reduce((n, c) => n + c.inputTokens + c.outputTokens, 0),
      cost: own.reduce((n, c) => n + (c.cost ?? 0), 0),
    };
  });
  const models = new Map<string, ReportData['byModel'][number]>();
  for (const c of calls) {
    const m = models.get(c.model) ?? { model: c.model, calls: 0, tokensIn: 0, tokensOut: 0, cost: 0 };
    m.calls += 1;
    m.tokensIn += c.inputTokens;
    m.tokensOut += c.outputTokens;
    m.cost += c.cost ?? 0;
    models.set(c.model, m);
  }
  const { diff, noDiff } = await resultDiff(session);
  return {
    session,
    totals: reader.totals(),
    migration: reader.latestReport(),
    firstShot: firstShotLine(firstShotOf(reader)),
    goals,
    byModel: [...models.values()],
    timeline: timelineOf(reader, Date.parse(session.startedAt)),
    diff,
    noDiff,
  };
}

function attemptOf(reader: SessionReader, id: number): ReportAttempt {
  const a = reader.getAttempt(id)!;
  const actions = reader.actionsForAttempt(id, { limit: TOOL_CALLS_SHOWN });
  return {
    id: a.id,
    number: a.number,
    model: a.modelId,
    outcome: a.outcome,
    reason: a.failureReason,
    durationMs: a.endedAt ? Date.parse(a.endedAt) - Date.parse(a.startedAt) : null,
    tokensIn: a.tokensIn,
    tokensOut: a.tokensOut,
    cost: a.cost,
    toolCalls: actions.map((x) => ({ tool: x.toolName, input: x.inputPreview, ok: x.ok, durationMs: x.durationMs })),
    toolCallsTotal: a.actionCount,
    validation: (a.validationResults ?? []).map((r: ValidationResult) => ({ command: validationLabel(r), ok: r.ok, durationMs: r.durationMs, digest: r.digest })),
  };
}

function timelineOf(reader: SessionReader, start: number): ReportData['timeline'] {
  const out: ReportData['timeline'] = [];
  for (let page = reader.eventsAfter(0, 500); page.length > 0; page = reader.eventsAfter(page[page.length - 1]!.id, 500)) {
    for (const stored of page) {
      const line = timelineLine(stored.event);
      if (line) out.push({ at: Date.parse(stored.ts) - start, ...line });
    }
  }
  return out;
}

function timelineLine(e: SessionEvent): { text: string; tone: 'good' | 'bad' | 'info' } | null {
  switch (e.type) {
    case 'session_started':
      return { text: `session ${e.resumed ? 'resumed' : 'started'}`, tone: 'info' };
    case 'attempt_started':
      return { text: `goal #${e.goalId}: attempt by ${e.model} started`, tone: 'info' };
    case 'attempt_finished':
      return { text: `attempt #${e.attemptId}: ${e.outcome.replace(/_/g, ' ')}${e.reason ? ` (${e.reason})` : ''}`, tone: e.outcome === 'success' ? 'good' : 'bad' };
    case 'decomposed':
      return { text: `goal #${e.goalId} split by ${e.model} into ${e.subGoals.length} sub-goals`, tone: 'info' };
    case 'goal_finished':
      return { text: `goal #${e.goalId} ${e.status}${e.reason ? ` (${e.reason})` : ''}`, tone: e.status === 'completed' ? 'good' : 'bad' };
    case 'session_finished':
      return { text: `session ${e.status.replace(/_/g, ' ')}${e.reason ? ` (${e.reason})` : ''}`, tone: e.status === 'completed' ? 'good' : 'bad' };
    case 'audit':
      return {
        text: `attempt #${e.attemptId}: audit by ${e.model} ${e.verdict}${e.reasons.length ? ` (${e.reasons.join('; ')})` : ''}`,
        tone: e.verdict === 'approved' ? 'good' : e.verdict === 'rejected' ? 'bad' : 'info',
      };
    case 'ladder':
      return { text: `goal #${e.goalId}: stall ladder, ${e.rung.replace(/_/g, ' ')} (${e.evidence})`, tone: 'bad' };
    case 'hint':
      return { text: `a person's hint: ${e.text}`, tone: 'info' };
    case 'plan_decided':
      return { text: `goal #${e.goalId}: plan ${PLAN_DECISION[e.decision]}${e.decision === 'taken' ? '' : ' by a person'}`, tone: e.decision === 'rejected' ? 'bad' : 'info' };
    case 'log':
      return e.level === 'info' ? null : { text: e.message, tone: 'bad' };
    default:
      return null;
  }
}

async function resultDiff(session: SessionInfo): Promise<{ diff: ReportData['diff']; noDiff: string | null }> {
  if (!session.resultBranch) return { diff: null, noDiff: 'no result branch: nothing was completed' };
  try {
    const git = new Git(session.repoPath);
    const tip = await git.resolveCommit(`refs/heads/${session.resultBranch}`);
    if (!tip) return { diff: null, noDiff: `the result branch ${session.resultBranch} is no longer in the repository` };
    const text = await git.text(['diff', '--no-color', session.baseCommit, tip]);
    return { diff: text.length > DIFF_CHARS ? { text: text.slice(0, DIFF_CHARS), cut: true } : { text, cut: false }, noDiff: null };
  } catch (err) {
    return { diff: null, noDiff: `the diff could not be read: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` };
  }
}
