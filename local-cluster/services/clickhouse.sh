# ClickHouse of the local cluster: Debian's clickhouse-server 18.16.1, run as a plain process (no systemd)
# on POSTTRADE_CLICKHOUSE_URL = http://127.0.0.1:$CLICKHOUSE_HTTP_PORT (native protocol on $CLICKHOUSE_TCP_PORT).
# Sourced after lib/common.sh; defines clickhouse_install/start/ready/stop/status and clickhouse_query.
#
# The packaged /etc/clickhouse-server/config.xml (and users.xml: user `default`, no password) is used
# unchanged; everything that must differ is overridden on the command line: data, tmp, user_files and
# format_schemas folders under $PT_DATA/clickhouse, logs under $PT_LOGS, our ports, listen_host 127.0.0.1
# only, and the interserver (replication) port set to 0, i.e. an ephemeral port, so that it can never
# collide with 9009 of another server. 18.16 has no MySQL/PostgreSQL ports; HTTPS and the secure native
# port are commented out in the packaged config. Preprocessed configs land in the data folder, not /etc.
# Data is kept between runs (`down` stops the server but does not delete $PT_DATA/clickhouse).

CLICKHOUSE_DATA="$PT_DATA/clickhouse"
CLICKHOUSE_CONFIG="${CLICKHOUSE_CONFIG:-/etc/clickhouse-server/config.xml}"
CLICKHOUSE_LOG="$PT_LOGS/clickhouse.log"
CLICKHOUSE_ERRLOG="$PT_LOGS/clickhouse.err.log"
CLICKHOUSE_STDOUT="$PT_LOGS/clickhouse.stdout.log"
# warning keeps the log small; information or debug show startup and queries.
CLICKHOUSE_LOG_LEVEL="${CLICKHOUSE_LOG_LEVEL:-warning}"

clickhouse_server_bin() {
  command -v clickhouse-server 2>/dev/null || { [[ -x /usr/sbin/clickhouse-server ]] && echo /usr/sbin/clickhouse-server; }
}

clickhouse_install() {
  local missing=()
  [[ -n "$(clickhouse_server_bin)" ]] || missing+=(clickhouse-server)
  command -v clickhouse-client >/dev/null || missing+=(clickhouse-client)
  command -v curl >/dev/null || missing+=(curl)
  if (( ${#missing[@]} == 0 )); then
    log "clickhouse: $(clickhouse_server_bin) already installed"
    return 0
  fi
  local sudo=()
  if [[ "$(id -u)" -ne 0 ]]; then
    command -v sudo >/dev/null || die "clickhouse: not root and no sudo; run: apt-get install ${missing[*]}"
    sudo=(sudo)
  fi
  log "clickhouse: installing ${missing[*]} with apt-get"
  "${sudo[@]}" apt-get update -qq || die "clickhouse: apt-get update failed"
  # On a machine with systemd the package also starts the system-wide server (8123/9000); ours uses other
  # ports and folders, so both can run side by side.
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" \
    || die "clickhouse: apt-get install ${missing[*]} failed"
  [[ -n "$(clickhouse_server_bin)" ]] || die "clickhouse: clickhouse-server not found after install"
}

# clickhouse_query SQL: runs SQL over HTTP against the local server and prints the result (TabSeparated,
# the HTTP default). Fails with the server's message on an HTTP error.
clickhouse_query() {
  local sql="$1" out code
  if ! out="$(curl -sS --max-time "${CLICKHOUSE_QUERY_TIMEOUT:-300}" --data-binary "$sql" \
                -w '\n%{http_code}' "$POSTTRADE_CLICKHOUSE_URL/")"; then
    log "clickhouse: query failed, no answer from $POSTTRADE_CLICKHOUSE_URL"
    return 1
  fi
  code="${out##*$'\n'}"
  out="${out%$'\n'*}"
  if [[ "$code" != 2* ]]; then
    printf '[local-cluster] clickhouse: HTTP %s: %s\n' "$code" "$out" >&2
    return 1
  fi
  printf '%s' "$out"
}

# clickhouse_ready: /ping answers "Ok." and a query runs.
clickhouse_ready() {
  [[ "$(curl -fsS --max-time 3 "$POSTTRADE_CLICKHOUSE_URL/ping" 2>/dev/null)" == "Ok." ]] &&
    [[ "$(CLICKHOUSE_QUERY_TIMEOUT=5 clickhouse_query 'SELECT 1' 2>/dev/null)" == "1" ]]
}

clickhouse_start() {
  if started_by_us clickhouse; then
    log "clickhouse: already running (pid $(cat "$(pidfile clickhouse)"))"
  elif port_open "$CLICKHOUSE_HTTP_PORT"; then
    log "clickhouse: port $CLICKHOUSE_HTTP_PORT already answers; using the running server (not started by us, left alone by down)"
  elif port_open "$CLICKHOUSE_TCP_PORT"; then
    die "clickhouse: port $CLICKHOUSE_TCP_PORT is taken by another process; set CLICKHOUSE_TCP_PORT"
  else
    local bin; bin="$(clickhouse_server_bin)"
    [[ -n "$bin" ]] || die "clickhouse: clickhouse-server is not installed; run the install step first"
    mkdir -p "$CLICKHOUSE_DATA/tmp" "$CLICKHOUSE_DATA/user_files" "$CLICKHOUSE_DATA/format_schemas"
    log "clickhouse: starting on $POSTTRADE_CLICKHOUSE_URL, native port $CLICKHOUSE_TCP_PORT (data: $CLICKHOUSE_DATA, log: $CLICKHOUSE_LOG)"
    ( cd "$CLICKHOUSE_DATA" && start_bg clickhouse "$CLICKHOUSE_STDOUT" \
        "$bin" --config-file="$CLICKHOUSE_CONFIG" -- \
          --path="$CLICKHOUSE_DATA/" \
          --tmp_path="$CLICKHOUSE_DATA/tmp/" \
          --user_files_path="$CLICKHOUSE_DATA/user_files/" \
          --format_schema_path="$CLICKHOUSE_DATA/format_schemas/" \
          --logger.log="$CLICKHOUSE_LOG" \
          --logger.errorlog="$CLICKHOUSE_ERRLOG" \
          --logger.level="$CLICKHOUSE_LOG_LEVEL" \
          --listen_host="$PT_HOST" \
          --http_port="$CLICKHOUSE_HTTP_PORT" \
          --tcp_port="$CLICKHOUSE_TCP_PORT" \
          --interserver_http_port=0 )
  fi
  if ! wait_for clickhouse 60 clickhouse_ready; then
    local f
    for f in "$CLICKHOUSE_STDOUT" "$CLICKHOUSE_ERRLOG"; do
      [[ -f "$f" ]] && { log "clickhouse: tail of $f"; tail -n 30 "$f" >&2; }
    done
    die "clickhouse: not ready at $POSTTRADE_CLICKHOUSE_URL"
  fi
  log "clickhouse: ready at $POSTTRADE_CLICKHOUSE_URL ($(clickhouse_query 'SELECT version()' 2>/dev/null | tr -d '\n'))"
}

clickhouse_stop() {
  stop_pid clickhouse
}

clickhouse_status() {
  local state pid="-"
  if started_by_us clickhouse; then
    state=running; pid="$(cat "$(pidfile clickhouse)")"
  elif port_open "$CLICKHOUSE_HTTP_PORT"; then
    state=running-not-ours
  else
    state=stopped
  fi
  printf '%-12s %-17s %-45s pid %s\n' clickhouse "$state" "$POSTTRADE_CLICKHOUSE_URL (tcp $CLICKHOUSE_TCP_PORT)" "$pid"
}
