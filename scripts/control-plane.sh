#!/usr/bin/env bash
# A real Kubernetes control plane on loopback, with simulated nodes:
# etcd, kube-apiserver, kube-controller-manager and kube-scheduler (built from the Go module proxy
# by scripts/setup.d/40-control-plane.sh) and kwok, which plays the kubelet of one fake node.
# No container runs: kwok reports Pods Running/Ready (Succeeded for Jobs) and binds volumes.
#
#   scripts/control-plane.sh start   # prints `export KUBECONFIG=...` (eval it)
#   scripts/control-plane.sh stop    # stops every process by its pid
#   scripts/control-plane.sh env     # prints `export KUBECONFIG=...` of a running control plane
#
# State (certificates, etcd data, logs, pids) lives in $CONTROL_PLANE_DIR (default
# .tools/control-plane); ports in $CONTROL_PLANE_PORT_BASE (default 26440: etcd +0/+1,
# kube-apiserver +3, controller-manager +4, scheduler +5, kwok +6).
set -uo pipefail
source "$(dirname "$0")/lib.sh"

K8S_BIN="$TOOLS/k8s"
DIR="${CONTROL_PLANE_DIR:-$TOOLS/control-plane}"
BASE="${CONTROL_PLANE_PORT_BASE:-26440}"
ETCD_PORT=$BASE ETCD_PEER_PORT=$((BASE + 1)) API_PORT=$((BASE + 3))
CM_PORT=$((BASE + 4)) SCHED_PORT=$((BASE + 5)) KWOK_PORT=$((BASE + 6))
KUBECONFIG_FILE="$DIR/kubeconfig"
# Stopped in reverse order of start.
COMPONENTS=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok)
NODE_NAME=kwok-node-0

# die COMPONENT WHY: one line naming what did not start, then the log lines that say why.
die() {
  echo "control plane: $1 did not start: $2 (log: $DIR/logs/$1.log)" >&2
  [ -f "$DIR/logs/$1.log" ] && grep -iE 'error|fatal|fail|refused|invalid' "$DIR/logs/$1.log" | tail -n 8 | sed 's/^/  /' >&2
  stop_all
  exit 1
}

pid_alive() { [ -f "$DIR/pids/$1" ] && kill -0 "$(cat "$DIR/pids/$1")" 2>/dev/null; }

