// The judgement: from what Bazel did with the candidate tree (build and test results from the
// build event files, the rules from bazel query, the repository's rc options, the test logs) and
// the test files as they are now, against the inventory of the base commit. Pure: everything it
// needs is gathered by run-check.ts, so every rule here can be tested on recorded facts.
import type { BepSummary } from '../../bazel/bep.js';
import { formatErrorLine, parseErrorLines } from '../../bazel/error-lines.js';
import { exitCodeMeaning } from '../../bazel/exit-codes.js';
import { testContents } from '../inventory/counters.js';
import {
  migrationReportSchema,
  type Finding,
  type Inventory,
  type InventoryTest,
  type MigrationReport,
  type TestOutcome,
} from '../report.js';
import { coverage, isTestRule, otherRulesWith, testSources, type QueryRule } from './query-graph.js';
import type { RcOption } from './rc-options.js';
import { ranNothing } from './test-logs.js';

export interface BazelFacts {
  exitCode: number | null;
  timedOut: boolean;
  bep: BepSummary | null;
  /** Console stderr, for when there is no event file. */
  stderr: string;
}

export interface CheckFacts {
  inventory: Inventory;
  scope: string | null;
  candidate: string | null;
  build: BazelFacts;
  test: BazelFacts;
  query: { exitCode: number | null; rules: Map<string, QueryRule>; error: string | null };
  /** Options from the repository's own rc files that narrow what runs. */
  rcOptions: RcOption[];
  /** Test label → its test.log (null: could not be read). */
  logs: ReadonlyMap<string, string | null>;
  /** Inventoried test path → its text in the candidate tree (null: deleted). */
  testFiles: ReadonlyMap<string, string | null>;
  /** Inventoried test path → whether it differs from the base commit. */
  edited: ReadonlySet<string>;
  /** Inventoried sources missing from the candidate tree. */
  deletedSources: ReadonlySet<string>;
  durationMs: number;
}

const PASSED = new Set(['PASSED']);

/** `lib` and `lib/` both mean everything under lib/ (and a file named exactly so). */
export function inScope(file: string, scope: string | null): boolean {
  if (scope === null || scope === '' || scope === '.' || scope === '/') return true;
  const prefix = scope.replace(/^\.?\/+/, '').replace(/\/+$/, '');
  return file === prefix || file.startsWith(`${prefix}/`);
}

function firstError(facts: BazelFacts): string {
  const text = facts.bep?.stderr || facts.stderr;
  const error = parseErrorLines(text)[0];
  return error ? formatErrorLine(error).replace(/\s+/g, ' ') : '';
}

function runDetail(command: 'build' | 'test', facts: BazelFacts): string {
  if (facts.timedOut) return `bazel ${command} //... timed out and was killed`;
  const error = firstError(facts);
  return `bazel ${command} //... exited ${facts.exitCode ?? 'without a code'} (${exitCodeMeaning(command, facts.exitCode)})${error ? `: ${error}` : ''}`;
}

/** The per-target results of `bazel test`: the last attempt of every run must have passed. */
function testStatuses(bep: BepSummary | null): Map<string, string> {
  const byLabel = new Map<string, string[]>();
  for (const t of bep?.tests ?? []) {
    const key = `${t.label}#${t.run}#${t.shard}`;
    byLabel.set(key, [...(byLabel.get(key) ?? []), t.status]);
  }
  const statuses = new Map<string, string>();
  for (const [key, list] of byLabel) {
    const label = key.split('#')[0]!;
    const last = list[list.length - 1]!;
    // A flaky pass (failed, then passed on a retry) is not a pass.
    const status = list.length > 1 && PASSED.has(last) ? 'FLAKY' : last;
    const before = statuses.get(label);
    if (before === undefined || PASSED.has(before)) statuses.set(label, status);
  }
  return statuses;
}

function describeRcOptions(options: RcOption[]): string {
  return options.map((o) => `${o.command} ${o.option} (${o.file})`).join(', ');
}

