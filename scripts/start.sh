#!/usr/bin/env bash
# `make start`: installs what is missing, then runs the portal in development mode:
# frontend on http://localhost:3000, backend on http://localhost:7007.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO"
# Ports first: no point installing for minutes to then fail on a port that is taken.
require_port_free 3000
require_port_free 7007
REALTIME_SKIP_CONTROL_PLANE=1 scripts/setup.sh
command -v mkdocs >/dev/null || fail "mkdocs is missing from .venv: TechDocs cannot build. Run: make setup"
cat <<MSG

  Portal:  http://localhost:3000   (click "Enter" to sign in as guest)
  Docs:    http://localhost:3000/docs/default/component/realtime-platform-docs
  Backend: http://localhost:7007   (ready: /.backstage/health/v1/readiness)
  Stop with Ctrl-C.

MSG
exec yarn start
