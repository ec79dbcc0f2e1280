#!/usr/bin/env bash
# Convenience wrapper over kafka.sh, postgres.sh and ferretdb.sh.
#
#   all.sh install|start|stop|restart|status|url
#
# Env: RAPPORT_ENGINES - which engines, space-separated (default: "postgres ferretdb kafka").
#      Every per-engine variable (ports, cache and run dirs) is passed through.
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
read -r -a ENGINES <<<"${RAPPORT_ENGINES:-postgres ferretdb kafka}"

for e in "${ENGINES[@]}"; do
  [[ -x "$DIR/$e.sh" ]] || { echo "[all] ERROR: unknown engine '$e' (RAPPORT_ENGINES)" >&2; exit 2; }
done

run_each() {
  local action="$1" failed=() e
  shift
  for e in "$@"; do
    "$DIR/$e.sh" "$action" || failed+=("$e")
  done
  if ((${#failed[@]})); then
    echo "[all] ERROR: '$action' failed for: ${failed[*]} (logs: ${RAPPORT_ENGINE_RUN:-/tmp/rapport-engines}/<engine>/)" >&2
    return 1
  fi
}

reversed() { local i; for ((i = ${#ENGINES[@]} - 1; i >= 0; i--)); do echo "${ENGINES[i]}"; done; }

case "${1:-}" in
  install | start)
    start_s=$SECONDS
    # Stop at the first failure: later engines are pointless when one is missing.
    for e in "${ENGINES[@]}"; do "$DIR/$e.sh" "$1"; done
    echo "[all] $1 done in $((SECONDS - start_s))s" >&2
    ;;
  stop)
    mapfile -t rev < <(reversed)
    run_each stop "${rev[@]}"
    ;;
  restart)
    mapfile -t rev < <(reversed)
    run_each stop "${rev[@]}"
    for e in "${ENGINES[@]}"; do "$DIR/$e.sh" start; done
    ;;
  status) run_each status "${ENGINES[@]}" ;;
  url) for e in "${ENGINES[@]}"; do printf '%s %s\n' "$e" "$("$DIR/$e.sh" url)"; done ;;
  *) echo "usage: $0 {install|start|stop|restart|status|url}" >&2; exit 2 ;;
esac
