# shellcheck shell=bash
# Flink standalone session cluster of the local cluster: one JobManager and one TaskManager, run from the jars
# Maven resolves (no flink-dist tarball is reachable here). Sourced after lib/common.sh; defines flink_install,
# flink_start, flink_ready, flink_stop, flink_status and flink_cli.

FLINK_HOME="$PT_OPT/flink-$FLINK_VERSION"
FLINK_LIB="$FLINK_HOME/lib"
FLINK_PLUGINS="$FLINK_HOME/plugins"
FLINK_POM="$LC_DIR/flink/pom.xml"
FLINK_TEMPLATE_DIR="$LC_DIR/flink"
FLINK_DATA="$PT_DATA/flink"
FLINK_CONF="$FLINK_DATA/conf"
FLINK_CLI_HEAP="${FLINK_CLI_HEAP:-512m}"

_flink_java() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then echo "$JAVA_HOME/bin/java"; else echo java; fi
}

# The marker holds the hash of the pom that filled the lib folder: a changed pom means a new install.
_flink_pom_hash() { sha256sum "$FLINK_POM" | cut -d' ' -f1; }
_flink_installed() {
  [[ -f "$FLINK_LIB/.installed" && "$(cat "$FLINK_LIB/.installed")" == "$(_flink_pom_hash)" ]]
}

# flink_install: resolves flink-runtime, flink-clients, flink-runtime-web, flink-streaming-java $FLINK_VERSION and
# log4j into $PT_OPT/flink-$FLINK_VERSION/lib; does nothing when that folder is complete.
flink_install() {
  if _flink_installed; then
    log "flink $FLINK_VERSION already installed ($FLINK_LIB)"
    return 0
  fi
  log "installing flink $FLINK_VERSION into $FLINK_LIB (Maven)"
  local tmp="$FLINK_HOME/lib.partial"
  rm -rf "$tmp"
  mkdir -p "$tmp" "$FLINK_PLUGINS"
  if ! mvn_quiet -f "$FLINK_POM" dependency:copy-dependencies -DoutputDirectory="$tmp"; then
    rm -rf "$tmp"
    log "flink install failed (mvn -f $FLINK_POM dependency:copy-dependencies)"
    return 1
  fi
  rm -rf "$FLINK_LIB"
  mv "$tmp" "$FLINK_LIB"
  _flink_pom_hash > "$FLINK_LIB/.installed"
  log "flink installed: $(find "$FLINK_LIB" -name '*.jar' | wc -l) jars"
}

# Renders config.yaml (ports and folders of common.sh) and the log4j files into $FLINK_CONF.
_flink_write_conf() {
  mkdir -p "$FLINK_CONF" "$FLINK_DATA"/{tmp,blob,web-upload,web-tmp,checkpoints,savepoints}
  local text key
  text="$(cat "$FLINK_TEMPLATE_DIR/config.yaml.template")"
  for key in PT_HOST FLINK_DATA FLINK_REST_PORT FLINK_RPC_PORT FLINK_BLOB_PORT FLINK_TM_RPC_PORT \
             FLINK_TM_DATA_PORT FLINK_TM_SLOTS; do
    text="${text//"@$key@"/"${!key}"}"
  done
  if [[ "$text" =~ @[A-Z_]+@ ]]; then
    log "flink: placeholder ${BASH_REMATCH[0]} of config.yaml.template has no value"
    return 1
  fi
  printf '%s\n' "$text" > "$FLINK_CONF/config.yaml.tmp"
  mv "$FLINK_CONF/config.yaml.tmp" "$FLINK_CONF/config.yaml"
  cp "$FLINK_TEMPLATE_DIR/log4j.properties" "$FLINK_TEMPLATE_DIR/log4j-cli.properties" "$FLINK_CONF/"
}

# Sets _FLINK_OPTS_ALL to env.java.opts.all of the rendered config (the --add-opens/--add-exports list).
_flink_java_opts_all() {
  local line
  line="$(sed -n 's/^env\.java\.opts\.all:[[:space:]]*//p' "$FLINK_CONF/config.yaml" | tail -n 1)"
  read -r -a _FLINK_OPTS_ALL <<<"$line"
}

