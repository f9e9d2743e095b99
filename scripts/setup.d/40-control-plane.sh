# shellcheck shell=bash
# Builds the simulated cluster's binaries into .tools/k8s from the Go module proxy, pinned in
# tools/control-plane/go.mod: etcd (`server`), kube-apiserver, kube-controller-manager,
# kube-scheduler, kubectl (Kubernetes v1.36.3, etcd v3.6.8) and kwok v0.8.0. Sourced by
# scripts/setup.sh; rebuilt only when the pinned module changes. Cold: about 8-9 min on 2 cores
# and 2 GB of memory. `make start` skips it (REALTIME_SKIP_CONTROL_PLANE=1): the portal does not
# need a cluster.
: "${REPO:?}" "${TOOLS:?}"
if [ "${REALTIME_SKIP_CONTROL_PLANE:-0}" != 1 ]; then
  _cp_src="$REPO/tools/control-plane"
  _cp_stamp=$(cat "$_cp_src/go.mod" "$_cp_src/go.sum" "$_cp_src/tools.go" "$REPO/scripts/setup.d/40-control-plane.sh" | sha256sum | cut -c1-16)
  if [ "$(cat "$TOOLS/k8s/.stamp" 2>/dev/null)" != "$_cp_stamp" ]; then
    say "Building the control plane (kube-apiserver, etcd, controller-manager, scheduler, kubectl, kwok) into .tools/k8s"
    _cp_version=$(awk '$1=="k8s.io/kubernetes"{print $2}' "$_cp_src/go.mod")
    _cp_minor=$(echo "$_cp_version" | cut -d. -f2)
    rm -rf "$TOOLS/k8s" && mkdir -p "$TOOLS/k8s"
    (cd "$_cp_src" && GOFLAGS=-mod=mod go build -trimpath \
      -ldflags "-s -w -X k8s.io/component-base/version.gitVersion=$_cp_version -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$_cp_minor" \
      -o "$TOOLS/k8s/" go.etcd.io/etcd/server/v3 k8s.io/kubernetes/cmd/kube-apiserver \
      k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kube-scheduler \
      k8s.io/kubernetes/cmd/kubectl sigs.k8s.io/kwok/cmd/kwok) >"$TOOLS/control-plane-build.log" 2>&1 ||
      { tail -n 20 "$TOOLS/control-plane-build.log"; fail "building the control plane failed (log: .tools/control-plane-build.log)"; }
    echo "$_cp_stamp" >"$TOOLS/k8s/.stamp"
  fi
fi
