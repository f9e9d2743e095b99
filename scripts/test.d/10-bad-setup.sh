#!/usr/bin/env bash
# Bad set-up gets one clear line naming the problem and the command that fixes it, never a
# stack trace: a port in use, a missing mkdocs, a missing Chromium, a missing PostgreSQL, a
# control plane that cannot start.
set -uo pipefail
source "$(dirname "$0")/../lib.sh"
cd "$REPO"
passed=0 failed=0

expect_failure() { # description expected-substring command...
  local what=$1 expected=$2 out rc
  shift 2
  out=$("$@" 2>&1)
  rc=$?
  if [ $rc -ne 0 ] && grep -qF -- "$expected" <<<"$out" && ! grep -qE '^\s+at .+:[0-9]+:[0-9]+\)?$' <<<"$out"; then
    echo "  ok: $what"
    passed=$((passed + 1))
  else
    echo "  FAILED: $what (exit $rc), expected \"$expected\" and no stack trace, got:"
    sed 's/^/    | /' <<<"$out" | head -n 15
    failed=$((failed + 1))
  fi
}

listener_pid=
if ! (exec 3<>/dev/tcp/127.0.0.1/7007) 2>/dev/null; then
  python3 -m http.server 7007 --bind 127.0.0.1 >/dev/null 2>&1 &
  listener_pid=$!
  for _ in $(seq 1 50); do (exec 3<>/dev/tcp/127.0.0.1/7007) 2>/dev/null && break; sleep 0.1; done
fi
built_app=$(mktemp -d) && touch "$built_app/index.html"
expect_failure "port 7007 in use" "port 7007 is already in use" env APP_DIST="$built_app" scripts/portal.sh start
expect_failure "port 3000/7007 in use for make start" "is already in use" scripts/start.sh
[ -n "$listener_pid" ] && kill "$listener_pid" && wait "$listener_pid" 2>/dev/null

path_without_venv=$(tr ':' '\n' <<<"$PATH" | grep -vF "$REPO/.venv" | paste -sd:)
expect_failure "no mkdocs in the TechDocs virtualenv" "mkdocs is missing" \
  env TECHDOCS_VENV=/nonexistent PATH="$path_without_venv" scripts/portal.sh start
expect_failure "no Chromium for the diagrams" "Run: make setup" \
  env CHROMIUM_PATH=/nonexistent/chromium node scripts/diagrams.mjs --check
expect_failure "no Chromium for the browser tests" "Run: make setup" \
  env CHROMIUM_PATH=/nonexistent/chromium scripts/e2e.sh
expect_failure "an unbuilt app" "yarn workspace app build" \
  env APP_DIST=/nonexistent scripts/portal.sh start

# The simulated cluster (ports 26540+ so that a running one is not disturbed): a taken port, and a
# component that exits (a certificate that is not one) are each one line naming it.
cp_dir=$(mktemp -d)
python3 -m http.server 26543 --bind 127.0.0.1 >/dev/null 2>&1 &
cp_listener=$!
for _ in $(seq 1 50); do (exec 3<>/dev/tcp/127.0.0.1/26543) 2>/dev/null && break; sleep 0.1; done
expect_failure "control plane: a port in use" "port 26543 is already in use" \
  env CONTROL_PLANE_DIR="$cp_dir" CONTROL_PLANE_PORT_BASE=26540 scripts/control-plane.sh start
kill "$cp_listener" && wait "$cp_listener" 2>/dev/null
mkdir -p "$cp_dir/pki"
for f in ca.crt ca.key server.crt server.key sa.key sa.pub; do echo "not a certificate" >"$cp_dir/pki/$f"; done
echo "t0ken,admin,admin,system:masters" >"$cp_dir/pki/tokens.csv"
expect_failure "control plane: kube-apiserver exits" "control plane: kube-apiserver did not start" \
  env CONTROL_PLANE_DIR="$cp_dir" CONTROL_PLANE_PORT_BASE=26540 scripts/control-plane.sh start
if pgrep -f -- "--data-dir=$cp_dir/etcd" >/dev/null; then
  echo "  FAILED: control plane: etcd left running after a failed start"
  failed=$((failed + 1))
else
  echo "  ok: control plane: nothing left running after a failed start"
  passed=$((passed + 1))
fi
rm -rf "$cp_dir" "$built_app"

# A docs screenshot whose page changed fails, naming the line; one without its text too.
shots=$(mktemp -d) && mkdir -p "$shots/img" "$shots/run"
touch "$shots/img/card.png" && printf 'Kafka\nReady\n' >"$shots/img/card.txt" && printf 'Kafka\nNot ready\n' >"$shots/run/card.txt"
expect_failure "a docs screenshot of a page that changed" "card: the page no longer shows what the committed screenshot shows, from line 2" \
  node scripts/docs/screenshots.mjs --check "$shots/img" "$shots/run"
rm "$shots/img/card.txt"
expect_failure "a docs screenshot without its text" "card: no " node scripts/docs/screenshots.mjs --check "$shots/img" "$shots/run"
rm -rf "$shots"
echo "bad set-up: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
