#!/usr/bin/env bash
# Runs every test/*_test.sh; exits non-zero if any of them failed.
# SHTEST_FILTER=REGEX limits each file to the tests whose names match.

cd "$(dirname "$0")/.." || exit 1

failed=()
for t in test/*_test.sh; do
  echo "=== $t"
  if ! bash "$t"; then
    failed+=("$t")
  fi
  echo
done

if [ "${#failed[@]}" -gt 0 ]; then
  echo "failed: ${failed[*]}"
  exit 1
fi
echo "all test files passed"
