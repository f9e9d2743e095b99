#!/usr/bin/env bash
# Docs checks of the architecture pages and the user guide (issue 7):
#  - scripts/docs/guide.test.cjs (node:test): the diagrams' nodes and edges against what the
#    composition renders for every example, the parts list, every OAM application included or
#    written in docs/ validated through the kit, no YAML typed into the guide, the guide's
#    realtime-kit commands re-run and compared with the committed outputs (and the generated
#    tables), illustrative markers on cluster outputs, screenshots present, and the kubectl/vela
#    commands of the deployment pages walked against their example (namespaces, Services and
#    ports, Deployments, pods, secrets and keys, env vars, topics, MQTT users and bridges), and
#    the guide's provider-kubernetes setup against the Composition (provider config, RBAC per kind);
#  - scripts/docs/scan_secrets.py: detect-secrets over docs/ and platform/, with a negative control.
# The strict mkdocs build (links, anchors, orphan pages) is the "docs build" stage of scripts/test.sh.
set -uo pipefail
source "$(dirname "$0")/../lib.sh"
cd "$REPO"

REGENERATE="node scripts/docs/generate-guide.cjs"
VENV="$TOOLS/guide-venv"
status=0

if ! node --test --test-reporter=spec scripts/docs/guide.test.cjs; then
  echo "guide checks failed (above). Generated outputs stale? run: $REGENERATE; diagrams stale? run: make diagrams"
  status=1
fi

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
