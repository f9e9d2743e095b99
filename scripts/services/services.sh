# shellcheck shell=bash
# Local servers for the docs' executed examples (docs/access, docs/operations): a real Apache Kafka
# broker (KRaft), a Confluent-compatible schema registry (Apicurio Registry's ccompat API), a real
# Mosquitto with password auth + ACLs + a WebSocket listener, a private PostgreSQL, and a stand-in
# HTTP server for the documented Lenses HQ and Metabase endpoints.
#
# Sourced by scripts/test.d/5x-*.sh after scripts/lib.sh. Everything lives in $SVC_RUN (a fresh
# directory per test run); every server listens on 127.0.0.1 on a free port picked at start;
# every process started here is recorded in $SVC_RUN/pids and stopped by that pid only
# (svc_stop_all, called from the caller's EXIT trap). Passwords are generated per run.
: "${REPO:?source scripts/lib.sh first}"

SVC_KAFKA_LIBS="$TOOLS/kafka/libs"
SVC_REGISTRY_DIR="$TOOLS/apicurio"
SVC_PY="$TOOLS/snippets-venv/bin/python"
SVC_NODE_PATH="$REPO/scripts/docs/snippets-js/node_modules"
SVC_START_TIMEOUT="${SVC_START_TIMEOUT:-90}"

svc_init() {
  mkdir -p "$TOOLS/run"
  # PostgreSQL runs as `postgres` and must traverse it; the local runtime may have made it 0700
  # (its own run directories stay 0700).
  chmod a+x "$TOOLS/run"
  SVC_RUN=$(mktemp -d "$TOOLS/run/docs-services.XXXXXX")
  chmod 755 "$SVC_RUN"
  : >"$SVC_RUN/pids"
  export SVC_RUN
}

