#!/usr/bin/env bash
# Broker checks: the KRaft quorum has a leader, the broker answers API requests, no partition is
# under-replicated or offline. Uses KAFKA_BOOTSTRAP_SERVERS, KAFKA_COMMAND_CONFIG and KAFKA_BIN.
set -euo pipefail
bin=${KAFKA_BIN:+$KAFKA_BIN/}
bs=${KAFKA_BOOTSTRAP_SERVERS:?}
# The listener authenticates: KAFKA_COMMAND_CONFIG is a client properties file (in kafka-0:
# /tmp/admin.properties, written at start).
cfg=${KAFKA_COMMAND_CONFIG:?}
"${bin}kafka-metadata-quorum.sh" --bootstrap-server "$bs" --command-config "$cfg" describe --status | grep -E '^(ClusterId|LeaderId|HighWatermark|CurrentVoters):'
echo "api versions: $("${bin}kafka-broker-api-versions.sh" --bootstrap-server "$bs" --command-config "$cfg" | grep -c '(id:') broker(s) answering"
echo "under-replicated partitions: $("${bin}kafka-topics.sh" --bootstrap-server "$bs" --command-config "$cfg" --describe --under-replicated-partitions | grep -c Partition || true)"
echo "offline partitions: $("${bin}kafka-topics.sh" --bootstrap-server "$bs" --command-config "$cfg" --describe --unavailable-partitions | grep -c Partition || true)"
