# shellcheck shell=bash
# Installs what the executed docs examples (docs/access, docs/operations) need; sourced by
# scripts/setup.sh with $REPO, $TOOLS, say and fail. Idempotent: each part is redone only when its
# pinned input changed. Registries only: Maven Central (Kafka, Apicurio Registry), PyPI (Python
# clients), npm (JavaScript clients), the Go module proxy (promtool), apt (mosquitto, postgresql:
# installed by scripts/setup.sh itself).
#   .tools/kafka/libs          Apache Kafka broker + CLI tools (scripts/services/kafka-pom.xml)
#   .tools/apicurio            Apicurio Registry (Confluent-compatible schema registry API)
#   .tools/snippets-venv       confluent-kafka, paho-mqtt, psycopg, requests
#   scripts/docs/snippets-js/node_modules   @confluentinc/kafka-javascript (built from source), ...
#   .tools/bin/promtool        Prometheus rules checker (monitoring/promtool)
: "${REPO:?}" "${TOOLS:?}"

_ds_stamp() { sha256sum "$@" | sha256sum | cut -c1-16; }

# --- Apache Kafka from Maven Central ---------------------------------------------------------------
command -v java >/dev/null || fail "java is missing (Kafka and the schema registry need Java 17): apt-get install -y openjdk-17-jre-headless"
command -v mvn >/dev/null || fail "mvn is missing (it fetches Kafka from Maven Central): apt-get install -y maven"
_ds_kafka_stamp=$(_ds_stamp "$REPO/scripts/services/kafka-pom.xml")
if [ "$(cat "$TOOLS/kafka/.stamp" 2>/dev/null)" != "$_ds_kafka_stamp" ]; then
  say "Fetching Apache Kafka (KRaft broker + tools) from Maven Central into .tools/kafka"
  rm -rf "$TOOLS/kafka"
  mvn -q -B -f "$REPO/scripts/services/kafka-pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$TOOLS/kafka/libs" -DincludeScope=runtime >"$TOOLS/kafka-mvn.log" 2>&1 ||
    { tail -n 20 "$TOOLS/kafka-mvn.log"; fail "fetching Kafka failed (log: .tools/kafka-mvn.log)"; }
  echo "$_ds_kafka_stamp" >"$TOOLS/kafka/.stamp"
fi

# --- Schema registry: Apicurio Registry 3.0.x (runs on Java 17; 3.1+ needs Java 21) ----------------
# Karapace is not published on PyPI and Confluent's registry is not on Maven Central; Apicurio
# serves the Confluent API under /apis/ccompat/v7 and ships as a Maven Central artifact.
_ds_apicurio=3.0.9
if [ ! -f "$TOOLS/apicurio/apicurio-registry-app-$_ds_apicurio-runner.jar" ]; then
  say "Fetching Apicurio Registry $_ds_apicurio from Maven Central into .tools/apicurio"
  rm -rf "$TOOLS/apicurio" "$TOOLS/apicurio-dl" && mkdir -p "$TOOLS/apicurio"
  mvn -q -B dependency:copy -Dartifact="io.apicurio:apicurio-registry-app:$_ds_apicurio:tar.gz:all" \
    -DoutputDirectory="$TOOLS/apicurio-dl" >"$TOOLS/apicurio-mvn.log" 2>&1 ||
    { tail -n 20 "$TOOLS/apicurio-mvn.log"; fail "fetching Apicurio Registry failed (log: .tools/apicurio-mvn.log)"; }
  tar -xzf "$TOOLS/apicurio-dl/apicurio-registry-app-$_ds_apicurio-all.tar.gz" -C "$TOOLS/apicurio" ||
    fail "unpacking Apicurio Registry failed"
  rm -rf "$TOOLS/apicurio-dl"
fi

