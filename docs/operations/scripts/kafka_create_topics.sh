#!/usr/bin/env bash
# Recreate topics from a kafka_export_topics.sh file (disaster recovery into an empty cluster).
# Existing topics are left alone. Arguments: EXPORT_FILE. Uses KAFKA_BOOTSTRAP_SERVERS, KAFKA_COMMAND_CONFIG, KAFKA_BIN.
set -euo pipefail
bin=${KAFKA_BIN:+$KAFKA_BIN/}
bs=${KAFKA_BOOTSTRAP_SERVERS:?}
# The listener authenticates: KAFKA_COMMAND_CONFIG is a client properties file (in kafka-0:
# /tmp/admin.properties, written at start).
cfg=${KAFKA_COMMAND_CONFIG:?}
while read -r topic partitions rf configs; do
  [ -n "$topic" ] || continue
  args=()
  IFS=, read -ra kvs <<<"${configs:-}"
  for kv in "${kvs[@]}"; do args+=(--config "$kv"); done
  "${bin}kafka-topics.sh" --bootstrap-server "$bs" --command-config "$cfg" --create --if-not-exists --topic "$topic" \
    --partitions "$partitions" --replication-factor "$rf" "${args[@]}"
done <"${1:?export file}"
