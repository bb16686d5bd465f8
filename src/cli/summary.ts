import { sanitize } from '../present/sanitize.js';
import type { SessionReader } from '../store/index.js';
import { formatCost, formatDuration, formatTokens } from '../present/format.js';

/** The closing lines of a run: outcome, totals, and where the work is and how to look at it. */
export function renderSummary(reader: SessionReader, elapsedMs: number): string {
  const s = reader.getSession();
  const t = reader.totals();
  const lines = [
    '',
    `Session ${s.id} ${s.status}${s.statusReason ? `: ${s.statusReason}` : ''}`,
    `  ${t.goals.completed}/${t.goals.total} goals completed, ${t.attempts} attempts, ${t.actions} tool calls, ` +
      `${formatTokens(t.tokensIn)} tokens in / ${formatTokens(t.tokensOut)} out, ${formatCost(t.cost)}, ${formatDuration(elapsedMs)}`,
  ];
  if (s.resultBranch) {
    const base = s.baseCommit.slice(0, 12);
    lines.push(
      `  result branch: ${s.resultBranch}${s.status === 'completed' ? '' : ' (holds what was completed so far)'}`,
      `    git -C ${s.repoPath} log --oneline ${base}..${s.resultBranch}`,
      `    git -C ${s.repoPath} diff ${base}..${s.resultBranch}`,
    );
  }
  lines.push(`  details: shots-on-goal show ${s.id}`);
  return sanitize(`${lines.join('\n')}\n`);
}
