// The repository's own tests, run once on the base commit in a container (never on the host), so
// that a test that already failed there is not required to pass after the migration. Only what
// can be told apart honestly relaxes anything: pytest's per-case summary for the Python tests
// (the image has pytest; make-, CMake- and Meson-run tests stay required whatever happens). A case
// that FAILED counts; a file that could not be collected or imported (ERROR) does not, and when no
// case passed anywhere the run says more about the image than the tests, so nothing is relaxed.
import type { Sandbox } from '../runtime/types.js';
import type { Inventory } from './report.js';

export interface FailingBefore {
  path: string;
  /** Cases of the file that passed at the base commit: the migrated test must pass as many. */
  passedBefore: number;
  why: string;
}

export interface OriginalRun {
  /** The command run, for the record. */
  command: string;
  failingBefore: FailingBefore[];
  /** One line for people: what ran and what it found. */
  summary: string;
}

const SUMMARY = /^(PASSED|FAILED|ERROR|XPASS|XFAIL|SKIPPED)\s+(\S+?)(?:::(\S+))?(?:\s+-\s+(.*))?$/;

/** The Python tests' files that had failing cases at the base commit, from pytest's `-rA` summary. */
export function failingFromPytest(output: string, testPaths: readonly string[]): FailingBefore[] {
  const byFile = new Map<string, { passed: number; failed: string[]; error: boolean }>();
  let passedAnywhere = false;
  for (const line of output.split('\n')) {
    const m = SUMMARY.exec(line.trim());
    if (!m) continue;
    const [, status, file, , reason] = m as unknown as [string, string, string, string | undefined, string | undefined];
    const entry = byFile.get(file) ?? { passed: 0, failed: [], error: false };
    if (status === 'PASSED') {
      entry.passed++;
      passedAnywhere = true;
    } else if (status === 'FAILED') entry.failed.push(reason ?? 'failed');
    else if (status === 'ERROR') entry.error = true;
    byFile.set(file, entry);
  }
  if (!passedAnywhere) return [];
  const out: FailingBefore[] = [];
  for (const path of testPaths) {
    const entry = byFile.get(path);
    if (!entry || entry.error || entry.failed.length === 0) continue;
    const cases = entry.failed.length + entry.passed;
    out.push({ path, passedBefore: entry.passed, why: `${entry.failed.length} of ${cases} case${cases === 1 ? '' : 's'} failed at the base commit under pytest: ${entry.failed[0]!.slice(0, 160)}` });
  }
  return out;
}

/** Runs the inventory's Python tests with pytest in `sandbox`, whose /workspace holds the base commit. */
export async function runOriginalTests(sandbox: Sandbox, inventory: Inventory, opts: { timeoutMs: number; signal?: AbortSignal }): Promise<OriginalRun | null> {
  const python = inventory.tests.filter((t) => t.language === 'python').map((t) => t.path);
  if (python.length === 0) return null;
  const argv = ['python3', '-m', 'pytest', '-p', 'no:cacheprovider', '-rA', '--tb=line', '-q', '--', ...python];
  // A src layout's packages import from src/ as an installed package would.
  const pythonPath = inventory.sources.some((s) => s.path.startsWith('src/') && s.language === 'python') ? '/workspace/src:/workspace' : '/workspace';
  const result = await sandbox.exec(argv, { timeoutMs: opts.timeoutMs, signal: opts.signal, env: { PYTHONDONTWRITEBYTECODE: '1', PYTHONPATH: pythonPath, COLUMNS: '240' } });
  const failingBefore = failingFromPytest(result.stdout, python);
  const last = result.stdout.trim().split('\n').at(-1) ?? '';
  const summary =
    failingBefore.length > 0
      ? `original tests on the base commit (pytest): ${failingBefore.length} failing before, not required to pass: ${failingBefore.map((f) => f.path).join(', ')}`
      : `original tests on the base commit (pytest): ${/\d+ (passed|failed|error)/.test(last) ? last.replace(/=/g, '').trim() : `exit ${result.exitCode}`}; every test stays required`;
  return { command: argv.join(' '), failingBefore, summary };
}
