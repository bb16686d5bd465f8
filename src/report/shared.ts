// What the HTML and Markdown reports say alike.
import { formatCost, formatTokens } from '../present/format.js';
import { oneLine } from '../text.js';
import type { Bar } from './chart.js';
import type { ReportData, ReportGoal } from './collect.js';

export function goalTitle(g: ReportGoal): string {
  return `#${g.id} ${oneLine(g.description, 120)}`;
}

/** Per goal, cost when anything cost money, else tokens, else tool calls: the chart always says something. */
export function chartOf(data: ReportData): { title: string; bars: Bar[] } {
  const calls = (g: ReportGoal) => g.attempts.reduce((n, a) => n + a.toolCallsTotal, 0);
  const by = data.totals.cost > 0 ? 'cost' : data.totals.tokensIn + data.totals.tokensOut > 0 ? 'tokens' : 'tool calls';
  const bars = data.goals.map((g) => {
    const value = by === 'cost' ? g.cost : by === 'tokens' ? g.tokens : calls(g);
    return { label: oneLine(goalTitle(g), 38), value, text: by === 'cost' ? formatCost(value) : by === 'tokens' ? formatTokens(value) : String(value) };
  });
  return { title: `${by} per goal`, bars };
}

export function diffLineKind(line: string): 'file' | 'hunk' | 'add' | 'del' | null {
  if (line.startsWith('diff --git ')) return 'file';
  if (line.startsWith('@@')) return 'hunk';
  if (line.startsWith('+') && !line.startsWith('+++')) return 'add';
  if (line.startsWith('-') && !line.startsWith('---')) return 'del';
  return null;
}
