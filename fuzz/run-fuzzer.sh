#!/bin/sh
# run-fuzzer.sh TARGET SEEDS REGRESSIONS — replay every regression input, then
# fuzz for $MD_FUZZ_SECONDS from the seeds (in a scratch copy: the seed
# directory in the tree is never written to). TAP output.
set -u
target=$1
seeds=$2
regressions=$3
seconds=${MD_FUZZ_SECONDS:-30}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "1..2"

if [ -d "$regressions" ] && [ -n "$(ls -A "$regressions" 2>/dev/null)" ]; then
  if "$target" "$regressions"/* >"$work/replay.log" 2>&1; then
    echo "ok 1 - $(ls "$regressions" | wc -l) regression inputs replayed"
  else
    echo "not ok 1 - a regression input fails again"; sed 's/^/# /' "$work/replay.log" | tail -n 40; exit 1
  fi
else
  echo "ok 1 - no regression inputs yet"
fi

mkdir -p "$work/corpus" "$work/artifacts"
[ -d "$seeds" ] && cp -r "$seeds"/. "$work/corpus/" 2>/dev/null
if "$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
     -artifact_prefix="$work/artifacts/" -print_final_stats=1 "$work/corpus" >"$work/fuzz.log" 2>&1; then
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/fuzz.log" | awk '{print $2}')
  echo "ok 2 - ${runs:-?} inputs in ${seconds}s without a crash"
else
  echo "not ok 2 - the fuzzer found a crash; keep the input in $regressions once fixed"
  tail -n 60 "$work/fuzz.log" | sed 's/^/# /'
  for f in "$work"/artifacts/*; do [ -f "$f" ] && { echo "# input (base64):"; base64 "$f" | sed 's/^/# /'; }; done
  exit 1
fi
