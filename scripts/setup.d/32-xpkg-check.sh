# shellcheck shell=bash
# Builds tools/xpkg-check (decodes the Crossplane Configuration package platform/package/crossplane
# with Crossplane's own API types, Masterminds semver and go-containerregistry, pinned in
# tools/xpkg-check/go.mod) into $REPO/.tools/bin: about 20 s on 2 cores, 60 s with an empty Go build
# cache. Idempotent: rebuilds only when a source file (or this script) is newer than the binary.
# Sourced by scripts/setup.sh.
: "${REPO:?REPO must point at the repository root}"
_xc_src="$REPO/tools/xpkg-check"
_xc_bin="$REPO/.tools/bin/xpkg-check"
if ! command -v go >/dev/null 2>&1; then
  echo "32-xpkg-check: go is required to build xpkg-check (install Go >= 1.25)" >&2
  return 1 2>/dev/null || exit 1
fi
mkdir -p "$REPO/.tools/bin"
if [ ! -x "$_xc_bin" ] || [ -n "$(find "$_xc_src" "${BASH_SOURCE[0]}" -newer "$_xc_bin" -type f 2>/dev/null | head -n1)" ]; then
  if ! (cd "$_xc_src" && go build -mod=readonly -o "$_xc_bin" .); then
    echo "32-xpkg-check: building xpkg-check failed (needs the Go module proxy for github.com/crossplane/crossplane/apis/v2)" >&2
    return 1 2>/dev/null || exit 1
  fi
  echo "32-xpkg-check: built $_xc_bin"
else
  echo "32-xpkg-check: $_xc_bin is up to date"
fi
unset _xc_src _xc_bin
