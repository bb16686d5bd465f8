#!/usr/bin/env bash
# runner.sh: a small TAP-producing test runner for bash.
#
#   test/lib/runner.sh [-f REGEX] FILE.t.sh...
#
# A test file is a bash script of test functions, named test_<description with
# underscores>. Each test runs in its own subshell with errexit on: the first failing
# command fails it. setup and teardown, if the file defines them, run around each test.
#
# What a test file can use:
#   load NAME           source NAME.sh from the test file's directory
#   run CMD [ARG]...    run CMD without failing; sets $status, $output and ${lines[@]}
#   skip [REASON]       end the test, reporting it skipped
#   $TEST_DIRNAME       the test file's directory (absolute)
#   $TEST_TMPDIR        an empty directory for this test, removed afterwards

set -u

filter=""
if [ "${1:-}" = "-f" ]; then
  filter="$2"
  shift 2
fi
[ "$#" -gt 0 ] || { echo "usage: runner.sh [-f REGEX] FILE..." >&2; exit 2; }

load() {
  # shellcheck disable=SC1090
  . "$TEST_DIRNAME/$1.sh"
}

run() {
  local errexit=0
  [[ "$-" == *e* ]] && errexit=1
  set +e
  output="$("$@" 2>&1)"
  status=$?
  [ "$errexit" -eq 1 ] && set -e
  lines=()
  [ -z "$output" ] || mapfile -t lines <<<"$output"
  return 0
}

skip() {
  echo "${1:-}" >"$TEST_TMPDIR/.skip"
  exit 0
}

# tests_in FILE: the test functions of FILE, in the order they are written.
tests_in() {
  sed -nE 's/^[[:space:]]*(function[[:space:]]+)?(test_[A-Za-z0-9_]+)[[:space:]]*\(\).*/\2/p' "$1"
}

total=0
failed=0
plan=()
for file in "$@"; do
  while read -r name; do
    [ -n "$name" ] || continue
    [ -z "$filter" ] || [[ "$name" =~ $filter ]] || continue
    plan+=("$file:$name")
  done < <(tests_in "$file")
done

echo "1..${#plan[@]}"
for entry in "${plan[@]}"; do
  file="${entry%%:*}"
  name="${entry#*:}"
  total=$((total + 1))
  description="${name#test_}"
  description="${description//_/ }"
  TEST_TMPDIR="$(mktemp -d "${TMPDIR:-/tmp}/runner.XXXXXX")"
  log="$TEST_TMPDIR/.log"
  (
    TEST_FILENAME="$(cd "$(dirname "$file")" && pwd)/$(basename "$file")"
    TEST_DIRNAME="$(dirname "$TEST_FILENAME")"
    export TEST_TMPDIR TEST_DIRNAME TEST_FILENAME
    cd "$TEST_TMPDIR" || exit 1
    # shellcheck disable=SC1090
    . "$TEST_FILENAME"
    if declare -F teardown >/dev/null; then trap teardown EXIT; fi
    set -eE
    if declare -F setup >/dev/null; then setup; fi
    "$name"
  ) >"$log" 2>&1
  result=$?
  if [ -f "$TEST_TMPDIR/.skip" ]; then
    echo "ok $total $description # skip $(cat "$TEST_TMPDIR/.skip")"
  elif [ "$result" -eq 0 ]; then
    echo "ok $total $description"
  else
    echo "not ok $total $description"
    echo "# ($(basename "$file"), exit status $result)"
    sed 's/^/#   /' "$log"
    failed=$((failed + 1))
  fi
  rm -rf "$TEST_TMPDIR"
done

[ "$total" -gt 0 ] || { echo "# no tests found" >&2; exit 1; }
[ "$failed" -eq 0 ] || { echo "# $failed of $total tests failed"; exit 1; }
exit 0
