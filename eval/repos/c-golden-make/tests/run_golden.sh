#!/bin/sh
# Golden-output tests: for each case NAME, runs `PROG $(cat NAME.args) < NAME.in` and compares
# stdout with NAME.expected.
set -u
prog="$1"
here="$(dirname "$0")"
failed=0
count=0
for input in "$here"/golden/*.in; do
  name="${input%.in}"
  count=$((count + 1))
  args="$(cat "$name.args" 2>/dev/null || true)"
  # shellcheck disable=SC2086
  if ! "$prog" $args <"$input" | cmp -s - "$name.expected"; then
    echo "FAIL: $(basename "$name")"
    failed=$((failed + 1))
  fi
done
echo "$count golden cases, $failed failed"
[ "$count" -gt 0 ] && [ "$failed" -eq 0 ]
