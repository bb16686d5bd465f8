#!/usr/bin/env bash
# Loads a .env file into this shell and starts a "server" with it.
#
#   examples/demo.sh [FILE]
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
file="${1:-}"
if [ -z "$file" ]; then
  file="$(mktemp)"
  trap 'rm -f "$file"' EXIT
  cat >"$file" <<'ENV'
APP_NAME="Demo server"
PORT=3000
DEBUG=yes
ENV
fi

"$root/bin/dotenv" check "$file"
eval "$("$root/bin/dotenv" export "$file")"

. "$root/lib/format.sh"
if dotenv_is_true "${DEBUG:-no}"; then
  echo "debug output is on"
fi
echo "starting $APP_NAME on port $PORT (press Ctrl-C to stop)"
while sleep 60; do :; done
