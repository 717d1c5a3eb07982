#!/usr/bin/env bash
# Shared settings and helpers of the local cluster scripts. Sourced, never run.
# Every port and folder can be overridden from the environment; nothing binds beyond 127.0.0.1.

set -euo pipefail

LC_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO_ROOT="$(cd "$LC_DIR/.." && pwd)"

# One folder holds everything the cluster installs (opt/), keeps (data/), logs (logs/) and the pids of what `up` started (run/).
POSTTRADE_HOME="${POSTTRADE_HOME:-$REPO_ROOT/.posttrade}"
PT_OPT="$POSTTRADE_HOME/opt"
PT_DATA="$POSTTRADE_HOME/data"
PT_LOGS="$POSTTRADE_HOME/logs"
PT_RUN="$POSTTRADE_HOME/run"

PT_HOST="127.0.0.1"
KAFKA_PORT="${KAFKA_PORT:-19092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-19093}"
REGISTRY_PORT="${REGISTRY_PORT:-18081}"
CLICKHOUSE_HTTP_PORT="${CLICKHOUSE_HTTP_PORT:-18123}"
CLICKHOUSE_TCP_PORT="${CLICKHOUSE_TCP_PORT:-19000}"
FLINK_REST_PORT="${FLINK_REST_PORT:-18088}"
FLINK_RPC_PORT="${FLINK_RPC_PORT:-16123}"
FLINK_BLOB_PORT="${FLINK_BLOB_PORT:-16124}"
FLINK_TM_RPC_PORT="${FLINK_TM_RPC_PORT:-16125}"
FLINK_TM_DATA_PORT="${FLINK_TM_DATA_PORT:-16126}"
FLINK_TM_SLOTS="${FLINK_TM_SLOTS:-4}"

KAFKA_VERSION="4.2.0"
FLINK_VERSION="2.2.1"
APICURIO_VERSION="2.4.2.Final"

# Addresses other tools (tests, jobs, generator) use; exported so that child processes see them.
export POSTTRADE_KAFKA_BOOTSTRAP="${PT_HOST}:${KAFKA_PORT}"
export POSTTRADE_REGISTRY_URL="http://${PT_HOST}:${REGISTRY_PORT}/apis/ccompat/v7"
export POSTTRADE_CLICKHOUSE_URL="http://${PT_HOST}:${CLICKHOUSE_HTTP_PORT}"
export POSTTRADE_FLINK_REST="http://${PT_HOST}:${FLINK_REST_PORT}"

mkdir -p "$PT_OPT" "$PT_DATA" "$PT_LOGS" "$PT_RUN"

log()  { printf '[local-cluster] %s\n' "$*" >&2; }
die()  { printf '[local-cluster] ERROR: %s\n' "$*" >&2; exit 1; }

# Maven in batch mode; MAVEN_ARGS lets CI add settings (e.g. a mirror).
mvn_quiet() { mvn -B -q ${MAVEN_ARGS:-} "$@"; }

port_open() { (exec 3<>"/dev/tcp/$PT_HOST/$1") 2>/dev/null && exec 3>&- 3<&- ; }

# wait_for NAME SECONDS COMMAND...: polls COMMAND every half second until it succeeds.
wait_for() {
  local name="$1" secs="$2"; shift 2
  local deadline=$((SECONDS + secs))
  until "$@" >/dev/null 2>&1; do
    if (( SECONDS >= deadline )); then
      log "$name did not become ready within ${secs}s"; return 1
    fi
    sleep 0.5
  done
}

pidfile() { echo "$PT_RUN/$1.pid"; }

# started_by_us NAME: true when `up` started NAME and that process still runs.
started_by_us() {
  local f; f="$(pidfile "$1")"
  [[ -f "$f" ]] && kill -0 "$(cat "$f")" 2>/dev/null
}

# start_bg NAME LOGFILE COMMAND...: starts a process detached from this shell, records its pid.
start_bg() {
  local name="$1" logfile="$2"; shift 2
  nohup setsid "$@" >>"$logfile" 2>&1 < /dev/null &
  echo $! > "$(pidfile "$name")"
}

# stop_pid NAME: stops what `up` started under NAME (TERM, then KILL after 20 s), and only that.
stop_pid() {
  local name="$1" f pid
  f="$(pidfile "$name")"
  [[ -f "$f" ]] || return 0
  pid="$(cat "$f")"
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping $name (pid $pid)"
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then
      log "$name did not stop in 20 s, killing"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$f"
}
