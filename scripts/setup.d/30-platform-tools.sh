# shellcheck shell=bash
# Builds tools/composition-render (executes the Composition's function-go-templating template
# with text/template + sprig, as the function does) into $REPO/.tools/bin. Idempotent: rebuilds
# only when a source file is newer than the binary. Sourced by scripts/setup.sh.
: "${REPO:?REPO must point at the repository root}"
_cr_src="$REPO/tools/composition-render"
_cr_bin="$REPO/.tools/bin/composition-render"
if ! command -v go >/dev/null 2>&1; then
  echo "30-platform-tools: go is required to build composition-render (install Go >= 1.22)" >&2
  return 1 2>/dev/null || exit 1
fi
mkdir -p "$REPO/.tools/bin"
if [ ! -x "$_cr_bin" ] || [ -n "$(find "$_cr_src" -newer "$_cr_bin" -type f 2>/dev/null | head -n1)" ]; then
  (cd "$_cr_src" && GOFLAGS=-mod=mod go build -o "$_cr_bin" .)
  echo "30-platform-tools: built $_cr_bin"
else
  echo "30-platform-tools: $_cr_bin is up to date"
fi
