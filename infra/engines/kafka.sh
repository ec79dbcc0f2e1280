#!/usr/bin/env bash
# Apache Kafka 4.x (KRaft, single combined broker+controller node) on loopback, from Maven Central jars.
#
#   kafka.sh install   fetch the broker jars into the cache (idempotent; skipped when cached)
#   kafka.sh start     format storage (first time only) and start the broker; no-op if running
#   kafka.sh stop      SIGTERM, wait, then SIGKILL
#   kafka.sh restart   stop + start, keeping the data dir (used by fault tests)
#   kafka.sh status    exit 0 when running and serving metadata
#   kafka.sh url       print 127.0.0.1:PORT (bootstrap servers)
#   kafka.sh reset     stop and delete the data dir
#
# Env: KAFKA_PORT (19092), KAFKA_CONTROLLER_PORT (KAFKA_PORT+1), KAFKA_VERSION (pom default),
#      KAFKA_HEAP (512m), KAFKA_JVM_OPTS (extra JVM flags), KAFKA_START_TIMEOUT (90 s),
#      KAFKA_STOP_TIMEOUT (30 s), KAFKA_CLUSTER_ID, RAPPORT_MAVEN_REPO (maven local repo to reuse),
#      RAPPORT_ENGINE_CACHE, RAPPORT_ENGINE_RUN.
#      KAFKA_SECURE=1: clients on SASL_SSL (SCRAM-SHA-512 over TLS) with the StandardAuthorizer on and no
#      access without an ACL; a CA and broker certificate are generated with openssl into RUN/kafka/secure/
#      (ca.pem is what clients trust), SCRAM users are created when the storage is formatted (--add-scram).
#      KAFKA_SCRAM_USERS: "name:password ..." (default: admin, the super user, plus customers, directory,
#      scheduler, intruder with "<name>-secret"). Decided at first start: the data dir keeps the users.
set -euo pipefail

ENGINE=kafka
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

KAFKA_PORT="${KAFKA_PORT:-19092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-$((KAFKA_PORT + 1))}"
KAFKA_HEAP="${KAFKA_HEAP:-512m}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
# Any 16 bytes, base64url without padding; fixed so the data dir survives restarts.
KAFKA_CLUSTER_ID="${KAFKA_CLUSTER_ID:-cmFwcG9ydC1rYWZrYS0wMQ}"

POM="$ENGINES_DIR/kafka/pom.xml"
PROBE="$ENGINES_DIR/kafka/probe.py"
POM_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$POM" | head -n1)"
KAFKA_VERSION="${KAFKA_VERSION:-$POM_VERSION}"
INSTALL_DIR="$ENGINE_CACHE/kafka/$KAFKA_VERSION-$(hash_files "$POM")"
LIBS="$INSTALL_DIR/libs"

RUN_DIR="$ENGINE_RUN/kafka"
DATA_DIR="$RUN_DIR/data"
CONFIG="$RUN_DIR/server.properties"
PIDFILE="$RUN_DIR/kafka.pid"
LOGFILE="$RUN_DIR/kafka.log"
PATTERN="kafka.Kafka $CONFIG"

KAFKA_SECURE="${KAFKA_SECURE:-0}"
SECURE_DIR="$RUN_DIR/secure"
KAFKA_SCRAM_USERS="${KAFKA_SCRAM_USERS:-admin:admin-secret customers:customers-secret directory:directory-secret scheduler:scheduler-secret intruder:intruder-secret}"

installed() { [[ -f "$INSTALL_DIR/.complete" ]]; }

