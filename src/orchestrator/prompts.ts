import type { AttemptOutcome, ValidationCommand, ValidationResult } from '../events.js';
import { reportLine } from '../migration/index.js';
import type { Inventory } from '../migration/report.js';
import { capObservation } from '../tools/cap.js';
import { MAX_SUB_GOALS, MIN_SUB_GOALS } from './decomposition.js';
import { repositoryMap } from './repo-map.js';
import { MIGRATION_CHECK, MODEL_VALIDATION_PROGRAMS, parseMigrationCheck } from './validation-command.js';

export interface GoalContext {
  description: string;
  /** Root first, the direct parent last. */
  ancestors: string[];
  validation: ValidationCommand[];
}

export interface AttemptHistory {
  model: string;
  outcome: AttemptOutcome;
  reason: string | null;
  diffstat: string | null;
  validation: ValidationResult[];
  /** Its commit was merged into the goal's branch although it failed (the first shot). */
  kept?: boolean;
  /** It was judged and committed nothing. */
  unchanged?: boolean;
}

export interface AttemptPromptInput {
  goal: GoalContext;
  maxTools: number;
  bazelVersion: string;
  network: 'bridge' | 'none';
  history: AttemptHistory[];
  /** Sub-goals that were completed and merged into this goal's branch before this attempt. */
  completedSubGoals: string[];
  /** The session's inventory when the migration check is on; null when it is off. */
  inventory: Inventory | null;
  /** The stall ladder handed the goal to this model: the evidence that the other one's attempts made no progress. */
  handover?: string | null;
}

export interface ToolCallSummary {
  tool: string;
  input: string;
  ok: boolean;
}

export interface DecompositionPromptInput {
  goal: GoalContext;
  attempt: AttemptHistory & { toolCalls: ToolCallSummary[]; diff: string | null };
  /** The other model's attempt at the same goal at the same time (--race), when it failed too. */
  racing?: AttemptHistory & { toolCalls: ToolCallSummary[]; diff: string | null };
  depth: number;
  /** The stall ladder asked for this split: the evidence that attempts at the goal stopped making progress. */
  stall?: string | null;
}

const HISTORY_DIGEST_CHARS = 2_000;
const REJECTED_NOTE = '  REJECTED BY REVIEW: it passed validation, but the other model found it games the goal (reasons above); it was not merged. Do not repeat what the review objected to.';
const DIFF_CHARS = 6_000;

function goalBlock(goal: GoalContext): string {
  const lines = [`GOAL: ${goal.description}`];
  if (goal.ancestors.length > 0) {
    lines.push('', 'It is part of (outermost first):', ...goal.ancestors.map((a, i) => `${'  '.repeat(i)}- ${a}`));
  }
  lines.push('', 'VALIDATION (run on your committed changes in a fresh container; all must pass):');
  lines.push(...goal.validation.map((v) => `  $ ${v.command}${describeCheck(v.command)}`));
  return lines.join('\n');
}

function describeCheck(command: string): string {
  const check = parseMigrationCheck(command);
  if (check === null || 'error' in check) return '';
  const where = check.scope === null ? 'the whole repository' : `${check.scope}/`;
  return `   (bazel build //..., bazel test //..., then the migration check of ${where}: see THE BAR)`;
}

/** The migration check in plain words, as the model must reach it. */
function barBlock(goal: GoalContext): string[] {
  const scopes = goal.validation.flatMap((v) => {
    const check = parseMigrationCheck(v.command);
    return check === null || 'error' in check ? [] : [check.scope];
  });
  const where = scopes.length === 0 ? null : scopes.includes(null) ? 'the repository' : scopes.map((s) => `${s}/`).join(', ');
  const lines = ['THE BAR (the migration check judges the migration; migration_status runs it on your work at any time):'];
  if (where) {
    lines.push(
      `- Every source file of ${where} is compiled by a cc_*/py_*/sh_* rule reachable from //... (headers in hdrs; scripts may be data).`,
      `- Every existing test of ${where} is built from its own file by a test rule under //... that runs in bazel test //..., passes,`,
      '  and shows each of its cases run (no skips or filters it did not have).',
    );
  } else {
    lines.push('- This goal is judged by its validation commands above; the whole migration will be judged by the check later.');
  }
  lines.push(
    '- Existing tests and the files they read (helpers, inputs, expected outputs, the code they test) stay exactly as they',
    '  are: write BUILD files, do not edit them. The check judges what Bazel built and ran: new code in a test\'s path (a main,',
    '  a runner, a fake, a generated source, a repository your MODULE.bazel makes), copts/defines that rename symbols or',
    '  define NDEBUG, options it cannot read (@response files, -B, absolute non-system paths), -c opt for tests, custom',
    '  test rules, test env or args that filter, tagging manual or .bazelrc filters all fail it. New tests may be added but',
    '  never count instead of existing ones. Call migration_status before you stop: when it says MIGRATED, you are done.',
  );
  return lines;
}

