#!/usr/bin/env bash
# Every composed object meets a real Kubernetes control plane (scripts/control-plane.sh: etcd,
# kube-apiserver, controller-manager, scheduler; nodes simulated by kwok):
#   - the composite CRD derived from the XRD, both examples and generated applications of every
#     shape applied, Ready on kwok nodes, applied again without change (packages/realtime-platform-kit
#     src/cluster/*.cluster.ts);
#   - the reference's change effects replayed as server-side dry runs: what it calls immutable is
#     refused, what it says changes changes (packages/realtime-platform-docgen src/*.cluster.ts);
#   - the kubectl outputs the guide shows, captured from this cluster, are current.
# The control plane is stopped by pid whatever happens.
set -uo pipefail
source "$(dirname "$0")/../lib.sh"
cd "$REPO"

scripts/control-plane.sh stop
trap 'scripts/control-plane.sh stop' EXIT
started=$SECONDS
env_line=$(scripts/control-plane.sh start) || exit 1
eval "$env_line"
echo "control plane up in $((SECONDS - started)) s"

rc=0
cluster_suite() { # package dir
  (cd "$1" && yarn backstage-cli package test --testMatch '**/*.cluster.ts' --runInBand --watchAll=false) || rc=1
}
cluster_suite packages/realtime-platform-kit
cluster_suite packages/realtime-platform-docgen
node --require @backstage/cli/config/nodeTransform.cjs packages/realtime-platform-docgen/src/clusterOutputs.ts --check || rc=1
exit $rc
