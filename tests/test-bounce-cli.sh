#!/bin/sh
# test-bounce-cli.sh MAIL-DOCTOR BOUNCES-DIR — `mail-doctor analyze` end to end: exit status, text, JSON.
set -u
bin=$1
dir=$2
. "$(dirname "$0")/tap.sh"
check () { if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1 (got $2, expected $3)"; fi; }

unset DISPLAY WAYLAND_DISPLAY
export LANGUAGE=en
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

out=$("$bin" analyze "$dir/01-postfix-userunknown.eml" 2>&1); status=$?
check "a permanent failure exits 2" "$status" 2
case "$out" in *bob@example.org*5.1.1*) ok "the text names the recipient and the status" ;; *) not_ok "text report: $out" ;; esac

"$bin" analyze "$dir/04-postfix-delayed-expired.eml" >/dev/null 2>&1
check "a temporary failure exits 1" "$?" 1

out=$("$bin" analyze --json "$dir/46-dsn-given-up-no-newline.eml" 2>&1); status=$?
check "a delivery given up on exits 2" "$status" 2
case "$out" in *'"permanent" : false'*) ok "its cause stays temporary in the JSON" ;; *) not_ok "given-up JSON: $out" ;; esac

"$bin" analyze "$dir/25-dsn-delivered.eml" >/dev/null 2>&1
check "a delivery report exits 0" "$?" 0

printf 'From: alice@example.net\nTo: bob@example.org\nSubject: Lunch\n\nSee you at 12:30 in room 550.\n' > "$tmp/lunch.eml"
out=$("$bin" analyze "$tmp/lunch.eml" 2>&1); status=$?
check "a message that is no bounce exits 3" "$status" 3
case "$out" in *"not look like a bounce"*) ok "it says it is not a bounce" ;; *) not_ok "not-a-bounce text: $out" ;; esac

err=$("$bin" analyze "$tmp/missing.eml" 2>&1 >/dev/null); status=$?
check "a missing file exits 4" "$status" 4
case "$err" in *missing.eml*) ok "the error names the file" ;; *) not_ok "read error: $err" ;; esac

"$bin" analyze --no-such-option "$dir/01-postfix-userunknown.eml" >/dev/null 2>&1
check "an unknown option exits 4" "$?" 4

"$bin" analyze < "$dir/19-lone-line-userunknown.txt" >/dev/null 2>&1
check "standard input is read when no file is given" "$?" 2

"$bin" analyze - < "$dir/20-lone-line-mailboxfull.txt" >/dev/null 2>&1
check "- reads standard input" "$?" 1

"$bin" analyze "$dir/25-dsn-delivered.eml" "$dir/02-postfix-multi-recipient.eml" "$tmp/lunch.eml" >/dev/null 2>&1
check "several files: the worst outcome decides" "$?" 2

out=$("$bin" analyze "$dir/25-dsn-delivered.eml" "$dir/05-exim-mailboxfull.txt" 2>&1)
case "$out" in *"==> $dir/25-dsn-delivered.eml <=="*"==> $dir/05-exim-mailboxfull.txt <=="*) ok "one report per file" ;; *) not_ok "several reports: $out" ;; esac

"$bin" analyze --json "$dir/02-postfix-multi-recipient.eml" "$dir/13-exchange-mailboxfull-qp.eml" "$tmp/missing.eml" > "$tmp/out.json" 2>/dev/null
check "--json keeps the exit status" "$?" 4
if python3 - "$tmp/out.json" "$dir" <<'PY'
import json, sys, os
doc = json.load(open(sys.argv[1]))
assert doc["schema"] == "mail-doctor/bounce-report" and doc["version"] == 1
reports = doc["reports"]
assert len(reports) == 3
assert "error" in reports[2] and reports[2]["path"].endswith("missing.eml")
first = reports[0]
assert first["is_bounce"] is True and first["outcome"] == "permanent"
r = first["recipients"]
assert [x["recipient"] for x in r] == ["carol@example.org", "dave@example.net", "erin@nonexistent-domain.example"]
for x in r:
    for key in ("recipient", "status", "reply_code", "reason", "hard_bounce", "action"):
        assert key in x, key
assert r[0]["status"] == "5.1.1" and r[0]["reply_code"] == 550 and r[0]["hard_bounce"] is True
for report in reports[:2]:
    data = open(report["path"], "rb").read()
    assert report["findings"], report["path"]
    for f in report["findings"]:
        assert data[f["offset"]:f["offset"] + f["length"]].decode() == f["code"], f
        assert f["code"] in report["codes"]
PY
then ok "the JSON has the documented schema and exact spans"; else not_ok "the JSON does not match its schema"; fi

. "$(dirname "$0")/language.sh"
if fr=$(french_locale); then
  out=$(LANGUAGE=fr LC_ALL=$fr "$bin" analyze "$dir/01-postfix-userunknown.eml" 2>&1)
  case "$out" in *"Codes trouvés"*) ok "the report speaks French with LANGUAGE=fr" ;; *) not_ok "French report: $out" ;; esac
else
  ok "the report speaks French with LANGUAGE=fr # SKIP $no_french"
fi

out=$("$bin" analyze --help 2>&1)
case "$out" in *"Exit status"*) ok "--help documents the exit status" ;; *) not_ok "--help: $out" ;; esac

tap_done
