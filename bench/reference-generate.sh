#!/usr/bin/env bash
# Prints the time to generate the whole configuration reference (docs/reference) from platform/,
# one cold process per run (node start, cue, composition renders, all pages): median, min and max
# of RUNS runs (default 5), the median of each phase (load: definitions, cue schemas, examples;
# effects: one render per parameter variant; checks: invalid examples and secret contracts; pages),
# and whether every run wrote byte-identical pages.
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$REPO"
RUNS="${RUNS:-5}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

times=()
for run in $(seq 1 "$RUNS"); do
  t0=$(date +%s%N)
  node packages/realtime-platform-docgen/bin/realtime-docgen --out "$work/$run" --timings >/dev/null 2>"$work/timings-$run.json"
  t1=$(date +%s%N)
  ms=$(( (t1 - t0) / 1000000 ))
  times+=("$ms")
  echo "run $run: $ms ms (phases: $(cat "$work/timings-$run.json"))"
done

identical=yes
for run in $(seq 2 "$RUNS"); do diff -rq "$work/1" "$work/$run" >/dev/null || identical=no; done
pages=$(ls "$work/1" | wc -l)
bytes=$(cat "$work"/1/*.md | wc -c)
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
for phase in load effects checks pages; do
  printf '%s ' "$phase median: $(for run in $(seq 1 "$RUNS"); do node -p "JSON.parse(require('fs').readFileSync('$work/timings-$run.json','utf8')).$phase"; done | median) ms;"
done
echo
echo "reference generation ($pages pages, $bytes bytes): median $(printf '%s\n' "${times[@]}" | median) ms, min $(echo "$sorted" | head -1) ms, max $(echo "$sorted" | tail -1) ms over $RUNS runs; identical output: $identical"
