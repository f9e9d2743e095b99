#!/usr/bin/env bash
# Secret scan of the docs (issue 7): scripts/docs/scan_secrets.py runs detect-secrets over docs/
# and platform/, with a negative control (a planted credential must be found).
# The other docs checks live elsewhere: what the architecture pages and the user guide say
# (diagrams against the rendered composition, parts, every OAM snippet validated, commands walked
# against their examples, illustrative markers, screenshots, the provider-kubernetes setup) are
# jest tests of packages/realtime-platform-docgen (src/guide/*.test.ts, the "unit tests" stage);
# whether the generated outputs are current is stage 40-docs-drift; the strict mkdocs build
# (links, anchors, orphan pages) is the "docs build" stage of scripts/test.sh.
set -uo pipefail
source "$(dirname "$0")/../lib.sh"
cd "$REPO"

VENV="$TOOLS/guide-venv"
status=0

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import detect_secrets' 2>/dev/null; then
  say "installing detect-secrets into .tools/guide-venv"
  rm -rf "$VENV"
  python3 -m venv --copies "$VENV" && "$VENV/bin/pip" install -q -r scripts/docs/requirements-guide.txt ||
    fail "cannot install detect-secrets (scripts/docs/requirements-guide.txt) into $VENV"
fi
scan=$("$VENV/bin/python" scripts/docs/scan_secrets.py docs platform)
scan_rc=$?
grep -v '^allowed' <<<"$scan"
if [ $scan_rc -ne 0 ]; then
  echo "credential-like literals in docs/ or platform/ (listed above; rules in scripts/docs/scan_secrets.py)"
  status=1
fi
neg=$(mktemp -d)
trap 'rm -rf "$neg"' EXIT
printf 'password: %s\n' "Zx81kQ2pLm9Vt4Rb7Nc3Wd6Yf0Hg5Js" >"$neg/leak.md"
if "$VENV/bin/python" scripts/docs/scan_secrets.py "$neg" >/dev/null; then
  echo "the secret scanner missed a planted credential (negative control)"
  status=1
else
  echo "secret scanner negative control: planted credential detected"
fi
exit $status
