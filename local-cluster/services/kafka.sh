# shellcheck shell=bash
# Kafka broker of the local cluster: one KRaft node in combined mode (broker + controller), run from the jars
# Maven resolves (no tarball is reachable here). Sourced after lib/common.sh; defines kafka_install, kafka_start,
# kafka_ready, kafka_stop, kafka_status and kafka_cli.

KAFKA_HOME="$PT_OPT/kafka-$KAFKA_VERSION"
KAFKA_LIBS="$KAFKA_HOME/libs"
KAFKA_POM="$LC_DIR/kafka/pom.xml"
KAFKA_DATA="$PT_DATA/kafka"
KAFKA_LOG="$PT_LOGS/kafka.log"
KAFKA_HEAP="${KAFKA_HEAP:-512m}"
KAFKA_BROKER_LOG4J="$LC_DIR/kafka/log4j2.properties"
KAFKA_TOOLS_LOG4J="$LC_DIR/kafka/tools-log4j2.properties"
# kafka_cli is exported for child shells; these are what it needs.
export KAFKA_LIBS KAFKA_TOOLS_LOG4J

_kafka_java() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then echo "$JAVA_HOME/bin/java"; else echo java; fi
}

# The marker holds the hash of the pom that filled the lib folder: a changed pom means a new install.
_kafka_pom_hash() { sha256sum "$KAFKA_POM" | cut -d' ' -f1; }
_kafka_installed() {
  [[ -f "$KAFKA_LIBS/.installed" && "$(cat "$KAFKA_LIBS/.installed")" == "$(_kafka_pom_hash)" ]]
}

# kafka_install: resolves kafka_2.13 + kafka-tools $KAFKA_VERSION and their runtime dependencies into
# $PT_OPT/kafka-$KAFKA_VERSION/libs; does nothing when that folder is complete.
kafka_install() {
  if _kafka_installed; then
    log "kafka $KAFKA_VERSION already installed ($KAFKA_LIBS)"
    return 0
  fi
  log "installing kafka $KAFKA_VERSION into $KAFKA_LIBS (Maven)"
  local tmp="$KAFKA_HOME/libs.partial"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  if ! mvn_quiet -f "$KAFKA_POM" dependency:copy-dependencies -DoutputDirectory="$tmp"; then
    rm -rf "$tmp"
    log "kafka install failed (mvn -f $KAFKA_POM dependency:copy-dependencies)"
    return 1
  fi
  rm -rf "$KAFKA_LIBS"
  mv "$tmp" "$KAFKA_LIBS"
  _kafka_pom_hash > "$KAFKA_LIBS/.installed"
  log "kafka installed: $(find "$KAFKA_LIBS" -name '*.jar' | wc -l) jars"
}

