# Sourced by every test file (load helpers/common).

PROJECT_ROOT="$(cd "$TEST_DIRNAME/.." && pwd)"
FIXTURES="$TEST_DIRNAME/fixtures"

# Never pick up a developer's settings.
unset DOTENV_FILE

dotenv() {
  bash "$PROJECT_ROOT/bin/dotenv" "$@"
}

# fixture NAME: copy test/fixtures/NAME into the test's directory as .env.
fixture() {
  cp "$FIXTURES/$1" "$TEST_TMPDIR/.env"
}

_fail() {
  printf '%s\n' "$@" >&2
  return 1
}

assert_success() {
  [ "$status" -eq 0 ] || _fail "expected success, got status $status" "output: $output"
}

assert_failure() {
  local want="${1:-}"
  [ "$status" -ne 0 ] || _fail "expected failure, got success" "output: $output"
  [ -z "$want" ] || [ "$status" -eq "$want" ] || _fail "expected status $want, got $status"
}

assert_output() {
  [ "$output" = "$1" ] || _fail "expected output:" "$1" "actual output:" "$output"
}

assert_output_contains() {
  [[ "$output" == *"$1"* ]] || _fail "output does not contain: $1" "output: $output"
}

# assert_line INDEX TEXT
assert_line() {
  [ "${lines[$1]:-}" = "$2" ] || _fail "line $1: expected '$2', got '${lines[$1]:-}'"
}
