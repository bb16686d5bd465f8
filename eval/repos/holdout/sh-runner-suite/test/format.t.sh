#!/usr/bin/env bash
# Tests for lib/format.sh.
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/helpers.sh"
. "$HERE/../lib/format.sh"

assert_eq "'plain'" "$(dotenv_shell_quote plain)" "shell quote"
assert_eq "'it'\\''s'" "$(dotenv_shell_quote "it's")" "shell quote with a quote inside"
assert_eq "''" "$(dotenv_shell_quote '')" "shell quote of nothing"

for value in "it's" 'a "b" $c `d` \e' $'two\nlines' '*' ''; do
  eval "roundtrip=$(dotenv_shell_quote "$value")"
  assert_eq "$value" "$roundtrip" "eval gives back $(printf '%q' "$value")"
done

assert_eq '"abc"' "$(dotenv_json_string abc)" "json string"
assert_eq '"say \"hi\" \\ bye"' "$(dotenv_json_string 'say "hi" \ bye')" "json quotes and backslash"
assert_eq '"a\nb\tc"' "$(dotenv_json_string $'a\nb\tc')" "json control characters"

ok "true words" dotenv_is_true TRUE
ok "yes" dotenv_is_true yes
ok "1" dotenv_is_true 1
assert_status 1 "false word" dotenv_is_true off
assert_status 1 "empty is false" dotenv_is_true ''

done_testing
