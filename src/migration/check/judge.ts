// The judgement: from what Bazel did with the candidate tree (build and test results from the
// build event files, the rules from bazel query, the repository's rc options, the test logs) and
// the test files as they are now, against the inventory of the base commit. Pure: everything it
// needs is gathered by run-check.ts, so every rule here can be tested on recorded facts.
import path from 'node:path';
import type { Action } from '../../bazel/aquery.js';
import type { BepSummary } from '../../bazel/bep.js';
import { formatErrorLine, parseErrorLines } from '../../bazel/error-lines.js';
import { exitCodeMeaning } from '../../bazel/exit-codes.js';
import { oneLine } from '../../text.js';
import { isLossyName, unlabelableReason } from '../../bazel/label-name.js';
import { testContents } from '../inventory/counters.js';
import { globMatcher } from '../inventory/glob.js';
import {
  migrationReportSchema,
  type Finding,
  type Inventory,
  type InventoryTest,
  type MigrationReport,
  type TestOutcome,
} from '../report.js';
import type { FileState } from './file-states.js';
import { coverage, isTestRule, labelToPath, otherRulesWith, rulesWith, testSources, trustedRule, type QueryRule } from './query-graph.js';
import type { RcOption } from './rc-options.js';
import { isStandardRunner } from './standard-runners.js';
import { caseCounts, ranNothing } from './test-logs.js';
import { judgeTestPath, programsCompiling, type PathFacts } from './test-path.js';
import { buildGraph, type BuildGraph } from './test-programs.js';

