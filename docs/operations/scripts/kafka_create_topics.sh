#!/usr/bin/env bash
# Recreate topics from a kafka_export_topics.sh file (disaster recovery into an empty cluster).
# Existing topics are left alone. Arguments: EXPORT_FILE. Uses KAFKA_BOOTSTRAP_SERVERS, KAFKA_BIN.
set -euo pipefail
bin=${KAFKA_BIN:+$KAFKA_BIN/}
bs=${KAFKA_BOOTSTRAP_SERVERS:?}
while read -r topic partitions rf configs; do
  [ -n "$topic" ] || continue
  args=()
  IFS=, read -ra kvs <<<"${configs:-}"
  for kv in "${kvs[@]}"; do args+=(--config "$kv"); done
  "${bin}kafka-topics.sh" --bootstrap-server "$bs" --create --if-not-exists --topic "$topic" \
    --partitions "$partitions" --replication-factor "$rf" "${args[@]}"
done <"${1:?export file}"
