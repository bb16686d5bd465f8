// Turns one Bazel run (exit code, build event summary, files read back from the container) into
// the short text the model sees: what the exit code means, each root cause with its ERROR line
// and the head of the failing action's stderr, the targets that failed because of it, and failed
// tests with the head and tail of their test.log. Falls back to the console's ERROR lines when
// there is no event file (bad flags, crash before the build started).
import { capObservation } from '../cap.js';
import type { BepSummary, TargetOutcome, TestOutcome } from '../../bazel/bep.js';
import {
  formatErrorLine,
  linesAfter,
  parseErrorLines,
  relativizeWorkspace,
  stderrHead,
  type ErrorLine,
} from '../../bazel/error-lines.js';
import { exitCodeMeaning, type BazelCommand } from '../../bazel/exit-codes.js';

export interface BazelRunFacts {
  command: BazelCommand;
  /** The model's (normalised) flags and the target patterns, as shown in the first line. */
  flags: string[];
  targets: string[];
  exitCode: number | null;
  timedOut: boolean;
  durationMs: number;
  consoleStdout: string;
  consoleStderr: string;
  bep: BepSummary | null;
  /** Container path → content, for failed actions' stderr files and failed tests' logs. */
  files: ReadonlyMap<string, string>;
}

export const DIGEST_LIMITS = {
  stderrLines: 8,
  stderrChars: 800,
  rootCauses: 10,
  listedLabels: 12,
  failedTestLogs: 5,
  testLogChars: 1200,
  fallbackLines: 20,
};

const FAILED_TEST = new Set(['FAILED', 'TIMEOUT', 'INCOMPLETE', 'REMOTE_FAILURE', 'FAILED_TO_BUILD', 'TOOL_HALTED_BEFORE_TESTING', 'NO_STATUS']);