export function validationDigest(results: ValidationResult[], maxChars = HISTORY_DIGEST_CHARS): string {
  if (results.length === 0) return '(validation did not run)';
  return results
    .map((r) => {
      const status = r.ok ? 'passed' : r.timedOut ? 'TIMED OUT' : r.exitCode === null ? 'FAILED' : `FAILED (exit ${r.exitCode})`;
      return r.ok ? `$ ${r.command}: ${status}` : `$ ${r.command}: ${status}\n${capObservation(r.digest, maxChars)}`;
    })
    .join('\n');
}

function historyBlock(history: AttemptHistory[]): string {
  if (history.length === 0) return '';
  const parts = history.map((h, i) => {
    const lines = [`Attempt ${i + 1} by ${h.model}: ${h.outcome}${h.reason ? ` (${h.reason})` : ''}`];
    if (h.kept) lines.push('  KEPT: its changes are on this branch; you start from them and need only do what is left.');
    if (h.outcome === 'audit_rejected') lines.push(REJECTED_NOTE);
    if (h.diffstat) lines.push(`  changed: ${h.diffstat.trim().split('\n').pop()}`);
    else if (h.unchanged) lines.push('  changed: nothing');
    if (h.validation.length > 0) lines.push(validationDigest(h.validation));
    return lines.join('\n');
  });
  return ['', 'EARLIER ATTEMPTS AT THIS GOAL (their changes were NOT kept unless marked KEPT or a sub-goal merged them):', ...parts].join('\n');
}

export function attemptSystemPrompt(input: AttemptPromptInput): string {
  const sections = [
    'You are a build engineer migrating a repository to Bazel. You act only through the tools you are given;',
    'they read and edit files in the repository and run Bazel inside a container where the repository is /workspace.',
    '',
    goalBlock(input.goal),
    '',
    'RULES:',
    `- Bazel in the container: ${input.bazelVersion}. Use bzlmod: a MODULE.bazel at the root with bazel_dep(...) lines;`,
    '  never create WORKSPACE or WORKSPACE.bazel files (workspace mode is disabled).',
    `- Network: ${input.network === 'none' ? 'none (no downloads: only modules already available to Bazel work)' : 'available for Bazel module downloads'}.`,
    `- You have at most ${input.maxTools} tool calls for this attempt. Use bazel_build / bazel_test to check your work before you stop.`,
    '- Paths are relative to the repository root. Keep changes focused on the goal; do not delete source files.',
    '- When the goal is done (or you cannot make progress), answer with a short summary and call no tool. Your changes are',
    '  committed automatically and then judged by the validation commands above.',
  ];
  if (input.inventory) sections.push('', ...barBlock(input.goal), '', repositoryMap(input.inventory));
  if (input.completedSubGoals.length > 0) {
    sections.push('', 'ALREADY DONE on this branch (sub-goals completed and merged):', ...input.completedSubGoals.map((s) => `- ${s}`));
  }
  const history = historyBlock(input.history);
  if (history) sections.push(history);
  if (input.handover) {
    sections.push(
      '',
      `HANDED OVER TO YOU: the other model's attempts at this goal stopped making progress (${input.handover}).`,
      'Take a different approach from the attempts above; repeating them will not pass.',
    );
  }
  return sections.join('\n');
}

export function attemptUserPrompt(goal: GoalContext): string {
  return `Work on the goal now: ${goal.description}`;
}

export function decompositionSystemPrompt(migrationCheck: boolean): string {
  const check = migrationCheck
    ? [
        `- "${MIGRATION_CHECK} PATH" (for example "${MIGRATION_CHECK} lib/") is a validation command too: it runs bazel build //... and`,
        '  bazel test //..., then passes only when every source file under PATH is in a target and every existing test under',
        `  PATH is a passing test target (none deleted or weakened). Use it to cut sub-goals by directory; "${MIGRATION_CHECK}"`,
        '  alone judges the whole repository.',
      ]
    : [];
  return [
    'You plan build migrations. An attempt at a goal failed; split the goal into smaller sub-goals that another engineer',
    'will work one after the other on the same branch, each building on the previous ones.',
    '',
    `Reply with JSON only: {"sub_goals": [{"description": "...", "validation": [{"command": "...", "expect": "success"}]}]}`,
    `- ${MIN_SUB_GOALS} to ${MAX_SUB_GOALS} sub-goals, in the order they must be done; each concrete and checkable on its own.`,
    '- If the goal has no smaller piece, reply {"sub_goals": [], "cannot_split_because": "..."} and the goal ends failed with that reason.',
    '- Each needs at least one validation command that passes only once that sub-goal is done. A validation command is one',
    `  program with plain arguments run at the repository root (no shell: no pipes, ;, &&, $, redirects); allowed programs: ${MODEL_VALIDATION_PROGRAMS.join(', ')}.`,
    '  Prefer precise Bazel checks such as "bazel build //lib:greet" or "bazel test //tests:all".',
    '- Together the sub-goals must make the parent goal\'s validation pass. None may have the parent\'s own validation: that',
    '  is the parent again, and the parent\'s validation runs by itself once the sub-goals are done.',
    ...check,
    '- Learn from the failed attempt below: split where it went wrong, and do not repeat what cannot work.',
  ].join('\n');
}

