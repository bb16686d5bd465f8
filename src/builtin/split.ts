// The built-in migrator as the decomposing model: a failed goal is split into smaller checks (the
// build alone while it fails, one migration check per directory the check still faults), never
// into its own validation again. No judgement of what went wrong beyond where the check found it.
import path from 'node:path';
import { MIGRATION_CHECK, parseMigrationCheck, type MigrationReport } from '../migration/index.js';
import { MAX_SUB_GOALS, repeatsParent, type Decomposition } from '../orchestrator/decomposition.js';

export interface SplitInput {
  /** The failed goal's validation commands. */
  validation: string[];
  /** The migration reports of its failed attempt's validation (none when the check is off). */
  reports: MigrationReport[];
}

export interface SubGoal {
  description: string;
  validation: { command: string; expect: 'success' }[];
}

/** Directories cut per split (the build comes first when it fails). */
const MAX_DIRECTORIES = 4;

function faultedFiles(report: MigrationReport): string[] {
  return [
    ...report.sources.uncovered,
    ...report.tests.outcomes.filter((t) => t.status !== 'passed').map((t) => t.path),
  ];
}

function dirOf(file: string): string {
  const dir = path.posix.dirname(file);
  return dir === '.' ? '' : dir;
}

/** The directory a goal's `migration-check PATH` is limited to; null for the whole repository or no check. */
export function checkScope(validation: string[]): string | null {
  for (const command of validation) {
    const check = parseMigrationCheck(command);
    if (check !== null && !('error' in check)) return check.scope;
  }
  return null;
}

/** Directories under `scope` holding faulted files, coarsened to one level below it when too many. */
function directories(files: string[], scope: string): string[] {
  const inScope = files.map(dirOf).filter((d) => d !== scope && (scope === '' || d.startsWith(`${scope}/`)));
  let dirs = [...new Set(inScope)].sort();
  if (dirs.length > MAX_DIRECTORIES) {
    const depth = scope === '' ? 1 : scope.split('/').length + 1;
    dirs = [...new Set(dirs.map((d) => d.split('/').slice(0, depth).join('/')))].sort();
  }
  return dirs.slice(0, MAX_DIRECTORIES);
}

/** The Bazel pattern for everything under `scope` ('' for the whole repository). */
function under(scope: string): string {
  return scope === '' ? '//...' : `//${scope}/...`;
}

/**
 * Smaller pieces than the failed goal, never the goal again: the build alone while it fails, then
 * one migration check per faulted directory below the goal's scope, or the tests alone. When no
 * piece is smaller than the goal's own validation, says so instead of splitting.
 */
export function splitByDirectory(input: SplitInput): Decomposition {
  const scope = checkScope(input.validation) ?? '';
  const parent = input.validation.map((command) => ({ command }));
  const files = input.reports.flatMap(faultedFiles);
  const buildFails = input.reports.some((r) => !r.build.ok) || input.reports.length === 0;
  const testsFail = input.reports.some((r) => !r.test.ok);
  const candidates: SubGoal[] = [];
  if (buildFails) {
    candidates.push({
      description: `Make bazel build ${under(scope)} pass: a MODULE.bazel and BUILD files for the sources that build`,
      validation: [{ command: `bazel build ${under(scope)}`, expect: 'success' }],
    });
  }
  for (const dir of directories(files, scope)) {
    const count = files.filter((f) => f.startsWith(`${dir}/`)).length;
    candidates.push({
      description: `Migrate ${dir}/: every source under it in a target, every existing test under it passing as a test target (${count} faulted file${count === 1 ? '' : 's'})`,
      validation: [{ command: `${MIGRATION_CHECK} ${dir}`, expect: 'success' }],
    });
  }
  if (candidates.length === 0 && testsFail) {
    candidates.push({
      description: `Make bazel test ${under(scope)} pass: every test target builds and passes`,
      validation: [{ command: `bazel test ${under(scope)}`, expect: 'success' }],
    });
  }
  const subGoals = candidates.filter((c) => !repeatsParent(c.validation, parent)).slice(0, MAX_SUB_GOALS);
  if (subGoals.length > 0) return { sub_goals: subGoals };
  return {
    sub_goals: [],
    cannot_split_because: `its validation (${input.validation.join('; ')}) is already the smallest check the built-in migrator can cut, and the failures name no directory below it`,
  };
}
