// The report as Markdown, for a pull request: the same content as the HTML without the chart.
import { GOAL_STATUS, outcomeLabel, SESSION_STATUS } from '../present/labels.js';
import { formatCost, formatDuration, formatTokens } from '../present/format.js';
import { escapeControls, oneLine } from '../text.js';
import type { ReportAttempt, ReportData, ReportGoal } from './collect.js';
import { goalTitle } from './shared.js';

export function renderMarkdown(data: ReportData): string {
  const s = data.session;
  const t = data.totals;
  const out = [
    `# ${md(oneLine(s.goal, 200))}`,
    '',
    `**${SESSION_STATUS[s.status].word}**${s.statusReason ? `: ${md(s.statusReason)}` : ''}`,
    '',
    `Session ${code(s.id)} on ${code(s.repoPath)} at ${code(s.baseCommit.slice(0, 12))}; models A ${code(s.modelA)}, B ${code(s.modelB)}.`,
    `${t.goals.completed}/${t.goals.total} goals completed, ${t.attempts} attempts, ${t.actions} tool calls, ${formatTokens(t.tokensIn)} tokens in / ${formatTokens(t.tokensOut)} out, ${formatCost(t.cost)}` +
      `${s.endedAt ? `, ${formatDuration(Date.parse(s.endedAt) - Date.parse(s.startedAt))}` : ''}.`,
    ...(s.resultBranch ? [`Result branch: ${code(s.resultBranch)}.`] : []),
    '',
    '## Migration',
    '',
    ...(data.firstShot ? [md(data.firstShot), ''] : []),
    ...migration(data),
    '## Goals',
    '',
    ...goalList(data.goals, null),
    '',
    '## Cost and tokens',
    '',
    '| model | calls | tokens in | tokens out | cost |',
    '|---|--:|--:|--:|--:|',
    ...data.byModel.map((m) => `| ${cell(m.model)} | ${m.calls} | ${formatTokens(m.tokensIn)} | ${formatTokens(m.tokensOut)} | ${formatCost(m.cost)} |`),
    '',
    '| goal | attempts | tool calls | tokens | cost |',
    '|---|--:|--:|--:|--:|',
    ...data.goals.map((g) => `| ${cell(goalTitle(g))} | ${g.attempts.length} | ${g.attempts.reduce((n, a) => n + a.toolCallsTotal, 0)} | ${formatTokens(g.tokens)} | ${formatCost(g.cost)} |`),
    '',
    '## Timeline',
    '',
    '| at | what |',
    '|--:|---|',
    ...data.timeline.map((e) => `| ${formatDuration(e.at)} | ${cell(e.text)} |`),
    '',
    '## Diff of the result',
    '',
    ...diff(data),
  ];
  return `${out.join('\n')}\n`;
}

function migration(data: ReportData): string[] {
  const r = data.migration;
  if (!r) return ['No migration check ran in this session.', ''];
  const out = [
    `**${r.verdict === 'migrated' ? 'migrated' : 'not migrated'}**: ${r.sources.covered}/${r.sources.total} sources in targets, ${r.tests.passing}/${r.tests.total} tests passing${r.scope ? ` (scope ${md(r.scope)})` : ''}.`,
    '',
  ];
  if (r.findings.length > 0) {
    out.push('| finding | where | why |', '|---|---|---|', ...r.findings.map((f) => `| ${cell(f.kind)} | ${code(oneLine(f.subject, 400))} | ${cell(f.detail)} |`), '');
  }
  if (r.notRequired.length > 0) out.push(`<details><summary>not required, with why (${r.notRequired.length})</summary>`, '', ...r.notRequired.map((n) => `- ${code(n.path)}: ${md(n.why)}`), '', '</details>', '');
  if (r.failingBefore.length > 0) out.push(`Failing at the base commit too: ${r.failingBefore.map((f) => `${code(f.path)}`).join(', ')}.`, '');
  return out;
}

function goalList(goals: readonly ReportGoal[], parent: number | null, indent = ''): string[] {
  return goals
    .filter((g) => g.parentId === parent)
    .flatMap((g) => [
      `${indent}- ${GOAL_STATUS[g.status].glyph} **${md(goalTitle(g))}**: ${GOAL_STATUS[g.status].word}${g.model ? `, ${md(g.model)}` : ''}${g.failureReason ? `: ${md(oneLine(g.failureReason, 300))}` : ''}`,
      ...g.validation.map((v) => `${indent}  - validate ${code(v)}`),
      ...g.attempts.map((a) => `${indent}  - ${attemptLine(a)}`),
      ...goalList(goals, g.id, `${indent}  `),
    ]);
}

function attemptLine(a: ReportAttempt): string {
  const tools = a.toolCalls.map((c) => `${c.ok === false ? '✗' : ''}${c.tool}`).join(', ');
  const validation = a.validation.map((v) => `${v.ok ? '✓' : '✗'} ${code(v.command)}`).join(', ');
  return (
    `attempt ${a.number} by ${code(a.model)}: ${outcomeLabel(a.outcome).word}${a.reason ? ` (${md(oneLine(a.reason, 200))})` : ''}; ` +
    `${a.toolCallsTotal} tool calls${tools ? ` (${md(oneLine(tools, 300))})` : ''}, ${formatTokens(a.tokensIn + a.tokensOut)} tokens, ${formatCost(a.cost)}` +
    `${validation ? `; validation ${validation}` : ''}`
  );
}

function diff(data: ReportData): string[] {
  if (!data.diff) return [md(data.noDiff ?? 'no diff')];
  // A fence longer than any run of backticks in the diff, so nothing in it can close the block.
  const longest = Math.max(2, ...[...data.diff.text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return [`${fence}diff`, data.diff.text.split('\n').map(escapeControls).join('\n'), fence, ...(data.diff.cut ? ['', '*The diff is cut here; git shows all of it.*'] : [])];
}

/** Text from a repository or a model, made inert in Markdown (no HTML, links or emphasis). */
function md(text: string): string {
  return escapeControls(text).replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`);
}

function cell(text: string): string {
  return md(oneLine(text, 400));
}

/** A code span: its text shown as is, with nothing in it able to end the span or a table cell. */
function code(text: string): string {
  return `\`${escapeControls(text).replace(/`/g, "'").replace(/\|/g, '\\|')}\``;
}
