#!/bin/sh
# make-certs.sh DIR — a throw-away certificate authority and the server
# certificates the HTTP tests need, made fresh for each run:
#   ca.pem                          the authority the client is told to trust
#   good.pem / good.key             127.0.0.1 and localhost, signed by ca.pem
#   wrong-name.pem / wrong-name.key signed by ca.pem, for another name only
#   self-signed.pem / .key          127.0.0.1, signed by itself
#   expired.pem / expired.key       127.0.0.1, signed by ca.pem, expired in 2020
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
dir=$1
mkdir -p "$dir"
cd "$dir"

key () {
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null
}

key ca.key
openssl req -x509 -new -key ca.key -sha256 -days 2 -subj "/CN=Mail Doctor Test CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -out ca.pem

# name, subject alternative names
sign () {
  key "$1.key"
  openssl req -new -key "$1.key" -subj "/CN=$1" -out "$1.csr"
  printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n' "$2" > "$1.ext"
  openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -sha256 -days 2 \
    -extfile "$1.ext" -out "$1.pem" 2>/dev/null
}

sign good "IP:127.0.0.1,DNS:localhost"
sign wrong-name "DNS:webmail.wrong-name.example"

key self-signed.key
openssl req -x509 -new -key self-signed.key -sha256 -days 2 -subj "/CN=127.0.0.1" \
  -addext "subjectAltName=IP:127.0.0.1" -out self-signed.pem

# x509 -req cannot back-date in OpenSSL 3.0: `openssl ca` can.
key expired.key
openssl req -new -key expired.key -subj "/CN=expired" -out expired.csr
mkdir -p ca-db
: > ca-db/index.txt
echo 1000 > ca-db/serial
cat > ca.cnf <<CNF
[ca]
default_ca = test
[test]
dir = ca-db
database = ca-db/index.txt
serial = ca-db/serial
new_certs_dir = ca-db
default_md = sha256
policy = anything
copy_extensions = none
[anything]
commonName = supplied
[server]
subjectAltName = IP:127.0.0.1
basicConstraints = CA:FALSE
extendedKeyUsage = serverAuth
CNF
openssl ca -batch -config ca.cnf -cert ca.pem -keyfile ca.key -in expired.csr \
  -startdate 20200101000000Z -enddate 20200201000000Z -extensions server -notext \
  -out expired.pem 2>/dev/null
