#!/usr/bin/env bash
# Prints the portal's figures, each the median of RUNS runs (default 3):
#   - backend cold start to readiness (process start to /.backstage/health/v1/readiness = 200;
#     built app served by the backend, SQLite in memory)
#   - time to build the docs site through TechDocs (sync endpoint, fresh publish directory)
#   - peak RSS of the backend's process group over start-up and the docs build
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$REPO"
RUNS="${RUNS:-3}"
[ -f packages/app/dist/index.html ] || yarn workspace app build >/dev/null

group_rss_kb() { ps -o rss= -g "$1" 2>/dev/null | awk '{s+=$1} END {print s+0}'; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

starts=() builds=() peaks=()
for run in $(seq 1 "$RUNS"); do
  scripts/portal.sh start >/dev/null
  pid=$(cat .tools/run/backend.pid)
  peak=$(group_rss_kb "$pid")
  token=$(node -e 'fetch("http://localhost:7007/api/auth/guest/refresh",{headers:{"X-Requested-With":"XMLHttpRequest"}}).then(r=>r.json()).then(j=>console.log(j.backstageIdentity.token))')
  node scripts/catalog-snapshot.mjs --wait-for component:default/realtime-platform-docs >/dev/null
  t2=$(date +%s.%N)
  curl -fsS -H "Authorization: Bearer $token" \
    http://localhost:7007/api/techdocs/sync/default/component/realtime-platform-docs >/tmp/bench-sync.log &
  sync_pid=$!
  while kill -0 $sync_pid 2>/dev/null; do
    rss=$(group_rss_kb "$pid"); [ "$rss" -gt "$peak" ] && peak=$rss; sleep 0.1
  done
  t3=$(date +%s.%N)
  grep -q '"updated":true' /tmp/bench-sync.log || { echo "docs build failed: $(tail -c 300 /tmp/bench-sync.log)"; exit 1; }
  scripts/portal.sh stop
  starts+=("$(cat .tools/run/readiness-seconds)") builds+=("$(awk "BEGIN{print $t3 - $t2}")") peaks+=("$peak")
  echo "run $run: cold start ${starts[-1]} s, docs build ${builds[-1]} s, peak RSS $((peak / 1024)) MiB"
done
printf 'backend cold start to readiness: median %.1f s over %d runs\n' "$(printf '%s\n' "${starts[@]}" | median)" "$RUNS"
printf 'docs site build (TechDocs sync): median %.2f s over %d runs\n' "$(printf '%s\n' "${builds[@]}" | median)" "$RUNS"
printf 'peak backend RSS: median %d MiB over %d runs\n' "$(( $(printf '%s\n' "${peaks[@]}" | median | cut -d. -f1) / 1024 ))" "$RUNS"
