#!/usr/bin/env bash
# Installs Debian's chromium for the dashboard's browser tests, once; prints its path.
# Idempotent: when a chromium is already on PATH nothing is fetched.
set -euo pipefail
find_chromium() { command -v chromium || command -v chromium-browser || true; }
path="$(find_chromium)"
if [ -z "$path" ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null
  $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
  path="$(find_chromium)"
fi
[ -n "$path" ] || { echo "chromium not found after install" >&2; exit 1; }
echo "$path"
