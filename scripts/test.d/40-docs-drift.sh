#!/usr/bin/env bash
# Every generated file of docs/ is what the generators make of the committed tree: the
# configuration reference (docs/reference), the guide's captured realtime-kit outputs and tables
# (docs/user-guide/generated, docs/architecture/generated) and the access pages' connection-secret
# tables. `realtime-docgen --check` regenerates them in memory and fails naming each stale, missing
# or orphaned file and the regenerate command; it also fails when a docs/access snippet reads a
# variable outside the contract or a page includes a file that does not exist.
# What the pages say (diagrams, parts, OAM snippets, commands) is checked by the jest tests of
# packages/realtime-platform-docgen, in the "unit tests" stage.
set -uo pipefail
source "$(dirname "$0")/../lib.sh"
cd "$REPO"
exec node packages/realtime-platform-docgen/bin/realtime-docgen --check
