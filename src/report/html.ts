// The report as one self-contained HTML file: inline CSS and SVG, no script, and a Content Security
// Policy that lets the browser load nothing, so opening it makes no request.
import { GOAL_STATUS, outcomeLabel, SESSION_STATUS } from '../present/labels.js';
import { formatCost, formatDuration, formatTokens } from '../present/format.js';
import { oneLine } from '../text.js';
import { barChart } from './chart.js';
import { chartOf, diffLineKind, goalTitle } from './shared.js';
import type { ReportAttempt, ReportData, ReportGoal } from './collect.js';

/** A failed validation's digest keeps its lines, up to this much. */
const DIGEST_CHARS = 3000;

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const CSS = `
body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1100px;color:#1d232a;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d8dee4;padding-bottom:4px}
.meta{color:#57606a}.meta b{color:#1d232a}code,pre{font:12.5px/1.4 ui-monospace,monospace}
pre{background:#f6f8fa;padding:8px 10px;overflow-x:auto;border-radius:4px;margin:4px 0}
table{border-collapse:collapse;margin:6px 0}td,th{border:1px solid #d8dee4;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f6f8fa}.num{text-align:right}
.good{color:#1a7f37}.bad{color:#cf222e}.warn{color:#9a6700}.active,.split{color:#0969da}.muted,.info{color:#57606a}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-weight:600;border:1px solid currentColor}
ul.tree{list-style:none;padding-left:0}ul.tree ul{list-style:none;padding-left:22px;border-left:1px dotted #d8dee4}
.goal{margin:6px 0}details{margin:4px 0 4px 18px}summary{cursor:pointer}
.diff .add{color:#116329;background:#dafbe1}.diff .del{color:#82071e;background:#ffebe9}.diff .hunk{color:#0550ae}.diff .file{font-weight:700}
.chart-title{font:600 13px system-ui,sans-serif}.chart-label,.chart-value{font:12px system-ui,sans-serif;fill:#1d232a}.chart-bar{fill:#0969da}
`;