cmd_install() {
  if installed; then
    log "Kafka $KAFKA_VERSION already installed in $INSTALL_DIR"
    return 0
  fi
  need java "install a Java 17+ JDK/JRE"
  need mvn "install Maven 3.x (apt-get install -y maven)"
  local javamajor
  javamajor="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = \([0-9]*\).*/\1/p')"
  [[ "${javamajor:-0}" -ge 17 ]] || die "Kafka 4 needs Java 17+, found java.specification.version=${javamajor:-unknown}"

  mkdir -p "$ENGINE_CACHE/kafka" "$RUN_DIR"
  local t0 tmp repo keep_repo=1 mlog="$RUN_DIR/install.log"
  t0="$(now_ms)"
  tmp="$(mktemp -d "$ENGINE_CACHE/kafka/.install.XXXXXX")"
  if [[ -n "${RAPPORT_MAVEN_REPO:-}" ]]; then
    repo="$RAPPORT_MAVEN_REPO"
  else
    # Private throw-away local repo: the cache holds only the final jars (~45 MB).
    repo="$tmp/m2"
    keep_repo=0
  fi
  log "fetching org.apache.kafka:kafka_2.13:$KAFKA_VERSION from Maven Central (log: $mlog)"
  if ! mvn -B -q -f "$POM" -Dmaven.repo.local="$repo" -Dkafka.version="$KAFKA_VERSION" \
      dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp/libs" >"$mlog" 2>&1; then
    rm -rf "$tmp"
    die_log "maven could not fetch Kafka $KAFKA_VERSION" "$mlog"
  fi
  [[ -f "$tmp/libs/kafka_2.13-$KAFKA_VERSION.jar" ]] || { rm -rf "$tmp"; die_log "kafka_2.13-$KAFKA_VERSION.jar missing after download" "$mlog"; }
  [[ "$keep_repo" == 1 ]] || rm -rf "$repo"
  rm -rf "$INSTALL_DIR"
  mv "$tmp" "$INSTALL_DIR"
  touch "$INSTALL_DIR/.complete"
  log "installed Kafka $KAFKA_VERSION ($(find "$LIBS" -name "*.jar" | wc -l) jars, $(du -sh "$LIBS" | cut -f1)) in $(elapsed "$t0")"
}

# A throw-away CA and a broker certificate for 127.0.0.1/localhost (PEM; Kafka reads PEM key stores natively).
write_certificates() {
  [[ -f "$SECURE_DIR/broker.pem" ]] && return 0
  need openssl "install openssl (KAFKA_SECURE=1 generates the broker's TLS certificate)"
  mkdir -p "$SECURE_DIR"
  (
    cd "$SECURE_DIR"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 30 -subj "/CN=rapport-test-ca" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -keyout broker.key -out broker.csr -subj "/CN=$ENGINE_HOST" 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' >broker.ext
    openssl x509 -req -in broker.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out broker.crt -days 30 -extfile broker.ext 2>/dev/null
    cat broker.key broker.crt >broker.pem
    chmod 600 ca.key broker.key broker.pem
  ) || die "openssl could not create the test certificates in $SECURE_DIR"
}

# The admin user's password (the broker's own inter-broker credential).
admin_password() {
  local user
  for user in $KAFKA_SCRAM_USERS; do [[ "${user%%:*}" == admin ]] && { echo "${user#*:}"; return 0; }; done
  die "KAFKA_SCRAM_USERS has no admin user (the super user the broker itself signs in as)"
}

# Appended after the plaintext settings: java.util.Properties keeps the last value of a repeated key.
write_secure_config() {
  cat >>"$CONFIG" <<EOF

# KAFKA_SECURE=1: clients only over SASL_SSL (SCRAM-SHA-512), every request authorised by ACL.
listeners=SASL_SSL://$ENGINE_HOST:$KAFKA_PORT,CONTROLLER://$ENGINE_HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=SASL_SSL://$ENGINE_HOST:$KAFKA_PORT
listener.security.protocol.map=SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT
inter.broker.listener.name=SASL_SSL
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$(admin_password)";
ssl.keystore.type=PEM
ssl.keystore.location=$SECURE_DIR/broker.pem
ssl.truststore.type=PEM
ssl.truststore.location=$SECURE_DIR/ca.pem
ssl.endpoint.identification.algorithm=https
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
# admin: operators and topic set-up. ANONYMOUS: the broker and controller in this one process talk over the
# loopback-only PLAINTEXT controller listener; no client listener is plaintext.
super.users=User:admin;User:ANONYMOUS
EOF
}

write_config() {
  cat >"$CONFIG" <<EOF
# Generated by infra/engines/kafka.sh - single-node KRaft (combined broker + controller), tests only.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$ENGINE_HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$ENGINE_HOST:$KAFKA_PORT,CONTROLLER://$ENGINE_HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$ENGINE_HOST:$KAFKA_PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$DATA_DIR

auto.create.topics.enable=true
delete.topic.enable=true
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=5
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=5
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0

# Small segments and few threads: tests write little, and the machine is shared.
log.segment.bytes=8388608
log.retention.hours=24
log.retention.check.interval.ms=60000
log.cleaner.threads=1
log.cleaner.dedupe.buffer.size=8388608
num.network.threads=2
num.io.threads=2
num.replica.fetchers=1
num.recovery.threads.per.data.dir=1
background.threads=2
EOF
}

