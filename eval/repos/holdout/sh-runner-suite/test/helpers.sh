# shellcheck shell=bash
# helpers.sh -- a tiny assertion library for the test/*.t.sh files.
#
# Each assertion prints one TAP line ("ok 3 - description" or "not ok 3 -
# ..." followed by details on "#" lines).  End every test file with
# done_testing, which prints the plan and exits 1 if anything failed.

_tests_run=0
_tests_failed=0

_pass() {
  _tests_run=$((_tests_run + 1))
  echo "ok $_tests_run - $1"
}

_fail() {
  _tests_run=$((_tests_run + 1))
  _tests_failed=$((_tests_failed + 1))
  echo "not ok $_tests_run - $1"
  shift
  local line
  for line in "$@"; do
    printf '#   %s\n' "$line"
  done
}

# assert_eq EXPECTED ACTUAL DESCRIPTION
assert_eq() {
  if [ "$1" = "$2" ]; then
    _pass "$3"
  else
    _fail "$3" "expected: $(printf '%q' "$1")" "     got: $(printf '%q' "$2")"
  fi
}

# assert_status EXPECTED-STATUS DESCRIPTION COMMAND [ARG...]
assert_status() {
  local want="$1" desc="$2" got=0
  shift 2
  "$@" >/dev/null 2>&1 || got=$?
  if [ "$got" -eq "$want" ]; then
    _pass "$desc"
  else
    _fail "$desc" "command: $*" "expected status $want, got $got"
  fi
}

# assert_match EXTENDED-REGEX ACTUAL DESCRIPTION
assert_match() {
  if [[ "$2" =~ $1 ]]; then
    _pass "$3"
  else
    _fail "$3" "pattern: $1" "    got: $(printf '%q' "$2")"
  fi
}

# ok DESCRIPTION COMMAND [ARG...]   -- passes when the command succeeds
ok() {
  local desc="$1"
  shift
  if "$@"; then
    _pass "$desc"
  else
    _fail "$desc" "command failed: $*"
  fi
}

done_testing() {
  echo "1..$_tests_run"
  if [ "$_tests_failed" -gt 0 ]; then
    echo "# $_tests_failed of $_tests_run failed"
    exit 1
  fi
  exit 0
}
