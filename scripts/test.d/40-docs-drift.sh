#!/usr/bin/env bash
# Every generated file of docs/ is what the generators make of the committed tree: the
# configuration reference (docs/reference), the guide's captured realtime-kit outputs and tables
# (docs/user-guide/generated, docs/architecture/generated) and the access pages' connection-secret
# tables. `realtime-docgen --check` regenerates them in memory and fails naming each stale, missing
# or orphaned file and the regenerate command; it also fails when a docs/access snippet reads a
# variable outside the contract or a page includes a file that does not exist.
# What the pages say (diagrams, parts, OAM snippets, commands) is checked by the jest tests of
# packages/realtime-platform-docgen, in the "unit tests" stage.
# The install packages of platform/package (the Crossplane Configuration package and the KubeVela
# addon) are generated too: `realtime-kit packages generate --check` regenerates them in memory,
# checks them against the packaging rules and fails naming each stale, missing or orphaned file.
set -uo pipefail
source "$(dirname "$0")/../lib.sh"
cd "$REPO"
rc=0
node packages/realtime-platform-docgen/bin/realtime-docgen --check || rc=1
node packages/realtime-platform-kit/bin/realtime-kit packages generate --check || rc=1
exit $rc
