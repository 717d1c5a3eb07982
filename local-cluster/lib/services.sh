#!/usr/bin/env bash
# Loads common settings and every service's functions. Sourced by the top-level scripts.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
for _svc in kafka registry clickhouse flink; do
  source "$LC_DIR/services/$_svc.sh"
done
SERVICES=(kafka registry clickhouse flink)

JOBS_JAR="$REPO_ROOT/jobs/target/posttrade-jobs.jar"
GENERATOR_JAR="$REPO_ROOT/generator/target/posttrade-generator-0.1.0-SNAPSHOT-cli.jar"

# build_project: builds every module and the deployable jars (tests are command 2's job).
build_project() {
  log "building the project (mvn install -DskipTests)"
  (cd "$REPO_ROOT" && mvn -B -q ${MAVEN_ARGS:-} install -DskipTests) || die "build failed"
}

# posttrade_tool ARGS...: the jobs' tooling (topics, schemas, migrations) with the local cluster's addresses.
# Like the jobs it reads Flink configuration types, so Flink's lib folder is on its classpath (as on any Flink host).
posttrade_tool() {
  [[ -f "$JOBS_JAR" ]] || build_project
  flink_install >/dev/null
  java -cp "$JOBS_JAR:$FLINK_LIB/*" org.posttrade.jobs.tools.PosttradeTool "$@"
}
