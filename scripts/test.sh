#!/usr/bin/env bash
# The one test command (`make test`): installs what is missing, then type-check, lint, unit tests,
# diagram drift, strict docs build, extra suites (scripts/test.d), browser tests against the
# portal on SQLite, and the production database path on a real PostgreSQL with a restart.
# Every stage runs; the exit code is non-zero when any failed.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO"
export CI="${CI:-true}"
mkdir -p "$ARTIFACTS/logs" "$ARTIFACTS/screenshots"

"$REPO/scripts/setup.sh" || exit 1

passed=()
failed=()
stage() { # name command...
  local name=$1 start=$SECONDS log
  shift
  say "$name"
  log="$ARTIFACTS/logs/stage-${name//[^A-Za-z0-9.-]/_}.log"
  # Not a pipe: a server a stage leaves running would hold it open and stall the next stage.
  if "$@" > >(tee "$log") 2>&1; then passed+=("$name"); else failed+=("$name|$log"); fi
  echo "    ($name: $((SECONDS - start)) s)"
}

# A CI log may keep only its tail: repeat what each failed stage said about its failures there.
failure_summary() { # log
  grep -E '✕|✘|●|^ *[0-9]+\) |FAIL |Error:|error:|not ok|failed' "$1" | grep -v '^ *PASS' | head -n 40
}

cleanup() {
  scripts/portal.sh stop
  scripts/postgres.sh stop
}
trap cleanup EXIT

docs_build() {
  local site log rc
  check_no_escaping_symlinks || return 1
  site=$(mktemp -d) log=$(mktemp)
  mkdocs build --strict --site-dir "$site" >"$log" 2>&1
  rc=$?
  grep -E '^(INFO|WARNING|ERROR)' "$log"
  [ $rc -eq 0 ] && [ -f "$site/index.html" ] || rc=1
  rm -rf "$site" "$log"
  return $rc
}

e2e_postgres() {
  scripts/postgres.sh reset >/dev/null
  eval "$(scripts/postgres.sh start)" || return 1
  local pgconf="$REPO/scripts/config/app-config.pg.yaml" before after
  before=$(mktemp) after=$(mktemp)
  scripts/portal.sh start "$pgconf" &&
    node scripts/catalog-snapshot.mjs >"$before" &&
    yarn playwright test app.test.ts &&
    scripts/portal.sh stop &&
    scripts/portal.sh start "$pgconf" &&
    node scripts/catalog-snapshot.mjs >"$after" || { scripts/portal.sh stop; return 1; }
  scripts/portal.sh stop
  local rc=0
  if diff -u "$before" "$after"; then
    echo "catalog intact across restart: $(grep -c '"ref"' "$after") entities, same uids"
  else
    echo "the catalog changed across a backend restart on PostgreSQL (entities or uids differ)"
    rc=1
  fi
  rm -f "$before" "$after"
  return $rc
}

# Code and JSON that git tracks (or would add); Markdown and YAML are left as written (mkdocs
# syntax, CUE and Go templates in block scalars), and .prettierignore drops fixtures.
format_check() {
  git ls-files -co --exclude-standard -- '*.ts' '*.tsx' '*.js' '*.mjs' '*.cjs' '*.json' |
    grep -v '/package-lock.json$' | while IFS= read -r f; do [ -f "$f" ] && echo "$f"; done |
    xargs yarn prettier --check --loglevel warn
}

# What `repo lint` does not reach: bench/ and scripts/ (eslint, as a CLI package) and the Go
# tools (gofmt, go vet; tools/control-plane only pins modules and has no code of its own).
lint_outside_packages() {
  local rc=0 unformatted
  node_modules/.bin/eslint --max-warnings 0 bench scripts --ext .ts,.tsx,.js,.mjs,.cjs || rc=1
  unformatted=$(gofmt -l tools)
  [ -z "$unformatted" ] || { echo "gofmt: not formatted: $unformatted (run: gofmt -w tools)"; rc=1; }
  (cd tools/composition-render && GOFLAGS=-mod=mod go vet .) || rc=1
  (cd tools/xpkg-check && go vet -mod=readonly .) || rc=1
  for label in v1.9 v1.10; do
    (cd tools/kubevela-cue && go vet -mod=readonly -modfile="go.$label.mod" .) || rc=1
  done
  return $rc
}

# API reports of the published plugin packages, from the declarations `yarn tsc` (the type-check
# stage) writes to dist-types; a changed public API, or a new API Extractor warning, fails until
# fixed and the report regenerated. ae-wrong-input-file-type is omitted because the workspace
# packages point `types` at their src/index.ts (there is no build step), which is intended.
PUBLISHED_PLUGINS=(plugins/realtime-platform plugins/realtime-platform-common
  plugins/catalog-backend-module-realtime-platform plugins/scaffolder-backend-module-realtime-platform)
api_reports() {
  yarn backstage-repo-tools api-reports --ci -o ae-wrong-input-file-type "${PUBLISHED_PLUGINS[@]}" ||
    { echo "a public API changed: run yarn tsc && yarn backstage-repo-tools api-reports -o ae-wrong-input-file-type ${PUBLISHED_PLUGINS[*]} and commit the report*.api.md files"; return 1; }
}

build_app() {
  yarn workspace app build >"$ARTIFACTS/logs/app-build.log" 2>&1 ||
    { tail -n 30 "$ARTIFACTS/logs/app-build.log"; return 1; }
}

stage "type-check" yarn tsc
stage "API reports" api_reports
stage "format (prettier --check)" format_check
stage "lint" yarn backstage-cli repo lint
stage "lint (bench, scripts, tools)" lint_outside_packages
stage "unit tests" yarn backstage-cli repo test
stage "diagram drift" node scripts/diagrams.mjs --check
stage "docs build (strict, techdocs-core)" docs_build
for suite in scripts/test.d/*.sh; do
  [ -e "$suite" ] || continue
  stage "$(basename "$suite" .sh)" bash "$suite"
done
stage "build app" build_app
stage "browser tests (SQLite)" scripts/e2e.sh
stage "browser tests (live state, simulated cluster)" scripts/e2e-live.sh
stage "browser tests (PostgreSQL, restart)" e2e_postgres
stage "docs screenshots match the pages" node scripts/docs/screenshots.mjs --check

echo
for name in "${passed[@]}"; do echo "  PASS  $name"; done
for entry in "${failed[@]+"${failed[@]}"}"; do
  echo "  FAIL  ${entry%%|*} (log: ${entry#*|})"
  failure_summary "${entry#*|}" | sed 's/^/          /'
done
echo "stages: ${#passed[@]} passed, ${#failed[@]} failed"
[ ${#failed[@]} -eq 0 ]
