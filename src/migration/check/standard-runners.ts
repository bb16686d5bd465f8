// The runners shots-on-goal itself writes for tests that cannot run themselves. A migration may
// put one in a test's path: the check knows each by its exact content, and knows which files it
// runs (the arguments naming them).

/** Runs the pytest-style files given as arguments: a py_test over plain `def test_x` runs nothing. */
export const PYTEST_RUNNER_TEXT = `# Runs the pytest-style test files given as arguments (generated for Bazel's py_test).
import sys

import pytest

sys.exit(pytest.main(["-p", "no:cacheprovider", *sys.argv[1:]]))
`;

export function isStandardRunner(text: string | null): boolean {
  return text === PYTEST_RUNNER_TEXT;
}
