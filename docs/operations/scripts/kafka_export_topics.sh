#!/usr/bin/env bash
# Export every non-internal topic's partition count, replication factor and the configuration
# set on the topic itself, one topic per line, sorted:
#   <topic> <partitions> <replication-factor> [key=value,...]
# Two tool runs in all (one describe of the topics, one of their configs). Uses
# KAFKA_BOOTSTRAP_SERVERS and KAFKA_COMMAND_CONFIG; KAFKA_BIN is the directory of the kafka-*.sh tools when they are not
# on PATH (/opt/kafka/bin in the broker image).
set -euo pipefail
bin=${KAFKA_BIN:+$KAFKA_BIN/}
bs=${KAFKA_BOOTSTRAP_SERVERS:?}
# The listener authenticates: KAFKA_COMMAND_CONFIG is a client properties file (in kafka-0:
# /tmp/admin.properties, written at start).
cfg=${KAFKA_COMMAND_CONFIG:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"${bin}kafka-topics.sh" --bootstrap-server "$bs" --command-config "$cfg" --describe --exclude-internal >"$tmp/topics"
"${bin}kafka-configs.sh" --bootstrap-server "$bs" --command-config "$cfg" --describe --entity-type topics >"$tmp/configs"
# "Dynamic configs for topic <t> are:" then one "  key=value sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:...}" per override
awk '/^Dynamic configs for topic /{t=$5; next}
     /synonyms=\{DYNAMIC_TOPIC_CONFIG/ && t!="" {split($1, kv, "="); print t, $1}' "$tmp/configs" | sort >"$tmp/overrides"
# The topic summary line: "Topic: <t>  TopicId: ..  PartitionCount: N  ReplicationFactor: R  Configs: ..."
awk -F'\t' '/^Topic: .*PartitionCount:/{
       for (i = 1; i <= NF; i++) { split($i, f, ": "); v[f[1]] = f[2] }
       print v["Topic"], v["PartitionCount"], v["ReplicationFactor"] }' "$tmp/topics" | sort |
  while read -r topic partitions rf; do
    configs=$(awk -v t="$topic" '$1 == t {print $2}' "$tmp/overrides" | paste -sd, -)
    echo "$topic $partitions $rf ${configs}" | sed 's/ $//'
  done
