#!/usr/bin/env bash
# Browser test of the realtime-platform card's live state: the portal's Kubernetes backend reads
# the simulated cluster (scripts/control-plane.sh: real API server, kwok nodes) with both examples
# applied and Ready, as the read-only identity of kubernetes-portal-reader.yaml, configured by
# app-config.kubernetes.yaml. Extra arguments go to `playwright test`. Stops what it started.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO"
[ -x "$CHROMIUM_PATH" ] || fail "Chromium not found at $CHROMIUM_PATH. Run: make setup (installs Debian's chromium)"

scripts/control-plane.sh stop
trap 'scripts/portal.sh stop; scripts/control-plane.sh stop' EXIT
env_line=$(scripts/control-plane.sh start) || exit 1
eval "$env_line"
# The cluster's address, CA and the reader's token, as export lines (never printed).
cluster_env=$(node --require @backstage/cli/config/nodeTransform.cjs \
  packages/realtime-platform-kit/src/cluster/portalCluster.ts) || exit 1
eval "$cluster_env"
scripts/portal.sh start app-config.kubernetes.yaml || exit 1
LIVE_STATE=1 KUBECTL="$TOOLS/k8s/kubectl" yarn playwright test live-state.test.ts "$@"