export interface BazelFacts {
  exitCode: number | null;
  timedOut: boolean;
  bep: BepSummary | null;
  /** Console stderr, for when there is no event file. */
  stderr: string;
  durationMs?: number;
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
  /** Options the repository's rc files give `bazel test` alone that change what is built. */
  testOnlyOptions: RcOption[];
  /** Test label → its test.log (null: could not be read). */
  logs: ReadonlyMap<string, string | null>;
  /** What Bazel built (bazel aquery //...), or null with why when it could not be read. */
  actions: Action[] | null;
  actionsError: string | null;
  /** Test label → exec paths of the files in its runfiles tree. */
  runfiles: ReadonlyMap<string, string[]>;
  /** Files of interest (tests, what they read, what is in their path) → what the candidate did to them. */
  files: ReadonlyMap<string, FileState>;
  /** Generated sources and headers in a test's path → why each is not a template filled in (null: it is). */
  generated: ReadonlyMap<string, string | null>;
  /** Inventoried sources missing from the candidate tree. */
  deletedSources: ReadonlySet<string>;
  /** Repositories the candidate's MODULE.bazel takes from itself, an archive or git rather than the registry. */
  localModules?: ReadonlySet<string>;
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

const COUNTED_FRAMEWORKS = new Set(['unittest', 'pytest', 'gtest', 'catch2']);
const COMPILED = new Set(['c', 'cpp']);

export function judge(facts: CheckFacts): MigrationReport {
  const { inventory, scope, query } = facts;
  const findings: Finding[] = [];
  const add = (kind: Finding['kind'], subject: string, detail: string) => findings.push({ kind, subject, detail });
  const allowed = globMatcher(inventory.allowTestEdits);
  const accepted = new Set<string>();

  const buildOk = facts.build.exitCode === 0 && !facts.build.timedOut;
  if (!buildOk) add('build_failed', '//...', runDetail('build', facts.build));
  // A failed build usually explains a failed query; only a query failing alone is news.
  if (query.error !== null && buildOk) add('build_failed', 'bazel query //...', query.error);
  if (facts.actionsError !== null && buildOk) add('build_failed', 'bazel aquery //...', `${facts.actionsError}: the check cannot see what was built`);
  const graph = facts.actions ? buildGraph(facts.actions) : null;

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
  // With no test to require, the verdict would say nothing about tests the original build does run.
  if (inventory.tests.length === 0 && inventory.unreadTests.length > 0) {
    add('tests_unread', '//...', `the original build runs tests the check cannot map to a file (${inventory.unreadTests.map((c) => oneLine(c, 100)).join('; ')}), so it has no test to require of a migration`);
  }
  for (const o of facts.rcOptions) {
    add('test_filter', o.file, `${o.command} ${o.option}: the repository's rc narrows what bazel ${o.command.startsWith('build') ? 'build' : 'test'} //... builds or runs`);
  }
  for (const o of facts.testOnlyOptions) {
    add('test_flags', o.file, `${o.command} ${o.option}: the repository's rc builds the tests differently from bazel build (put build settings under build)`);
  }

  // Coverage: roots are the rules //... builds (not tagged manual, not skipped as incompatible).
  const skipped = new Set((facts.build.bep?.targets ?? []).filter((t) => t.abortReason === 'SKIPPED').map((t) => t.label));
  const roots = [...query.rules.values()].filter((r) => !r.tags.includes('manual') && !skipped.has(r.label)).map((r) => r.label);
  const cover = coverage(query.rules, roots);
  const uncovered: string[] = [];
  const testPaths = new Set(tests.map((t) => t.path));
  for (const s of sources) {
    const scriptLike = s.language === 'python' || s.language === 'shell' || s.language === 'perl';
    // Compiled code counts when a compile action of the toolchain took it. Headers are never
    // compiled alone (and the action graph lists them only once compiled): a reachable rule of a
    // known kind declaring them is enough.
    const built = graph && COMPILED.has(s.language) && !s.header ? graph.compiledSources.has(s.path) : cover.built.has(s.path);
    if (built || (scriptLike && cover.carried.has(s.path))) continue;
    uncovered.push(s.path);
    // An inventoried test that is not built gets its own finding below, which says why.
    if (testPaths.has(s.path)) continue;
    const detail = unlabelableReason(s.path) ?? (facts.deletedSources.has(s.path) ? 'the file was deleted' : whyUncovered(s.path, cover.carried.has(s.path), query.rules));
    add('source_uncovered', s.path, detail);
  }

  // Edits to what the tests are and read: named once per file, however many tests reach it.
  const reported = new Set<string>();
  const edited = (file: string, why: string) => {
    // An inventoried test's own edit is its own finding (test_edited).
    if (reported.has(file) || testPaths.has(file)) return;
    reported.add(file);
    if (allowed(file)) {
      accepted.add(file);
      return;
    }
    const state = facts.files.get(file);
    const what = isLossyName(file) ? 'cannot be compared (its name is not valid UTF-8; rename it)' : (state?.state === 'deleted' ? 'deleted' : `changed${state?.diff ? ` (${state.diff})` : ''}`);
    add('test_input_edited', file, `${what}; ${why}, so the test no longer runs what it ran at the base commit`);
  };

  const statuses = testStatuses(facts.test.bep);
  const bySource = testSources(query.rules);
  const mapped = new Map<string, string[]>();
  const gone = (t: InventoryTest) => facts.files.get(t.path)?.state === 'deleted' || (facts.files.get(t.path)?.text ?? null) === null;
  for (const t of tests) mapped.set(t.path, gone(t) ? [] : mapTest(t, facts, graph, bySource, add));
  const testsOf = new Map<string, InventoryTest[]>();
  for (const t of tests) for (const l of mapped.get(t.path) ?? []) testsOf.set(l, [...(testsOf.get(l) ?? []), t]);

  const pathFacts: PathFacts | null = graph
    ? { graph, rules: query.rules, runfiles: facts.runfiles, files: facts.files, generated: facts.generated, buildDefines: new Set(inventory.buildDefines), allowed, localModules: facts.localModules ?? new Set<string>() }
    : null;
  const judgedPaths = new Set<string>();
  const failedBefore: FailedBefore = { known: new Map(inventory.failingBefore.map((f) => [f.path, f])), seen: [] };
  const outcomes: TestOutcome[] = [];
  let passing = 0;
  for (const t of tests) {
    const outcome = judgeTest(t, facts, mapped.get(t.path) ?? [], testsOf, statuses, add, allowed, accepted, failedBefore);
    outcomes.push(outcome.result);
    if (outcome.result.target !== null && pathFacts && !judgedPaths.has(outcome.result.target)) {
      judgedPaths.add(outcome.result.target);
      judgeTestPath(outcome.result.target, pathFacts, add, edited, (testsOf.get(outcome.result.target) ?? [t]).map((b) => b.runBy));
    }
    if (outcome.result.status === 'passed' && !outcome.weakened) passing++;
  }
  for (const file of inventory.testSupport) {
    if (!inScope(file, scope) && !tests.some((t) => path.posix.dirname(t.path) === path.posix.dirname(file))) continue;
    const state = facts.files.get(file)?.state;
    if (state === 'edited' || state === 'deleted') edited(file, 'the tests read or run it');
  }

  // Test targets no inventoried test is behind: listed, never counted; failing ones are findings.
  const mappedLabels = new Set([...mapped.values()].flat());
  const extraTests = [...query.rules.values()].filter((r) => isTestRule(r) && !mappedLabels.has(r.label)).map((r) => r.label).sort();
  for (const label of extraTests) {
    const status = statuses.get(label);
    if (status !== undefined && !PASSED.has(status)) add('test_failed', label, `bazel test reported ${status}`);
  }
  const failedPaths = new Set(findings.filter((f) => f.kind === 'test_code_added' || f.kind === 'test_flags' || f.kind === 'test_cases_missing').map((f) => f.subject));
  if (failedPaths.size > 0) passing = outcomes.filter((o) => o.status === 'passed' && o.target !== null && !failedPaths.has(o.target)).length;

  return migrationReportSchema.parse({
    version: 1,
    verdict: findings.length === 0 ? 'migrated' : 'not_migrated',
    scope,
    baseCommit: inventory.baseCommit,
    candidate: facts.candidate,
    build: { exitCode: facts.build.exitCode, ok: buildOk, durationMs: facts.build.durationMs },
    test: { exitCode: testCode, ok: testRunOk, durationMs: facts.test.durationMs },
    sources: { covered: sources.length - uncovered.length, total: sources.length, uncovered },
    tests: { passing, total: tests.length, outcomes },
    extraTests,
    editedTests: [...accepted].sort(),
    notRequired: inventory.notRequired.filter((n) => inScope(n.path, scope)),
    failingBefore: failedBefore.seen,
    findings,
    durationMs: facts.durationMs,
  });
}

/** Tests that failed at the base commit (from the inventory), and those found failing the same way now. */
interface FailedBefore {
  known: ReadonlyMap<string, { passedBefore: number; why: string }>;
  seen: { path: string; why: string }[];
}

function whyUncovered(file: string, carried: boolean, rules: ReadonlyMap<string, QueryRule>): string {
  const custom = rulesWith(rules, file).filter((r) => !trustedRule(r));
  if (custom.length > 0) return `only in ${custom.map((r) => `${r.label} (a ${r.kind} defined in ${r.definedIn})`).join(', ')}: no compile action of a known rule took it`;
  return carried ? 'only in data or a genrule: no rule compiles it' : 'in no target reachable from //...';
}

/** The test targets whose program is built from this test file (C/C++) or that run it as their entry point. */
function mapTest(t: InventoryTest, facts: CheckFacts, graph: BuildGraph | null, bySource: Map<string, string[]>, add: (kind: Finding['kind'], subject: string, detail: string) => void): string[] {
  const rules = facts.query.rules;
  const declared = bySource.get(t.path) ?? [];
  let labels: string[];
  let notEntry: string | null = null;
  if (graph && COMPILED.has(t.language)) {
    labels = programsCompiling(graph, t.path)
      .map((p) => p.label)
      .filter((l) => {
        const r = rules.get(l);
        return r !== undefined && isTestRule(r) && trustedRule(r);
      });
    // A declared target the graph has a program for, built without this file: what runs is something else.
    const analysed = declared.filter((l) => graph.tests.has(l));
    if (labels.length === 0 && analysed.length > 0) {
      add('test_not_built', analysed[0]!, `lists ${t.path}, but no compile action built it into the program the test runs`);
      return [];
    }
    // One the graph does not hold (tagged manual, failed analysis) is judged by whether it ran.
    if (labels.length === 0) labels = declared;
  } else {
    labels = declared.filter((l) => entryPoint(rules.get(l)!, t.path, facts));
    if (labels.length === 0 && declared.length > 0) notEntry = declared[0]!;
  }
  if (labels.length > 0) return labels;
  if (notEntry !== null) {
    add('test_not_built', notEntry, `has ${t.path} among its sources but runs ${describeEntry(rules.get(notEntry)!)} instead`);
    return [];
  }
  const elsewhere = otherRulesWith(rules, t.path);
  const custom = rulesWith(rules, t.path).filter((r) => !trustedRule(r));
  add(
    'test_unmapped',
    t.path,
    custom.length > 0
      ? `only in ${custom.map((r) => `${r.label}, a ${r.kind} defined in ${r.definedIn}`).join('; ')}: not a rule the check knows, and nothing built the test from it`
      : elsewhere.length > 0
        ? `in ${elsewhere.join(', ')}, which ${elsewhere.length === 1 ? 'is' : 'are'} not a test rule`
        : `no test rule under //... has it in srcs${t.runBy ? ` (the original build runs it: ${oneLine(t.runBy, 160)})` : ''}`,
  );
  return [];
}

/** Whether a script test rule starts with this file: its `main`, its only source, or a standard runner told to run it. */
function entryPoint(rule: QueryRule, file: string, facts: CheckFacts): boolean {
  const srcs = (rule.labels.get('srcs') ?? []).map(labelToPath);
  const main = (rule.labels.get('main') ?? []).map(labelToPath)[0] ?? null;
  if (rule.kind === 'py_test') {
    if (main === null) return srcs.includes(file) && (srcs.length === 1 || path.posix.basename(file) === `${rule.label.split(':')[1]}.py`);
    if (main === file) return true;
    const args = rule.strings.get('args') ?? [];
    const pkg = rule.label.slice(2, rule.label.indexOf(':'));
    return isStandardRunner(facts.files.get(main)?.text ?? null) && args.some((a) => a === file || locationArg(a, pkg) === file);
  }
  if (rule.kind === 'sh_test') return srcs[0] === file;
  return srcs.includes(file);
}

/** The file a `$(rootpath X)`-style argument of a rule in package `pkg` names, resolved as Bazel resolves the label; null for any other argument. */
function locationArg(arg: string, pkg: string): string | null {
  const m = /^\$\((?:rootpath|location|execpath|rlocationpath) ([^)\s]+)\)$/.exec(arg);
  if (!m) return null;
  const target = m[1]!;
  if (target.startsWith('//')) return labelToPath(target.includes(':') ? target : `${target}:${target.slice(target.lastIndexOf('/') + 1)}`);
  return path.posix.join(pkg, target.replace(/^:/, ''));
}

