#!/usr/bin/env bash
# Image build only: a training run of Bazel's server JVM on a small workspace (C, Python and shell
# tests, a query), writing the JVM's ahead-of-time cache to $1 when the server exits. Containers
# then start their server from that cache with the same flags (see the Dockerfile).
set -euo pipefail
out="$1"
work="$(mktemp -d)"
cd "$work"
printf 'module(name = "train")\nbazel_dep(name = "rules_cc", version = "0.0.9")\nbazel_dep(name = "rules_python", version = "0.31.0")\n' > MODULE.bazel
printf 'int f(void);\n' > a.h
printf '#include "a.h"\nint f(void) { return 1; }\n' > a.c
printf '#include "a.h"\nint main(void) { return f() == 1 ? 0 : 1; }\n' > a_test.c
printf 'def f():\n    return 1\n' > a.py
printf 'from a import f\nassert f() == 1\n' > a_test.py
printf '#!/bin/sh\ntest -f a.h\n' > a_test.sh
chmod +x a_test.sh
cat > BUILD.bazel <<'BUILD'
load("@rules_cc//cc:defs.bzl", "cc_library", "cc_test")
load("@rules_python//python:defs.bzl", "py_library", "py_test")
cc_library(name = "a", srcs = ["a.c"], hdrs = ["a.h"])
cc_test(name = "a_test", srcs = ["a_test.c"], deps = [":a"])
py_library(name = "a_py", srcs = ["a.py"])
py_test(name = "a_py_test", srcs = ["a_test.py"], main = "a_test.py", deps = [":a_py"])
sh_test(name = "a_sh_test", srcs = ["a_test.sh"], data = ["a.h"])
BUILD
jvm=(--host_jvm_args=-XX:TieredStopAtLevel=1 "--host_jvm_args=-XX:AOTCacheOutput=$out")
bazel "${jvm[@]}" test //...
bazel "${jvm[@]}" query //... >/dev/null
# The cache is written as the server exits.
bazel "${jvm[@]}" shutdown
test -s "$out"
cd /
rm -rf "$work" "$HOME/.cache" /var/cache/shots-on-goal/repo/* /var/cache/shots-on-goal/disk/*
