# tap.sh — sourced by the shell tests: numbered TAP lines, and the plan and
# exit status once all is said (tap_done).
#
# SPDX-License-Identifier: GPL-3.0-or-later

n=0
fail=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); fail=1; echo "not ok $n - $1"; }
tap_done () { echo "1..$n"; exit $fail; }
