#!/usr/bin/env bash
# Tests for lib/text.sh, on the files in test/fixtures/.

. "$(dirname "$0")/../lib/text.sh"

FIXTURES="$(dirname "$0")/fixtures"

testStripComments() {
  assertEquals "$(cat "$FIXTURES/config.clean")" "$(text_strip_comments <"$FIXTURES/config.txt")"
}

testStripCommentsLastLineWithoutNewline() {
  assertEquals "tail" "$(printf '# c\ntail' | text_strip_comments)"
}

testMap() {
  assertEquals "$(printf 'A\nB C')" "$(printf 'a\nb c\n' | text_map str_upper)"
}

testColumns() {
  local out
  out="$(printf 'name strtool\nversion 0.9\n' | text_columns 8)"
  assertEquals "$(printf 'name     strtool\nversion  0.9')" "$out"
}

. "$(dirname "$0")/vendor/shtest"
