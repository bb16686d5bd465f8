import { DETACHED_BASE } from '../git/index.js';
import { GOAL_STATUS, orphaned, ORPHANED_WORD } from '../present/labels.js';
import { sanitize } from '../present/sanitize.js';
import { shellCommand } from '../present/shell.js';
import { openSessionReadOnly, resolveSessionRef, resolveSessionsDir, type SessionReader } from '../store/index.js';
import type { CliIO } from './io.js';
import { EXIT } from './exit-codes.js';
import { formatCost, formatDuration, formatTokens, formatWhen } from '../present/format.js';
import { auditLine, auditsOf } from '../present/audit.js';
import { firstShotLine, firstShotOf } from '../present/first-shot.js';
import { findingLines } from '../present/migration.js';
import { ladderSteps, ladderStepText, type LadderStep } from '../present/ladder.js';
import { reportLine } from '../migration/index.js';
import { escapeControls as esc } from '../text.js';
import { steeringLines, steeringReport } from './show-steering.js';

export function showCommand(command: { session: string; sessionsDir?: string; json: boolean }, io: CliIO): number {
  const dir = resolveSessionsDir({ flag: command.sessionsDir, env: io.env });
  const reader = openSessionReadOnly(resolveSessionRef(dir, command.session));
  try {
    io.stdout.write(command.json ? `${JSON.stringify(sessionReport(reader), null, 2)}\n` : sanitize(renderSession(reader)));
  } finally {
    reader.close();
  }
  return EXIT.completed;
}

/** Everything `show --json` prints: the session, totals, and each goal with its attempts. */
export function sessionReport(reader: SessionReader) {
  const session = reader.getSession();
  const goals = reader.goalTree().map((node) => {
    const goal = reader.getGoal(node.id)!;
    const audits = auditsOf(reader, node.id);
    const attempts = reader.attemptsForGoal(node.id).map((a) => {
      const audit = audits.get(a.id);
      return audit ? { ...a, audit } : a;
    });
    return { ...goal, migration: reader.latestReport(node.id), attempts, ladder: ladderSteps(reader, node.id) };
  });
  return { session, totals: reader.totals(), migration: reader.latestReport(), firstShot: firstShotOf(reader), inventory: reader.getInventory(), goals, steering: steeringReport(reader) };
}

function ladderLine(step: LadderStep): string {
  return `stall ladder: ${esc(ladderStepText(step))}`;
}

export function renderSession(reader: SessionReader): string {
  const { session, totals, goals, migration, firstShot, steering } = sessionReport(reader);
  const shot = firstShotLine(firstShot);
  const status = orphaned(session.status, session.driver)
    ? `${ORPHANED_WORD}: recorded as running, but no live process drives it (killed or crashed); --resume continues it, clean removes its leftovers`
    : `${session.status}${session.statusReason ? ` (${esc(session.statusReason)})` : ''}`;
  const lines: string[] = [
    `Session ${session.id}: ${status}`,
    `  goal:     ${session.goal}`,
    `  repo:     ${session.repoPath} (base ${session.baseBranch === DETACHED_BASE ? 'detached HEAD' : session.baseBranch} @ ${session.baseCommit.slice(0, 12)})`,
    `  models:   A ${session.modelA}, B ${session.modelB}`,
    ...findingLines(migration, '            ').map((line, i) => (i === 0 ? `  verdict:  ${line.trimStart()}` : line)),
    ...(shot ? [`  ${shot}`] : []),
    `  started:  ${formatWhen(session.startedAt)}${session.endedAt ? `, ended ${formatWhen(session.endedAt)} (${formatDuration(Date.parse(session.endedAt) - Date.parse(session.startedAt))})` : ''}`,
    '',
  ];
  for (const goal of goals) {
    const pad = '  '.repeat(goal.depth);
    // A goal's own text comes from the user or model B; each stays on its line.
    lines.push(`${pad}${GOAL_STATUS[goal.status].glyph} #${goal.id} [${goal.status}] ${esc(goal.description)}`);
    const meta = [goal.assignedModel && `model ${goal.assignedModel}`, goal.gitBranch && `branch ${goal.gitBranch}`].filter(Boolean);
    if (meta.length > 0) lines.push(`${pad}    ${meta.join(', ')}`);
    if (goal.failureReason) lines.push(`${pad}    reason: ${esc(goal.failureReason)}`);
    if (goal.migration && goal.parentId !== null) lines.push(`${pad}    ${reportLine(goal.migration)}`);
    for (const v of goal.validation) lines.push(`${pad}    validate: ${esc(v.command)}`);
    for (const a of goal.attempts) {
      const stat = a.diffstat?.trim().split('\n').pop()?.trim();
      lines.push(
        `${pad}    attempt ${a.number} (#${a.id}) ${a.modelId}: ${a.outcome ?? 'running'}, ${a.actionCount} tool calls, ` +
          `${formatTokens(a.tokensIn)} in / ${formatTokens(a.tokensOut)} out, ${formatCost(a.cost)}${stat ? `, ${stat}` : ''}`,
      );
      if (a.failureReason) lines.push(`${pad}      ${esc(a.failureReason)}`);
      if ('audit' in a) lines.push(`${pad}      ${esc(auditLine(a.audit))}`);
      for (const step of goal.ladder.filter((l) => l.attemptId === a.id)) lines.push(`${pad}      ${ladderLine(step)}`);
    }
    for (const step of goal.ladder.filter((l) => !goal.attempts.some((a) => a.id === l.attemptId))) lines.push(`${pad}    ${ladderLine(step)}`);
  }
  lines.push(...steeringLines(steering));
  const g = totals.goals;
  lines.push(
    '',
    `Totals: ${g.completed}/${g.total} goals completed (${g.failed} failed, ${g.stalled ? `${g.stalled} stalled, ` : ''}${g.decomposed} decomposed, ${g.pending} pending), ` +
      `${totals.attempts} attempts, ${totals.actions} tool calls, ${totals.modelCalls} model calls, ` +
      `${formatTokens(totals.tokensIn)} tokens in / ${formatTokens(totals.tokensOut)} out, ${formatCost(totals.cost)}`,
  );
  if (session.resultBranch) {
    lines.push(
      `Result branch: ${session.resultBranch}`,
      `  ${shellCommand(['git', '-C', session.repoPath, 'log', '--oneline', `${session.baseCommit.slice(0, 12)}..${session.resultBranch}`])}`,
      `  ${shellCommand(['git', '-C', session.repoPath, 'diff', `${session.baseCommit.slice(0, 12)}..${session.resultBranch}`])}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
