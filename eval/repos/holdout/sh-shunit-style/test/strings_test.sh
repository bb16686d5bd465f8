#!/usr/bin/env bash
# Unit tests for lib/strings.sh.

. "$(dirname "$0")/../lib/strings.sh"

testTrim() {
  assertEquals "a b" "$(str_trim '   a b  ')"
  assertEquals "tabs and newlines" "x" "$(str_trim "$(printf '\t x\n')")"
  assertNull "$(str_trim '    ')"
}

testCase() {
  assertEquals "hello" "$(str_lower 'HeLLo')"
  assertEquals "HELLO" "$(str_upper 'hello')"
}

testRepeat() {
  assertEquals "ababab" "$(str_repeat ab 3)"
  assertNull "zero times" "$(str_repeat ab 0)"
}

testPredicates() {
  assertTrue "str_starts_with foobar foo"
  assertFalse "str_starts_with foobar bar"
  assertTrue "str_ends_with foobar bar"
  assertTrue "str_contains 'a needle here' needle"
  assertFalse "glob characters are literal" "str_contains abc 'a*'"
}

testPad() {
  assertEquals "00042" "$(str_pad_left 42 5 0)"
  assertEquals "ab  |" "$(str_pad_right ab 4)|"
  assertEquals "wider than width" "abcdef" "$(str_pad_left abcdef 3)"
}

testSlugify() {
  assertEquals "hello-world" "$(str_slugify 'Hello, World!')"
  assertEquals "release-2-0-notes" "$(str_slugify '  Release 2.0 -- notes  ')"
  assertNull "$(str_slugify '!!!')"
}

testSplit() {
  local fields
  fields="$(str_split , 'a,b,,c')"
  assertEquals "$(printf 'a\nb\n\nc')" "$fields"
  assertEquals "multi-character delimiter" "$(printf 'x\ny')" "$(str_split '::' 'x::y')"
}

testJoin() {
  assertEquals "a, b, c" "$(str_join ', ' a b c)"
  assertEquals "one" "$(str_join - one)"
  assertNull "$(str_join -)"
}

testSourcingTwiceIsHarmless() {
  . "$(dirname "$0")/../lib/strings.sh"
  assertEquals "X" "$(str_upper x)"
}

. "$(dirname "$0")/vendor/shtest"
