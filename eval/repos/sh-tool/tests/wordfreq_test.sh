#!/bin/sh
set -u
here="$(cd "$(dirname "$0")" && pwd)"
wordfreq="$here/../bin/wordfreq"

out="$(printf 'the cat and the hat\n' | "$wordfreq" -n 1)"
if [ "$out" != "2 the" ]; then
  echo "FAIL: -n 1 gave [$out]"
  exit 1
fi
echo "ok -n 1"

tmp="${TEST_TMPDIR:-${TMPDIR:-/tmp}}/wordfreq_test.$$"
printf 'x y x\n' >"$tmp"
out="$("$wordfreq" "$tmp")"
rm -f "$tmp"
if [ "$out" != "2 x
1 y" ]; then
  echo "FAIL: file input gave [$out]"
  exit 1
fi
echo "ok file input"
