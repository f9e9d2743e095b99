#!/usr/bin/env bash
# Installs everything the portal and its tests need, idempotently:
# Node 22 (from the npm registry's `node` package when the system Node is older), yarn deps,
# the TechDocs virtualenv, the cue evaluator, Chromium/PostgreSQL/Mosquitto (apt, as root).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO"
mkdir -p "$TOOLS/bin"

if [ "$(node_major)" -lt 22 ]; then
  command -v npm >/dev/null || fail "npm is missing: install Node.js (any version) with npm, then rerun: make setup"
  say "Installing Node $NODE_VERSION into .tools/node (system Node is $(node --version 2>/dev/null || echo none))"
  npm install --prefix "$TOOLS/node" --no-save --no-package-lock --no-audit --no-fund "node@$NODE_VERSION" >/dev/null
  [ "$(node_major)" -ge 22 ] || fail "Node 22 did not install into .tools/node; run: npm install --prefix .tools/node node@$NODE_VERSION"
fi
if [ ! -x "$TOOLS/bin/yarn" ]; then
  printf '#!/bin/sh\nexec node "%s/.yarn/releases/yarn-4.13.0.cjs" "$@"\n' "$REPO" >"$TOOLS/bin/yarn"
  chmod +x "$TOOLS/bin/yarn"
fi

missing_apt=()
[ -x "$CHROMIUM_PATH" ] || missing_apt+=(chromium)
command -v /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing_apt+=(postgresql)
command -v mosquitto >/dev/null || [ -x /usr/sbin/mosquitto ] || missing_apt+=(mosquitto mosquitto-clients)
# The local runtime (stage 52-local-runtime): network namespaces, and curl in its containers.
[ -x /usr/sbin/ip ] || missing_apt+=(iproute2)
command -v curl >/dev/null || missing_apt+=(curl)
# The simulated cluster's certificates and the MQTT TLS test's CA are made with openssl.
command -v openssl >/dev/null || missing_apt+=(openssl)
if [ ${#missing_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    say "Installing ${missing_apt[*]} with apt"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing_apt[@]}" >/dev/null
  else
    fail "missing system packages: ${missing_apt[*]}. Run: sudo apt-get install -y ${missing_apt[*]}"
  fi
fi

if [ ! -x .venv/bin/mkdocs ] || ! cmp -s scripts/requirements-docs.txt .venv/.requirements; then
  # --copies: TechDocs refuses a docs directory holding symlinks that leave it (dir:. is the repo).
  say "Creating the TechDocs virtualenv (.venv) with mkdocs-techdocs-core"
  rm -rf .venv
  python3 -m venv --copies .venv || fail "python3 -m venv failed: install python3-venv (apt-get install -y python3-venv), then: make setup"
  .venv/bin/pip install -q --disable-pip-version-check -r scripts/requirements-docs.txt
  cp scripts/requirements-docs.txt .venv/.requirements
fi

if [ ! -x "$CUE_BIN" ] || [ "$("$CUE_BIN" version | awk '/cue version/{print $3}')" != "$CUE_VERSION" ]; then
  command -v go >/dev/null || fail "go is missing: it installs the pinned cue evaluator. Install Go 1.22+, then: make setup"
  say "Installing cue $CUE_VERSION into .tools/bin"
  GOBIN="$TOOLS/bin" GOFLAGS=-mod=mod go install "cuelang.org/go/cmd/cue@$CUE_VERSION"
fi

say "Installing node dependencies (yarn install --immutable)"
yarn install --immutable >"$TOOLS/yarn-install.log" 2>&1 || {
  tail -n 30 "$TOOLS/yarn-install.log"
  fail "yarn install failed (log: .tools/yarn-install.log). Run: make setup"
}

for extra in scripts/setup.d/*.sh; do
  [ -e "$extra" ] || continue
  source "$extra"
done
# node-gyp leaves build/node_gyp_bins/python3 pointing at the system python; TechDocs refuses a
# docs tree (dir:. is the repository) holding links that leave it.
find "$REPO" -path "$REPO/.git" -prune -o -type d -name node_gyp_bins -prune -exec rm -rf {} + 2>/dev/null || true
check_no_escaping_symlinks || fail "fix the links above, then: make setup"
say "Setup complete"