stop_all() {
  local i name pid
  for ((i = ${#COMPONENTS[@]} - 1; i >= 0; i--)); do
    name=${COMPONENTS[i]}
    [ -f "$DIR/pids/$name" ] || continue
    pid=$(cat "$DIR/pids/$name")
    kill "$pid" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
    rm -f "$DIR/pids/$name"
  done
}

launch() { # name binary args...
  local name=$1 bin=$2
  shift 2
  "$K8S_BIN/$bin" "$@" >"$DIR/logs/$name.log" 2>&1 &
  echo $! >"$DIR/pids/$name"
}

# wait_for NAME SECONDS COMMAND...: until COMMAND succeeds, the process stays up, or time runs out.
wait_for() {
  local name=$1 deadline=$((SECONDS + $2))
  shift 2
  until "$@" >/dev/null 2>&1; do
    pid_alive "$name" || die "$name" "the process exited"
    [ $SECONDS -lt $deadline ] || die "$name" "not ready after $((SECONDS - deadline + $2)) s"
    sleep 0.2
  done
}

certificates() {
  local pki="$DIR/pki"
  mkdir -p "$pki"
  [ -f "$pki/ca.crt" ] && return 0
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=realtime-test-ca" \
    -keyout "$pki/ca.key" -out "$pki/ca.crt" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=kube-apiserver" \
    -keyout "$pki/server.key" -out "$pki/server.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes.default.svc\n' >"$pki/san.ext"
  openssl x509 -req -in "$pki/server.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial \
    -days 30 -extfile "$pki/san.ext" -out "$pki/server.crt" 2>/dev/null
  openssl genrsa -out "$pki/sa.key" 2048 2>/dev/null
  openssl rsa -in "$pki/sa.key" -pubout -out "$pki/sa.pub" 2>/dev/null
  # A static token: the admin (system:masters) for the components and the tests.
  printf '%s,admin,admin,system:masters\n' "$(openssl rand -hex 24)" >"$pki/tokens.csv"
  [ -f "$pki/ca.crt" ] && [ -f "$pki/server.crt" ] && [ -f "$pki/sa.pub" ]
}

kubeconfig() { # user token file
  cat >"$3" <<EOF
apiVersion: v1
kind: Config
clusters:
  - name: simulated
    cluster:
      server: https://127.0.0.1:$API_PORT
      certificate-authority: $DIR/pki/ca.crt
users:
  - name: $1
    user:
      token: $2
contexts:
  - name: simulated
    context: {cluster: simulated, user: $1}
current-context: simulated
EOF
}

# kwok's behaviour comes from Stage objects; its own module ships the standard ones. Tests make a
# part fail with a node selector no node matches: its pods stay Pending.
kwok_config() {
  local src
  src=$(cd "$REPO/tools/control-plane" && GOFLAGS=-mod=mod go list -m -f '{{.Dir}}' sigs.k8s.io/kwok) || return 1
  {
    for f in node/fast/node-initialize.yaml node/heartbeat-with-lease/node-heartbeat-with-lease.yaml \
      pod/fast/pod-ready.yaml pod/fast/pod-complete.yaml pod/fast/pod-delete.yaml \
      volume/fast/pvc-provision.yaml volume/fast/pv-bind.yaml volume/fast/pv-delete.yaml volume/fast/pvc-delete.yaml; do
      cat "$src/kustomize/stage/$f"
      printf -- '---\n'
    done
  } >"$DIR/kwok.yaml"
  cp "$src/kustomize/stage/volume/fast/storage-class.yaml" "$DIR/storage-class.yaml"
}

node_manifest() {
  cat <<EOF
apiVersion: v1
kind: Node
metadata:
  name: $NODE_NAME
  annotations:
    kwok.x-k8s.io/node: fake
  labels:
    kubernetes.io/hostname: $NODE_NAME
    kubernetes.io/os: linux
    kubernetes.io/arch: amd64
    type: kwok
status:
  allocatable: {cpu: "64", memory: 256Gi, pods: "250"}
  capacity: {cpu: "64", memory: 256Gi, pods: "250"}
EOF
}

kc() { "$K8S_BIN/kubectl" --kubeconfig "$KUBECONFIG_FILE" "$@"; }

start() {
  for b in server kube-apiserver kube-controller-manager kube-scheduler kwok kubectl; do
    [ -x "$K8S_BIN/$b" ] || fail "control plane: $K8S_BIN/$b is missing; build it with: make setup"
  done
  if pid_alive kube-apiserver; then
    echo "control plane: already running (scripts/control-plane.sh stop first)" >&2
    exit 1
  fi
  stop_all
  rm -rf "$DIR/etcd" "$DIR/logs" "$DIR/pids"
  mkdir -p "$DIR/logs" "$DIR/pids"
  for port in "$ETCD_PORT" "$ETCD_PEER_PORT" "$API_PORT" "$CM_PORT" "$SCHED_PORT" "$KWOK_PORT"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "control plane: port $port is already in use (set CONTROL_PLANE_PORT_BASE, or: ss -ltnp 'sport = :$port')" >&2
      exit 1
    fi
  done
  certificates || die certificates "openssl failed"
  local pki="$DIR/pki" started=$SECONDS
  kubeconfig admin "$(awk -F, '$2=="admin"{print $1}' "$pki/tokens.csv")" "$KUBECONFIG_FILE"

  launch etcd server --name=etcd0 --data-dir="$DIR/etcd" --unsafe-no-fsync \
    --listen-client-urls="http://127.0.0.1:$ETCD_PORT" --advertise-client-urls="http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster="etcd0=http://127.0.0.1:$ETCD_PEER_PORT" --listen-metrics-urls=
  wait_for etcd 30 curl -sf "http://127.0.0.1:$ETCD_PORT/health"

  launch kube-apiserver kube-apiserver --etcd-servers="http://127.0.0.1:$ETCD_PORT" \
    --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$API_PORT" \
    --tls-cert-file="$pki/server.crt" --tls-private-key-file="$pki/server.key" --client-ca-file="$pki/ca.crt" \
    --token-auth-file="$pki/tokens.csv" --authorization-mode=RBAC \
    --service-account-key-file="$pki/sa.pub" --service-account-signing-key-file="$pki/sa.key" \
    --service-account-issuer=https://kubernetes.default.svc --service-cluster-ip-range=10.96.0.0/16 \
    --endpoint-reconciler-type=none --allow-privileged=false
  wait_for kube-apiserver 90 kc get --raw /readyz

  # No node lifecycle: kwok's heartbeats can lag on a loaded machine, and that controller would then
  # mark every Pod NotReady; there is no kubelet whose health it could judge.
  launch kube-controller-manager kube-controller-manager --kubeconfig="$KUBECONFIG_FILE" \
    --bind-address=127.0.0.1 --secure-port="$CM_PORT" --leader-elect=false \
    --service-account-private-key-file="$pki/sa.key" --root-ca-file="$pki/ca.crt" \
    --use-service-account-credentials=false --controllers='*,-node-lifecycle-controller'
  launch kube-scheduler kube-scheduler --kubeconfig="$KUBECONFIG_FILE" \
    --bind-address=127.0.0.1 --secure-port="$SCHED_PORT" --leader-elect=false
  kwok_config || die kwok "its stages were not found in the Go module cache (run: make setup)"
  launch kwok kwok --kubeconfig="$KUBECONFIG_FILE" --config="$DIR/kwok.yaml" \
    --manage-all-nodes=false --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake \
    --server-address="127.0.0.1:$KWOK_PORT" --cidr=10.244.0.0/16 --node-ip=10.0.0.1
  node_manifest | kc apply -f - >/dev/null || die kube-apiserver "the fake node was refused"
  kc apply -f "$DIR/storage-class.yaml" >/dev/null || die kube-apiserver "the storage class was refused"
  wait_for kwok 60 kc wait --for=condition=Ready "node/$NODE_NAME" --timeout=1s
  # The API server taints every new Node not-ready; the node lifecycle controller (off, above)
  # would lift it once the node is Ready, so do what it would do.
  kc taint node "$NODE_NAME" node.kubernetes.io/not-ready:NoSchedule- >/dev/null 2>&1 || true
  wait_for kube-controller-manager 60 kc get serviceaccount default -n default
  pid_alive kube-scheduler || die kube-scheduler "the process exited"
  echo "control plane: ready in $((SECONDS - started)) s ($("$K8S_BIN/kubectl" version --kubeconfig "$KUBECONFIG_FILE" -o json | node -pe 'JSON.parse(require("fs").readFileSync(0)).serverVersion.gitVersion'), node $NODE_NAME)" >&2
  echo "export KUBECONFIG=$KUBECONFIG_FILE"
}

case "${1:-}" in
  start) start ;;
  stop) stop_all ;;
  env) pid_alive kube-apiserver && echo "export KUBECONFIG=$KUBECONFIG_FILE" || { echo "control plane: not running" >&2; exit 1; } ;;
  *) echo "usage: scripts/control-plane.sh start|stop|env" >&2; exit 2 ;;
esac
