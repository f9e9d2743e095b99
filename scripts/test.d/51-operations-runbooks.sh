#!/usr/bin/env bash
# Stage of `make test`: the commands of docs/operations that can run without a cluster, executed
# against real servers started here (PostgreSQL, Kafka KRaft, Mosquitto) and asserted:
#   - the alert rules pass `promtool check rules` and their unit tests (`promtool test rules`);
#   - PostgreSQL backup (pg_backup.sh, also in the backup page's in-pod form) and restore into a new database (pg_restore_verify.sh), with
#     a row-count + checksum comparison of every table, also after rows were added/removed;
#   - Kafka topic configuration export, deletion, re-creation from the export, and a second export
#     identical to the first; broker health checks; consumer-group lag diagnosis;
#   - credential rotation: a PostgreSQL role password (old refused, new accepted) and an MQTT
#     password-file change picked up on SIGHUP (old refused, new accepted);
#   - the troubleshooting page's MQTT diagnosis commands and their documented output.
# Stops only the processes it started (by pid), on any exit.
set -uo pipefail
source "$(dirname "$0")/../lib.sh"
source "$REPO/scripts/services/services.sh"
source "$REPO/scripts/services/checks.sh"
cd "$REPO"

svc_init
trap 'checks_kill_current; svc_stop_all; rm -rf "$SVC_RUN"' EXIT
trap 'exit 130' INT TERM
OPS=docs/operations/scripts
PY=$SVC_PY

echo "-- alert rules (promtool)"
if command -v promtool >/dev/null; then
  expect "promtool check rules" 'SUCCESS: 6 rules found' promtool check rules monitoring/alerts/realtime-platform.rules.yaml
  expect "promtool test rules" 'SUCCESS' promtool test rules monitoring/tests/realtime-platform.test.yaml
  sed 's/> 1000/> > 1000/' monitoring/alerts/realtime-platform.rules.yaml >"$SVC_RUN/broken.rules.yaml"
  expect_fail "promtool rejects a broken expression" 'FAILED' promtool check rules "$SVC_RUN/broken.rules.yaml"
else
  failed "promtool check rules" "promtool is not installed: run make setup"
fi

