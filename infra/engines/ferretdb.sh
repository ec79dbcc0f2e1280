#!/usr/bin/env bash
# FerretDB v1.24 (MongoDB wire protocol, SQLite backend) on loopback, built from the tiny Go main
# in infra/engines/ferretdb/ (embeds github.com/FerretDB/FerretDB/ferretdb).
#
#   ferretdb.sh install   go build into the cache, keyed by a hash of go.mod/go.sum/main.go (idempotent)
#   ferretdb.sh start     start on 127.0.0.1:FERRETDB_PORT and wait for a ping; no-op if running
#   ferretdb.sh stop      SIGTERM, wait, then SIGKILL
#   ferretdb.sh restart   stop + start, keeping data
#   ferretdb.sh status    exit 0 when running and answering ping
#   ferretdb.sh url       print mongodb://127.0.0.1:PORT/
#   ferretdb.sh reset     stop and delete the SQLite data dir
#
# Env: FERRETDB_PORT (27018), FERRETDB_START_TIMEOUT (30 s), FERRETDB_DEBUG (0; 1 = debug logging),
#      RAPPORT_ENGINE_CACHE, RAPPORT_ENGINE_RUN. The Go build uses the usual Go caches (go env GOMODCACHE/GOCACHE).
set -euo pipefail

ENGINE=ferretdb
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

FERRETDB_PORT="${FERRETDB_PORT:-27018}"
FERRETDB_START_TIMEOUT="${FERRETDB_START_TIMEOUT:-30}"
SRC_DIR="$ENGINES_DIR/ferretdb"
PROBE="$SRC_DIR/probe.py"
BUILD_TAGS="ferretdb_no_postgresql"  # SQLite backend only: smaller, faster build
BUILD_LDFLAGS="-s -w"               # strip symbols: ~30 MB -> ~20 MB in the cache

RUN_DIR="$ENGINE_RUN/ferretdb"
DATA_DIR="$RUN_DIR/data"
PIDFILE="$RUN_DIR/ferretdb.pid"
LOGFILE="$RUN_DIR/ferretdb.log"
PATTERN="rapport-ferretdb -listen"

build_key() {
  local gov=nogo
  command -v go >/dev/null 2>&1 && gov="$(go env GOVERSION 2>/dev/null || echo unknown)"
  { cat "$SRC_DIR/go.mod" "$SRC_DIR/go.sum" "$SRC_DIR/main.go"; echo "$gov $BUILD_TAGS $BUILD_LDFLAGS"; } | sha256sum | cut -c1-16
}

# Without Go, fall back to any previously built binary (e.g. restored CI cache).
install_dir() {
  if command -v go >/dev/null 2>&1; then
    echo "$ENGINE_CACHE/ferretdb/$(build_key)"
  else
    # shellcheck disable=SC2012 # our own hex-named dirs
    ls -dt "$ENGINE_CACHE"/ferretdb/*/ 2>/dev/null | head -n1 | sed 's:/$::'
  fi
}

cmd_install() {
  local dir
  dir="$(install_dir)"
  if [[ -n "$dir" && -x "$dir/rapport-ferretdb" ]]; then
    log "already built: $dir/rapport-ferretdb"
    BIN="$dir/rapport-ferretdb"
    return 0
  fi
  need go "install Go 1.24+ (go.mod says 'go 1.24')"
  mkdir -p "$ENGINE_CACHE/ferretdb" "$RUN_DIR"
  local t0 blog="$RUN_DIR/install.log" tmp
  t0="$(now_ms)"
  tmp="$(mktemp -d "$ENGINE_CACHE/ferretdb/.build.XXXXXX")"
  log "building FerretDB (go build, pure Go, CGO off; log: $blog)"
  # nice: the machine is shared; -mod=readonly: go.mod/go.sum are committed and must not change.
  if ! (cd "$SRC_DIR" && CGO_ENABLED=0 nice -n 10 go build -mod=readonly -trimpath -tags "$BUILD_TAGS" -ldflags "$BUILD_LDFLAGS" \
      -o "$tmp/rapport-ferretdb" .) >"$blog" 2>&1; then
    rm -rf "$tmp"
    die_log "go build failed" "$blog"
  fi
  rm -rf "$dir"
  mv "$tmp" "$dir"
  BIN="$dir/rapport-ferretdb"
  log "built $BIN ($(du -h "$BIN" | cut -f1)) in $(elapsed "$t0")"
}

ready() {
  if command -v python3 >/dev/null 2>&1; then
    python3 "$PROBE" "$ENGINE_HOST" "$FERRETDB_PORT" 2 >/dev/null
  else
    port_open "$ENGINE_HOST" "$FERRETDB_PORT"
  fi
}

cmd_start() {
  local t0
  if pid_alive "$PIDFILE" "$PATTERN"; then
    if ready; then
      log "already running (pid $(cat "$PIDFILE")) on $ENGINE_HOST:$FERRETDB_PORT"
      return 0
    fi
    log "process $(cat "$PIDFILE") is running but not ready yet; waiting"
  else
    cmd_install
    ensure_port_free "$FERRETDB_PORT" "FERRETDB_PORT"
    mkdir -p "$DATA_DIR"
    t0="$(now_ms)"
    echo "===== start $(date -Is) =====" >>"$LOGFILE"
    local debug=()
    [[ "${FERRETDB_DEBUG:-0}" == 1 ]] && debug=(-debug)
    setsid "$BIN" -listen "$ENGINE_HOST:$FERRETDB_PORT" -data-dir "$DATA_DIR" "${debug[@]}" \
      >>"$LOGFILE" 2>&1 </dev/null &
    echo $! >"$PIDFILE"
    log "started pid $! (log: $LOGFILE)"
  fi
  local i
  for ((i = 0; i < FERRETDB_START_TIMEOUT * 10; i++)); do
    pid_running "$PIDFILE" || die_log "FerretDB exited during startup" "$LOGFILE"
    if ready; then
      log "ready on $ENGINE_HOST:$FERRETDB_PORT${t0:+ after $(elapsed "$t0")}"
      return 0
    fi
    sleep 0.1
  done
  die_log "FerretDB not answering ping after ${FERRETDB_START_TIMEOUT}s (pid $(cat "$PIDFILE"); run '$0 stop')" "$LOGFILE"
}

cmd_stop() {
  local t0
  t0="$(now_ms)"
  stop_pid "$PIDFILE" "$PATTERN" 15
  log "stop took $(elapsed "$t0")"
}

cmd_status() {
  if pid_alive "$PIDFILE" "$PATTERN" && ready; then
    echo "ferretdb: running (pid $(cat "$PIDFILE")) on $ENGINE_HOST:$FERRETDB_PORT, data $DATA_DIR, log $LOGFILE"
  else
    echo "ferretdb: stopped"
    return 1
  fi
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  restart) cmd_stop; cmd_start ;;
  status) cmd_status ;;
  url) echo "mongodb://$ENGINE_HOST:$FERRETDB_PORT/" ;;
  reset) cmd_stop; rm -rf "$DATA_DIR"; log "deleted $DATA_DIR" ;;
  *) usage_exit "install|start|stop|restart|status|url|reset" ;;
esac