# --- Python clients ------------------------------------------------------------------------------
_ds_py_stamp="$(_ds_stamp "$REPO/scripts/docs/requirements-snippets.txt")-copies"
if [ ! -x "$TOOLS/snippets-venv/bin/python" ] || [ "$(cat "$TOOLS/snippets-venv/.stamp" 2>/dev/null)" != "$_ds_py_stamp" ]; then
  say "Creating .tools/snippets-venv (Python clients of the docs examples)"
  rm -rf "$TOOLS/snippets-venv"
  # --copies: no symlink may leave the repository (TechDocs builds it with dir:., see lib.sh)
  python3 -m venv --copies "$TOOLS/snippets-venv" || fail "python3 -m venv failed: apt-get install -y python3-venv"
  "$TOOLS/snippets-venv/bin/pip" install -q --disable-pip-version-check -r "$REPO/scripts/docs/requirements-snippets.txt" ||
    fail "pip install -r scripts/docs/requirements-snippets.txt failed"
  echo "$_ds_py_stamp" >"$TOOLS/snippets-venv/.stamp"
fi

# --- JavaScript clients (own npm project, not a yarn workspace) -----------------------------------
# @confluentinc/kafka-javascript downloads a prebuilt binary from GitHub, which is unreachable here;
# its documented fallback builds the bundled librdkafka from source. CKJS_LINKING=dynamic makes
# that build use the system's OpenSSL/zlib instead of downloading their sources (~3 min, once).
_ds_js="$REPO/scripts/docs/snippets-js"
_ds_js_stamp=$(_ds_stamp "$_ds_js/package.json" "$_ds_js/package-lock.json")
if [ "$(cat "$_ds_js/node_modules/.stamp" 2>/dev/null)" != "$_ds_js_stamp" ]; then
  command -v npm >/dev/null || fail "npm is missing (it installs the docs' JavaScript clients)"
  command -v g++ >/dev/null && command -v make >/dev/null || fail "a C/C++ toolchain is needed to build librdkafka: apt-get install -y build-essential"
  if ! dpkg -s libssl-dev zlib1g-dev >/dev/null 2>&1; then
    [ "$(id -u)" = 0 ] || fail "librdkafka needs libssl-dev and zlib1g-dev: sudo apt-get install -y libssl-dev zlib1g-dev"
    say "Installing libssl-dev and zlib1g-dev with apt (librdkafka build)"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libssl-dev zlib1g-dev >/dev/null
  fi
  say "Installing the docs' JavaScript clients (npm ci; builds librdkafka from source the first time)"
  _ds_npm_ci() { (cd "$_ds_js" && CKJS_LINKING=dynamic npm ci --no-audit --no-fund --foreground-scripts >"$TOOLS/snippets-js-install.log" 2>&1); }
  # Once more on failure: a registry or proxy error mid-download (seen: a TLS error on one tarball)
  # fails npm ci without a retry of its own.
  _ds_npm_ci || { say "npm ci failed ($(grep -m1 'npm error' "$TOOLS/snippets-js-install.log")); retrying once"; _ds_npm_ci; } ||
    { tail -n 30 "$TOOLS/snippets-js-install.log"; fail "npm ci in scripts/docs/snippets-js failed (log: .tools/snippets-js-install.log)"; }
  echo "$_ds_js_stamp" >"$_ds_js/node_modules/.stamp"
fi

# --- promtool (Prometheus rules checker) ------------------------------------------------------------
# `go install .../promtool@v` is refused by Go (prometheus' go.mod has exclude directives), so it is
# built from monitoring/promtool, a module that requires the pinned prometheus version.
_ds_pt_stamp=$(_ds_stamp "$REPO/monitoring/promtool/go.mod" "$REPO/monitoring/promtool/go.sum")
if [ ! -x "$TOOLS/bin/promtool" ] || [ "$(cat "$TOOLS/bin/.promtool.stamp" 2>/dev/null)" != "$_ds_pt_stamp" ]; then
  command -v go >/dev/null || fail "go is missing (it builds promtool)"
  say "Building promtool from monitoring/promtool (Go module proxy; a few minutes the first time)"
  (cd "$REPO/monitoring/promtool" && GOFLAGS=-mod=mod go build -o "$TOOLS/bin/promtool" github.com/prometheus/prometheus/cmd/promtool) \
    >"$TOOLS/promtool-build.log" 2>&1 || { tail -n 20 "$TOOLS/promtool-build.log"; fail "building promtool failed (log: .tools/promtool-build.log)"; }
  echo "$_ds_pt_stamp" >"$TOOLS/bin/.promtool.stamp"
fi
unset _ds_kafka_stamp _ds_apicurio _ds_py_stamp _ds_js _ds_js_stamp _ds_pt_stamp