echo "-- servers"
started=$SECONDS
postgres_start && kafka_start machines.telemetry machines.alerts machines-state && mosquitto_start || {
  echo "a server did not start; logs in $SVC_RUN" >&2
  for f in "$SVC_RUN"/*.log; do echo "== $f"; tail -n 15 "$f"; done
  exit 1
}
echo "   started in $((SECONDS - started)) s"

echo "-- PostgreSQL backup and restore"
B="$SVC_RUN/backup"
expect "seed the analytics database" 'INSERT 0 1000' env PGUSER="$POSTGRES_USER" PGPASSWORD="$POSTGRES_PASSWORD" PGDATABASE="$POSTGRES_DB" \
  psql -v ON_ERROR_STOP=1 -c "CREATE TABLE machine_readings (id bigserial PRIMARY KEY, machine text NOT NULL, temperature double precision, at timestamptz NOT NULL DEFAULT '2026-01-01');
    CREATE TABLE machines (name text PRIMARY KEY, line text, meta jsonb);
    INSERT INTO machines VALUES ('press-1', 'A', '{\"vendor\": \"x\"}'), ('press-2', 'B', NULL);
    CREATE VIEW hot AS SELECT * FROM machine_readings WHERE temperature > 80;
    INSERT INTO machine_readings (machine, temperature, at) SELECT 'press-' || (i % 2 + 1), 20 + i % 90, '2026-01-01'::timestamptz + i * interval '1 minute' FROM generate_series(1, 1000) i"
expect "pg_backup.sh" '^backup of factory: .* dump, 2 tables in manifest$' bash $OPS/pg_backup.sh factory "$B"
assert "the manifest lists 1000 readings" grep -q '^public.machine_readings 1000 ' "$B/factory.manifest"
# The backup page's in-cluster form: `kubectl exec` runs as the container user with no libpq user
# or password in its environment, only the container's POSTGRES_PASSWORD; run the page's own
# `bash -c` line that way. Without a database user (the page's old form) libpq is refused.
inpod=$(grep -o "bash -c 'PGUSER=postgres[^']*'" docs/operations/backup.md | head -n 1)
expect "pg_backup.sh as docs/operations/backup.md runs it in the pod" '^backup of factory: .* dump, 2 tables in manifest$' \
  env -u PGUSER -u PGPASSWORD POSTGRES_PASSWORD="$PGPASSWORD" bash -c "$inpod _ factory '$SVC_RUN/backup-inpod' < $OPS/pg_backup.sh"
expect_fail "without a database user the in-pod backup is refused" 'no password supplied|does not exist' \
  env -u PGUSER -u PGPASSWORD bash -c "bash -s factory '$SVC_RUN/backup-nouser' < $OPS/pg_backup.sh"
assert "globals.sql has the roles but no password hash" bash -c "grep -q 'CREATE ROLE analytics' '$B/globals.sql' && ! grep -qi 'SCRAM-SHA-256\\|PASSWORD' '$B/globals.sql'"
# Damage after the backup: the restore must bring back the backup's content, not today's.
expect "lose data after the backup" 'DELETE 500' env PGUSER="$POSTGRES_USER" PGPASSWORD="$POSTGRES_PASSWORD" PGDATABASE="$POSTGRES_DB" \
  psql -v ON_ERROR_STOP=1 -c "DELETE FROM machine_readings WHERE id % 2 = 0"
expect "pg_restore_verify.sh into a new database" '^restore verified: 2 tables, same row counts and checksums$' \
  bash $OPS/pg_restore_verify.sh "$B" factory factory_restored "$POSTGRES_USER"
expect "restored data is readable by the application role, view included" '^1000\|[0-9]+$' env PGUSER="$POSTGRES_USER" PGPASSWORD="$POSTGRES_PASSWORD" \
  psql -d factory_restored -tA -c "SELECT count(*), (SELECT count(*) FROM hot) FROM machine_readings"
expect_fail "a restore that differs is reported" 'RESTORE DIFFERS' \
  bash -c "sed -i 's/^public.machine_readings 1000 /public.machine_readings 999 /' '$B/factory.manifest' && bash $OPS/pg_restore_verify.sh '$B' factory factory_restored2 '$POSTGRES_USER'"

echo "-- Metabase cannot reach its database: the documented checks"
expect "pg_isready" "^127.0.0.1:$POSTGRES_PORT - accepting connections\$" pg_isready -h "$POSTGRES_HOST" -p "$POSTGRES_PORT"
printf '%s\n' "CREATE ROLE metabase LOGIN PASSWORD :'pw';" "CREATE DATABASE metabase OWNER metabase;" >"$SVC_RUN/metabase.sql"
expect "create role and database metabase, as the platform does" '^CREATE DATABASE$' \
  psql -v ON_ERROR_STOP=1 -v pw="$(svc_password)" -f "$SVC_RUN/metabase.sql"
expect_fail "a wrong metabase password: the documented message" 'FATAL: +password authentication failed for user "metabase"' \
  env PGPASSWORD=wrong psql -h "$POSTGRES_HOST" -p "$POSTGRES_PORT" -U metabase -d metabase -c 'SELECT 1'

echo "-- PostgreSQL role password rotation"
NEWPW=$(svc_password)
expect "rotate_pg_role.sh" '^password of role analytics changed$' bash -c "printf '%s\n' '$NEWPW' | bash $OPS/rotate_pg_role.sh analytics"
expect_fail "the old password is refused" 'password authentication failed for user "analytics"' \
  env PGUSER=analytics PGPASSWORD="$POSTGRES_PASSWORD" psql -d factory -tAc 'SELECT 1'
expect "the new password works" '^1$' env PGUSER=analytics PGPASSWORD="$NEWPW" psql -d factory -tAc 'SELECT 1'
assert "the new password is not in the server log" bash -c "! grep -rqF '$NEWPW' '$SVC_RUN/pg/postgres.log'"
expect_fail "rotate_pg_role.sh refuses a short password" 'shorter than 16' bash -c "echo short | bash $OPS/rotate_pg_role.sh analytics"

echo "-- Kafka: health, topic configuration export and re-creation, lag"
expect "kafka_health.sh" '^LeaderId: +1$' bash $OPS/kafka_health.sh
assert "kafka_health.sh: one broker, nothing under-replicated or offline" bash -c \
  "grep -qx 'api versions: 1 broker(s) answering' '$(outfile kafka_health.sh)' && grep -qx 'under-replicated partitions: 0' '$(outfile kafka_health.sh)' && grep -qx 'offline partitions: 0' '$(outfile kafka_health.sh)'"
expect "create the example's topics" 'Created topic machines-state' bash -c "
  kafka-topics.sh --bootstrap-server $KAFKA_BOOTSTRAP_SERVERS --command-config $KAFKA_COMMAND_CONFIG --create --topic machines.telemetry --partitions 12 --replication-factor 1 --config retention.ms=259200000 &&
  kafka-topics.sh --bootstrap-server $KAFKA_BOOTSTRAP_SERVERS --command-config $KAFKA_COMMAND_CONFIG --create --topic machines.alerts --partitions 3 --replication-factor 1 --config retention.ms=2592000000 &&
  kafka-topics.sh --bootstrap-server $KAFKA_BOOTSTRAP_SERVERS --command-config $KAFKA_COMMAND_CONFIG --create --topic machines-state --partitions 1 --replication-factor 1 --config cleanup.policy=compact --config retention.ms=315360000000"
expect "kafka_export_topics.sh" '^machines-state 1 1 cleanup.policy=compact,retention.ms=315360000000$' bash $OPS/kafka_export_topics.sh
cp "$(outfile kafka_export_topics.sh)" "$SVC_RUN/topics.before"
assert "export has the telemetry topic with 12 partitions and 3-day retention" grep -qx 'machines.telemetry 12 1 retention.ms=259200000' "$SVC_RUN/topics.before"
expect "delete the topics (simulated loss)" '' bash -c "for t in machines.telemetry machines.alerts machines-state; do kafka-topics.sh --bootstrap-server $KAFKA_BOOTSTRAP_SERVERS --command-config $KAFKA_COMMAND_CONFIG --delete --topic \$t; done; sleep 2; kafka-topics.sh --bootstrap-server $KAFKA_BOOTSTRAP_SERVERS --command-config $KAFKA_COMMAND_CONFIG --list --exclude-internal"
expect "kafka_create_topics.sh from the export" 'Created topic machines.telemetry' bash $OPS/kafka_create_topics.sh "$SVC_RUN/topics.before"
expect "second export" 'machines.telemetry' bash $OPS/kafka_export_topics.sh
assert "re-created topics match the export exactly" diff -u "$SVC_RUN/topics.before" "$(outfile 'second export')"

# Consumer lag: produce 5 events, consume none with a group that has committed offset 0 -> lag 5.
export TOPIC_MACHINES_TELEMETRY=machines.alerts
expect "produce 5 events" 'produced' bash -c "for i in 1 2 3 4 5; do '$PY' docs/access/snippets/kafka_produce.py || exit 1; done"
expect "a consumer group that stopped" '' kafka-consumer-groups.sh --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" --command-config "$KAFKA_COMMAND_CONFIG" \
  --group alerting --topic machines.alerts --reset-offsets --to-earliest --execute
expect "diagnose lag: kafka-consumer-groups --describe" '^alerting +machines.alerts' \
  kafka-consumer-groups.sh --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" --command-config "$KAFKA_COMMAND_CONFIG" --describe --group alerting
assert "total lag of the stopped group is 5" awk '$1=="alerting"{lag+=$6} END{exit !(lag==5)}' "$(outfile 'diagnose lag: kafka-consumer-groups --describe')"
expect "fix: skip to the latest offset (dry run first)" 'alerting +machines.alerts' kafka-consumer-groups.sh --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" --command-config "$KAFKA_COMMAND_CONFIG" \
  --group alerting --topic machines.alerts --reset-offsets --to-latest --dry-run

echo "-- MQTT diagnosis and password rotation"
expect "mosquitto_sub with the app credentials reads \$SYS" '^[0-9]+ seconds$' \
  mosquitto_sub -h "$MQTT_HOST" -p "$MQTT_PORT" -u "$MQTT_USERNAME" -P "$MQTT_PASSWORD" -t '$SYS/broker/uptime' -C 1 -W 10
expect_fail "wrong password: Connection Refused: not authorised" 'Connection Refused: not authorised' \
  mosquitto_sub -h "$MQTT_HOST" -p "$MQTT_PORT" -u "$MQTT_USERNAME" -P wrong -t '#' -C 1 -W 10
# A device may only write its own topics: its subscription to everything gets nothing, and its
# publish to another topic is dropped silently (MQTT 3.1.1), which is the documented symptom.
expect "device publishes to an allowed topic" '' mosquitto_pub -h "$MQTT_HOST" -p "$MQTT_PORT" -u "$MQTT_DEVICE_USER" -P "$MQTT_DEVICE_PASSWORD" -t factory/press/1/telemetry -m ok -q 1
expect_fail "device publish outside its ACL never arrives" 'Timed out' bash -c "
  mosquitto_sub -h $MQTT_HOST -p $MQTT_PORT -u $MQTT_USERNAME -P '$MQTT_PASSWORD' -t factory/other -C 1 -W 4 -v & sub=\$!
  sleep 1
  mosquitto_pub -h $MQTT_HOST -p $MQTT_PORT -u $MQTT_DEVICE_USER -P '$MQTT_DEVICE_PASSWORD' -t factory/other -m denied -q 1
  wait \$sub"
NEWMQ=$(svc_password)
expect "rotate: mosquitto_passwd + SIGHUP" '' bash -c "mosquitto_passwd -b '$SVC_RUN/mosquitto/passwd' app '$NEWMQ' && kill -HUP \$(awk '\$1==\"mosquitto\"{print \$2}' '$SVC_RUN/pids')"
sleep 1
expect_fail "old MQTT password refused after rotation" 'not authorised' \
  mosquitto_sub -h "$MQTT_HOST" -p "$MQTT_PORT" -u app -P "$MQTT_PASSWORD" -t '$SYS/broker/uptime' -C 1 -W 10
expect "new MQTT password accepted (the access example, unchanged)" '^received on factory/press/1/telemetry' \
  env MQTT_PASSWORD="$NEWMQ" "$PY" docs/access/snippets/mqtt_pubsub.py

checks_summary
