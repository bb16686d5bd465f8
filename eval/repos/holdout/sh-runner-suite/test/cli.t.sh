#!/usr/bin/env bash
# Tests for bin/dotenv, run against test/fixtures/app.env.
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/helpers.sh"

DOTENV="$HERE/../bin/dotenv"
APP="$HERE/fixtures/app.env"

assert_eq "Sample App" "$("$DOTENV" get APP_NAME "$APP")" "get"
assert_eq "9090" "$("$DOTENV" get PORT "$APP")" "last assignment wins"
assert_eq $'Hello,\n"world"' "$("$DOTENV" get GREETING "$APP")" "double-quoted value"
assert_eq 'no $expansion \n here' "$("$DOTENV" get LITERAL "$APP")" "single-quoted value"
assert_eq "/usr/bin:/bin#not-a-comment" "$("$DOTENV" get PATH_LIST "$APP")" "unquoted '#'"
assert_status 1 "unset name" "$DOTENV" get NOPE "$APP"

assert_eq "APP_NAME PORT DEBUG GREETING LITERAL PATH_LIST EMPTY" \
  "$("$DOTENV" keys "$APP" | tr '\n' ' ' | sed 's/ $//')" "keys in first-seen order"

exports="$("$DOTENV" export "$APP")"
assert_match "^export APP_NAME='Sample App'$" "$(head -n 1 <<<"$exports")" "export line"
(
  eval "$exports"
  [ "$LITERAL" = 'no $expansion \n here' ] && [ "$PORT" = 9090 ] && [ -z "$EMPTY" ]
)
assert_eq 0 "$?" "export output evals back to the values"

assert_eq '{"APP_NAME": "Sample App", "PORT": "9090", "DEBUG": "true", "GREETING": "Hello,\n\"world\"", "LITERAL": "no $expansion \\n here", "PATH_LIST": "/usr/bin:/bin#not-a-comment", "EMPTY": ""}' \
  "$("$DOTENV" json "$APP")" "json"

# Relative FILE and the default .env are looked up in the current directory.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
printf 'ONLY=here\n' >"$work/.env"
printf 'bad line\nX=1\n' >"$work/broken.env"
assert_eq "here" "$(cd "$work" && "$DOTENV" get ONLY)" "default file is ./.env"
assert_eq ".env: 1 setting(s), ok" "$(cd "$work" && "$DOTENV" check)" "check"
assert_status 1 "check reports malformed lines" "$DOTENV" check "$work/broken.env"
assert_match "broken.env:1: expected NAME=VALUE" "$("$DOTENV" check "$work/broken.env" 2>&1)" "error message"

assert_status 2 "no command" "$DOTENV"
assert_status 2 "unknown command" "$DOTENV" frobnicate
assert_eq "dotenv 1.3.0" "$("$DOTENV" version)" "version"

done_testing
