#!/usr/bin/env bash
# The configuration reference (docs/reference) is generated from platform/: regenerate it into a
# temporary directory and fail, naming each stale page and the regenerate command, when the
# committed pages differ.
set -uo pipefail
source "$(dirname "$0")/../lib.sh"
cd "$REPO"

REGENERATE="yarn workspace @internal/realtime-platform-docgen generate"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

if ! node packages/realtime-platform-docgen/bin/realtime-docgen --out "$out" >/dev/null; then
  fail "the reference generator failed (message above); fix platform/ and run: $REGENERATE"
fi

stale=0
for page in "$out"/*.md; do
  name=$(basename "$page")
  committed="docs/reference/$name"
  if [ ! -f "$committed" ]; then
    echo "STALE: $committed is missing (generated from platform/ but not committed)"
    stale=1
  elif ! diff -u --label "$committed (committed)" --label "$committed (generated)" "$committed" "$page" | head -20; then
    echo "STALE: $committed differs from what platform/ generates (first lines of the diff above)"
    stale=1
  fi
done
for committed in docs/reference/*.md; do
  [ -f "$out/$(basename "$committed")" ] && continue
  echo "STALE: $committed is not generated from platform/ (remove it, or regenerate)"
  stale=1
done

if [ $stale -ne 0 ]; then
  fail "docs/reference is stale: run $REGENERATE and commit docs/reference/"
fi
echo "docs/reference: $(ls "$out" | wc -l) pages match platform/ ($REGENERATE)"
