# Schema registry of the local cluster: Apicurio Registry 2.4.2.Final with its Confluent-compatible API
# (POSTTRADE_REGISTRY_URL = http://127.0.0.1:$REGISTRY_PORT/apis/ccompat/v7).
# Sourced after lib/common.sh; defines registry_install/start/ready/stop/status.
#
# Storage is Apicurio's default in-memory H2 database: every schema is lost when the registry stops,
# and `up` registers the pipeline's schemas again after registry_start. Global compatibility is set to
# BACKWARD at every start, so an incompatible schema is refused with HTTP 409 as in production.
#
# Confluent's own server is not on Maven Central; Apicurio is built from Central as a Quarkus uber-jar
# from local-cluster/registry/pom.xml (cold build: a few minutes, about 130 MB; never committed).

REGISTRY_SRC="$LC_DIR/registry"
REGISTRY_HOME="$PT_OPT/apicurio-registry-$APICURIO_VERSION"
REGISTRY_JAR="$REGISTRY_HOME/apicurio-registry-$APICURIO_VERSION-runner.jar"
REGISTRY_BUILD_DIR="$PT_OPT/build/apicurio-registry-$APICURIO_VERSION"
REGISTRY_DATA="$PT_DATA/registry"
REGISTRY_LOG="$PT_LOGS/registry.log"
REGISTRY_BASE_URL="http://$PT_HOST:$REGISTRY_PORT"
# Heap of the registry JVM; the in-memory store of a local run stays small.
REGISTRY_HEAP="${REGISTRY_HEAP:-384m}"
# Maven settings of the build: by default a mirror of every repository to Central (Apicurio's parent poms
# name repositories that are unreachable here). Set REGISTRY_MAVEN_SETTINGS= (empty) to use your own settings.
REGISTRY_MAVEN_SETTINGS="${REGISTRY_MAVEN_SETTINGS-$REGISTRY_SRC/settings.xml}"

registry_install() {
  if [[ -f "$REGISTRY_JAR" ]]; then
    log "registry: $REGISTRY_JAR already built"
    return 0
  fi
  command -v java >/dev/null || die "registry: java (JDK 17) is required to build and run Apicurio Registry"
  command -v mvn >/dev/null || die "registry: mvn is required to build Apicurio Registry"
  local buildlog="$PT_LOGS/registry-build.log" started=$SECONDS
  mkdir -p "$REGISTRY_BUILD_DIR" "$REGISTRY_DATA"
  log "registry: building Apicurio Registry $APICURIO_VERSION from Maven Central (first time: a few minutes; log: $buildlog)"
  local settings=()
  [[ -n "$REGISTRY_MAVEN_SETTINGS" ]] && settings=(-s "$REGISTRY_MAVEN_SETTINGS")
  if ! MAVEN_OPTS="${MAVEN_OPTS:-} -Dquarkus.analytics.disabled=true -Dvertx.cacheDirBase=$REGISTRY_BUILD_DIR/vertx-cache" \
      mvn_quiet "${settings[@]}" -f "$REGISTRY_SRC/pom.xml" \
        -Dregistry.build.dir="$REGISTRY_BUILD_DIR" \
        -Dquarkus.analytics.disabled=true \
        -DskipTests package >"$buildlog" 2>&1; then
    tail -n 40 "$buildlog" >&2
    die "registry: build failed (see $buildlog)"
  fi
  local runner
  runner="$(ls "$REGISTRY_BUILD_DIR"/*-runner.jar 2>/dev/null | head -n 1)"
  [[ -n "$runner" ]] || die "registry: build produced no *-runner.jar in $REGISTRY_BUILD_DIR (see $buildlog)"
  mkdir -p "$REGISTRY_HOME"
  # Move rather than copy: the jar is about 130 MB and the build folder has no further use for it.
  mv "$runner" "$REGISTRY_JAR.tmp" && mv "$REGISTRY_JAR.tmp" "$REGISTRY_JAR"
  log "registry: built $REGISTRY_JAR in $((SECONDS - started)) s"
}

# registry_ready: the server is up and the Confluent-compatible API answers.
registry_ready() {
  curl -fsS --max-time 3 "$REGISTRY_BASE_URL/health/ready" 2>/dev/null | grep -Eq '"status" *: *"UP"' &&
    curl -fsS --max-time 3 -o /dev/null "$POSTTRADE_REGISTRY_URL/subjects"
}

# registry_set_global_compatibility LEVEL: PUT /config on the Confluent-compatible API.
registry_set_global_compatibility() {
  local level="${1:-BACKWARD}" out
  if ! out="$(curl -sS --max-time 5 -X PUT -H 'Content-Type: application/vnd.schemaregistry.v1+json' \
        --data "{\"compatibility\":\"$level\"}" -w '\n%{http_code}' "$POSTTRADE_REGISTRY_URL/config")" ||
     [[ "${out##*$'\n'}" != 2* ]]; then
    log "registry: could not set global compatibility to $level: ${out%$'\n'*}"
    return 1
  fi
}

registry_start() {
  if started_by_us registry; then
    log "registry: already running (pid $(cat "$(pidfile registry)"))"
  elif port_open "$REGISTRY_PORT"; then
    log "registry: port $REGISTRY_PORT already answers; using the running registry (not started by us, left alone by down)"
  else
    [[ -f "$REGISTRY_JAR" ]] || die "registry: $REGISTRY_JAR is missing; run the install step first"
    mkdir -p "$REGISTRY_DATA/tmp"
    log "registry: starting on $REGISTRY_BASE_URL (log: $REGISTRY_LOG)"
    # cd into the data folder: Quarkus and Narayana write scratch files relative to the working directory;
    # Vert.x makes vertx-cache-<uuid> there (vertx.cacheDirBase is a prefix) and removes it on shutdown.
    ( cd "$REGISTRY_DATA" && start_bg registry "$REGISTRY_LOG" \
        java -Xmx"$REGISTRY_HEAP" -XX:+UseSerialGC \
          -Djava.io.tmpdir="$REGISTRY_DATA/tmp" \
          -Dvertx.cacheDirBase="$REGISTRY_DATA/vertx-cache" \
          -Dquarkus.http.host="$PT_HOST" \
          -Dquarkus.http.port="$REGISTRY_PORT" \
          -jar "$REGISTRY_JAR" )
  fi
  if ! wait_for registry 90 registry_ready; then
    [[ -f "$REGISTRY_LOG" ]] && tail -n 40 "$REGISTRY_LOG" >&2
    die "registry: not ready at $REGISTRY_BASE_URL"
  fi
  registry_set_global_compatibility BACKWARD || die "registry: global compatibility could not be set"
  log "registry: ready at $POSTTRADE_REGISTRY_URL (global compatibility BACKWARD, in-memory storage)"
}

registry_stop() {
  stop_pid registry
}

registry_status() {
  local state pid="-"
  if started_by_us registry; then
    state=running; pid="$(cat "$(pidfile registry)")"
  elif port_open "$REGISTRY_PORT"; then
    state=running-not-ours
  else
    state=stopped
  fi
  printf '%-12s %-17s %-45s pid %s\n' registry "$state" "$POSTTRADE_REGISTRY_URL" "$pid"
}
