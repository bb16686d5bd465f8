// The built-in migrator as the decomposing model: a failed goal is split by directory, one sub-goal
// per directory the migration check still faults (judged by the check limited to it), then the
// parent's own validation. No judgement of what went wrong beyond where the check found it.
import path from 'node:path';
import { MIGRATION_CHECK, parseMigrationCheck, type MigrationReport } from '../migration/index.js';

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

/** At most five sub-goals, the last one being the parent's validation. */
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

export function splitByDirectory(input: SplitInput): { sub_goals: SubGoal[] } {
  const scope = checkScope(input.validation) ?? '';
  const files = input.reports.flatMap(faultedFiles);
  const dirs = directories(files, scope);
  const parent: SubGoal = {
    description: 'Finish the parent goal: its own validation passes on the merged work of the sub-goals before it',
    validation: input.validation.map((command) => ({ command, expect: 'success' as const })),
  };
  const byDir: SubGoal[] = dirs.map((dir) => {
    const count = files.filter((f) => f.startsWith(`${dir}/`)).length;
    return {
      description: `Migrate ${dir}/: every source under it in a target, every existing test under it passing as a test target (${count} faulted file${count === 1 ? '' : 's'})`,
      validation: [{ command: `${MIGRATION_CHECK} ${dir}`, expect: 'success' }],
    };
  });
  if (byDir.length > 0) return { sub_goals: [...byDir, parent] };
  const buildFails = input.reports.some((r) => !r.build.ok) || input.reports.length === 0;
  const first: SubGoal = buildFails
    ? { description: 'Make bazel build //... pass: a MODULE.bazel and BUILD files for the sources that build', validation: [{ command: 'bazel build //...', expect: 'success' }] }
    : { description: 'Make bazel test //... pass: every test target builds and passes', validation: [{ command: 'bazel test //...', expect: 'success' }] };
  return { sub_goals: [first, parent] };
}
