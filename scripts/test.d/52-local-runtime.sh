#!/usr/bin/env bash
# Both examples run on this machine from their composed objects (realtime-kit local up: real
# Kafka, Kafka Connect, Apicurio Registry, Mosquitto and PostgreSQL; Metabase and Lenses as named
# stand-ins), and their data path works end to end: MQTT -> Kafka -> PostgreSQL -> Metabase, the
# webservices' topics and schemas, probes, refused passwords, a broker restart, connector
# failures (packages/realtime-platform-kit src/runtime/*.local.ts). Needs root (network
# namespaces). Every process is stopped with its run; the stage checks none is left.
set -uo pipefail
source "$(dirname "$0")/../lib.sh"
cd "$REPO"
if [ "$(id -u)" != 0 ]; then
  echo "52-local-runtime needs root (the local runtime makes network namespaces and mounts): run make test as root" >&2
  exit 1
fi

leftover() { ip netns list 2>/dev/null | grep -c '^rk[0-9a-f]\{6\}-' || true; }
before=$(leftover)
rc=0
(cd packages/realtime-platform-kit && yarn backstage-cli package test --testMatch '**/*.local.ts' --runInBand --watchAll=false) || rc=1
after=$(leftover)
if [ "$after" -gt "$before" ]; then
  echo "local runtime left $((after - before)) network namespaces behind: $(ip netns list | grep '^rk' | tr '\n' ' ')" >&2
  rc=1
fi
exit $rc
