#!/bin/sh
# Golden tests for every build configuration of wrap.c.
#
# Compiles tests/driver.c with src/wrap.c once per configuration (the -D flags
# below), runs each build on tests/data/*.txt and compares its output with the
# baseline for that configuration in tests/expected/.  Builds with and without
# USE_FAST_PATH must agree, so they share a baseline.
#
#   tests/run.sh            run all configurations
#   tests/run.sh --update   rewrite the baselines from the current output
#
# CC and CFLAGS are taken from the environment (make check passes its own).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
CC=${CC:-cc}
CFLAGS=${CFLAGS:--O2 -Wall -Wextra}
out=${BUILD_DIR:-$here/build}
update=0
[ "${1:-}" = --update ] && update=1

mkdir -p "$out"
failed=0
total=0

# run_config NAME BASELINE [FLAG...]
run_config() {
    name=$1
    baseline=$here/expected/$2.out
    shift 2
    total=$((total + 1))
    exe=$out/driver-$name
    # shellcheck disable=SC2086 # CFLAGS is a list of flags
    $CC $CFLAGS -std=c99 "$@" -I"$top/src" -o "$exe" "$here/driver.c" "$top/src/wrap.c"
    # Relative names, so the output does not depend on where the tree is.
    (cd "$here" && "$exe" data/prose.txt data/utf8.txt) >"$out/$name.out"
    if [ "$update" = 1 ]; then
        cp "$out/$name.out" "$baseline"
        echo "updated $(basename "$baseline") from $name"
    elif diff -u "$baseline" "$out/$name.out"; then
        echo "PASS: $name ($*)"
    else
        echo "FAIL: $name ($*) differs from expected/$(basename "$baseline")"
        failed=$((failed + 1))
    fi
}

run_config plain bytes
run_config fast bytes -DUSE_FAST_PATH
run_config utf8 utf8 -DWITH_UTF8
run_config fast-utf8 utf8 -DUSE_FAST_PATH -DWITH_UTF8

echo "$total configurations, $failed failed"
[ "$failed" -eq 0 ]