function listLabels(labels: string[]): string {
  const shown = labels.slice(0, DIGEST_LIMITS.listedLabels).join(', ');
  return labels.length > DIGEST_LIMITS.listedLabels ? `${shown} and ${labels.length - DIGEST_LIMITS.listedLabels} more` : shown;
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)}s` : `${Math.round(ms / 1000)}s`;
}

function verdict(f: BazelRunFacts): string {
  const cmd = ['bazel', f.command, ...f.flags, ...f.targets].join(' ');
  if (f.timedOut) return `${cmd} → timed out after ${seconds(f.durationMs)} and was killed`;
  return `${cmd} → exit ${f.exitCode ?? 'none'}: ${exitCodeMeaning(f.command, f.exitCode)}`;
}

/** Root causes: failed actions with their ERROR line and stderr head, then the other ERROR lines. */
function rootCauseSection(f: BazelRunFacts, bep: BepSummary): string[] {
  const errors = parseErrorLines(bep.stderr);
  const used = new Set<ErrorLine>();
  const out: string[] = [];
  const actions = bep.failedActions.slice(0, DIGEST_LIMITS.rootCauses);
  for (const action of actions) {
    const line = errors.find((e) => !used.has(e) && e.fromTarget !== null && e.fromTarget === action.label);
    if (line) used.add(line);
    out.push(
      line
        ? formatErrorLine(line)
        : `ERROR: ${action.label ?? '?'}: ${action.type ?? 'action'} failed (exit ${action.exitCode ?? '?'})`,
    );
    const stderr =
      (action.stderrPath !== null ? f.files.get(action.stderrPath) : undefined) ??
      (line ? linesAfter(bep.stderr, line.lineIndex) : '');
    for (const s of stderrHead(stderr, DIGEST_LIMITS.stderrLines, DIGEST_LIMITS.stderrChars)) out.push(`  ${s}`);
  }
  if (bep.failedActions.length > actions.length) {
    out.push(`… ${bep.failedActions.length - actions.length} more failed actions`);
  }
  const rest = errors.filter((e) => !used.has(e));
  for (const e of rest.slice(0, DIGEST_LIMITS.rootCauses)) out.push(formatErrorLine(e));
  if (rest.length > DIGEST_LIMITS.rootCauses) out.push(`… ${rest.length - DIGEST_LIMITS.rootCauses} more ERROR lines`);
  for (const p of bep.patternProblems) {
    const text = `${p.pattern}: ${p.description ?? p.reason ?? 'failed'}`;
    if (!rest.some((e) => e.message.includes(p.description ?? '\0'))) out.push(`ERROR: ${relativizeWorkspace(text)}`);
  }
  return out;
}

/**
 * "//b, //c: not built (root cause //a)", grouped by cause. Targets the ERROR lines above already
 * name (as "[//a]" or "referenced by '//a'") are not repeated.
 */
function failedTargetSection(bep: BepSummary, shown: string): string[] {
  const named = (label: string) => shown.includes(`[${label}]`) || shown.includes(`'${label}'`);
  const groups = new Map<string, TargetOutcome[]>();
  for (const t of bep.targets) {
    if (t.success || named(t.label)) continue;
    const causes = t.rootCauses.filter((c) => c !== t.label);
    const what =
      t.abortReason === 'ANALYSIS_FAILURE'
        ? 'analysis failed'
        : t.abortReason === 'SKIPPED' || t.abortReason === 'NO_BUILD'
          ? 'skipped'
          : causes.length > 0
            ? 'not built'
            : 'failed';
    const key = causes.length > 0 ? `${what} (root cause ${causes.join(', ')})` : what;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  // Sorted: BEP reports targets in completion order, which varies from run to run.
  return [...groups].map(([key, ts]) => `${listLabels(ts.map((t) => t.label).sort())}: ${key}`);
}

interface TestVerdict {
  label: string;
  status: string;
  durationMs: number;
  logs: string[];
}

/** One verdict per test target from its attempts, shards and runs (a pass after a failure is FLAKY). */
function testVerdicts(tests: TestOutcome[]): TestVerdict[] {
  const byLabel = new Map<string, TestOutcome[]>();
  for (const t of tests) byLabel.set(t.label, [...(byLabel.get(t.label) ?? []), t]);
  return [...byLabel].map(([label, results]) => {
    const finals = new Map<string, TestOutcome>();
    for (const r of results) {
      const key = `${r.run}/${r.shard}`;
      const prev = finals.get(key);
      if (prev === undefined || r.attempt >= prev.attempt) finals.set(key, r);
    }
    const bad = [...finals.values()].find((r) => FAILED_TEST.has(r.status));
    const retried = results.some((r) => FAILED_TEST.has(r.status));
    const status = bad?.status ?? (retried ? 'FLAKY' : (results[0]?.status ?? 'NO_STATUS'));
    const failing = results.filter((r) => FAILED_TEST.has(r.status) && r.logPath !== null);
    return {
      label,
      status,
      durationMs: results.reduce((sum, r) => sum + (r.durationMs ?? 0), 0),
      logs: [...new Set(failing.map((r) => r.logPath as string))],
    };
  });
}

/** A test.log without Bazel's three header lines. */
function testLogBody(log: string): string {
  const lines = log.split('\n');
  let start = 0;
  if (lines[0]?.startsWith('exec ${PAGER')) start++;
  if (lines[start]?.startsWith('Executing tests from ')) start++;
  if (/^-{20,}$/.test(lines[start] ?? '')) start++;
  return lines.slice(start).join('\n').trim();
}

function testSection(f: BazelRunFacts, bep: BepSummary): string[] {
  const verdicts = testVerdicts(bep.tests);
  if (verdicts.length === 0) return [];
  const out: string[] = [];
  const counts = new Map<string, string[]>();
  for (const v of verdicts) counts.set(v.status, [...(counts.get(v.status) ?? []), v.label]);
  out.push(`Tests: ${[...counts].map(([status, labels]) => `${labels.length} ${status.toLowerCase()}`).join(', ')}`);
  const passed = counts.get('PASSED') ?? [];
  if (passed.length > 0) out.push(`PASSED: ${listLabels(passed)}`);
  const flaky = counts.get('FLAKY') ?? [];
  if (flaky.length > 0) out.push(`FLAKY (failed, then passed on retry): ${listLabels(flaky)}`);
  const failed = verdicts.filter((v) => FAILED_TEST.has(v.status));
  for (const v of failed.slice(0, DIGEST_LIMITS.failedTestLogs)) {
    const log = v.logs.map((p) => f.files.get(p)).find((l) => l !== undefined);
    out.push(`${v.status} ${v.label} (${seconds(v.durationMs)})${log === undefined ? '' : ', test.log:'}`);
    if (log !== undefined) {
      const body = capObservation(relativizeWorkspace(testLogBody(log)), DIGEST_LIMITS.testLogChars);
      for (const l of body.split('\n')) out.push(`  ${l}`);
    }
  }
  if (failed.length > DIGEST_LIMITS.failedTestLogs) {
    out.push(`Also failed: ${listLabels(failed.slice(DIGEST_LIMITS.failedTestLogs).map((v) => v.label))}`);
  }
  return out;
}

/** When there is no usable event file: the console's ERROR lines, else its last lines. */
function fallbackSection(f: BazelRunFacts): string[] {
  const errors = parseErrorLines(f.consoleStderr);
  if (errors.length > 0) return errors.slice(0, DIGEST_LIMITS.rootCauses * 2).map(formatErrorLine);
  const tail = relativizeWorkspace(f.consoleStderr).trimEnd().split('\n').filter((l) => l.trim() !== '');
  return tail.slice(-DIGEST_LIMITS.fallbackLines);
}

export function digestBazelRun(f: BazelRunFacts): string {
  const lines = [verdict(f)];
  const bep = f.bep !== null && f.bep.events > 0 ? f.bep : null;
  const ok = f.exitCode === 0 && !f.timedOut;
  if (bep === null || (bep.exitCode === null && bep.targets.length === 0 && bep.tests.length === 0)) {
    if (!ok) lines.push(...fallbackSection(f));
    return lines.join('\n');
  }
  if (ok && f.command === 'build') {
    const built = bep.targets.filter((t) => t.success).length;
    lines[0] += ` (${built} target${built === 1 ? '' : 's'} built)`;
  }
  if (!ok) {
    const causes = rootCauseSection(f, bep);
    lines.push(...causes, ...failedTargetSection(bep, causes.join('\n')));
  }
  lines.push(...testSection(f, bep));
  return lines.join('\n');
}
