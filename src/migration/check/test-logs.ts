// What a passing test's log says about how much it ran. Some runners pass having run nothing (a
// pytest-style file under a plain py_test runs no test at all, and says nothing), so Python
// tests need positive evidence that cases ran; any runner reporting zero tests ran nothing.

const RAN_ZERO = [/\bRan 0 tests?\b/, /NO TESTS RAN/, /\bcollected 0 items\b/, /\bno tests ran\b/i, /\[=+\] 0 tests? from /, /\b0 tests? (?:ran|run|executed)\b/i];
const RAN_SOME: Record<string, RegExp[]> = {
  unittest: [/\bRan [1-9]\d* tests?\b/, /\b[1-9]\d* passed\b/],
  pytest: [/\b[1-9]\d* passed\b/, /\bRan [1-9]\d* tests?\b/],
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
