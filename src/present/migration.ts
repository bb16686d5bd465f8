import { reportLine, type MigrationReport } from '../migration/index.js';
import { escapeControls } from '../text.js';

/** Findings shown to people under the report line; the rest are counted. */
const SHOWN_FINDINGS = 8;

/** The report at a glance for people: its line, then the findings that stand in the way. */
export function findingLines(report: MigrationReport | null, indent: string): string[] {
  if (!report) return [];
  const lines = [`${indent}${reportLine(report)}`];
  for (const f of report.findings.slice(0, SHOWN_FINDINGS)) lines.push(`${indent}  ${f.kind} ${escapeControls(f.subject)}: ${escapeControls(f.detail)}`);
  if (report.findings.length > SHOWN_FINDINGS) lines.push(`${indent}  … ${report.findings.length - SHOWN_FINDINGS} more (shots-on-goal show --json)`);
  return lines;
}
