#!/usr/bin/env bash
# End-to-end tests of bin/strtool.

TOP="$(cd "$(dirname "$0")/.." && pwd)"
STRTOOL="$TOP/bin/strtool"
FIXTURES="$TOP/test/fixtures"

strtool() { bash "$STRTOOL" "$@"; }

oneTimeSetUp() {
  # A copy of a fixture with Windows line endings, made once for the file.
  sed 's/$/\r/' "$FIXTURES/titles.txt" >"$SHTEST_TMPDIR/titles-crlf.txt"
}

testSlugFile() {
  assertEquals "$(cat "$FIXTURES/titles.slugs")" "$(strtool slug "$FIXTURES/titles.txt")"
}

testSlugStdin() {
  assertEquals "a-b" "$(echo 'A  B' | strtool slug)"
}

testSlugIgnoresCarriageReturns() {
  assertEquals "$(cat "$FIXTURES/titles.slugs")" "$(strtool slug "$SHTEST_TMPDIR/titles-crlf.txt")"
}

testJoin() {
  assertEquals "host=db1;port=5432;user=app" "$(strtool join ';' "$FIXTURES/config.txt")"
}

testUnknownCommand() {
  local err status
  err="$(strtool frobnicate 2>&1 >/dev/null)"
  status=$?
  assertEquals "exit status" 2 "$status"
  assertContains "$err" "unknown command: frobnicate"
}

testVersion() {
  assertContains "$(strtool version)" "strtool 0."
}

. "$(dirname "$0")/vendor/shtest"
