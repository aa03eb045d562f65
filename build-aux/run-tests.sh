#!/bin/sh
# Run every test of Mail Doctor, as CI does:
#  1. a build with warnings as errors, its whole suite under Xvfb;
#  2. the same suite built with AddressSanitizer and UndefinedBehaviorSanitizer;
#  3. each libFuzzer target for a bounded time, then its crash regressions.
# The last line counts the tests of all the runs.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
out=${MD_TEST_BUILDDIR:-$top/_build-tests}
fuzz_seconds=${MD_FUZZ_SECONDS:-60}
status=0
mkdir -p "$out"

run_suite () {
  name=$1
  shift
  echo "=== $name: configure and build"
  if [ ! -f "$out/$name/build.ninja" ]; then
    meson setup "$out/$name" "$top" -Dwerror=true "$@" || return 1
  fi
  meson compile -C "$out/$name" || return 1
  echo "=== $name: test"
  xvfb-run -a -s "-screen 0 1280x1024x24" meson test -C "$out/$name" --print-errorlogs --num-processes 2 --timeout-multiplier 3
}

run_suite plain || status=1
# GLib's type system and fontconfig keep their memory for the life of the
# process: LeakSanitizer would only report those.
ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 \
  run_suite sanitize -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug || status=1

if command -v clang >/dev/null 2>&1; then
  echo "=== fuzz: build with clang"
  if [ ! -f "$out/fuzz/build.ninja" ]; then
    CC=clang meson setup "$out/fuzz" "$top" -Dfuzzing=true -Dbuildtype=debug || status=1
  fi
  if meson compile -C "$out/fuzz"; then
    MD_FUZZ_SECONDS=$fuzz_seconds meson test -C "$out/fuzz" --suite fuzz --print-errorlogs --timeout-multiplier 5 || status=1
  else
    status=1
  fi
fi

python3 - "$out" <<'PY'
import json, os, sys
counts = {"OK": 0, "FAIL": 0, "SKIP": 0}
for run in ("plain", "sanitize", "fuzz"):
    log = os.path.join(sys.argv[1], run, "meson-logs", "testlog.json")
    if not os.path.exists(log):
        continue
    with open(log) as f:
        for line in f:
            result = json.loads(line)["result"]
            key = {"OK": "OK", "EXPECTEDFAIL": "OK", "SKIP": "SKIP"}.get(result, "FAIL")
            counts[key] += 1
print("%d passed, %d failed, %d skipped" % (counts["OK"], counts["FAIL"], counts["SKIP"]))
PY
exit $status