export function decompositionUserPrompt(input: DecompositionPromptInput): string {
  const racing = input.racing ? ['', ...failedAttemptBlock('THE ATTEMPT RACING IT (same goal, same time)', input.racing)] : [];
  return [goalBlock(input.goal), '', ...failedAttemptBlock('THE FAILED ATTEMPT', input.attempt), ...racing].join('\n');
}

function failedAttemptBlock(title: string, a: DecompositionPromptInput['attempt']): string[] {
  const calls = a.toolCalls.length === 0 ? '  (none)' : a.toolCalls.map((c) => `  ${c.ok ? 'ok ' : 'ERR'} ${c.tool} ${c.input}`).join('\n');
  return [
    `${title} by ${a.model}: ${a.outcome}${a.reason ? ` (${a.reason})` : ''}`,
    ...(a.outcome === 'audit_rejected' ? [`${REJECTED_NOTE} Plan sub-goals that do the work without it.`] : []),
    'Its tool calls:',
    calls,
    '',
    'Validation:',
    validationDigest(a.validation),
    '',
    'Its diff (not kept):',
    a.diff ? capObservation(a.diff, DIFF_CHARS) : '(no changes)',
  ];
}

export interface AuditPromptInput {
  goal: GoalContext;
  /** The model that made the attempt. */
  model: string;
  diff: string | null;
  diffstat: string | null;
  validation: ValidationResult[];
  /** What the person running the session accepts (--allow-test-edits, --not-built globs): not gaming. */
  accepted?: { testEdits: string[]; notBuilt: string[] };
}

/** The diff an auditor reads: enough for a large migration's BUILD files, its middle cut (the stat still names every file). */
export const AUDIT_DIFF_CHARS = 30_000;
const AUDIT_DIGEST_CHARS = 1_500;

export function auditSystemPrompt(): string {
  return [
    'You review a build migration before it is merged. Another engineer\'s attempt at the goal below has PASSED its',
    'validation commands; your job is to catch an attempt that passes by gaming them instead of doing the work.',
    '',
    'Reply with JSON only: {"approve": true|false, "reasons": ["...", ...]}',
    '- REJECT (approve: false) when the diff does any of these, and give one reason per problem naming the file and what it did:',
    '  - deletes, comments out or weakens a test assertion or test case, or edits an existing test, its inputs or expected',
    '    outputs, or the code under test so that it passes;',
    '  - removes tests or sources from the build or the check: deleted or renamed files, excluded globs, tags = ["manual"],',
    '    test filters, args or env that skip cases, .bazelrc or build settings that do so;',
    '  - makes validation vacuous: an always-passing or empty test, a test rule that runs nothing, a script that exits 0,',
    '    a validation or check input rewritten to agree;',
    '  - makes destructive changes unrelated to the goal (deleted or rewritten sources, documentation or history).',
    '- APPROVE (approve: true) otherwise: BUILD files, MODULE.bazel, new helper files and new tests are the work. Do not',
    '  reject for style, naming or a different but working layout. Reasons may be empty when approving.',
  ].join('\n');
}

export function auditUserPrompt(input: AuditPromptInput): string {
  const report = input.validation.find((r) => r.report)?.report;
  const digest = input.validation.map((r) => {
    const status = r.ok ? 'passed' : r.timedOut ? 'TIMED OUT' : `FAILED (exit ${r.exitCode ?? '?'})`;
    const body = r.digest.trim() ? `\n${capObservation(r.digest.trim(), AUDIT_DIGEST_CHARS)}` : '';
    return `$ ${r.command}: ${status}${body}`;
  });
  const diff = input.diff ?? '';
  const cut = diff.length > AUDIT_DIFF_CHARS ? ` (${diff.length.toLocaleString('en-US')} characters; its middle is cut below, the stat names every file)` : '';
  return [
    goalBlock(input.goal),
    '',
    ...acceptedLines(input.accepted),
    `THE ATTEMPT by ${input.model} passed validation.`,
    ...(report ? [`Migration report: ${reportLine(report)}`] : []),
    '',
    'Validation:',
    ...(digest.length > 0 ? digest : ['(no validation results)']),
    '',
    'Files changed:',
    input.diffstat?.trim() || '(none)',
    '',
    `Its diff against the goal's branch${cut}:`,
    diff ? capObservation(diff, AUDIT_DIFF_CHARS) : '(no changes)',
  ].join('\n');
}

function acceptedLines(accepted: AuditPromptInput['accepted']): string[] {
  const lines = [
    ...(accepted?.testEdits.length ? [`- edits to tests and the files they read matching: ${accepted.testEdits.join(', ')}`] : []),
    ...(accepted?.notBuilt.length ? [`- files left out of every target matching: ${accepted.notBuilt.join(', ')}`] : []),
  ];
  return lines.length > 0 ? ['The person running this migration ACCEPTS (do not reject for these):', ...lines, ''] : [];
}
