# shellcheck shell=bash
# Assertion helpers for the docs' executed checks (scripts/test.d/5x-*.sh). Each check runs a
# command with a time limit, keeps its output in $SVC_RUN/out/<name>.out and is counted; the suite
# ends with the plain "N passed, N failed" line.
CHECKS_PASSED=0
CHECKS_FAILED=0
CHECKS_FAILED_NAMES=()
CHECK_TIMEOUT="${CHECK_TIMEOUT:-180}"

# outfile NAME: where the output of check NAME is kept
outfile() { printf '%s/out/%s.out' "$SVC_RUN" "$(printf '%s' "$1" | tr -c 'A-Za-z0-9._-' '_')"; }
# run NAME CMD... : run CMD (stdout+stderr to the output file); returns its exit code
# (in the background + wait, so that a TERM to the stage is handled at once: the stage's EXIT trap
# calls checks_kill_current and svc_stop_all)
CHECK_CHILD=
run() {
  local name=$1 rc
  shift
  mkdir -p "$SVC_RUN/out"
  timeout --kill-after=5 "$CHECK_TIMEOUT" "$@" >"$(outfile "$name")" 2>&1 </dev/null &
  CHECK_CHILD=$!
  wait "$CHECK_CHILD"
  rc=$?
  CHECK_CHILD=
  return $rc
}
checks_kill_current() { [ -z "$CHECK_CHILD" ] || kill -TERM "$CHECK_CHILD" 2>/dev/null || true; }

pass() { CHECKS_PASSED=$((CHECKS_PASSED + 1)); printf '  ok    %s\n' "$1"; }
failed() {
  CHECKS_FAILED=$((CHECKS_FAILED + 1))
  CHECKS_FAILED_NAMES+=("$1")
  printf '  FAIL  %s: %s\n' "$1" "$2"
  [ -f "$(outfile "$1")" ] && sed 's/^/        | /' "$(outfile "$1")" | tail -n 25
  return 0
}

# expect NAME REGEX CMD... : CMD exits 0 and a line of its output matches the extended regex REGEX
# (an empty REGEX checks the exit code only)
expect() {
  local name=$1 re=$2
  shift 2
  local rc=0
  run "$name" "$@" || rc=$?
  if [ "$rc" != 0 ]; then failed "$name" "exit code $rc (expected 0)"; return 0; fi
  if [ -z "$re" ] || grep -Eq -- "$re" "$(outfile "$name")"; then pass "$name"; else failed "$name" "output does not match /$re/"; fi
}

# expect_fail NAME REGEX CMD... : CMD exits non-zero and its output matches REGEX
expect_fail() {
  local name=$1 re=$2 rc=0
  shift 2
  run "$name" "$@" || rc=$?
  if [ "$rc" = 0 ]; then failed "$name" "exit code 0 (expected a failure)"; return 0; fi
  if grep -Eq -- "$re" "$(outfile "$name")"; then pass "$name"; else failed "$name" "output does not match /$re/"; fi
}

# assert NAME CONDITION-COMMAND... : a plain condition over earlier outputs
assert() {
  local name=$1
  shift
  if "$@"; then pass "$name"; else failed "$name" "condition failed: $*"; fi
}

checks_summary() {
  echo
  [ ${#CHECKS_FAILED_NAMES[@]} -gt 0 ] && printf 'failed: %s\n' "${CHECKS_FAILED_NAMES[*]}"
  echo "$CHECKS_PASSED passed, $CHECKS_FAILED failed"
  [ "$CHECKS_FAILED" = 0 ]
}
