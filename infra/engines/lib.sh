# shellcheck shell=bash
# Shared helpers for infra/engines/*.sh. Sourced, never executed.
#
#   RAPPORT_ENGINE_CACHE  where installs are cached   (default: $HOME/.cache/rapport-engines)
#   RAPPORT_ENGINE_RUN    data dirs, logs, pid files  (default: /tmp/rapport-engines)

# shellcheck disable=SC2034 # used by the scripts that source this file
ENGINES_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck disable=SC2034
ENGINE_CACHE="${RAPPORT_ENGINE_CACHE:-${HOME:-/root}/.cache/rapport-engines}"
# shellcheck disable=SC2034
ENGINE_RUN="${RAPPORT_ENGINE_RUN:-/tmp/rapport-engines}"
ENGINE_HOST=127.0.0.1

# ENGINE must be set by the sourcing script (kafka | postgres | ferretdb).
: "${ENGINE:?ENGINE must be set before sourcing lib.sh}"

log()  { printf '[%s %s] %s\n' "$ENGINE" "$(date +%H:%M:%S)" "$*" >&2; }
die()  { printf '[%s] ERROR: %s\n' "$ENGINE" "$*" >&2; exit 1; }

# die, pointing at a log file and showing its tail.
die_log() {
  local msg="$1" logfile="$2"
  printf '[%s] ERROR: %s\n' "$ENGINE" "$msg" >&2
  if [[ -f "$logfile" ]]; then
    printf '[%s] last lines of %s:\n' "$ENGINE" "$logfile" >&2
    tail -n 30 "$logfile" | sed 's/^/    /' >&2
  fi
  printf '[%s] full log: %s\n' "$ENGINE" "$logfile" >&2
  exit 1
}

need() { command -v "$1" >/dev/null 2>&1 || die "'$1' not found on PATH ($2)"; }

# True when something accepts TCP connections on host:port.
port_open() {
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

# Fail early when a port we want to listen on is already taken by somebody else.
ensure_port_free() {
  local port="$1" what="$2"
  if port_open "$ENGINE_HOST" "$port"; then
    die "port $ENGINE_HOST:$port ($what) is already in use by another process; set a different port via env"
  fi
}

# pid_alive PIDFILE PATTERN: the pid in PIDFILE is running and its command line matches PATTERN
# (guards against a stale pid file whose pid was reused by an unrelated process).
pid_alive() {
  local pidfile="$1" pattern="$2" pid
  [[ -s "$pidfile" ]] || return 1
  pid="$(cat "$pidfile")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$pattern"
}

# pid_running PIDFILE: the pid we just started still exists. Used while an engine starts: between fork and
# exec its command line is still the shell's, so pid_alive's pattern check would call it dead.
pid_running() {
  local pidfile="$1" pid
  [[ -s "$pidfile" ]] || return 1
  pid="$(cat "$pidfile")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null
}

# stop_pid PIDFILE PATTERN TIMEOUT_S: SIGTERM, wait up to TIMEOUT_S, then SIGKILL.
stop_pid() {
  local pidfile="$1" pattern="$2" timeout="$3" pid i
  if ! pid_alive "$pidfile" "$pattern"; then
    rm -f "$pidfile"
    log "not running"
    return 0
  fi
  pid="$(cat "$pidfile")"
  log "stopping pid $pid (SIGTERM)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < timeout * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "still alive after ${timeout}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  fi
  kill -0 "$pid" 2>/dev/null && die "could not stop pid $pid"
  rm -f "$pidfile"
  log "stopped"
}

# Seconds since epoch with millis, for timing messages.
now_ms() { date +%s%3N; }
elapsed() { local s="$1"; printf '%d.%03ds' $((($(now_ms) - s) / 1000)) $((($(now_ms) - s) % 1000)); }

# Portable sha256 of files (stdin-free), first 16 hex chars.
hash_files() { cat "$@" | sha256sum | cut -c1-16; }

usage_exit() {
  echo "usage: $0 {$1}" >&2
  exit 2
}
