import type { ValidationResult } from '../events.js';
import type { MigrationReport } from '../migration/report.js';
import type { Sandbox } from '../runtime/types.js';
import { SandboxError } from '../runtime/errors.js';
import type { Orchestration } from './context.js';
/** What the model and people see of one check's report in a validation result. */
const DIGEST_CHARS = 4_000;

const BUILD_KINDS = new Set(['build_failed']);
const TEST_KINDS = new Set(['test_run_failed', 'no_tests', 'test_failed', 'test_filter']);

/**
 * Runs a `migration-check [PATH]` validation command: one check run (which runs bazel build //...
 * and bazel test //... itself) becomes three results, build, test and the check with its report,
 * so build and test are never run twice and the model sees each of them.
 */
export async function runMigrationCheckCommand(
  o: Orchestration,
  tree: { sandbox: Sandbox; treePath: string; candidate: string; signal: AbortSignal },
  command: string,
  parsed: { scope: string | null } | { error: string },
): Promise<ValidationResult[]> {
  const notRun = (why: string): ValidationResult[] => [{ command, ok: false, exitCode: null, timedOut: false, durationMs: 0, digest: `not run: ${why}` }];
  if ('error' in parsed) return notRun(parsed.error);
  if (!o.migration) return notRun('the migration check is off in this session (--no-migration-check)');
  let report: MigrationReport;
  try {
    report = await o.migration.run({
      sandbox: tree.sandbox,
      treePath: tree.treePath,
      scope: parsed.scope,
      candidate: tree.candidate,
      timeoutMs: o.options.commandTimeoutSeconds * 1000,
      signal: tree.signal,
    });
  } catch (err) {
    if (o.limits.stopped) throw o.limits.stopped;
    if (tree.signal.aborted) throw tree.signal.reason;
    // The container or its engine gone is no verdict on the tree: the attempt cannot be judged.
    if (err instanceof SandboxError) throw err;
    return notRun(`the migration check failed to run: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (o.limits.stopped) throw o.limits.stopped;
  const step = (name: string, part: MigrationReport['build'], kinds: Set<string>): ValidationResult => ({
    command: name,
    ok: part.ok,
    exitCode: part.exitCode,
    timedOut: false,
    durationMs: part.durationMs ?? 0,
    partOf: command,
    digest: report.findings.filter((f) => kinds.has(f.kind)).map((f) => `${f.subject}: ${f.detail}`).join('\n'),
  });
  const test = step('bazel test //...', report.test, TEST_KINDS);
  // Exit 3 with every failing test one that failed at the base commit too (and no other test finding): as before.
  if (!test.ok && report.test.exitCode === 3 && report.failingBefore.length > 0 && test.digest === '') {
    test.ok = true;
    test.digest = `exit 3: only tests that failed at the base commit too failed (${report.failingBefore.map((f) => f.path).join(', ')})`;
  }
  return [
    step('bazel build //...', report.build, BUILD_KINDS),
    test,
    {
      command,
      ok: report.verdict === 'migrated',
      exitCode: null,
      timedOut: false,
      durationMs: report.durationMs,
      digest: o.migration.forModel(report, DIGEST_CHARS),
      report,
    },
  ];
}