export function judge(facts: CheckFacts): MigrationReport {
  const { inventory, scope, query } = facts;
  const findings: Finding[] = [];
  const add = (kind: Finding['kind'], subject: string, detail: string) => findings.push({ kind, subject, detail });

  const buildOk = facts.build.exitCode === 0 && !facts.build.timedOut;
  if (!buildOk) add('build_failed', '//...', runDetail('build', facts.build));
  // A failed build usually explains a failed query; only a query failing alone is news.
  if (query.error !== null && buildOk) add('build_failed', 'bazel query //...', query.error);

  const sources = inventory.sources.filter((s) => inScope(s.path, scope));
  const tests = inventory.tests.filter((t) => inScope(t.path, scope));
  const testCode = facts.test.exitCode;
  const testRunOk = !facts.test.timedOut && (testCode === 0 || (testCode === 4 && tests.length === 0));
  if (testCode === 4 && tests.length > 0) {
    add('no_tests', '//...', `bazel test //... found no test targets to run, but the repository has ${tests.length} test${tests.length === 1 ? '' : 's'}`);
  } else if (!facts.test.timedOut && testCode !== 0 && testCode !== 3 && testCode !== 4 && buildOk) {
    add('test_run_failed', '//...', runDetail('test', facts.test));
  } else if (facts.test.timedOut) {
    add('test_run_failed', '//...', runDetail('test', facts.test));
  }
  for (const o of facts.rcOptions) {
    add('test_filter', o.file, `${o.command} ${o.option}: the repository's rc narrows what bazel ${o.command.startsWith('build') ? 'build' : 'test'} //... builds or runs`);
  }

  // Coverage: roots are the rules //... builds (not tagged manual, not skipped as incompatible).
  const skipped = new Set((facts.build.bep?.targets ?? []).filter((t) => t.abortReason === 'SKIPPED').map((t) => t.label));
  const roots = [...query.rules.values()].filter((r) => !r.tags.includes('manual') && !skipped.has(r.label)).map((r) => r.label);
  const cover = coverage(query.rules, roots);
  const uncovered: string[] = [];
  const testPaths = new Set(tests.map((t) => t.path));
  for (const s of sources) {
    const scriptLike = s.language === 'python' || s.language === 'shell';
    if (cover.built.has(s.path) || (scriptLike && cover.carried.has(s.path))) continue;
    uncovered.push(s.path);
    // An inventoried test that is not built gets its own finding below, which says why.
    if (testPaths.has(s.path)) continue;
    add(
      'source_uncovered',
      s.path,
      facts.deletedSources.has(s.path)
        ? 'the file was deleted'
        : cover.carried.has(s.path)
          ? 'only in data or a genrule: no rule compiles it'
          : 'in no target reachable from //...',
    );
  }

  const statuses = testStatuses(facts.test.bep);
  const bySource = testSources(query.rules);
  const mappedLabels = new Set<string>();
  const outcomes: TestOutcome[] = [];
  let passing = 0;
  for (const t of tests) {
    const outcome = judgeTest(t, facts, bySource, statuses, add);
    for (const l of bySource.get(t.path) ?? []) mappedLabels.add(l);
    outcomes.push(outcome.result);
    if (outcome.result.status === 'passed' && !outcome.weakened) passing++;
  }

  // Test targets no inventoried test is behind: listed, never counted; failing ones are findings.
  const extraTests = [...query.rules.values()].filter((r) => isTestRule(r) && !mappedLabels.has(r.label)).map((r) => r.label).sort();
  for (const label of extraTests) {
    const status = statuses.get(label);
    if (status !== undefined && !PASSED.has(status)) add('test_failed', label, `bazel test reported ${status}`);
  }
  const editedTests = tests
    .filter((t) => facts.edited.has(t.path) && facts.testFiles.get(t.path) != null)
    .filter((t) => !findings.some((f) => f.kind === 'test_weakened' && f.subject === t.path))
    .map((t) => t.path);

  return migrationReportSchema.parse({
    version: 1,
    verdict: findings.length === 0 ? 'migrated' : 'not_migrated',
    scope,
    baseCommit: inventory.baseCommit,
    candidate: facts.candidate,
    build: { exitCode: facts.build.exitCode, ok: buildOk },
    test: { exitCode: testCode, ok: testRunOk },
    sources: { covered: sources.length - uncovered.length, total: sources.length, uncovered },
    tests: { passing, total: tests.length, outcomes },
    extraTests,
    editedTests,
    findings,
    durationMs: facts.durationMs,
  });
}