# _flink_resource_params GET_JM_RESOURCE_PARAMS|GET_TM_RESOURCE_PARAMS: runs BashJavaUtils as Flink's scripts do
# and sets _FLINK_JVM_PARAMS (line 1: -Xmx, -Xms, direct and metaspace sizes) and _FLINK_DYNAMIC_PARAMS
# (line 2: "-D key=value" memory settings the process must get, else the TaskManager refuses to start).
_flink_resource_params() {
  local cmd="$1" out results
  if ! out="$("$(_flink_java)" -Xmx128m -XX:+UseSerialGC -cp "$FLINK_LIB/*" \
        -Dlog.file="$PT_LOGS/flink-bash-java-utils.log" -Dlog4j.configurationFile="file:$FLINK_CONF/log4j.properties" \
        org.apache.flink.runtime.util.bash.BashJavaUtils "$cmd" --configDir "$FLINK_CONF" 2>&1)"; then
    log "flink: BashJavaUtils $cmd failed:"
    printf '%s\n' "$out" | tail -n 30 >&2
    return 1
  fi
  results="$(printf '%s\n' "$out" | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p')"
  if [[ "$(printf '%s\n' "$results" | grep -c .)" -ne 2 ]]; then
    log "flink: BashJavaUtils $cmd did not print the 2 expected result lines:"
    printf '%s\n' "$out" | tail -n 30 >&2
    return 1
  fi
  read -r -a _FLINK_JVM_PARAMS <<<"$(printf '%s\n' "$results" | sed -n 1p)"
  read -r -a _FLINK_DYNAMIC_PARAMS <<<"$(printf '%s\n' "$results" | sed -n 2p)"
}

# _flink_start_process NAME MAINCLASS RESOURCE_CMD: starts a JobManager or TaskManager with start_bg;
# Flink logs into $PT_LOGS/NAME.log, stdout and stderr go to $PT_LOGS/NAME.out (the web UI shows both).
_flink_start_process() {
  local name="$1" main="$2" resource_cmd="$3"
  _flink_resource_params "$resource_cmd" || return 1
  _flink_java_opts_all
  log "starting $name, log $PT_LOGS/$name.log"
  start_bg "$name" "$PT_LOGS/$name.out" env FLINK_CONF_DIR="$FLINK_CONF" FLINK_PLUGINS_DIR="$FLINK_PLUGINS" \
    "$(_flink_java)" "${_FLINK_JVM_PARAMS[@]}" "${_FLINK_OPTS_ALL[@]}" \
    -Dlog.file="$PT_LOGS/$name.log" \
    -Dlog4j.configuration="file:$FLINK_CONF/log4j.properties" \
    -Dlog4j.configurationFile="file:$FLINK_CONF/log4j.properties" \
    -cp "$FLINK_LIB/*" "$main" --configDir "$FLINK_CONF" "${_FLINK_DYNAMIC_PARAMS[@]}"
}

# flink_ready: 0 when the REST API answers /overview and at least one TaskManager with slots is registered.
flink_ready() {
  local body tms slots
  body="$(curl -sf --max-time 3 "http://$PT_HOST:$FLINK_REST_PORT/overview")" || return 1
  tms="$(printf '%s' "$body" | grep -o '"taskmanagers":[0-9]*' | cut -d: -f2)"
  slots="$(printf '%s' "$body" | grep -o '"slots-total":[0-9]*' | cut -d: -f2)"
  [[ "${tms:-0}" -ge 1 && "${slots:-0}" -gt 0 ]]
}

# True when the cluster we started is ready, or when one of its processes died (wait_for then stops at once).
_flink_ready_or_dead() {
  ! started_by_us flink-jobmanager || ! started_by_us flink-taskmanager || flink_ready
}

# flink_start: starts the JobManager and the TaskManager unless the REST port already answers, then waits until
# a TaskManager with slots is registered.
flink_start() {
  if port_open "$FLINK_REST_PORT"; then
    if ! started_by_us flink-jobmanager; then
      log "flink: something already answers on $PT_HOST:$FLINK_REST_PORT; using it (not started here, will not be stopped)"
      return 0
    fi
    if started_by_us flink-taskmanager; then
      log "flink already running (jobmanager pid $(cat "$(pidfile flink-jobmanager)"), $POSTTRADE_FLINK_REST)"
      return 0
    fi
    log "flink: our jobmanager runs but its taskmanager does not; starting the taskmanager"
  fi
  # Every step returns on failure itself: callers may run flink_start where set -e is off (if, ||).
  _flink_installed || flink_install || return 1
  _flink_write_conf || return 1
  if ! started_by_us flink-jobmanager; then
    _flink_start_process flink-jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint \
      GET_JM_RESOURCE_PARAMS || return 1
  fi
  if ! started_by_us flink-taskmanager; then
    # The TaskManager retries until the JobManager is up: no need to wait for it first.
    _flink_start_process flink-taskmanager org.apache.flink.runtime.taskexecutor.TaskManagerRunner \
      GET_TM_RESOURCE_PARAMS || return 1
  fi
  local t0=$SECONDS
  if wait_for flink 120 _flink_ready_or_dead && started_by_us flink-jobmanager && started_by_us flink-taskmanager \
     && flink_ready; then
    log "flink ready at $POSTTRADE_FLINK_REST after $((SECONDS - t0)) s"
    return 0
  fi
  local name
  for name in flink-jobmanager flink-taskmanager; do
    if ! started_by_us "$name"; then
      log "$name is not running"
      rm -f "$(pidfile "$name")"
    fi
    log "last lines of $PT_LOGS/$name.log and .out:"
    tail -n 30 "$PT_LOGS/$name.log" >&2 2>/dev/null || true
    tail -n 10 "$PT_LOGS/$name.out" >&2 2>/dev/null || true
  done
  return 1
}

# flink_stop: stops what we started, the TaskManager first.
flink_stop() {
  stop_pid flink-taskmanager
  stop_pid flink-jobmanager
}

# flink_status: one line: name, state (running, running-not-ours, degraded, stopped), REST address,
# pids (jobmanager/taskmanager).
flink_status() {
  local state jm="-" tm="-" jm_ours=0 tm_ours=0
  if started_by_us flink-jobmanager; then jm_ours=1; jm="$(cat "$(pidfile flink-jobmanager)")"; fi
  if started_by_us flink-taskmanager; then tm_ours=1; tm="$(cat "$(pidfile flink-taskmanager)")"; fi
  if (( jm_ours && tm_ours )) && flink_ready; then
    state=running
  elif (( !jm_ours && !tm_ours )) && port_open "$FLINK_REST_PORT"; then
    state=running-not-ours
  elif (( !jm_ours && !tm_ours )); then
    state=stopped
  else
    state=degraded
  fi
  local pids="-"
  (( jm_ours || tm_ours )) && pids="$jm/$tm"
  printf '%-18s %-17s %-28s %s\n' flink "$state" "$POSTTRADE_FLINK_REST" "$pids"
}

# flink_cli ARGS...: Flink's command line client (bin/flink) against the local cluster, e.g.
#   flink_cli run -d path/to/job.jar --arg value
#   flink_cli list
#   flink_cli cancel JOBID
# FLINK_CLI_OPTS adds JVM options. The client logs into $PT_LOGS/flink-client.log.
flink_cli() {
  if ! _flink_installed; then
    log "flink_cli: Flink is not installed in $FLINK_LIB (run flink_install)"
    return 1
  fi
  _flink_write_conf || return 1
  _flink_java_opts_all
  # shellcheck disable=SC2086  # FLINK_CLI_OPTS holds several words
  FLINK_CONF_DIR="$FLINK_CONF" FLINK_PLUGINS_DIR="$FLINK_PLUGINS" FLINK_LIB_DIR="$FLINK_LIB" \
    "$(_flink_java)" "-Xmx$FLINK_CLI_HEAP" "${_FLINK_OPTS_ALL[@]}" ${FLINK_CLI_OPTS:-} \
    -Dlog.file="$PT_LOGS/flink-client.log" \
    -Dlog4j.configuration="file:$FLINK_CONF/log4j-cli.properties" \
    -Dlog4j.configurationFile="file:$FLINK_CONF/log4j-cli.properties" \
    -cp "$FLINK_LIB/*" org.apache.flink.client.cli.CliFrontend "$@"
}
