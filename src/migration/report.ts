// The shapes of the migration check: the inventory of the base commit (what must be migrated)
// and the report judging a candidate tree against it. Both are stored as JSON in the session DB
// and read back by show, --list, the TUI, the prompts and later tools (an auditor, a remote
// runner), so they are zod schemas: whatever reads them validates what it reads.
import { z } from 'zod';

export const LANGUAGES = ['c', 'cpp', 'python', 'shell', 'perl', 'java', 'go', 'rust', 'proto'] as const;
export const languageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof languageSchema>;

/** One tracked source file that a migration must put in a target. */
export const inventorySourceSchema = z.object({
  path: z.string(),
  language: languageSchema,
  /** C/C++ headers go in `hdrs`; everything else in `srcs` (or `data` for scripts). */
  header: z.boolean().default(false),
});
export type InventorySource = z.infer<typeof inventorySourceSchema>;

/** One test of the repository: it must become a test target that runs and passes. */
export const inventoryTestSchema = z.object({
  /** The test's main file (the source a test rule must have in `srcs`). */
  path: z.string(),
  language: languageSchema,
  /** How it was found: by naming convention, or named by the repository's own build. */
  foundBy: z.enum(['convention', 'build']),
  /** unittest, pytest, doctest, c-main, shell, ...: how its cases are counted and run. */
  framework: z.string(),
  /** Test functions/cases where the language makes that cheap; null when not counted. */
  cases: z.number().int().nonnegative().nullable(),
  /** Assertions (assert, ASSERT_*, CHECK, self.assert*, ...); null when not counted. */
  assertions: z.number().int().nonnegative().nullable(),
  /** How the original build runs it (e.g. "make check: ./tests/run_tests"), when it says. */
  runBy: z.string().nullable().default(null),
  /** Its git blob id at the base commit, so a candidate's edits can be told apart. */
  blob: z.string().optional(),
  /** Skip decorators and calls in its text: how many of its cases may report as skipped. */
  skips: z.number().int().nonnegative().default(0),
});
export type InventoryTest = z.infer<typeof inventoryTestSchema>;

export const notRequiredSchema = z.object({ path: z.string(), why: z.string() });
export type NotRequired = z.infer<typeof notRequiredSchema>;

export const inventorySchema = z.object({
  version: z.literal(1),
  /** The un-migrated commit everything is judged against. */
  baseCommit: z.string(),
  /** Every tracked source file of a known language, tests included. */
  sources: z.array(inventorySourceSchema),
  tests: z.array(inventoryTestSchema),
  /** Existing build files (Makefile, CMakeLists.txt, pyproject.toml, BUILD.bazel, ...). */
  buildFiles: z.array(z.string()),
  /** Tracked files that need no target: docs, data, unknown languages, --not-built matches. */
  notBuilt: z.array(z.string()),
  /** The user's --not-built globs, recorded with the inventory they shaped. */
  notBuiltGlobs: z.array(z.string()).default([]),
  /** Git blob id of every tracked file (symlinks aside): what a candidate added or changed is told from these. */
  blobs: z.record(z.string(), z.string()).default({}),
  /** Tracked files the tests read or lean on (helpers, inputs, expected outputs): a migration keeps them as they are. */
  testSupport: z.array(z.string()).default([]),
  /** Macros the original build defines for the compiler: a migration may define them too. */
  buildDefines: z.array(z.string()).default([]),
  /** The user's --allow-test-edits globs: edits to tests or their inputs that a person accepted. */
  allowTestEdits: z.array(z.string()).default([]),
  /** Files of a known language the migration need not build, each with why (also in notBuilt). */
  notRequired: z.array(notRequiredSchema).default([]),
  /** Headers the original build writes from its own configuration (Meson's configure_file), with the text it writes. */
  configured: z.array(z.object({ path: z.string(), content: z.string() })).default([]),
  /** Tests that already failed when the repository's own tests ran on the base commit, with why. */
  failingBefore: z.array(z.object({ path: z.string(), passedBefore: z.number().int().nonnegative(), why: z.string() })).default([]),
  /** Test commands of the original build that run something the inventory cannot map to a file (`make check: prove -r t/`). */
  unreadTests: z.array(z.string()).default([]),
});
export type Inventory = z.infer<typeof inventorySchema>;

