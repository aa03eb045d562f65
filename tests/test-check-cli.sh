#!/bin/sh
# test-check-cli.sh MAIL-DOCTOR — `mail-doctor check` from the outside: exit
# statuses, the live lines, the report and its JSON. Run by
# dns/run-with-dns.sh with dns/scenarios.conf; a small python3 server on
# 127.0.0.1 stands in for the registry (RDAP), the webmail and the status page.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
bin=$1
. "$(dirname "$0")/tap.sh"
check () { if eval "$2"; then ok "$1"; else not_ok "$1"; sed 's/^/# /' "$tmp/out" "$tmp/err" | head -60; fi; }

unset DISPLAY WAYLAND_DISPLAY
tmp=$(mktemp -d)
trap 'kill $web_pid 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM

python3 -c '
import datetime, http.server, json, sys
expiry = (datetime.datetime.utcnow() + datetime.timedelta(days=300)).strftime("%Y-%m-%dT%H:%M:%SZ")
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path.startswith("/rdap/domain/"):
            body = {"objectClassName": "domain", "ldhName": self.path[13:], "status": ["active"],
                    "events": [{"eventAction": "expiration", "eventDate": expiry}]}
            kind = "application/rdap+json"
        elif self.path == "/status.json":
            body = {"page": {"id": "p", "name": "Mail"}, "components": [], "incidents": [],
                    "scheduled_maintenances": [], "status": {"indicator": "none", "description": "All good"}}
            kind = "application/json"
        elif self.path == "/webmail/":
            body, kind = None, "text/html"
        else:
            self.send_error(404)
            return
        data = json.dumps(body).encode() if body is not None else b"<h1>Webmail</h1>"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
