#!/bin/sh
set -u
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../lib/text.sh"

fails=0
expect() {
  if [ "$2" != "$3" ]; then
    echo "FAIL $1: expected [$2], got [$3]"
    fails=$((fails + 1))
  else
    echo "ok $1"
  fi
}

expect "words lower-cases" "a
b" "$(printf 'A, B!' | words)"
expect "top words ranks by count" "2 b
1 a" "$(printf 'b a b' | top_words 2)"
expect "empty input" "" "$(printf '' | top_words)"

[ "$fails" -eq 0 ]