ready() {
  # The probe speaks plaintext Kafka; a SASL_SSL listener is ready when it listens and the server says it started.
  if [[ "$KAFKA_SECURE" == 1 ]]; then
    port_open "$ENGINE_HOST" "$KAFKA_PORT" && grep -q 'Kafka Server started' "$LOGFILE" 2>/dev/null
  elif command -v python3 >/dev/null 2>&1; then
    python3 "$PROBE" "$ENGINE_HOST" "$KAFKA_PORT" 2 >/dev/null
  else
    port_open "$ENGINE_HOST" "$KAFKA_PORT" && grep -q 'Kafka Server started' "$LOGFILE" 2>/dev/null
  fi
}

cmd_start() {
  if pid_alive "$PIDFILE" "$PATTERN"; then
    if ready; then
      log "already running (pid $(cat "$PIDFILE")) on $ENGINE_HOST:$KAFKA_PORT"
      return 0
    fi
    log "process $(cat "$PIDFILE") is running but not ready yet; waiting"
  else
    cmd_install
    ensure_port_free "$KAFKA_PORT" "KAFKA_PORT"
    ensure_port_free "$KAFKA_CONTROLLER_PORT" "KAFKA_CONTROLLER_PORT"
    mkdir -p "$DATA_DIR"
    write_config
    local scram=()
    if [[ "$KAFKA_SECURE" == 1 ]]; then
      write_certificates
      write_secure_config
      local user
      for user in $KAFKA_SCRAM_USERS; do scram+=(--add-scram "SCRAM-SHA-512=[name=${user%%:*},password=${user#*:}]"); done
    fi
    if [[ ! -f "$DATA_DIR/meta.properties" ]]; then
      log "formatting $DATA_DIR (cluster id $KAFKA_CLUSTER_ID${scram[*]:+, SCRAM users})"
      if ! java -Xmx256m -XX:TieredStopAtLevel=1 -cp "$LIBS/*" \
          -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
          kafka.tools.StorageTool format --config "$CONFIG" --cluster-id "$KAFKA_CLUSTER_ID" \
          "${scram[@]}" --ignore-formatted >"$RUN_DIR/format.log" 2>&1; then
        die_log "storage format failed" "$RUN_DIR/format.log"
      fi
    fi
    local t0
    t0="$(now_ms)"
    echo "===== start $(date -Is) =====" >>"$LOGFILE"
    # shellcheck disable=SC2086 # KAFKA_JVM_OPTS is a list of flags
    setsid java -Xms128m -Xmx"$KAFKA_HEAP" \
      -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:ParallelGCThreads=1 -XX:ConcGCThreads=1 \
      -XX:CICompilerCount=2 -Djava.awt.headless=true \
      -Dorg.slf4j.simpleLogger.showDateTime=true \
      -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS \
      -Dorg.slf4j.simpleLogger.logFile=System.out \
      -Dkafka.logs.dir="$RUN_DIR" \
      ${KAFKA_JVM_OPTS:-} \
      -cp "$LIBS/*" kafka.Kafka "$CONFIG" >>"$LOGFILE" 2>&1 </dev/null &
    echo $! >"$PIDFILE"
    log "started pid $! (log: $LOGFILE)"
    T0="$t0"
  fi
  local i
  for ((i = 0; i < KAFKA_START_TIMEOUT * 4; i++)); do
    pid_running "$PIDFILE" || die_log "broker exited during startup" "$LOGFILE"
    if ready; then
      log "ready on $ENGINE_HOST:$KAFKA_PORT${T0:+ after $(elapsed "$T0")}"
      return 0
    fi
    sleep 0.25
  done
  die_log "broker not ready after ${KAFKA_START_TIMEOUT}s (still running as pid $(cat "$PIDFILE"); run '$0 stop')" "$LOGFILE"
}

cmd_stop() {
  local t0
  t0="$(now_ms)"
  stop_pid "$PIDFILE" "$PATTERN" "$KAFKA_STOP_TIMEOUT"
  log "stop took $(elapsed "$t0")"
}

cmd_status() {
  if ! pid_alive "$PIDFILE" "$PATTERN"; then
    echo "kafka: stopped"
    return 1
  fi
  if ready; then
    echo "kafka: running (pid $(cat "$PIDFILE")) on $ENGINE_HOST:$KAFKA_PORT, version $KAFKA_VERSION, log $LOGFILE"
  else
    echo "kafka: process $(cat "$PIDFILE") running but not serving on $ENGINE_HOST:$KAFKA_PORT (log $LOGFILE)"
    return 1
  fi
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  restart) cmd_stop; cmd_start ;;
  status) cmd_status ;;
  url) echo "$ENGINE_HOST:$KAFKA_PORT" ;;
  reset) cmd_stop; rm -rf "$DATA_DIR"; log "deleted $DATA_DIR" ;;
  *) usage_exit "install|start|stop|restart|status|url|reset" ;;
esac