print(server.server_port, flush=True)
server.serve_forever()' > "$tmp/port" &
web_pid=$!
i=0
while [ ! -s "$tmp/port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
base="http://127.0.0.1:$(cat "$tmp/port")"
export MD_RDAP_BASE_URL="$base/rdap/" MD_WEBMAIL_URL="$base/webmail/" MD_STATUS_API_URL="$base/status.json"

run () {
  "$bin" check --timeout 1500 --blocklist bl.test --blocklist refuse.test "$@" > "$tmp/out" 2> "$tmp/err"
  echo $? > "$tmp/status"
}
status () { cat "$tmp/status"; }
json () {
  python3 -c 'import json, sys
report = json.load(open(sys.argv[1]))
print(eval(sys.argv[2]))' "$tmp/out" "$1"
}

# All well: exit 0, a live line per check, then the report.
run ok-mxplan.test
check "a domain set up right exits 0" '[ "$(status)" = 0 ]'
check "one live line per check, before the report" \
  '[ "$(sed -n "1,9p" "$tmp/out" | grep -c "^OK ")" = 9 ] && sed -n 11p "$tmp/out" | grep -q "^Mail Doctor report for ok-mxplan.test"'
check "the report names the provider" 'grep -q "^Provider: OVHcloud MX Plan" "$tmp/out"'

run ok-mxplan.test --json
check "--json exits 0 for a domain set up right" '[ "$(status)" = 0 ]'
check "--json prints only JSON, with the domain and the provider" \
  '[ "$(json "report[\"domain\"], report[\"provider\"], report[\"status\"]")" = "('"'"'ok-mxplan.test'"'"', '"'"'ovh-mxplan'"'"', '"'"'ok'"'"')" ]'
check "--json has the nine checks, each with its documented members" \
  '[ "$(json "sorted(c[\"id\"] for c in report[\"checks\"] if set(c) >= {\"id\", \"status\", \"summary\", \"evidence\", \"advice\", \"records\", \"links\", \"elapsed_ms\"} and c[\"status\"] == \"ok\")")" = "['"'"'autodiscover'"'"', '"'"'dmarc'"'"', '"'"'dnsbl'"'"', '"'"'domain'"'"', '"'"'maintenance'"'"', '"'"'mx'"'"', '"'"'rdap'"'"', '"'"'spf'"'"', '"'"'webmail'"'"']" ]'

# Warnings only: exit 1.
run nodmarc.test --json
check "warnings only exit 1" '[ "$(status)" = 1 ]'
check "the missing DMARC record is a warning with the record to publish" \
  '[ "$(json "[(c[\"status\"], c[\"records\"][0].startswith(\"_dmarc.nodmarc.test. 3600 IN TXT\")) for c in report[\"checks\"] if c[\"id\"] == \"dmarc\"]")" = "[('"'"'warning'"'"', True)]" ]'

# A problem: exit 2, most serious first.
run listed.test
check "a listed mail server exits 2" '[ "$(status)" = 2 ]'
check "the report starts with the problem" 'grep -m1 "^\[" "$tmp/out" | grep -q "^\[Problem\] Blocklists"'
check "the listing and the refusal are told apart" \
  'grep -q "192.0.2.99 @ bl.test: LISTED (127.0.0.2)" "$tmp/out" && grep -q "refuse.test: the list refused to answer" "$tmp/out"'

# The former host, judged against the provider the user names.
run former.test --provider ovh-mxplan --json
check "--provider judges the MX against that provider" \
  '[ "$(status)" = 2 ] && [ "$(json "[c[\"status\"] for c in report[\"checks\"] if c[\"id\"] == \"mx\"] + [report[\"provider\"]]")" = "['"'"'error'"'"', '"'"'ovh-mxplan'"'"']" ]'

# No such domain, and a server that never answers: exit 2, nothing "missing".
run gone.parent.test --json
check "a domain that does not exist exits 2 and says so once" \
  '[ "$(status)" = 2 ] && [ "$(json "sorted((c[\"id\"], c[\"status\"]) for c in report[\"checks\"] if c[\"id\"] in (\"domain\", \"spf\", \"dmarc\"))")" = "[('"'"'dmarc'"'"', '"'"'unknown'"'"'), ('"'"'domain'"'"', '"'"'error'"'"'), ('"'"'spf'"'"', '"'"'unknown'"'"')]" ]'

start=$(date +%s)
"$bin" check --timeout 800 --json slow.test > "$tmp/out" 2> "$tmp/err"
echo $? > "$tmp/status"
end=$(date +%s)
check "a server that never answers: could not check, exit 2, within seconds" \
  '[ "$(status)" = 2 ] && [ $((end - start)) -le 4 ] && [ "$(json "[c[\"status\"] for c in report[\"checks\"] if c[\"id\"] == \"mx\"]")" = "['"'"'unknown'"'"']" ]'

# Wrong usage: exit 3 with a message, in French too.
run "exa mple.fr"
check "a domain with a space exits 3 with the reason" '[ "$(status)" = 3 ] && grep -q "cannot contain spaces" "$tmp/err"'
. "$(dirname "$0")/language.sh"
if fr=$(french_locale); then
  LANGUAGE=fr LC_ALL=$fr "$bin" check 192.0.2.1 > "$tmp/out" 2> "$tmp/err"
  echo $? > "$tmp/status"
  check "an IP address exits 3, explained in French" '[ "$(status)" = 3 ] && grep -q "adresse IP" "$tmp/err"'
else
  ok "an IP address exits 3, explained in French # SKIP $no_french"
fi
run --provider nope example.test
check "an unknown provider exits 3 and lists the known ones" \
  '[ "$(status)" = 3 ] && grep -q "nope" "$tmp/err" && grep -q "ovh-exchange" "$tmp/err"'
run --timeout -5 example.test
check "a negative timeout exits 3" '[ "$(status)" = 3 ]'
run --timeout 0 example.test
check "a zero timeout exits 3" '[ "$(status)" = 3 ] && grep -q "above zero" "$tmp/err"'
run --sending-ip not-an-ip example.test
check "a sending IP that is not one exits 3" '[ "$(status)" = 3 ]'
run
check "no domain at all exits 3 with the usage" '[ "$(status)" = 3 ] && grep -q "ADDRESS-OR-DOMAIN" "$tmp/err"'
"$bin" check --help > "$tmp/out" 2> "$tmp/err"
echo $? > "$tmp/status"
check "--help documents the exit statuses" '[ "$(status)" = 0 ] && grep -q "Exit status: 0" "$tmp/out"'

tap_done
