#!/usr/bin/env bash
# Starts and stops the portal's backend for tests and benchmarks; only ever stops the process
# group it started itself (pid file in .tools/run).
#   scripts/portal.sh start [extra app-config files...]   backend on :7007 serving the built app
#   scripts/portal.sh stop
set -euo pipefail
source "$(dirname "$0")/lib.sh"
RUN="$TOOLS/run"
PIDFILE="$RUN/backend.pid"
LOG="$ARTIFACTS/logs/backend.log"
READY=http://localhost:7007/.backstage/health/v1/readiness

start() {
  mkdir -p "$RUN" "$(dirname "$LOG")"
  command -v mkdocs >/dev/null || fail "mkdocs is missing (.venv/bin/mkdocs): TechDocs cannot build. Run: make setup"
  [ -f "${APP_DIST:-$REPO/packages/app/dist}/index.html" ] || fail "the app is not built. Run: yarn workspace app build"
  require_port_free 7007
  check_no_escaping_symlinks || exit 1
  local args=(--config "$REPO/app-config.yaml" --config "$REPO/scripts/config/app-config.e2e.yaml")
  for extra in "$@"; do args+=(--config "$(cd "$(dirname "$extra")" && pwd)/$(basename "$extra")"); done
  export TECHDOCS_PUBLISH_DIR="$RUN/techdocs"
  rm -rf "$TECHDOCS_PUBLISH_DIR" && mkdir -p "$TECHDOCS_PUBLISH_DIR"
  local pid deadline=$((SECONDS + 300)) started
  started=$(date +%s.%N)
  (cd "$REPO/packages/backend" && exec setsid yarn backstage-cli package start "${args[@]}" >>"$LOG" 2>&1) &
  echo $! >"$PIDFILE"
  pid=$(cat "$PIDFILE")
  until curl -fsS -o /dev/null "$READY" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
      tail -n 15 "$LOG" | cut -c1-300 >&2
      stop
      fail "the backend did not become ready (log: $LOG). Fix the error above, then rerun"
    fi
    sleep 0.2
  done
  awk "BEGIN{printf \"%.2f\", $(date +%s.%N) - $started}" >"$RUN/readiness-seconds"
  # Ready for tests means the catalog has ingested the repository's own entities too.
  node "$REPO/scripts/catalog-snapshot.mjs" --wait-for component:default/realtime-platform-docs >/dev/null ||
    { stop; fail "the catalog did not ingest catalog-info.yaml (log: $LOG)"; }
  echo "backend ready on http://localhost:7007 (pid $(cat "$PIDFILE"), log $LOG)"
}

stop() {
  [ -f "$PIDFILE" ] || return 0
  local pid
  pid=$(cat "$PIDFILE")
  kill -TERM -- "-$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.5; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -f "$PIDFILE"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) stop ;;
  *) fail "usage: scripts/portal.sh start [config.yaml...] | stop" ;;
esac
