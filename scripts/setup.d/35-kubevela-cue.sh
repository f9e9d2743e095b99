# shellcheck shell=bash
# Builds tools/kubevela-cue once per supported KubeVela release into
# $REPO/.tools/bin/kubevela-cue-<label>: the release's parameter-schema derivation, template
# rendering and health/status evaluation, linked against the CUE version that release embeds
# (pinned in tools/kubevela-cue/go.<label>.mod). Idempotent: rebuilds a binary only when its
# sources (or this script) are newer. Sourced by scripts/setup.sh.
: "${REPO:?REPO must point at the repository root}"
_kc_src="$REPO/tools/kubevela-cue"
# <label>:<KubeVela release>; the label names the module file and the binary.
_kc_releases="v1.9:v1.9.14 v1.10:v1.10.9"
if ! command -v go >/dev/null 2>&1; then
  echo "35-kubevela-cue: go is required to build kubevela-cue (install Go >= 1.22)" >&2
  return 1 2>/dev/null || exit 1
fi
mkdir -p "$REPO/.tools/bin"
for _kc_rel in $_kc_releases; do
  _kc_label="${_kc_rel%%:*}"
  _kc_version="${_kc_rel#*:}"
  _kc_bin="$REPO/.tools/bin/kubevela-cue-$_kc_label"
  if [ ! -x "$_kc_bin" ] || [ -n "$(find "$_kc_src/main.go" "$_kc_src/go.$_kc_label.mod" "$_kc_src/go.$_kc_label.sum" "${BASH_SOURCE[0]}" -newer "$_kc_bin" 2>/dev/null | head -n1)" ]; then
    if ! (cd "$_kc_src" && go build -mod=readonly -modfile="go.$_kc_label.mod" \
      -ldflags "-X main.kubevela=$_kc_version" -o "$_kc_bin" .); then
      echo "35-kubevela-cue: building kubevela-cue-$_kc_label failed (needs the Go module proxy for cuelang.org/go)" >&2
      return 1 2>/dev/null || exit 1
    fi
    echo "35-kubevela-cue: built $_kc_bin ($("$_kc_bin" version | tr -d ' \n'))"
  else
    echo "35-kubevela-cue: $_kc_bin is up to date"
  fi
done
unset _kc_src _kc_releases _kc_rel _kc_label _kc_version _kc_bin
