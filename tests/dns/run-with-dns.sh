#!/bin/sh
# run-with-dns.sh CONF COMMAND [ARG…]
#
# Runs COMMAND with the system resolver pointed at a real DNS server
# (dnsmasq, serving the test zones of the dnsmasq configuration CONF) inside
# private mount and network namespaces: /etc/resolv.conf is bind-mounted for
# this process tree only, and the only network is a fresh loopback, so nothing
# a test resolves or connects to can leave the machine.
#
# Inside, beside dnsmasq on 127.0.0.1:53, a UDP socket on 127.0.0.1:5399 takes
# queries and never answers (point a zone at it with server=/zone/127.0.0.1#5399
# for a timeout), and one on 127.0.0.1:5398 answers every query SERVFAIL
# (server=/zone/127.0.0.1#5398 gives a failing upstream).
#
# MD_DNS_PORT=N puts dnsmasq on 127.0.0.1:N instead of 53, for a COMMAND that
# serves port 53 itself (bench/bench-diagnosis.c: a proxy that delays answers).
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

skip () {
  echo "1..0 # SKIP $*"
  exit 0
}

if [ "${MD_DNS_NAMESPACE:-}" != "inside" ]; then
  command -v dnsmasq >/dev/null 2>&1 || skip "dnsmasq is not installed (apt-get install dnsmasq-base)"
  command -v unshare >/dev/null 2>&1 || skip "unshare is not installed (util-linux)"
  command -v ip >/dev/null 2>&1 || skip "ip is not installed (iproute2)"
  if [ "$(id -u)" = 0 ]; then
    flags="--mount --net"
  else
    # A normal user gets root inside a user namespace, where one may be made.
    flags="--map-root-user --mount --net"
  fi
  if ! why=$(unshare $flags --propagation private true 2>&1); then
    skip "cannot make private namespaces here ($why): run as root, or enable user namespaces (sysctl kernel.unprivileged_userns_clone=1)"
  fi
  MD_DNS_NAMESPACE=inside exec unshare $flags --propagation private sh "$0" "$@"
fi

conf=$1
shift

tmp=$(mktemp -d)
cleanup () {
  [ -n "${dns_pid:-}" ] && kill "$dns_pid" 2>/dev/null
  [ -n "${hole_pid:-}" ] && kill "$hole_pid" 2>/dev/null
  [ -n "${fail_pid:-}" ] && kill "$fail_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

# A default route through lo: the namespace counts as online (GNetworkMonitor),
# like a connected machine whose resolver is local, yet nothing can leave it.
ip link set lo up
ip route add default dev lo

# A search domain, as many networks give: scenarios.conf answers every name
# under it, so that a look-up that wrongly tries it finds an address.
printf 'nameserver 127.0.0.1\nsearch search.test\noptions attempts:1\n' > "$tmp/resolv.conf"
mount --bind "$tmp/resolv.conf" /etc/resolv.conf || { echo "Bail out! cannot bind-mount /etc/resolv.conf"; exit 1; }
# getaddrinfo() must ask DNS, not a name service of the host.
printf 'hosts: files dns\n' > "$tmp/nsswitch.conf"
mount --bind "$tmp/nsswitch.conf" /etc/nsswitch.conf 2>/dev/null
printf '127.0.0.1 localhost\n::1 localhost\n' > "$tmp/hosts"
mount --bind "$tmp/hosts" /etc/hosts 2>/dev/null

python3 -c 'import socket, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 5399))
time.sleep(3600)' &
hole_pid=$!

python3 -c 'import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 5398))
while True:
    q, peer = s.recvfrom(4096)
    if len(q) >= 12:
        # The question back, flagged as an answer with the code SERVFAIL.
        s.sendto(q[:2] + bytes([0x80 | (q[2] & 0x79), 0x82]) + q[4:6] + bytes(4) + q[10:], peer)' &
fail_pid=$!

dnsmasq --keep-in-foreground --conf-file="$conf" --no-resolv --no-hosts --no-poll \
  --listen-address=127.0.0.1 --bind-interfaces --port="${MD_DNS_PORT:-53}" --user=root --group=root \
  --pid-file="$tmp/dnsmasq.pid" --log-facility="$tmp/dnsmasq.log" --log-queries &
dns_pid=$!

# Wait until dnsmasq and the failing upstream answer (a query for the test
# zone's SOA) and the black hole is bound: on a loaded machine a helper may
# start after dnsmasq, and a question sent to it before then is lost.
i=0
until python3 -c 'import socket
q = b"\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00\x04test\x00\x00\x06\x00\x01"
for port in ('"${MD_DNS_PORT:-53}"', 5398):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(0.2)
    s.sendto(q, ("127.0.0.1", port))
    s.recv(512)
try:
    socket.socket(socket.AF_INET, socket.SOCK_DGRAM).bind(("127.0.0.1", 5399))
except OSError:
    pass
else:
    raise SystemExit(1)' 2>/dev/null; do
  i=$((i + 1))
  if [ $i -gt 50 ] || ! kill -0 "$dns_pid" 2>/dev/null; then
    echo "Bail out! dnsmasq or its helpers did not start:"
    sed 's/^/# /' "$tmp/dnsmasq.log" 2>/dev/null
    exit 1
  fi
  sleep 0.1
done

"$@"
status=$?
if [ $status -ne 0 ] && [ -n "${MD_DNS_LOG:-}" ]; then
  cp "$tmp/dnsmasq.log" "$MD_DNS_LOG"
fi
exit $status