# kafka_cli MAINCLASS ARGS...: runs a Kafka CLI main class with the broker's libs, e.g.
#   kafka_cli org.apache.kafka.tools.TopicCommand --bootstrap-server "$POSTTRADE_KAFKA_BOOTSTRAP" --list
#   kafka_cli org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server ... --topic t --from-beginning
# KAFKA_CLI_OPTS adds JVM options. Logs warnings only, on stderr.
kafka_cli() {
  if [[ $# -lt 1 ]]; then
    echo "usage: kafka_cli MAINCLASS [ARGS...]" >&2
    return 2
  fi
  if [[ ! -f "$KAFKA_LIBS/.installed" ]]; then
    echo "kafka_cli: Kafka is not installed in $KAFKA_LIBS (run kafka_install)" >&2
    return 1
  fi
  local main="$1"
  shift
  local java=java
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then java="$JAVA_HOME/bin/java"; fi
  # shellcheck disable=SC2086  # KAFKA_CLI_OPTS holds several words
  "$java" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true ${KAFKA_CLI_OPTS:-} \
    -Dlog4j2.configurationFile="$KAFKA_TOOLS_LOG4J" \
    -cp "$KAFKA_LIBS/*" "$main" "$@"
}
export -f kafka_cli

_kafka_write_config() {
  mkdir -p "$KAFKA_DATA/logs"
  cat > "$KAFKA_DATA/server.properties.tmp" <<EOF
# Written by local-cluster/services/kafka.sh at every start; edits are lost.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@${PT_HOST}:${KAFKA_CONTROLLER_PORT}
listeners=PLAINTEXT://${PT_HOST}:${KAFKA_PORT},CONTROLLER://${PT_HOST}:${KAFKA_CONTROLLER_PORT}
advertised.listeners=PLAINTEXT://${PT_HOST}:${KAFKA_PORT}
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT

log.dirs=${KAFKA_DATA}/logs
num.partitions=1
auto.create.topics.enable=false

# A single node: every replication factor and min.insync.replicas is 1.
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1

# Consumer groups start at once instead of waiting 3 s for more members.
group.initial.rebalance.delay.ms=0
# transaction.max.timeout.ms keeps its default (15 min): Flink's exactly-once KafkaSink must stay below it.
EOF
  mv "$KAFKA_DATA/server.properties.tmp" "$KAFKA_DATA/server.properties"
  # Short timeouts for the readiness probe (kafka_ready), so that a broker that hangs does not hang `up`.
  cat > "$KAFKA_DATA/probe-client.properties" <<EOF
request.timeout.ms=5000
default.api.timeout.ms=8000
socket.connection.setup.timeout.ms=2000
socket.connection.setup.timeout.max.ms=3000
EOF
}

# Formats the storage once (KRaft needs a cluster id in meta.properties before the first start).
_kafka_format() {
  [[ -f "$KAFKA_DATA/logs/meta.properties" ]] && return 0
  local cluster_id
  cluster_id="$(kafka_cli kafka.tools.StorageTool random-uuid | tail -n 1)"
  [[ -n "$cluster_id" ]] || { log "kafka: StorageTool random-uuid printed nothing"; return 1; }
  log "formatting kafka storage in $KAFKA_DATA/logs (cluster id $cluster_id)"
  if ! kafka_cli kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_DATA/server.properties" >>"$KAFKA_LOG" 2>&1; then
    log "kafka storage format failed; last lines of $KAFKA_LOG:"
    tail -n 20 "$KAFKA_LOG" >&2
    return 1
  fi
}

# kafka_ready: 0 when the broker answers a metadata request (lists topics).
kafka_ready() {
  port_open "$KAFKA_PORT" || return 1
  local probe=()
  [[ -f "$KAFKA_DATA/probe-client.properties" ]] && probe=(--command-config "$KAFKA_DATA/probe-client.properties")
  kafka_cli org.apache.kafka.tools.TopicCommand --bootstrap-server "$PT_HOST:$KAFKA_PORT" "${probe[@]}" --list >/dev/null 2>&1
}

# True when the broker we started is ready, or when it died (wait_for then stops at once).
_kafka_ready_or_dead() { ! started_by_us kafka || kafka_ready; }

# kafka_start: starts the broker unless something already answers on $KAFKA_PORT, then waits until it is ready.
kafka_start() {
  if port_open "$KAFKA_PORT"; then
    if started_by_us kafka; then
      log "kafka already running (pid $(cat "$(pidfile kafka)"), $PT_HOST:$KAFKA_PORT)"
    else
      log "kafka: something already answers on $PT_HOST:$KAFKA_PORT; using it (not started here, will not be stopped)"
    fi
    return 0
  fi
  if ! started_by_us kafka; then
    # Every step returns on failure itself: callers may run kafka_start where set -e is off (if, ||).
    _kafka_installed || kafka_install || return 1
    _kafka_write_config || return 1
    _kafka_format || return 1
    log "starting kafka on $PT_HOST:$KAFKA_PORT (controller $KAFKA_CONTROLLER_PORT), log $KAFKA_LOG"
    start_bg kafka "$KAFKA_LOG" "$(_kafka_java)" "-Xmx$KAFKA_HEAP" "-Xms$KAFKA_HEAP" \
      -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
      -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true \
      -Dlog4j2.configurationFile="$KAFKA_BROKER_LOG4J" -Dkafka.logs.dir="$PT_LOGS" \
      -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_DATA/server.properties"
  fi
  local t0=$SECONDS
  if wait_for kafka 90 _kafka_ready_or_dead && started_by_us kafka && kafka_ready; then
    log "kafka ready on $PT_HOST:$KAFKA_PORT after $((SECONDS - t0)) s"
    return 0
  fi
  if ! started_by_us kafka; then
    log "kafka exited"
    rm -f "$(pidfile kafka)"
  fi
  log "kafka did not become ready; last lines of $KAFKA_LOG:"
  tail -n 40 "$KAFKA_LOG" >&2
  return 1
}

# kafka_stop: stops the broker if we started it (controlled shutdown on TERM).
kafka_stop() { stop_pid kafka; }

# kafka_status: one line: name, state (running, running-not-ours, not-answering, stopped), address, pid.
kafka_status() {
  local state pid="-"
  if started_by_us kafka; then
    pid="$(cat "$(pidfile kafka)")"
    if port_open "$KAFKA_PORT"; then state=running; else state=not-answering; fi
  elif port_open "$KAFKA_PORT"; then
    state=running-not-ours
  else
    state=stopped
  fi
  printf '%-18s %-17s %-28s %s\n' kafka "$state" "$PT_HOST:$KAFKA_PORT" "$pid"
}
