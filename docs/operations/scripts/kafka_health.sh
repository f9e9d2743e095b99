#!/usr/bin/env bash
# Broker checks: the KRaft quorum has a leader, the broker answers API requests, no partition is
# under-replicated or offline. Uses KAFKA_BOOTSTRAP_SERVERS and KAFKA_BIN.
set -euo pipefail
bin=${KAFKA_BIN:+$KAFKA_BIN/}
bs=${KAFKA_BOOTSTRAP_SERVERS:?}
"${bin}kafka-metadata-quorum.sh" --bootstrap-server "$bs" describe --status | grep -E '^(ClusterId|LeaderId|HighWatermark|CurrentVoters):'
echo "api versions: $("${bin}kafka-broker-api-versions.sh" --bootstrap-server "$bs" | grep -c '(id:') broker(s) answering"
echo "under-replicated partitions: $("${bin}kafka-topics.sh" --bootstrap-server "$bs" --describe --under-replicated-partitions | grep -c Partition || true)"
echo "offline partitions: $("${bin}kafka-topics.sh" --bootstrap-server "$bs" --describe --unavailable-partitions | grep -c Partition || true)"