function judgeTest(
  t: InventoryTest,
  facts: CheckFacts,
  bySource: Map<string, string[]>,
  statuses: Map<string, string>,
  add: (kind: Finding['kind'], subject: string, detail: string) => void,
): { result: TestOutcome; weakened: boolean } {
  const text = facts.testFiles.get(t.path);
  if (text === null || text === undefined) {
    add('test_deleted', t.path, `the test file is gone (it had ${counts(t)})`);
    return { result: { path: t.path, target: null, status: 'deleted' }, weakened: false };
  }
  const now = testContents(t.language, text);
  const fewer: string[] = [];
  if (t.cases !== null && (now.cases ?? 0) < t.cases) fewer.push(`${now.cases ?? 0} of ${t.cases} test cases`);
  if (t.assertions !== null && (now.assertions ?? 0) < t.assertions) fewer.push(`${now.assertions ?? 0} of ${t.assertions} assertions`);
  const weakened = fewer.length > 0;
  if (weakened) add('test_weakened', t.path, `${fewer.join(' and ')} left compared with the base commit`);

  const labels = bySource.get(t.path) ?? [];
  if (labels.length === 0) {
    const elsewhere = otherRulesWith(facts.query.rules, t.path);
    add(
      'test_unmapped',
      t.path,
      elsewhere.length > 0
        ? `in ${elsewhere.join(', ')}, which ${elsewhere.length === 1 ? 'is' : 'are'} not a test rule`
        : `no test rule under //... has it in srcs${t.runBy ? ` (the original build runs it: ${t.runBy})` : ''}`,
    );
    return { result: { path: t.path, target: null, status: 'unmapped' }, weakened };
  }
  // The best of the rules that have it: one that ran and passed wins.
  const ran = labels.filter((l) => statuses.has(l));
  const passed = ran.find((l) => PASSED.has(statuses.get(l)!));
  if (passed) {
    const why = ranNothing(t.framework, facts.logs.get(passed) ?? null);
    if (why !== null) {
      add('test_ran_nothing', passed, `passed, but ${why}: ${t.path} did not run`);
      return { result: { path: t.path, target: passed, status: 'ran_nothing' }, weakened };
    }
    return { result: { path: t.path, target: passed, status: 'passed' }, weakened };
  }
  const failed = ran[0];
  if (failed) {
    add('test_failed', failed, `${t.path}: bazel test reported ${statuses.get(failed)}`);
    return { result: { path: t.path, target: failed, status: 'failed' }, weakened };
  }
  const label = labels[0]!;
  add('test_not_run', label, `${t.path} did not run in bazel test //...: ${whyNotRun(label, facts)}`);
  return { result: { path: t.path, target: label, status: 'not_run' }, weakened };
}

function whyNotRun(label: string, facts: CheckFacts): string {
  const rule = facts.query.rules.get(label);
  if (rule?.tags.includes('manual')) return 'it is tagged manual, so //... leaves it out';
  const filters = facts.rcOptions.filter((o) => /test_|build_tag|build_tests_only|deleted_packages/.test(o.option));
  if (filters.length > 0) return `filtered out by ${describeRcOptions(filters)}`;
  const target = facts.test.bep?.targets.find((t) => t.label === label);
  if (target?.abortReason === 'SKIPPED') return 'skipped as incompatible with the platform';
  if (target && !target.success) return `it did not build${target.message ? `: ${target.message}` : ''}`;
  if (facts.test.exitCode !== 0 && facts.test.exitCode !== 3) return `bazel test //... exited ${facts.test.exitCode ?? 'without a code'} before running it`;
  return 'bazel test reported no result for it (skipped or filtered)';
}

function counts(t: InventoryTest): string {
  const parts = [t.cases !== null ? `${t.cases} cases` : null, t.assertions !== null ? `${t.assertions} assertions` : null].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'no counted cases';
}
