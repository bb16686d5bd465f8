#!/usr/bin/env bash
# Tests for lib/parse.sh.
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/helpers.sh"
. "$HERE/../lib/parse.sh"

# parsed LINE -> "KEY=VALUE", "skip" or "error: WHY"
parsed() {
  local rc=0
  dotenv_parse_line "$1" || rc=$?
  case "$rc" in
    0) printf '%s=%s' "$DOTENV_KEY" "$DOTENV_VALUE" ;;
    1) printf 'skip' ;;
    *) printf 'error: %s' "$DOTENV_ERROR" ;;
  esac
}

assert_eq "NAME=value" "$(parsed 'NAME=value')" "plain assignment"
assert_eq "NAME=value" "$(parsed '  NAME = value   ')" "blanks around name, = and value"
assert_eq "NAME=value" "$(parsed 'export NAME=value')" "export prefix"
assert_eq "exporter=1" "$(parsed 'exporter=1')" "a name starting with export"
assert_eq "EMPTY=" "$(parsed 'EMPTY=')" "empty value"
assert_eq "EMPTY=" "$(parsed 'EMPTY= # nothing here')" "empty value and a comment"
assert_eq "URL=http://x/#top" "$(parsed 'URL=http://x/#top  # the home page')" "'#' inside a value"
assert_eq "A=one two" "$(parsed 'A=one two')" "inner blanks kept"
assert_eq "CR=dos" "$(parsed $'CR=dos\r')" "carriage return dropped"

assert_eq "Q=  padded \$HOME \\n" "$(parsed "Q='  padded \$HOME \\n'")" "single quotes are literal"
assert_eq $'D=a\nb\t"c" \\ $' "$(parsed 'D="a\nb\t\"c\" \\ \$"')" "double-quote escapes"
assert_eq 'D=\x' "$(parsed 'D="\x"')" "unknown escapes kept"
assert_eq "D=# not a comment" "$(parsed 'D="# not a comment" # a comment')" "comment after a quoted value"

assert_eq "skip" "$(parsed '')" "blank line"
assert_eq "skip" "$(parsed '   # comment')" "comment line"

assert_eq "error: expected NAME=VALUE" "$(parsed 'just words')" "no ="
assert_eq "error: expected NAME=VALUE" "$(parsed '1ABC=x')" "name starting with a digit"
assert_eq "error: unterminated single quote" "$(parsed "S='open")" "open single quote"
assert_eq "error: unterminated double quote" "$(parsed 'S="open\"')" "open double quote"
assert_eq "error: unexpected text after the closing quote" "$(parsed "S='a' b")" "text after quote"

# dotenv_each: order, repeated names and error lines.
seen=()
remember() { seen+=("$1=$2"); }
env_file="$(mktemp)"
trap 'rm -f "$env_file"' EXIT
printf '%s\n' 'A=1' '# c' 'B = two' 'oops' 'A=3' >"$env_file"
printf 'C=no final newline' >>"$env_file"
errors="$(dotenv_each "$env_file" remember 2>&1 >/dev/null)"
status=$?
# The callback ran in a subshell above; run again for the side effects.
dotenv_each "$env_file" remember 2>/dev/null
assert_eq "A=1 B=two A=3 C=no final newline" "${seen[*]}" "assignments in file order"
assert_eq 1 "$status" "malformed line makes dotenv_each fail"
assert_match ":4: expected NAME=VALUE$" "$errors" "error names the line"
assert_status 1 "missing file" dotenv_each /no/such/.env remember

done_testing
