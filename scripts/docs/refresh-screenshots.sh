#!/usr/bin/env bash
# Copies the portal screenshots the user guide shows from the browser tests' output
# (artifacts/screenshots/*.png, written by packages/app/e2e-tests) into docs/user-guide/img/, each with
# the visible text of its region (<name>.txt), which the test command compares with the page.
# Run the browser tests first, then this, and commit docs/user-guide/img/:
#   scripts/portal.sh start && yarn playwright test; scripts/portal.sh stop; scripts/e2e-live.sh   (or: make test)
#   scripts/docs/refresh-screenshots.sh
# Fails, naming the test that writes it, when a screenshot is missing.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
src="$REPO/artifacts/screenshots"
dst="$REPO/docs/user-guide/img"

# screenshot name -> the e2e test file that saves it
declare -A SHOTS=(
  [docs-index]=packages/app/e2e-tests/app.test.ts
  [catalog-module-platform-card]=packages/app/e2e-tests/catalog-module.test.ts
  [catalog-module-minimal-card]=packages/app/e2e-tests/catalog-module.test.ts
  [template-create-card]=packages/app/e2e-tests/template.test.ts
  [template-review]=packages/app/e2e-tests/template.test.ts
  [template-task-output]=packages/app/e2e-tests/template.test.ts
  [register-oam-review]=packages/app/e2e-tests/register-oam.test.ts
  [realtime-card-consumer]=packages/app/e2e-tests/realtime-card.test.ts
  [realtime-card-live]=packages/app/e2e-tests/live-state.test.ts
  [realtime-card-live-failing]=packages/app/e2e-tests/live-state.test.ts
)

mkdir -p "$dst"
missing=0
for name in "${!SHOTS[@]}"; do
  if [ ! -s "$src/$name.png" ] || [ ! -s "$src/$name.txt" ]; then
    echo "missing: artifacts/screenshots/$name.png (written by ${SHOTS[$name]}; run the browser tests first)" >&2
    missing=1
    continue
  fi
  cp "$src/$name.png" "$dst/$name.png"
  cp "$src/$name.txt" "$dst/$name.txt"
  echo "copied $name.png and its text"
done
exit $missing
