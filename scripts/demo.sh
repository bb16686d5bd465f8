#!/usr/bin/env bash
# `npm run demo [-- NAME] [options]`, from a fresh clone on a fresh machine: the packages when
# node_modules is missing; as root, a Docker engine and the image (.ci/ensure-docker.sh, which
# installs and starts one if needed); then `shots-on-goal demo`. Without root nothing is
# installed, and the run says in one line what is missing and what to run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ ! -d node_modules ]; then
  echo "demo: installing the packages (npm ci)"
  npm ci --no-audit --no-fund
fi
if [ "$(id -u)" = 0 ]; then bash .ci/ensure-docker.sh --engine-only; fi
exec node --import tsx src/cli/main.ts demo "$@"
