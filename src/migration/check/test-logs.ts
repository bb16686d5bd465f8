// What a passing test's log says about how much it ran. Some runners pass having run nothing (a
// pytest-style file under a plain py_test runs no test at all, and says nothing), so Python
// tests need positive evidence that cases ran; any runner reporting zero tests ran nothing.

const RAN_ZERO = [/\bRan 0 tests?\b/, /NO TESTS RAN/, /\bcollected 0 items\b/, /\bno tests ran\b/i, /\[=+\] 0 tests? from /, /\b0 tests? (?:ran|run|executed)\b/i];
const RAN_SOME: Record<string, RegExp[]> = {
  unittest: [/\bRan [1-9]\d* tests?\b/, /\b[1-9]\d* passed\b/],
  pytest: [/\b[1-9]\d* passed\b/, /\bRan [1-9]\d* tests?\b/],
  doctest: [/\b[1-9]\d* passed\b/],
};

/** Why the log shows no test ran, or null when it shows (or need not show) that some did. */
export function ranNothing(framework: string, log: string | null): string | null {
  if (log === null) return RAN_SOME[framework] ? 'its test.log could not be read to confirm that any case ran' : null;
  const zero = RAN_ZERO.map((re) => re.exec(log)).find((m) => m !== null);
  if (zero) return `its test.log says "${zero[0]}"`;
  const evidence = RAN_SOME[framework];
  if (evidence && !evidence.some((re) => re.test(log))) {
    return `its test.log shows no ${framework} case running (no "Ran N tests" or "N passed")`;
  }
  return null;
}

export interface CaseCounts {
  passed: number;
  skipped: number;
  /** Cases a filter left out (pytest's deselected, gtest's filter note). */
  deselected: number;
}

const num = (re: RegExp, text: string): number | null => {
  const m = re.exec(text);
  return m ? Number(m[1]) : null;
};

/**
 * What a runner's own summary says ran, for the runners that print one: unittest ("Ran N tests",
 * "OK (skipped=K)"), pytest ("N passed, K skipped, D deselected"), GoogleTest ("[  PASSED  ] N
 * tests", "[  SKIPPED ] K tests") and Catch2. The last summary in the log counts (a runner that
 * runs twice reports twice). Null: no summary of these runners.
 */
export function caseCounts(framework: string, log: string | null): CaseCounts | null {
  if (log === null) return null;
  const last = (re: RegExp) => [...log.matchAll(re)].at(-1);
  if (framework === 'unittest' || framework === 'pytest' || framework === 'doctest') {
    const pytest = last(/^=+ (.*\b(?:passed|failed|skipped|deselected|error|errors|xfailed|xpassed|no tests ran)\b.*) in [\d.]+s.*=+\s*$/gm);
    if (pytest) {
      const line = pytest[1]!;
      return {
        passed: num(/(\d+) passed/, line) ?? 0,
        skipped: num(/(\d+) skipped/, line) ?? 0,
        deselected: num(/(\d+) deselected/, line) ?? 0,
      };
    }
    const ran = last(/^Ran (\d+) tests? in [\d.]+s\s*\n\s*\n(OK|FAILED)(?: \(([^)]*)\))?/gm);
    if (ran) {
      const details = ran[3] ?? '';
      const skipped = num(/skipped=(\d+)/, details) ?? 0;
      const expected = num(/expected failures=(\d+)/, details) ?? 0;
      const failed = (num(/(?<!expected )\bfailures=(\d+)/, details) ?? 0) + (num(/\berrors=(\d+)/, details) ?? 0);
      return { passed: Number(ran[1]) - skipped - expected - failed, skipped, deselected: 0 };
    }
    return null;
  }
  if (framework === 'gtest') {
    const passed = last(/^\[ {2}PASSED {2}\] (\d+) tests?\b/gm);
    if (!passed) return null;
    const skipped = last(/^\[ {2}SKIPPED \] (\d+) tests?\b/gm);
    return { passed: Number(passed[1]), skipped: skipped ? Number(skipped[1]) : 0, deselected: /^Note: Google Test filter = /m.test(log) ? 1 : 0 };
  }
  if (framework === 'catch2') {
    const all = last(/All tests passed \(\d+ assertions? in (\d+) test cases?\)/g);
    if (all) return { passed: Number(all[1]), skipped: 0, deselected: 0 };
    // Catch2's failure summary, and doctest's (whose TEST_CASE reads like Catch2's).
    const cases = last(/^(?:\[doctest\] )?test cases:\s+(\d+)\s*\|\s*(\d+) passed(?:\s*\|\s*\d+ failed)?(?:\s*\|\s*(\d+) skipped)?/gm);
    if (cases) return { passed: Number(cases[2]), skipped: Number(cases[3] ?? 0), deselected: 0 };
    return null;
  }
  return null;
}
