import { sanitize } from '../present/sanitize.js';
import { shellCommand } from '../present/shell.js';
import type { SessionReader } from '../store/index.js';
import { formatCost, formatDuration, formatTokens } from '../present/format.js';
import { auditTallyLine } from '../present/audit.js';
import { firstShotLine, firstShotOf } from '../present/first-shot.js';
import { findingLines } from '../present/migration.js';
import { escapeControls } from '../text.js';
import { selfCommand } from './self-command.js';

/** The closing lines of a run: outcome, totals, and where the work is and how to look at it. */
export function renderSummary(reader: SessionReader, elapsedMs: number, sessionArgs: readonly string[]): string {
  const s = reader.getSession();
  const t = reader.totals();
  const lines = [
    '',
    `Session ${s.id} ${s.status}${s.statusReason ? `: ${escapeControls(s.statusReason)}` : ''}`,
    `  ${t.goals.completed}/${t.goals.total} goals completed, ${t.attempts} attempts, ${t.actions} tool calls, ` +
      `${formatTokens(t.tokensIn)} tokens in / ${formatTokens(t.tokensOut)} out, ${formatCost(t.cost)}, ${formatDuration(elapsedMs)}`,
  ];
  const shot = firstShotLine(firstShotOf(reader));
  if (shot) lines.push(`  ${shot}`);
  const audits = auditTallyLine(reader);
  if (audits) lines.push(`  ${audits}`);
  lines.push(...findingLines(reader.latestReport(), '  '));
  if (s.resultBranch) {
    const base = s.baseCommit.slice(0, 12);
    lines.push(
      `  result branch: ${s.resultBranch}${s.status === 'completed' ? '' : ' (holds what was completed so far)'}`,
      `    ${shellCommand(['git', '-C', s.repoPath, 'log', '--oneline', `${base}..${s.resultBranch}`])}`,
      `    ${shellCommand(['git', '-C', s.repoPath, 'diff', `${base}..${s.resultBranch}`])}`,
    );
  }
  lines.push(`  details: ${shellCommand([...selfCommand(), 'show', ...sessionArgs])}`);
  return sanitize(`${lines.join('\n')}\n`);
}