function describeEntry(rule: QueryRule): string {
  const main = (rule.labels.get('main') ?? []).map(labelToPath)[0];
  if (main) return main;
  const first = (rule.labels.get('srcs') ?? []).map(labelToPath)[0];
  return first ?? 'another file';
}

function judgeTest(
  t: InventoryTest,
  facts: CheckFacts,
  labels: string[],
  testsOf: Map<string, InventoryTest[]>,
  statuses: Map<string, string>,
  add: (kind: Finding['kind'], subject: string, detail: string) => void,
  allowed: (file: string) => boolean,
  accepted: Set<string>,
  failedBefore: FailedBefore,
): { result: TestOutcome; weakened: boolean } {
  const file = facts.files.get(t.path);
  const text = file?.text ?? null;
  const unnamable = unlabelableReason(t.path);
  if (unnamable !== null) {
    add('test_unmapped', t.path, unnamable);
    return { result: { path: t.path, target: null, status: 'unmapped' }, weakened: false };
  }
  if (file === undefined || file.state === 'deleted' || text === null) {
    add('test_deleted', t.path, `the test file is gone (it had ${counts(t)})`);
    return { result: { path: t.path, target: null, status: 'deleted' }, weakened: false };
  }
  const now = testContents(t.language, text);
  const fewer: string[] = [];
  if (t.cases !== null && (now.cases ?? 0) < t.cases) fewer.push(`${now.cases ?? 0} of ${t.cases} test cases`);
  if (t.assertions !== null && (now.assertions ?? 0) < t.assertions) fewer.push(`${now.assertions ?? 0} of ${t.assertions} assertions`);
  let weakened = false;
  if (file.state === 'edited' || (t.blob === undefined && fewer.length > 0)) {
    if (allowed(t.path)) accepted.add(t.path);
    else if (t.blob === undefined) {
      // An inventory from before blobs were recorded: only fewer cases or assertions can be seen.
      weakened = true;
      add('test_weakened', t.path, `${fewer.join(' and ')} left compared with the base commit`);
    } else {
      weakened = true;
      const left = fewer.length > 0 ? `; ${fewer.join(' and ')} left` : '';
      add('test_edited', t.path, `changed since the base commit${file.diff ? ` (${file.diff})` : ''}${left}; a migration keeps existing tests as they are (--allow-test-edits accepts an edit)`);
    }
  }
  if (labels.length === 0) return { result: { path: t.path, target: null, status: 'unmapped' }, weakened };

  // The best of the rules that have it: one that ran and passed wins.
  const ran = labels.filter((l) => statuses.has(l));
  const passed = ran.find((l) => PASSED.has(statuses.get(l)!));
  if (passed) {
    const log = facts.logs.get(passed) ?? null;
    const why = ranNothing(t.framework, log);
    if (why !== null) {
      add('test_ran_nothing', passed, `passed, but ${why}: ${t.path} did not run`);
      return { result: { path: t.path, target: passed, status: 'ran_nothing' }, weakened };
    }
    const missing = missingCases(t, passed, testsOf.get(passed) ?? [t], log);
    if (missing !== null) add('test_cases_missing', passed, missing);
    return { result: { path: t.path, target: passed, status: 'passed' }, weakened };
  }
  const failed = ran[0];
  if (failed) {
    const before = failedBefore.known.get(t.path);
    if (before) {
      // It failed at the base commit too: not required to pass, as long as no case that passed there fails now.
      const counts = caseCounts(t.framework, facts.logs.get(failed) ?? null);
      if (counts !== null && counts.passed >= before.passedBefore) {
        failedBefore.seen.push({ path: t.path, why: `${failed} failed as at the base commit (${before.why}); ${counts.passed} case${counts.passed === 1 ? '' : 's'} pass, as many as before` });
        return { result: { path: t.path, target: failed, status: 'failed' }, weakened };
      }
      const now = counts === null ? 'its log does not show how many cases passed' : `${counts.passed} of its cases pass where ${before.passedBefore} did`;
      add('test_failed', failed, `${t.path}: bazel test reported ${statuses.get(failed)}; it failed at the base commit too, but ${now}`);
      return { result: { path: t.path, target: failed, status: 'failed' }, weakened };
    }
    add('test_failed', failed, `${t.path}: bazel test reported ${statuses.get(failed)}`);
    return { result: { path: t.path, target: failed, status: 'failed' }, weakened };
  }
  const label = labels[0]!;
  add('test_not_run', label, `${t.path} did not run in bazel test //...: ${whyNotRun(label, facts)}`);
  return { result: { path: t.path, target: label, status: 'not_run' }, weakened };
}

