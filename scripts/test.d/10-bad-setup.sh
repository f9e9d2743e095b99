#!/usr/bin/env bash
# Bad set-up gets one clear line naming the problem and the command that fixes it, never a
# stack trace: a port in use, a missing mkdocs, a missing Chromium, a missing PostgreSQL.
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

rm -rf "$built_app"
echo "bad set-up: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
