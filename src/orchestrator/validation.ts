import type { ValidationCommand, ValidationResult } from '../events.js';
import type { Goal } from '../store/index.js';
import type { SandboxSpec } from '../runtime/types.js';
import { capObservation } from '../tools/cap.js';
import { staleSign } from './stale-state.js';
import { sandboxSpec, type Orchestration } from './context.js';
import { runMigrationCheckCommand } from './validation-check.js';
import { MIGRATION_CHECK, parseMigrationCheck, passes, validationArgv, type CommandSource } from './validation-command.js';

export const DEFAULT_ROOT_VALIDATION: ValidationCommand[] = [
  { command: 'bazel build //...', expect: 'success' },
  { command: 'bazel test //...', expect: 'success' },
];

const DIGEST_CHARS = 4_000;

/**
 * The root goal's validation: the user's commands (default: bazel build and test), and the
 * migration check unless it is off. The check runs build and test itself, so by default it
 * stands for all three.
 */
export function rootValidation(userCommands: string[], migrationCheck: boolean): ValidationCommand[] {
  const check: ValidationCommand[] = migrationCheck ? [{ command: MIGRATION_CHECK, expect: 'success' }] : [];
  if (userCommands.length === 0) return migrationCheck ? check : DEFAULT_ROOT_VALIDATION;
  return [...userCommands.map((command) => ({ command, expect: 'success' as const })), ...check];
}

/** The user's own --validate commands run through a shell; everything else is split into argv. */
export function commandSource(o: Orchestration, goal: Goal): CommandSource {
  return goal.parentId === null && o.options.validate.length > 0 ? 'user' : 'model';
}

export interface ValidationLabel {
  attemptId: number | null;
  /** Names the detached worktree the tree is checked out in. */
  name: string;
  /**
   * A racing attempt's own stop: kills the running command, and validation then rejects with the
   * signal's reason (no verdict).
   */
  signal?: AbortSignal;
  /** The warm container to judge in (default: the session's one); racing attempts each have their own. */
  warmKey?: string;
}

export interface ValidationRun {
  ok: boolean;
  results: ValidationResult[];
}

/**
 * Judges a committed tree: a fresh detached worktree of `ref`, so nothing the attempt left
 * uncommitted (or ignored) can make it pass, in the session's warm validation container (exactly
 * that tree in /workspace, its own Bazel server and caches, never an attempt's) or, with
 * --cold-validation, a fresh container with fresh caches. A warm run that fails the way stale
 * server state fails is run again cold, and the cold verdict stands. Stops at the first failing
 * command.
 */
export async function validate(
  o: Orchestration,
  goal: Goal,
  ref: string,
  label: ValidationLabel,
): Promise<ValidationRun> {
  const commands = goal.validation;
  o.bus.emit({ type: 'validation_started', goalId: goal.id, attemptId: label.attemptId, commands: commands.map((c) => c.command) });
  const tree = await o.git.createDetachedWorktree(ref, label.name);
  let run: ValidationRun;
  try {
    const spec = (reuse?: string) => sandboxSpec(o, tree.path, label.attemptId ?? `goal-${goal.id}`, 'validation', reuse);
    const cold = () => ({ ...spec(), freshCaches: true });
    run = await judge(o, goal, tree, o.options.coldValidation ? cold() : spec(label.warmKey ?? WARM_VALIDATION), label.signal);
    const stale = !run.ok && !o.options.coldValidation ? staleSign(run.results) : null;
    if (stale) {
      o.bus.emit({ type: 'log', level: 'warn', message: `validation failed in the warm container the way stale Bazel state fails (${stale}): running it again in a fresh container` });
      run = await judge(o, goal, tree, cold(), label.signal);
    }
  } finally {
    await o.git.removeWorktree(tree.path);
  }
  o.bus.emit({ type: 'validation_finished', goalId: goal.id, attemptId: label.attemptId, ok: run.ok, results: run.results });
  return run;
}

/** The key of the session's long-lived validation container. */
export const WARM_VALIDATION = 'validation';

async function judge(o: Orchestration, goal: Goal, tree: { path: string; sha: string }, spec: SandboxSpec, own?: AbortSignal): Promise<ValidationRun> {
  const commands = goal.validation;
  const results: ValidationResult[] = [];
  let ran = 0;
  const signal = own ? AbortSignal.any([o.limits.signal, own]) : o.limits.signal;
  const sandbox = await o.runtime.start(spec);
  try {
    for (const { command } of commands) {
      if (own?.aborted) throw own.reason;
      const check = parseMigrationCheck(command);
      const run = check === null
        ? [await runOne(o, sandbox, command, commandSource(o, goal), signal)]
        : await runMigrationCheckCommand(o, { sandbox, treePath: tree.path, candidate: tree.sha, signal }, command, check);
      if (own?.aborted) throw own.reason;
      results.push(...run);
      ran += 1;
      if (run.some((r) => !r.ok)) break;
    }
  } finally {
    await sandbox.remove();
  }
  return { ok: ran === commands.length && results.every((r) => r.ok), results };
}

async function runOne(
  o: Orchestration,
  sandbox: Awaited<ReturnType<Orchestration['runtime']['start']>>,
  command: string,
  source: CommandSource,
  signal: AbortSignal,
): Promise<ValidationResult> {
  const argv = validationArgv(command, source);
  if ('error' in argv) {
    return { command, ok: false, exitCode: null, timedOut: false, durationMs: 0, digest: `not run: ${argv.error}` };
  }
  const run = await sandbox.exec(argv.argv, { timeoutMs: o.options.commandTimeoutSeconds * 1000, signal });
  // Validation spends nothing: only an interrupt or the session deadline stops it, not the cost cap.
  if (o.limits.stopped) throw o.limits.stopped;
  const output = [run.stderr.trim(), run.stdout.trim()].filter(Boolean).join('\n');
  const ok = !run.timedOut && passes(command, run.exitCode);
  const digest = run.timedOut
    ? `killed after --command-timeout ${o.options.commandTimeoutSeconds}s\n${capObservation(output, DIGEST_CHARS)}`
    : capObservation(output, DIGEST_CHARS);
  return { command, ok, exitCode: run.exitCode, timedOut: run.timedOut, durationMs: run.durationMs, digest };
}
