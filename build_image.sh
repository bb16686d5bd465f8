#!/usr/bin/env bash
# Builds the shots-on-goal Bazel image (see Dockerfile) with docker or podman.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: ./build_image.sh [--offline] [--tag NAME] [--force] [--refresh-base]

Builds the Bazel container image that shots-on-goal runs its tools in (default tag
shots-on-goal:latest). When the image's inputs (Dockerfile, shots-on-goal.bazelrc, image/,
build mode) have not changed since it was built, the existing image is reused.

  --offline       For machines without a container registry or GitHub: the base comes from
                  debootstrap (Debian sid, imported as shots-on-goal-base:sid, reused when it
                  exists) and Bazel from Debian's bazel-bootstrap package. Needs root and
                  debootstrap the first time. DEBIAN_MIRROR overrides the Debian mirror.
  --tag NAME      Tag the image NAME instead of shots-on-goal:latest.
  --force         Rebuild even when the inputs are unchanged (without the layer cache).
  --refresh-base  With --offline: debootstrap a new base even if one exists.

CONTAINER_ENGINE=docker|podman picks the engine (default: docker, else podman).
EOF
}

die() { echo "build_image.sh: $*" >&2; exit 1; }

offline=0 force=0 refresh_base=0 tag=shots-on-goal:latest
while [ $# -gt 0 ]; do
  case "$1" in
    --offline) offline=1 ;;
    --force) force=1 ;;
    --refresh-base) refresh_base=1 ;;
    --tag) [ $# -ge 2 ] && [ -n "$2" ] || die "--tag needs a name"; tag="$2"; shift ;;
    --tag=*) tag="${1#--tag=}"; [ -n "$tag" ] || die "--tag needs a name" ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
  shift
done

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
base_tag=shots-on-goal-base:sid
label=shots-on-goal.inputs
started=$SECONDS

# --- engine -------------------------------------------------------------------------------
engine="${CONTAINER_ENGINE:-}"
if [ -z "$engine" ]; then
  if command -v docker >/dev/null 2>&1; then engine=docker
  elif command -v podman >/dev/null 2>&1; then engine=podman
  else die "neither docker nor podman is installed (Debian/Ubuntu: apt-get install docker.io)"
  fi
fi
command -v "$engine" >/dev/null 2>&1 || die "CONTAINER_ENGINE=$engine is not installed"
if ! info_err="$("$engine" info 2>&1 >/dev/null)"; then
  echo "$info_err" | tail -n 3 >&2
  if [ "$engine" = podman ]; then
    die "podman cannot reach its engine; on macOS/Windows start it with: podman machine start"
  fi
  die "no Docker engine is running${DOCKER_HOST:+ at DOCKER_HOST=$DOCKER_HOST}; start one, e.g. \`sudo systemctl start docker\` or \`sudo dockerd >/var/log/dockerd.log 2>&1 &\` (or point DOCKER_HOST at a running engine)"
fi

image_exists() { "$engine" image inspect "$1" >/dev/null 2>&1; }

# --- offline base ---------------------------------------------------------------------------
if [ "$offline" = 1 ]; then
  if [ "$refresh_base" = 1 ] || ! image_exists "$base_tag"; then
    command -v debootstrap >/dev/null 2>&1 \
      || die "--offline needs debootstrap to create $base_tag: apt-get install debootstrap"
    [ "$(id -u)" = 0 ] || die "debootstrap needs root to create $base_tag: run sudo ./build_image.sh --offline"
    mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
    rootfs="$(mktemp -d "${TMPDIR:-/tmp}/shots-on-goal-rootfs.XXXXXX")"
    trap 'rm -rf "$rootfs"' EXIT
    echo "==> debootstrap --variant=minbase sid from $mirror (about 30 s)"
    debootstrap --variant=minbase sid "$rootfs" "$mirror" >"$rootfs.log" 2>&1 \
      || { tail -n 20 "$rootfs.log" >&2; rm -f "$rootfs.log"; die "debootstrap failed (log above)"; }
    rm -f "$rootfs.log"
    tar -C "$rootfs" -c . | "$engine" import - "$base_tag" >/dev/null
    rm -rf "$rootfs"
    trap - EXIT
    echo "==> created $base_tag"
  else
    echo "==> reusing $base_tag"
  fi
fi

# --- inputs hash ------------------------------------------------------------------------------
if command -v sha256sum >/dev/null 2>&1; then sha() { sha256sum | cut -d' ' -f1; }
else sha() { shasum -a 256 | cut -d' ' -f1; }
fi
inputs() {
  cd "$here"
  if [ "$offline" = 1 ]; then
    echo "mode=offline"
    echo "base=$("$engine" image inspect --format '{{.Id}}' "$base_tag")"
  else
    echo "mode=normal"
  fi
  find Dockerfile shots-on-goal.bazelrc image -type f | LC_ALL=C sort | while IFS= read -r f; do
    printf '%s %s\n' "$f" "$(sha <"$f")"
  done
}
hash="$(inputs | sha)"

if [ "$force" = 0 ] && image_exists "$tag"; then
  current="$("$engine" image inspect --format "{{ index .Config.Labels \"$label\" }}" "$tag" 2>/dev/null || true)"
  if [ "$current" = "$hash" ]; then
    echo "==> reused $tag: inputs unchanged (inputs ${hash:0:12}); --force rebuilds"
    exit 0
  fi
  echo "==> $tag is stale (inputs ${current:-unlabelled} -> $hash); rebuilding"
fi

# --- build --------------------------------------------------------------------------------------
# A minimal context: the repository root holds node_modules and worktrees.
context="$(mktemp -d "${TMPDIR:-/tmp}/shots-on-goal-context.XXXXXX")"
trap 'rm -rf "$context"' EXIT
cp -R "$here/Dockerfile" "$here/shots-on-goal.bazelrc" "$here/image" "$context/"

build_args=(--label "$label=$hash" -t "$tag")
[ "$force" = 1 ] && build_args+=(--no-cache)
if [ "$offline" = 1 ]; then
  build_args+=(--build-arg "BASE_IMAGE=$base_tag" --build-arg BAZEL_SOURCE=debian)
  build_args+=(--label shots-on-goal.mode=offline)
else
  build_args+=(--label shots-on-goal.mode=normal)
fi

echo "==> $engine build -t $tag ($([ "$offline" = 1 ] && echo offline || echo normal))"
"$engine" build "${build_args[@]}" "$context" || die "$engine build failed (output above)"

# --- verify -------------------------------------------------------------------------------------
verify() {
  local out
  if ! out="$("$engine" run --rm --network none "$tag" "$@" 2>&1)"; then
    echo "$out" >&2
    "$engine" rmi "$tag" >/dev/null 2>&1 || true
    die "the new image fails \`$*\`; removed $tag"
  fi
  echo "    $(echo "$out" | head -n 1)"
}
echo "==> verifying $tag"
verify bazel --version
verify rg --version

size="$("$engine" image inspect --format '{{.Size}}' "$tag")"
id="$("$engine" image inspect --format '{{.Id}}' "$tag")"
id="${id#sha256:}"
echo "==> built $tag (image ${id:0:12}, inputs ${hash:0:12}, $((size / 1000 / 1000)) MB) in $((SECONDS - started)) s"