/**
 * Whether the runner's summary shows every counted case of the tests behind `label` run and
 * passed: no fewer passed than counted (skips only as many as the tests' own skip markers), none
 * deselected. Null when it does, or when the runner prints no summary to hold it to.
 */
function missingCases(t: InventoryTest, label: string, behind: InventoryTest[], log: string | null): string | null {
  if (!COUNTED_FRAMEWORKS.has(t.framework) || behind.some((b) => b.cases === null) || behind[0]!.path !== t.path) return null;
  const counted = behind.reduce((n, b) => n + (b.cases ?? 0), 0);
  const skips = behind.reduce((n, b) => n + b.skips, 0);
  const c = caseCounts(t.framework, log);
  const names = behind.map((b) => b.path).join(', ');
  if (c === null) {
    // A compiled test's runner may be the project's own (a Catch-like header of its own) and print
    // no summary we know: its program was built from its unchanged file with checked settings, which
    // stands as the evidence. Python's runners always print one.
    if (t.language === 'c' || t.language === 'cpp') return null;
    return `its test.log holds no ${t.framework} summary, so the ${counted} counted case${counted === 1 ? '' : 's'} of ${names} cannot be seen to run`;
  }
  if (c.deselected > 0) return `${c.deselected} case${c.deselected === 1 ? ' was' : 's were'} deselected or filtered out of ${names}`;
  if (c.skipped > skips) return `${c.skipped} case${c.skipped === 1 ? '' : 's'} skipped where ${names} ${skips === 0 ? 'skips none' : `marks ${skips} to skip`}: a skipped case is not a passed one`;
  if (c.passed + c.skipped < counted) return `${c.passed} case${c.passed === 1 ? '' : 's'} passed where ${names} ${behind.length === 1 ? 'has' : 'have'} ${counted}`;
  return null;
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
