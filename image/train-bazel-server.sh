#!/usr/bin/env bash
# Image build only, as builder: a training run of Bazel on a small workspace (C, Python and shell
# tests, a query) in /workspace. It leaves two things that every container then starts from:
#   - the server JVM's ahead-of-time cache, written to $1 when the server exits (containers start
#     their server from it with the same flags; see the Dockerfile);
#   - the fixed output base (shots-on-goal.bazelrc) with its external repositories fetched and
#     configured (the C toolchain's detection alone takes seconds), and nothing else: no outputs,
#     no action cache, no server.
set -euo pipefail
out="$1"
cd /workspace
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
# A repository that depends on no rules module gets Bazel's own C toolchain configuration.
printf 'module(name = "train")\n' > MODULE.bazel
printf 'cc_test(name = "a_test", srcs = ["a_test.c", "a.c", "a.h"])\nsh_test(name = "a_sh_test", srcs = ["a_test.sh"], data = ["a.h"])\n' > BUILD.bazel
bazel "${jvm[@]}" test //...
output_base="$(bazel "${jvm[@]}" info output_base)"
bazel "${jvm[@]}" clean
# The cache is written as the server exits.
bazel "${jvm[@]}" shutdown
test -s "$out"
test -d "$output_base/external"
find "$output_base" -mindepth 1 -maxdepth 1 ! -name external -exec rm -rf {} +
find /workspace -mindepth 1 -delete
rm -rf /var/cache/shots-on-goal/repo/* /var/cache/shots-on-goal/disk/*
find "$HOME/.cache/bazel" -mindepth 1 -maxdepth 1 ! -path "$output_base" -exec rm -rf {} +
