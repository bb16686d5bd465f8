#!/usr/bin/env bash
# CI on a fresh Debian machine, as root: make sure a Docker engine runs, shots-on-goal:latest is
# built and fresh (an image built normally, not offline, is kept as it is), and Podman (for the tests against it) is installed and can run the image.
# Idempotent: installs only missing packages, starts dockerd only when no engine answers,
# build_image.sh reuses an up-to-date image and Podman gets it only when its copy differs.
# --engine-only: the Docker engine and the image alone (what a run needs; `npm run demo`).
set -euo pipefail

die() { echo "ensure-docker: $*" >&2; exit 1; }
say() { echo "ensure-docker: $*"; }

engine_only=0
case "${1:-}" in
  --engine-only) engine_only=1 ;;
  "") ;;
  *) die "unknown argument: $1 (the only one is --engine-only)" ;;
esac

cd "$(dirname "${BASH_SOURCE[0]}")/.."
dockerd_log="${DOCKERD_LOG:-/var/log/dockerd.log}"
ready_timeout="${DOCKERD_TIMEOUT:-60}"

# Each package is checked by the binary the suite actually runs. A machine may ship a `docker`
# client with no engine, so the engine is judged by `dockerd` (only needed when none answers).
missing=()
if ! docker info >/dev/null 2>&1 && ! command -v dockerd >/dev/null 2>&1; then missing+=(docker.io); fi
command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
command -v git >/dev/null 2>&1 || missing+=(git)
if [ "$engine_only" = 0 ]; then
  command -v tmux >/dev/null 2>&1 || missing+=(tmux)
  # Each corpus repository's own build, run on the host (test/corpus/own-build.test.ts).
  command -v make >/dev/null 2>&1 || missing+=(make)
  command -v cmake >/dev/null 2>&1 || missing+=(cmake)
  command -v meson >/dev/null 2>&1 || missing+=(meson)
  command -v g++ >/dev/null 2>&1 || missing+=(g++)
  command -v perl >/dev/null 2>&1 || missing+=(perl)
  python3 -c 'import pytest' >/dev/null 2>&1 || missing+=(python3-pytest)
  # The HTML report is opened in headless Chromium (test/cli/report.test.ts).
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  # Podman, for the tests that run against its Docker-compatible API; catatonit is the init it
  # starts containers with (we ask for one).
  command -v podman >/dev/null 2>&1 || missing+=(podman)
  [ -x /usr/bin/catatonit ] || [ -x /usr/libexec/podman/catatonit ] || missing+=(catatonit)
fi
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
  # A machine restored from a snapshot keeps the pid file of a dockerd that no longer runs, and
  # dockerd refuses to start while it exists.
  pidfile=/var/run/docker.pid
  if [ -f "$pidfile" ]; then
    stale_pid="$(cat "$pidfile" 2>/dev/null || true)"
    if [ -z "$stale_pid" ] || ! [ "$(cat "/proc/$stale_pid/comm" 2>/dev/null || true)" = dockerd ]; then
      say "removing $pidfile left by a dockerd that no longer runs (pid ${stale_pid:-none})"
      rm -f "$pidfile"
    fi
  fi
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

# An image the user built normally (from the registry) is theirs: the offline build would replace it.
mode="$(docker image inspect --format '{{ index .Config.Labels "shots-on-goal.mode" }}' shots-on-goal:latest 2>/dev/null || true)"
if [ "$mode" = normal ]; then
  say "keeping shots-on-goal:latest as ./build_image.sh built it (run that again after changing the image's inputs)"
else
  ./build_image.sh --offline || die "./build_image.sh --offline failed"
fi
[ "$engine_only" = 0 ] || exit 0

# Podman runs the same image from its own store: loading Docker's copy is cheaper than building.
image=shots-on-goal:latest
podman_id="$(podman image inspect --format '{{.Id}}' "$image" 2>/dev/null || true)"
docker_id="$(docker image inspect --format '{{.Id}}' "$image")"
if [ "${podman_id#sha256:}" != "${docker_id#sha256:}" ]; then
  say "loading $image into Podman's store"
  docker save "$image" | podman load -q >/dev/null || die "docker save $image | podman load failed"
fi

# Unless containers.conf sets them, rootful Podman raises every container's nofile and nproc
# limits past the host's; where it may not (no CAP_SYS_RESOURCE, e.g. inside another container)
# no container starts ("error setting rlimit"). Pin them to what this host allows.
if ! podman_err="$(podman run --rm --network none "$image" true 2>&1)"; then
  conf=/etc/containers/containers.conf
  case "$podman_err" in
    *"error setting rlimit"*) ;;
    *) echo "$podman_err" | tail -n 5 >&2; die "podman cannot run $image (output above)" ;;
  esac
  [ ! -e "$conf" ] || die "podman may not raise rlimits here and $conf exists: add default_ulimits (nofile, nproc) within this host's limits to it"
  limit() { local v; v="$(ulimit -H "$1")"; [ "$v" = unlimited ] && v="$2"; [ "$v" -gt "$2" ] && v="$2"; echo "$v"; }
  nofile="$(limit -n 1048576)"
  nproc="$(limit -u "$(cat /proc/sys/kernel/pid_max)")"
  say "podman may not raise rlimits here: pinning nofile=$nofile and nproc=$nproc in $conf"
  mkdir -p "$(dirname "$conf")"
  printf '[containers]\ndefault_ulimits = ["nofile=%s:%s", "nproc=%s:%s"]\n' "$nofile" "$nofile" "$nproc" "$nproc" >"$conf"
  podman_err="$(podman run --rm --network none "$image" true 2>&1)" || { echo "$podman_err" | tail -n 5 >&2; die "podman still cannot run $image"; }
fi
