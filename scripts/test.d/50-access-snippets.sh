#!/usr/bin/env bash
# Stage of `make test`: the client examples of docs/access, executed and asserted.
#  1. starts a real Kafka broker (KRaft), a Confluent-compatible schema registry (Apicurio
#     Registry's ccompat API), Mosquitto with password auth + ACL + WebSocket listener, PostgreSQL,
#     and the stand-in HTTP server for the documented Lenses HQ / Metabase endpoints;
#  2. runs every example in docs/access/snippets (Python and JavaScript) with the contract's
#     variables pointing at them, and asserts round trips, rows and HTTP results, including
#     rejected credentials.
# That the connection-secret tables match the kit's contract and that every example reads only
# keys of it is stage 40-docs-drift (realtime-docgen --check).
# Stops only the processes it started (by pid), on any exit.
set -uo pipefail
source "$(dirname "$0")/../lib.sh"
source "$REPO/scripts/services/services.sh"
source "$REPO/scripts/services/checks.sh"
cd "$REPO"

svc_init
JS=$(svc_js_snippets docs/access/snippets) || exit 1
trap 'checks_kill_current; svc_stop_all; rm -rf "$SVC_RUN" "$JS"' EXIT
trap 'exit 130' INT TERM
S=docs/access/snippets
PY=$SVC_PY

