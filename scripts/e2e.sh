#!/usr/bin/env bash
# Browser tests: serve the built app from the backend (scripts/portal.sh) and run Playwright with
# Debian's Chromium; extra arguments go to `playwright test`. Stops only the backend it started.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO"
[ -x "$CHROMIUM_PATH" ] || fail "Chromium not found at $CHROMIUM_PATH. Run: make setup (installs Debian's chromium)"
scripts/portal.sh start "${PORTAL_CONFIG[@]+"${PORTAL_CONFIG[@]}"}" || exit 1
yarn playwright test "$@"
rc=$?
scripts/portal.sh stop
exit $rc