# svc_js_snippets DIR: copies the JavaScript examples next to their own dependencies
# (scripts/docs/snippets-js/node_modules), so Node resolves those and not the portal's; prints
# the directory to run them from.
svc_js_snippets() {
  local dest="$SVC_NODE_PATH/.run-${SVC_RUN##*.}"
  [ -d "$SVC_NODE_PATH" ] || { echo "JavaScript client libraries missing ($SVC_NODE_PATH): run make setup" >&2; return 1; }
  mkdir -p "$dest"
  cp "$1"/*.js "$dest/"
  echo "$dest"
}

svc_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

svc_password() { head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32; }

# svc_track NAME PID: remember a process we started
svc_track() { echo "$1 $2" >>"$SVC_RUN/pids"; }

# svc_wait_port NAME PORT PID [SECONDS]: wait until PORT accepts connections, or fail
svc_wait_port() {
  local name=$1 port=$2 pid=$3 limit=${4:-$SVC_START_TIMEOUT} i
  for ((i = 0; i < limit * 4; i++)); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$name exited before listening on $port; last log lines:" >&2
      tail -n 20 "$SVC_RUN/$name.log" >&2 || true
      return 1
    fi
    sleep 0.25
  done
  echo "$name did not listen on $port within ${limit}s" >&2
  tail -n 20 "$SVC_RUN/$name.log" >&2 || true
  return 1
}

# Stops every process recorded in $SVC_RUN/pids (TERM, then KILL after 10 s), newest first.
svc_stop_all() {
  [ -n "${SVC_RUN:-}" ] && [ -f "$SVC_RUN/pids" ] || return 0
  local name pid i
  tac "$SVC_RUN/pids" | while read -r name pid; do
    if [ "$name" = postgres ]; then
      svc_as_postgres "$SVC_PGBIN/pg_ctl" -D "$SVC_RUN/pg/data" -m fast -w -t 20 stop >/dev/null 2>&1 || true
    fi
    kill -TERM "$pid" 2>/dev/null || continue
    for ((i = 0; i < 40; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  : >"$SVC_RUN/pids"
}

# --- Apache Kafka (KRaft, combined broker + controller) -------------------------------------
kafka_java() { java -Xms256m -Xmx512m -Dlog4j2.configurationFile="$REPO/scripts/services/kafka-log4j2.properties" -cp "$SVC_KAFKA_LIBS/*" "$@"; }
# The CLI tools of the Kafka distribution, as $SVC_RUN/bin/kafka-*.sh running the same classes as
# the distribution's bin/kafka-*.sh, so the docs' commands run here unchanged.
svc_kafka_tools() {
  mkdir -p "$SVC_RUN/bin"
  local tool class
  while read -r tool class; do
    printf '#!/bin/sh\nexec java -Xms64m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dlog4j2.configurationFile="%s" -cp "%s/*" %s "$@"\n' \
      "$REPO/scripts/services/kafka-log4j2.properties" "$SVC_KAFKA_LIBS" "$class" >"$SVC_RUN/bin/$tool"
    chmod +x "$SVC_RUN/bin/$tool"
  done <<EOF
kafka-topics.sh org.apache.kafka.tools.TopicCommand
kafka-configs.sh kafka.admin.ConfigCommand
kafka-acls.sh org.apache.kafka.tools.AclCommand
kafka-consumer-groups.sh org.apache.kafka.tools.consumer.group.ConsumerGroupCommand
kafka-metadata-quorum.sh org.apache.kafka.tools.MetadataQuorumCommand
kafka-broker-api-versions.sh org.apache.kafka.tools.BrokerApiVersionsCommand
EOF
  export PATH="$SVC_RUN/bin:$PATH"
}

# The broker authenticates as the Composition's does (platform/composition/kafka.yaml.tmpl, set
# by hand here): SASL/SCRAM-SHA-512 on the client listener, PLAIN on the controller listener,
# StandardAuthorizer with `admin` the only super user; `app` gets ACLs on the declared topics
# (arguments; default machines.telemetry) and any group (as the topics Job grants). Exports the connection secret's KAFKA_* keys (as `app`)
# and KAFKA_COMMAND_CONFIG, the admin client properties for the CLI tools.
kafka_start() {
  [ -d "$SVC_KAFKA_LIBS" ] || { echo "Kafka is not installed ($SVC_KAFKA_LIBS): run make setup" >&2; return 1; }
  local dir="$SVC_RUN/kafka" port cport id pid admin_pw app_pw scram=org.apache.kafka.common.security.scram.ScramLoginModule
  mkdir -p "$dir"
  port=$(svc_free_port) cport=$(svc_free_port) admin_pw=$(svc_password) app_pw=$(svc_password)
  (umask 077 && cat >"$dir/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$cport
listeners=CLIENT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=CLIENT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=CLIENT
listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,CLIENT:SASL_PLAINTEXT
listener.name.client.sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.controller.sasl.enabled.mechanisms=PLAIN
sasl.mechanism.controller.protocol=PLAIN
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:admin
listener.name.client.scram-sha-512.sasl.jaas.config=$scram required username="admin" password="$admin_pw";
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="$admin_pw" user_admin="$admin_pw";
log.dirs=$dir/data
num.partitions=1
auto.create.topics.enable=false
offsets.topic.replication.factor=1
offsets.topic.num.partitions=3
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
EOF
  printf '%s\n' security.protocol=SASL_PLAINTEXT sasl.mechanism=SCRAM-SHA-512 \
    "sasl.jaas.config=$scram required username=\"admin\" password=\"$admin_pw\";" >"$dir/admin.properties")
  id=$(kafka_java kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)
  kafka_java kafka.tools.StorageTool format -t "$id" -c "$dir/server.properties" \
    --add-scram "SCRAM-SHA-512=[name=admin,password=$admin_pw]" >"$SVC_RUN/kafka-format.log" 2>&1 || {
    cat "$SVC_RUN/kafka-format.log" >&2
    return 1
  }
  svc_kafka_tools
  kafka_java kafka.Kafka "$dir/server.properties" >"$SVC_RUN/kafka.log" 2>&1 &
  pid=$!
  svc_track kafka "$pid"
  svc_wait_port kafka "$port" "$pid" || return 1
  export KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$port" KAFKA_COMMAND_CONFIG="$dir/admin.properties"
  local admin=(--bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" --command-config "$KAFKA_COMMAND_CONFIG")
  ( kafka-configs.sh "${admin[@]}" --alter --entity-type users --entity-name app --add-config "SCRAM-SHA-512=[password=$app_pw]" &&
    for topic in "${@:-machines.telemetry}"; do
      kafka-acls.sh "${admin[@]}" --add --allow-principal User:app --operation Read --operation Write --operation Describe --topic "$topic" || exit 1
    done &&
    kafka-acls.sh "${admin[@]}" --add --allow-principal User:app --operation Read --operation Describe --group '*' ) >"$SVC_RUN/kafka-acls.log" 2>&1 || {
    cat "$SVC_RUN/kafka-acls.log" >&2
    return 1
  }
  export KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT KAFKA_SASL_MECHANISM=SCRAM-SHA-512 KAFKA_USERNAME=app KAFKA_PASSWORD="$app_pw"
  export KAFKA_SASL_JAAS_CONFIG="$scram required username=\"app\" password=\"$app_pw\";"
}

# --- Schema registry: Apicurio Registry 3 (Maven Central), Confluent-compatible API -----------
registry_start() {
  local jar port pid
  jar=$(ls "$SVC_REGISTRY_DIR"/apicurio-registry-app-*-runner.jar 2>/dev/null | head -n 1)
  [ -n "$jar" ] || { echo "Apicurio Registry is not installed ($SVC_REGISTRY_DIR): run make setup" >&2; return 1; }
  port=$(svc_free_port)
  (cd "$SVC_RUN" && exec java -Xms128m -Xmx384m -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" \
    -Dquarkus.log.level=WARN -Dquarkus.log.category.\"io.apicurio\".level=WARN -jar "$jar") >"$SVC_RUN/registry.log" 2>&1 &
  pid=$!
  svc_track registry "$pid"
  svc_wait_port registry "$port" "$pid" || return 1
  # The Confluent-compatible API lives under /apis/ccompat/v7 (Confluent's is at the root).
  export SCHEMA_REGISTRY_URL="http://127.0.0.1:$port/apis/ccompat/v7"
}

# --- Mosquitto: password file, ACL file, TCP + WebSocket listeners -----------------------------
svc_mosquitto_bin() { command -v mosquitto 2>/dev/null || echo /usr/sbin/mosquitto; }
mosquitto_start() {
  local dir="$SVC_RUN/mosquitto" port wsport pid bin
  bin=$(svc_mosquitto_bin)
  [ -x "$bin" ] || { echo "mosquitto is not installed: run make setup" >&2; return 1; }
  mkdir -p "$dir/data"
  port=$(svc_free_port) wsport=$(svc_free_port)
  export MQTT_USERNAME=app MQTT_PASSWORD
  MQTT_PASSWORD=$(svc_password)
  MQTT_DEVICE_PASSWORD=$(svc_password)
  export MQTT_DEVICE_USER=press-line-1 MQTT_DEVICE_PASSWORD
  : >"$dir/passwd"
  chmod 600 "$dir/passwd"
  mosquitto_passwd -b "$dir/passwd" "$MQTT_USERNAME" "$MQTT_PASSWORD" >/dev/null
  mosquitto_passwd -b "$dir/passwd" "$MQTT_DEVICE_USER" "$MQTT_DEVICE_PASSWORD" >/dev/null
  # The same ACL shape the composition writes: app reads/writes everything, a device user only
  # writes its own topics.
  cat >"$dir/acl" <<EOF
user app
topic readwrite #
topic read \$SYS/#

user press-line-1
topic write factory/press/+/telemetry
EOF
  chmod 600 "$dir/acl"
  cat >"$dir/mosquitto.conf" <<EOF
per_listener_settings false
allow_anonymous false
password_file $dir/passwd
acl_file $dir/acl
persistence false
log_dest file $dir/mosquitto.log
log_type error
log_type warning
log_type notice
connection_messages true
listener $port 127.0.0.1
protocol mqtt
listener $wsport 127.0.0.1
protocol websockets
EOF
  # As root, mosquitto drops to the "mosquitto" user, which must be able to read its files.
  if [ "$(id -u)" = 0 ] && id mosquitto >/dev/null 2>&1; then chown -R mosquitto "$dir"; fi
  "$bin" -c "$dir/mosquitto.conf" >"$SVC_RUN/mosquitto.out" 2>&1 &
  pid=$!
  svc_track mosquitto "$pid"
  ln -sf "$dir/mosquitto.log" "$SVC_RUN/mosquitto.log"
  svc_wait_port mosquitto "$port" "$pid" 30 || return 1
  svc_wait_port mosquitto "$wsport" "$pid" 30 || return 1
  export MQTT_HOST=127.0.0.1 MQTT_PORT=$port MQTT_WS_URL="ws://127.0.0.1:$wsport/"
}

# --- PostgreSQL: a private cluster (not the portal's scripts/postgres.sh one) ---------------------
SVC_PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
svc_as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
postgres_start() {
  [ -n "$SVC_PGBIN" ] || { echo "PostgreSQL is not installed: run make setup" >&2; return 1; }
  local dir="$SVC_RUN/pg" port admin_pw
  mkdir -p "$dir"
  port=$(svc_free_port)
  admin_pw=$(svc_password)
  printf '%s\n' "$admin_pw" >"$dir/admin-password"
  chmod 600 "$dir/admin-password"
  [ "$(id -u)" = 0 ] && chown -R postgres "$dir"
  # UTF8 whatever the caller's locale: with LANG unset initdb picks SQL_ASCII, and clients then
  # read text columns as bytes (the postgres image, like the Composition's, is UTF8).
  svc_as_postgres "$SVC_PGBIN/initdb" -D "$dir/data" -U postgres --auth=scram-sha-256 \
    --encoding=UTF8 --locale=C --pwfile="$dir/admin-password" >"$SVC_RUN/pg-initdb.log" 2>&1 || { cat "$SVC_RUN/pg-initdb.log" >&2; return 1; }
  svc_as_postgres "$SVC_PGBIN/pg_ctl" -D "$dir/data" -w -t 60 -l "$dir/postgres.log" \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null || { tail "$dir/postgres.log" >&2; return 1; }
  svc_track postgres "$(head -n 1 "$dir/data/postmaster.pid")"
  export PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres PGPASSWORD=$admin_pw PGDATABASE=postgres
  SVC_PG_ADMIN_PASSWORD=$admin_pw
  # The analytics database and its application role, as the composition's init job creates them.
  export POSTGRES_HOST=127.0.0.1 POSTGRES_PORT=$port POSTGRES_DB=factory POSTGRES_USER=analytics POSTGRES_PASSWORD
  POSTGRES_PASSWORD=$(svc_password)
  psql -v ON_ERROR_STOP=1 -q -d postgres \
    -c "CREATE ROLE $POSTGRES_USER LOGIN PASSWORD '$POSTGRES_PASSWORD'" \
    -c "CREATE DATABASE $POSTGRES_DB OWNER $POSTGRES_USER" >/dev/null || return 1
  export POSTGRES_URL="postgresql://$POSTGRES_USER:$POSTGRES_PASSWORD@$POSTGRES_HOST:$POSTGRES_PORT/$POSTGRES_DB"
}

# --- Stand-in for the documented Lenses HQ and Metabase endpoints ----------------------------------
fakehttp_start() {
  local port pid
  port=$(svc_free_port)
  export LENSES_HQ_TOKEN METABASE_API_KEY METABASE_USERNAME=data-team@example.org METABASE_PASSWORD
  LENSES_HQ_TOKEN="sa_$(svc_password)"
  METABASE_API_KEY="mb_$(svc_password)"
  METABASE_PASSWORD=$(svc_password)
  FAKE_PORT=$port "$SVC_PY" "$REPO/scripts/services/fake_lenses_metabase.py" >"$SVC_RUN/fakehttp.log" 2>&1 &
  pid=$!
  svc_track fakehttp "$pid"
  svc_wait_port fakehttp "$port" "$pid" 20 || return 1
  export LENSES_HQ_URL="http://127.0.0.1:$port" METABASE_URL="http://127.0.0.1:$port"
}
