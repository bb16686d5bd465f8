// The migration report in words: one line for people (summaries, lists, the live screen) and a
// compact block for a model deciding whether it is done.
import path from 'node:path';
import { escapeControls as esc } from '../text.js';
import type { MigrationReport, TestOutcome } from './report.js';

function scopeNote(report: MigrationReport): string {
  return report.scope ? ` (${esc(report.scope)})` : '';
}

/** `migration: 14/14 sources, 3/3 tests passing` or `not migrated: 3/14 sources, 0/3 tests (5 findings)`. */
export function reportLine(report: MigrationReport): string {
  const before = report.failingBefore.length > 0 ? `, ${report.failingBefore.length} failing as at the base commit` : '';
  const counts = `${report.sources.covered}/${report.sources.total} sources, ${report.tests.passing}/${report.tests.total} tests`;
  if (report.verdict === 'migrated') return `migration${scopeNote(report)}: ${counts} passing${before}`;
  const n = report.findings.length;
  return `not migrated${scopeNote(report)}: ${counts} (${n} finding${n === 1 ? '' : 's'})`;
}

const STATUS_WORDS: Record<TestOutcome['status'], string> = {
  passed: 'passed',
  failed: 'failed',
  not_run: 'did not run',
  unmapped: 'in no test rule',
  deleted: 'deleted',
  ran_nothing: 'ran zero tests',
};

/** Uncovered files grouped by directory: `src/ (3): a.c, b.c, c.c`. */
function groupByDirectory(files: string[]): string[] {
  const groups = new Map<string, string[]>();
  for (const file of files) {
    const dir = path.posix.dirname(file);
    const key = dir === '.' ? './' : `${dir}/`;
    groups.set(key, [...(groups.get(key) ?? []), path.posix.basename(file)]);
  }
  return [...groups].map(([dir, names]) => `  ${esc(dir)} (${names.length}): ${names.map(esc).join(', ')}`);
}

function shorten(line: string, max: number): string {
  return line.length <= max ? line : `${line.slice(0, Math.max(0, max - 1))}…`;
}

/**
 * The report as a model should read it: the verdict and counts, the findings one line each,
 * the tests that are not passing, then the uncovered files by directory. At most `maxChars`:
 * long lines are cut, then whole lines from the end, with a note of what was left out.
 */
export function reportForModel(report: MigrationReport, maxChars: number): string {
  const head = [
    `Migration check${scopeNote(report)}: ${report.verdict === 'migrated' ? 'MIGRATED' : 'NOT MIGRATED'}. ` +
      `${report.sources.covered}/${report.sources.total} sources in targets, ` +
      `${report.tests.passing}/${report.tests.total} existing tests passing as test targets.`,
    `bazel build //... exit ${report.build.exitCode ?? 'none'}; bazel test //... exit ${report.test.exitCode ?? 'none'}.`,
  ];
  const body: string[] = [];
  if (report.findings.length > 0) {
    body.push(`Findings (${report.findings.length}):`);
    for (const f of report.findings) body.push(`  - ${f.kind} ${esc(f.subject)}: ${esc(f.detail)}`);
  }
  const notPassing = report.tests.outcomes.filter((t) => t.status !== 'passed');
  if (notPassing.length > 0) {
    body.push(`Tests not passing (${notPassing.length}):`);
    for (const t of notPassing) body.push(`  ${esc(t.path)}${t.target ? ` (${esc(t.target)})` : ''}: ${STATUS_WORDS[t.status]}`);
  }
  if (report.sources.uncovered.length > 0) {
    body.push(`Sources in no target (${report.sources.uncovered.length}):`, ...groupByDirectory(report.sources.uncovered));
  }
  if (report.extraTests.length > 0) {
    body.push(`Test targets with no existing test behind them (not counted): ${report.extraTests.map(esc).join(', ')}`);
  }
  if (report.editedTests.length > 0) body.push(`Edits accepted by --allow-test-edits: ${report.editedTests.map(esc).join(', ')}`);
  if (report.failingBefore.length > 0) {
    body.push(`Failing as at the base commit, not required to pass (${report.failingBefore.length}):`);
    for (const f of report.failingBefore) body.push(`  ${esc(f.path)}: ${esc(f.why)}`);
  }
  if (report.notRequired.length > 0) {
    body.push(`Not required (${report.notRequired.length}):`);
    const byWhy = new Map<string, string[]>();
    for (const n of report.notRequired) byWhy.set(n.why, [...(byWhy.get(n.why) ?? []), n.path]);
    for (const [why, paths] of byWhy) body.push(`  ${esc(why)}: ${paths.map(esc).join(', ')}`);
  }

  const cap = Math.max(200, Math.floor(maxChars));
  const lineMax = Math.max(80, Math.floor(cap / 4));
  const lines = [...head, ...body].map((l) => shorten(l, lineMax));
  let text = lines.join('\n');
  if (text.length <= cap) return text;
  // Drop lines from the end until the rest and the note fit.
  for (let keep = lines.length - 1; keep >= 1; keep--) {
    const note = `… ${lines.length - keep} more line${lines.length - keep === 1 ? '' : 's'} not shown`;
    text = [...lines.slice(0, keep), note].join('\n');
    if (text.length <= cap) return text;
  }
  return shorten(lines[0] ?? '', cap);
}