echo "-- servers"
started=$SECONDS
postgres_start && kafka_start && registry_start && mosquitto_start && fakehttp_start || {
  echo "a server did not start; logs in $SVC_RUN" >&2
  for f in "$SVC_RUN"/*.log; do echo "== $f"; tail -n 15 "$f"; done
  exit 1
}
echo "   started in $((SECONDS - started)) s: kafka $KAFKA_BOOTSTRAP_SERVERS, registry $SCHEMA_REGISTRY_URL," \
  "mqtt $MQTT_HOST:$MQTT_PORT + $MQTT_WS_URL, postgres $POSTGRES_HOST:$POSTGRES_PORT, http stand-in $LENSES_HQ_URL"

# The topic the examples use, as the platform declares it (key and value from the contract).
export TOPIC_MACHINES_TELEMETRY=machines.telemetry
expect "kafka: create the declared topic" "Created topic $TOPIC_MACHINES_TELEMETRY" \
  kafka-topics.sh --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" --command-config "$KAFKA_COMMAND_CONFIG" --create --topic "$TOPIC_MACHINES_TELEMETRY" \
  --partitions 3 --replication-factor 1

echo "-- Kafka"
expect "kafka_produce.py" '^produced [0-9a-f-]{36} to machines.telemetry partition [0-2] offset [0-9]+$' "$PY" $S/kafka_produce.py
id_py=$(awk '/^produced/{print $2}' "$(outfile "kafka_produce.py")")
expect "kafka_produce.js" '^produced [0-9a-f-]{36} to machines.telemetry partition [0-2] offset [0-9]+$' node "$JS/kafka_produce.js"
id_js=$(awk '/^produced/{print $2}' "$(outfile "kafka_produce.js")")
expect "kafka_consume.py" "^consumed ${id_py:-none} key=press-1 " "$PY" $S/kafka_consume.py
assert "kafka_consume.py got the JavaScript producer's event too" grep -q "^consumed ${id_js:-none} key=press-1 " "$(outfile "kafka_consume.py")"
expect "kafka_consume.js" "^consumed ${id_js:-none} key=press-1 " node "$JS/kafka_consume.js"
assert "kafka_consume.js got the Python producer's event too" grep -q "^consumed ${id_py:-none} key=press-1 " "$(outfile "kafka_consume.js")"
expect "consumer groups committed (lag 0)" 'docs-example-python +machines.telemetry' \
  kafka-consumer-groups.sh --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" --command-config "$KAFKA_COMMAND_CONFIG" --describe --group docs-example-python
assert "lag of docs-example-python is 0 on every partition it committed" \
  awk '$1=="docs-example-python"{n++; if($6!="0") bad=1} END{exit !(n>=1 && !bad)}' "$(outfile "consumer groups committed (lag 0)")"

# Negative controls: the same example without the right credentials, or on a topic `app` has no
# ACL for, is refused by the broker (the positive runs above are the controls of these).
expect_fail "kafka_produce.py with a wrong password is refused" 'Authentication failed .*invalid credentials with SASL mechanism SCRAM-SHA-512' \
  env KAFKA_PASSWORD=wrong-password "$PY" $S/kafka_produce.py
expect_fail "kafka_produce.js with a wrong password is refused" 'Authentication failed|SASL authentication error' \
  env KAFKA_PASSWORD=wrong-password node "$JS/kafka_produce.js"
expect_fail "kafka_produce.py on a topic without an ACL for app is refused" 'Topic authorization failed' \
  env TOPIC_MACHINES_TELEMETRY=machines.undeclared "$PY" $S/kafka_produce.py
printf '%s\n' default.api.timeout.ms=8000 request.timeout.ms=4000 >"$SVC_RUN/no-credentials.properties"
expect_fail "kafka: a client without credentials gets no metadata" 'TimeoutException|Timed out' \
  kafka-topics.sh --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" --command-config "$SVC_RUN/no-credentials.properties" --list

echo "-- schema registry"
expect "schema_registry.py" '^registered machines.telemetry-value id=[0-9]+ version=1$' "$PY" $S/schema_registry.py
assert "schema_registry.py fetched the schema back" grep -q '^fetched id=[0-9]* type=AVRO fields=id,machine,temperature$' "$(outfile "schema_registry.py")"
expect "schema_registry.js" '^registered machines.telemetry-value id=[0-9]+ version=1$' node "$JS/schema_registry.js"
assert "schema_registry.js fetched the schema back" grep -q '^fetched id=[0-9]* fields=id,machine,temperature$' "$(outfile "schema_registry.js")"
assert "same schema, same id and version from both clients" \
  test "$(grep '^registered' "$(outfile "schema_registry.py")")" = "$(grep '^registered' "$(outfile "schema_registry.js")")"

echo "-- MQTT"
expect "mqtt_pubsub.py (TCP)" '^received on factory/press/1/telemetry: \{"id": ' "$PY" $S/mqtt_pubsub.py
expect "mqtt_websocket.py (WebSocket)" '^received over websocket on factory/press/1/telemetry: ws-' "$PY" $S/mqtt_websocket.py
expect "mqtt_pubsub.js (TCP)" '^received on factory/press/1/telemetry: \{"id":' node "$JS/mqtt_pubsub.js"
expect "mqtt_websocket.js (WebSocket)" '^received over websocket on factory/press/1/telemetry: ws-' node "$JS/mqtt_websocket.js"
expect_fail "mqtt_pubsub.py with a wrong password is refused" 'connection refused: (Not authorized|Bad user name or password)' \
  env MQTT_PASSWORD=wrong-password "$PY" $S/mqtt_pubsub.py
expect_fail "mqtt_pubsub.js with a wrong password is refused" 'MQTT error: Connection refused: (Not authorized|Bad username or password)' \
  env MQTT_PASSWORD=wrong-password node "$JS/mqtt_pubsub.js"
expect_fail "mqtt: no anonymous access" 'Connection Refused: not authorised|not authorised' \
  mosquitto_pub -h "$MQTT_HOST" -p "$MQTT_PORT" -t factory/x -m hello -q 1
assert "mosquitto logged the refused logins" grep -Eq 'not authori[sz]ed|Bad username or password|disconnected, not authorised' "$SVC_RUN/mosquitto.log"

echo "-- PostgreSQL"
expect "seed machine_readings as the analytics role" 'INSERT 0 4' \
  env PGUSER="$POSTGRES_USER" PGPASSWORD="$POSTGRES_PASSWORD" PGDATABASE="$POSTGRES_DB" psql -v ON_ERROR_STOP=1 -c \
  "CREATE TABLE machine_readings (machine text, temperature double precision, at timestamptz DEFAULT now());
   INSERT INTO machine_readings (machine, temperature) VALUES ('press-1', 70), ('press-1', 74), ('press-2', 61.5), ('press-2', 20)"
expect "postgres_query.py" '^press-1: 2 readings, average 72.0$' "$PY" $S/postgres_query.py
assert "postgres_query.py: press-2 row" grep -qx 'press-2: 1 readings, average 61.5' "$(outfile "postgres_query.py")"
expect "postgres_query.js" '^press-1: 2 readings, average 72.0$' node "$JS/postgres_query.js"
assert "postgres_query.js: press-2 row" grep -qx 'press-2: 1 readings, average 61.5' "$(outfile "postgres_query.js")"
expect_fail "postgres_query.py with a wrong password is refused" 'password authentication failed for user "analytics"' \
  env POSTGRES_PASSWORD=wrong "$PY" $S/postgres_query.py

echo "-- Lenses HQ API (local stand-in of the documented endpoints)"
expect "lenses_api.py" '^environment factory-telemetry \(factory / telemetry\)$' "$PY" $S/lenses_api.py
assert "lenses_api.py fetched one environment" grep -qx 'fetched factory-telemetry: HTTP 200' "$(outfile "lenses_api.py")"
expect "lenses_api.js" '^environment factory-telemetry \(factory / telemetry\)$' node "$JS/lenses_api.js"
expect_fail "lenses_api.py with a wrong key gets 401" '401 Client Error: Unauthorized' env LENSES_HQ_TOKEN=wrong "$PY" $S/lenses_api.py
expect_fail "lenses_api.js with a wrong key gets 401" 'HTTP 401: .*"type": "unauthorised"' env LENSES_HQ_TOKEN=wrong node "$JS/lenses_api.js"
expect "lenses: no Authorization header is 401" '^401$' curl -s -o /dev/null -w '%{http_code}' "$LENSES_HQ_URL/api/v1/environments"
expect "lenses: old /api/v1/kafka/topics is not served" '^404$' \
  curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $LENSES_HQ_TOKEN" "$LENSES_HQ_URL/api/v1/kafka/topics"

echo "-- Metabase API (local stand-in of the documented endpoints)"
expect "metabase_api.py" '^database 2: factory \(postgres\)$' "$PY" $S/metabase_api.py
assert "metabase_api.py: health and groups" grep -qx 'groups: All Users (3), Administrators (1), Analytics readers (2)' "$(outfile "metabase_api.py")"
expect "metabase_api.js" '^database 2: factory \(postgres\)$' node "$JS/metabase_api.js"
expect "metabase_session.py" '^session ok, 1 database\(s\): factory$' "$PY" $S/metabase_session.py
expect_fail "metabase_api.py with a revoked key gets 401" '401 Client Error' env METABASE_API_KEY=revoked "$PY" $S/metabase_api.py
expect_fail "metabase_api.js with a revoked key gets 401" 'HTTP 401: Unauthenticated' env METABASE_API_KEY=revoked node "$JS/metabase_api.js"
expect_fail "metabase_session.py with a wrong password gets 401" '401 Client Error' env METABASE_PASSWORD=wrong "$PY" $S/metabase_session.py
expect "metabase: no credential is 401" '^401$' curl -s -o /dev/null -w '%{http_code}' "$METABASE_URL/api/database"
assert "the stand-in saw API-key, session and bearer requests" \
  bash -c "grep -q '\"auth\": \"api-key\"' '$SVC_RUN/fakehttp.log' && grep -q '\"auth\": \"session\"' '$SVC_RUN/fakehttp.log' && grep -q '\"auth\": \"bearer\"' '$SVC_RUN/fakehttp.log'"

checks_summary
