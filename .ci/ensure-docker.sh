#!/usr/bin/env bash
# CI on a fresh Debian machine, as root: make sure a Docker engine runs and shots-on-goal:latest
# is built and fresh. Idempotent: installs only missing packages, starts dockerd only when no
# engine answers, and build_image.sh reuses an up-to-date image.
set -euo pipefail

die() { echo "ensure-docker: $*" >&2; exit 1; }
say() { echo "ensure-docker: $*"; }

cd "$(dirname "${BASH_SOURCE[0]}")/.."
dockerd_log="${DOCKERD_LOG:-/var/log/dockerd.log}"
ready_timeout="${DOCKERD_TIMEOUT:-60}"

# Each package is checked by the binary the suite actually runs. A machine may ship a `docker`
# client with no engine, so the engine is judged by `dockerd` (only needed when none answers).
missing=()
if ! docker info >/dev/null 2>&1 && ! command -v dockerd >/dev/null 2>&1; then missing+=(docker.io); fi
command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
command -v git >/dev/null 2>&1 || missing+=(git)
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || die "missing ${missing[*]} and not root: apt-get install -y ${missing[*]}"
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # The mirror may be a snapshot whose Release file is past its Valid-Until.
  apt-get -o Acquire::Check-Valid-Until=false update -qq || die "apt-get update failed"
  apt-get install -y -qq "${missing[@]}" >/dev/null || die "apt-get install ${missing[*]} failed"
fi

if ! docker info >/dev/null 2>&1; then
  [ -z "${DOCKER_HOST:-}" ] || die "no Docker engine answers at DOCKER_HOST=$DOCKER_HOST"
  [ "$(id -u)" = 0 ] || die "no Docker engine answers and starting dockerd needs root"
  say "starting dockerd (log: $dockerd_log)"
  nohup dockerd >"$dockerd_log" 2>&1 &
  dockerd_pid=$!
  deadline=$((SECONDS + ready_timeout))
  until docker info >/dev/null 2>&1; do
    if ! kill -0 "$dockerd_pid" 2>/dev/null; then
      tail -n 20 "$dockerd_log" >&2 || true
      die "dockerd exited during startup (log above, full log in $dockerd_log)"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      kill "$dockerd_pid" 2>/dev/null || true
      tail -n 20 "$dockerd_log" >&2 || true
      die "dockerd did not answer \`docker info\` within ${ready_timeout} s; stopped it (log: $dockerd_log)"
    fi
    sleep 0.5
  done
  say "Docker engine ready after $((SECONDS + ready_timeout - deadline)) s"
fi

./build_image.sh --offline || die "./build_image.sh --offline failed"