export function renderHtml(data: ReportData): string {
  const s = data.session;
  const status = SESSION_STATUS[s.status];
  const chart = chartOf(data);
  const parts = [
    `<h1>${esc(s.goal)}</h1>`,
    `<p><span class="badge ${status.tone}">${esc(status.word)}</span>${s.statusReason ? ` <span class="meta">${esc(s.statusReason)}</span>` : ''}</p>`,
    `<p class="meta">session <b>${esc(s.id)}</b> · repository <b>${esc(s.repoPath)}</b> at ${esc(s.baseCommit.slice(0, 12))} · models A <b>${esc(s.modelA)}</b>, B <b>${esc(s.modelB)}</b><br>` +
      `${data.totals.goals.completed}/${data.totals.goals.total} goals completed · ${data.totals.attempts} attempts · ${data.totals.actions} tool calls · ` +
      `${formatTokens(data.totals.tokensIn)} tokens in / ${formatTokens(data.totals.tokensOut)} out · <b>${esc(formatCost(data.totals.cost))}</b>` +
      `${s.endedAt ? ` · ${esc(formatDuration(Date.parse(s.endedAt) - Date.parse(s.startedAt)))}` : ''}` +
      `${s.resultBranch ? `<br>result branch <code>${esc(s.resultBranch)}</code>` : ''}</p>`,
    migrationSection(data),
    `<h2>Goals</h2><ul class="tree">${goalTree(data.goals, null)}</ul>`,
    `<h2>Cost and tokens</h2>`,
    barChart(chart.title, chart.bars, esc),
    costTables(data),
    `<h2>Timeline</h2>`,
    `<table><tr><th>at</th><th>what</th></tr>${data.timeline.map((t) => `<tr><td class="num">${esc(formatDuration(t.at))}</td><td class="${t.tone}">${esc(t.text)}</td></tr>`).join('')}</table>`,
    `<h2>Diff of the result</h2>`,
    diffSection(data),
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`shots-on-goal ${s.id}: ${oneLine(s.goal, 80)}`)}</title>
<style>${CSS}</style></head>
<body>
${parts.join('\n')}
<p class="meta">Made by shots-on-goal from the session's record.</p>
</body></html>
`;
}

function migrationSection(data: ReportData): string {
  const out = ['<h2>Migration</h2>'];
  if (data.firstShot) out.push(`<p>${esc(data.firstShot)}</p>`);
  const r = data.migration;
  if (!r) {
    out.push('<p class="muted">No migration check ran in this session.</p>');
    return out.join('');
  }
  const tone = r.verdict === 'migrated' ? 'good' : 'bad';
  out.push(
    `<p><span class="badge ${tone}">${r.verdict === 'migrated' ? 'migrated' : 'not migrated'}</span> ` +
      `${r.sources.covered}/${r.sources.total} sources in targets · ${r.tests.passing}/${r.tests.total} tests passing${r.scope ? ` · scope ${esc(r.scope)}` : ''}</p>`,
  );
  if (r.findings.length > 0) {
    out.push(`<table><tr><th>finding</th><th>where</th><th>why</th></tr>${r.findings.map((f) => `<tr><td class="bad">${esc(f.kind)}</td><td><code>${esc(f.subject)}</code></td><td>${esc(f.detail)}</td></tr>`).join('')}</table>`);
  }
  const listed = (title: string, items: { path: string; why: string }[]) =>
    items.length === 0 ? '' : `<details><summary>${esc(title)} (${items.length})</summary><table>${items.map((i) => `<tr><td><code>${esc(i.path)}</code></td><td>${esc(i.why)}</td></tr>`).join('')}</table></details>`;
  out.push(listed('not required, with why', r.notRequired), listed('failing at the base commit too', r.failingBefore));
  if (r.extraTests.length > 0) out.push(`<p class="muted">extra test targets (not counted): ${r.extraTests.map((t) => `<code>${esc(t)}</code>`).join(', ')}</p>`);
  return out.join('');
}

function goalTree(goals: readonly ReportGoal[], parent: number | null): string {
  return goals
    .filter((g) => g.parentId === parent)
    .map((g) => {
      const st = GOAL_STATUS[g.status];
      const children = goalTree(goals, g.id);
      return (
        `<li class="goal"><span class="${st.tone}">${esc(st.glyph)} ${esc(st.word)}</span> <b>${esc(goalTitle(g))}</b>` +
        `${g.model ? ` <span class="meta">· ${esc(g.model)}</span>` : ''} <span class="meta">· ${g.attempts.length} attempt${g.attempts.length === 1 ? '' : 's'}</span>` +
        `${g.failureReason ? `<div class="bad">${esc(g.failureReason)}</div>` : ''}` +
        `${g.validation.length > 0 ? `<div class="meta">validate: ${g.validation.map((v) => `<code>${esc(v)}</code>`).join(' ; ')}</div>` : ''}` +
        g.attempts.map(attemptDetails).join('') +
        (children ? `<ul>${children}</ul>` : '') +
        '</li>'
      );
    })
    .join('');
}

function attemptDetails(a: ReportAttempt): string {
  const word = outcomeLabel(a.outcome);
  const calls = a.toolCalls
    .map((c) => `<tr><td class="${c.ok === false ? 'bad' : c.ok ? 'good' : 'muted'}">${c.ok === false ? '✗' : c.ok ? '✓' : '…'}</td><td>${esc(c.tool)}</td><td><code>${esc(oneLine(c.input, 140))}</code></td></tr>`)
    .join('');
  const more = a.toolCallsTotal > a.toolCalls.length ? `<p class="muted">… ${a.toolCallsTotal - a.toolCalls.length} more tool calls (shots-on-goal show)</p>` : '';
  const validation = a.validation
    .map((v) => `<div><span class="${v.ok ? 'good' : 'bad'}">${v.ok ? '✓' : '✗'}</span> <code>${esc(v.command)}</code>${v.ok || !v.digest.trim() ? '' : `<pre>${esc(v.digest.length > DIGEST_CHARS ? `${v.digest.slice(0, DIGEST_CHARS - 1)}…` : v.digest)}</pre>`}</div>`)
    .join('');
  return (
    `<details><summary>attempt ${a.number} · ${esc(a.model)} · <span class="${word.tone}">${esc(word.word)}</span>` +
    ` · ${a.toolCallsTotal} tool calls · ${formatTokens(a.tokensIn + a.tokensOut)} tokens · ${esc(formatCost(a.cost))}${a.durationMs !== null ? ` · ${esc(formatDuration(a.durationMs))}` : ''}</summary>` +
    `${a.reason ? `<div class="bad">${esc(a.reason)}</div>` : ''}` +
    `${calls ? `<table>${calls}</table>${more}` : ''}${validation ? `<div>${validation}</div>` : ''}</details>`
  );
}

function costTables(data: ReportData): string {
  const models = data.byModel
    .map((m) => `<tr><td>${esc(m.model)}</td><td class="num">${m.calls}</td><td class="num">${formatTokens(m.tokensIn)}</td><td class="num">${formatTokens(m.tokensOut)}</td><td class="num">${esc(formatCost(m.cost))}</td></tr>`)
    .join('');
  const goals = data.goals
    .map((g) => `<tr><td>${esc(goalTitle(g))}</td><td class="num">${g.attempts.length}</td><td class="num">${g.attempts.reduce((n, a) => n + a.toolCallsTotal, 0)}</td><td class="num">${formatTokens(g.tokens)}</td><td class="num">${esc(formatCost(g.cost))}</td></tr>`)
    .join('');
  return (
    `<table><tr><th>model</th><th>calls</th><th>tokens in</th><th>tokens out</th><th>cost</th></tr>${models || '<tr><td colspan="5" class="muted">no model calls</td></tr>'}</table>` +
    `<table><tr><th>goal</th><th>attempts</th><th>tool calls</th><th>tokens</th><th>cost</th></tr>${goals}</table>`
  );
}

function diffSection(data: ReportData): string {
  if (!data.diff) return `<p class="muted">${esc(data.noDiff ?? 'no diff')}</p>`;
  const lines = data.diff.text.split('\n').map((line) => {
    const kind = diffLineKind(line);
    return kind ? `<span class="${kind}">${esc(line)}</span>` : esc(line);
  });
  return `<pre class="diff">${lines.join('\n')}</pre>${data.diff.cut ? '<p class="warn">The diff is cut here; git shows all of it.</p>' : ''}`;
}

/** Everything in the report comes from the repository or a model: all of it is escaped. */
function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

