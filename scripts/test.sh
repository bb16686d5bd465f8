#!/usr/bin/env bash
# `npm test`, from a fresh clone too: the packages when node_modules is missing; as root, a Docker
# engine, the image and Podman (.ci/ensure-docker.sh); then the type check and the suite. Without
# root nothing is installed: the tests that need the engine or the image skip with a loud
# warning (and fail under CI=true). Arguments go to vitest (`npm test -- test/cli`).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ ! -d node_modules ]; then
  echo "test: installing the packages (npm ci)"
  npm ci --no-audit --no-fund
fi
if [ "$(id -u)" = 0 ]; then
  bash .ci/ensure-docker.sh
elif ! docker image inspect shots-on-goal:latest >/dev/null 2>&1; then
  echo "test: no Docker engine answers or the image is missing, and installing them needs root (sudo bash .ci/ensure-docker.sh); the tests that need them will be skipped"
fi
npm run typecheck
exec npx vitest run "$@"
