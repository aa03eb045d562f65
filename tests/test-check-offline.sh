#!/bin/sh
# test-check-offline.sh MAIL-DOCTOR — `mail-doctor check` on a machine with no
# network at all: a private network namespace with not even lo up. Every check
# must end at once as "could not check" and say that the network is missing,
# never that a record is.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
bin=$1

if [ "$(id -u)" = 0 ]; then
  flags="--net"
else
  flags="--map-root-user --net"
fi
if ! why=$(unshare $flags true 2>&1); then
  echo "1..0 # SKIP cannot make a private network namespace here ($why)"
  exit 0
fi

unset DISPLAY WAYLAND_DISPLAY
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

start=$(date +%s%N)
unshare $flags "$bin" check example.fr --json --timeout 3000 > "$tmp/out" 2> "$tmp/err"
status=$?
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))

python3 - "$tmp/out" "$status" "$elapsed_ms" <<'PY'
import json, sys

n = 0
failed = False
def check(name, ok):
    global n, failed
    n += 1
    print(("ok %d - %s" if ok else "not ok %d - %s") % (n, name))
    failed |= not ok

status, elapsed_ms = int(sys.argv[2]), int(sys.argv[3])
report = json.load(open(sys.argv[1]))
checks = {c["id"]: c for c in report["checks"]}

check("exit status 2: checks could not be done (got %d)" % status, status == 2)
check("done in %d ms, well before the 3 s timeout" % elapsed_ms, elapsed_ms < 2500)
check("nine checks", len(checks) == 9)
check("no check reports an error or a missing record",
      all(c["status"] == "unknown" for c in checks.values()))
for name in ("domain", "mx", "autodiscover", "spf", "dmarc"):
    c = checks[name]
    check("%s: says the network is missing" % name,
          "no network connection" in c["summary"] and
          any("no network connection" in a for a in c["advice"]))
print("1..%d" % n)
sys.exit(1 if failed else 0)
PY