export const FINDING_KINDS = [
  'build_failed', // bazel build //... did not pass
  'test_run_failed', // bazel test //... failed for a reason other than failing tests
  'no_tests', // bazel test exited 4 while the inventory has tests
  'source_uncovered', // an inventoried source is in no target reachable from //...
  'test_unmapped', // no test rule under //... has the test in its srcs
  'test_not_run', // mapped, but the test did not run in this bazel test (manual, filtered, incompatible, skipped)
  'test_failed', // ran and failed (or timed out, or flaky)
  'test_ran_nothing', // ran and passed, but its log says zero tests ran
  'test_deleted', // an inventoried test file is gone
  'test_weakened', // fewer cases or assertions than at the base commit
  'test_filter', // a checked-in .bazelrc narrows what bazel test runs
  'test_edited', // an existing test file changed (and no --allow-test-edits glob accepts it)
  'test_input_edited', // a file a test reads or runs (helper, input, expected output, code under test) changed or went
  'test_code_added', // code the base commit does not have is in a test's path (a main, a runner, a fake, a generated source)
  'test_flags', // compile, link or run settings that redefine the test's symbols, compile out its assertions or replace what runs
  'test_not_built', // a test target whose program no compile action built from the test file
  'test_cases_missing', // the test's output does not show every counted case run and passed (fewer, skipped or deselected)
  'tests_unread', // the inventory found no test, but the original build's tests run something it cannot map to a file
] as const;
export const findingKindSchema = z.enum(FINDING_KINDS);
export type FindingKind = z.infer<typeof findingKindSchema>;

export const findingSchema = z.object({
  kind: findingKindSchema,
  /** The file or target it is about. */
  subject: z.string(),
  /** One line of why. */
  detail: z.string(),
});
export type Finding = z.infer<typeof findingSchema>;

export const testOutcomeSchema = z.object({
  path: z.string(),
  /** The test rule that runs it, if one was found. */
  target: z.string().nullable(),
  status: z.enum(['passed', 'failed', 'not_run', 'unmapped', 'deleted', 'ran_nothing']),
});
export type TestOutcome = z.infer<typeof testOutcomeSchema>;

export const migrationReportSchema = z.object({
  version: z.literal(1),
  verdict: z.enum(['migrated', 'not_migrated']),
  /** A path prefix the check was limited to (a sub-goal's directory), or null for the whole tree. */
  scope: z.string().nullable(),
  baseCommit: z.string(),
  /** The tree judged (a commit sha when known). */
  candidate: z.string().nullable(),
  /** durationMs: how long the check's own `bazel build //...` (`bazel test //...`) took; reports stored before it was recorded lack it. */
  build: z.object({ exitCode: z.number().int().nullable(), ok: z.boolean(), durationMs: z.number().nonnegative().optional() }),
  test: z.object({ exitCode: z.number().int().nullable(), ok: z.boolean(), durationMs: z.number().nonnegative().optional() }),
  sources: z.object({ covered: z.number().int(), total: z.number().int(), uncovered: z.array(z.string()) }),
  tests: z.object({ passing: z.number().int(), total: z.number().int(), outcomes: z.array(testOutcomeSchema) }),
  /** Test targets with no inventoried test behind them: listed, never counted as preserved. */
  extraTests: z.array(z.string()),
  /** Edited tests and test inputs that --allow-test-edits accepted: allowed, always listed. */
  editedTests: z.array(z.string()),
  /** Files of a known language the inventory did not require, each with why. */
  notRequired: z.array(notRequiredSchema).default([]),
  /** Tests that failed here as they did at the base commit: not required to pass, always listed. */
  failingBefore: z.array(notRequiredSchema).default([]),
  findings: z.array(findingSchema),
  durationMs: z.number().nonnegative(),
});
export type MigrationReport = z.infer<typeof migrationReportSchema>;
