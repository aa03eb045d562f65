#!/bin/sh
# Install what Mail Doctor needs from Debian's archive (as root, or through sudo).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
packages=$(sed -e 's/#.*//' -e '/^ *$/d' "$here/debian-packages.txt")
sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update
# shellcheck disable=SC2086
$sudo apt-get install -y --no-install-recommends $packages
