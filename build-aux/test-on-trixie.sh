#!/bin/sh
# Build Mail Doctor with warnings as errors and run its suite on Debian trixie
# (GTK 4.18, libadwaita 1.7, GLib 2.84, libsoup 3.6, glibc 2.41): the newest
# stack Debian's archive offers, the nearest to the GNOME Flatpak runtime one
# can test without Flathub. It catches what changed above bookworm's floor:
# icons gone from the Adwaita theme, deprecations, gettext ignoring LANGUAGE
# under C.UTF-8. The tree as it is on disk is tested, in a chroot made by
# debootstrap. As root; not part of CI (it downloads a whole system).
#
# Usage: build-aux/test-on-trixie.sh [DIR]     (the chroot; default /var/tmp/md-trixie)
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
root=${1:-/var/tmp/md-trixie}
# The DNS tests make private mount namespaces: the chroot's / must be a mount point.
mnt=$root.mnt

export DEBIAN_FRONTEND=noninteractive
command -v debootstrap >/dev/null 2>&1 || { apt-get update && apt-get install -y debootstrap; }
[ -x "$root/usr/bin/apt-get" ] || debootstrap --variant=minbase trixie "$root" http://deb.debian.org/debian

mkdir -p "$mnt"
mountpoint -q "$mnt" || mount --rbind "$root" "$mnt"
for d in proc sys dev; do
  mountpoint -q "$mnt/$d" || mount --rbind "/$d" "$mnt/$d"
done
mkdir -p "$mnt/shared"
if [ -d "$top/../shared" ] && ! mountpoint -q "$mnt/shared"; then
  mount --bind "$top/../shared" "$mnt/shared"
fi
cleanup () { umount -R "$mnt" 2>/dev/null || true; }
trap cleanup EXIT INT TERM

# The project's packages but the fuzzing and Sisimai ones (bookworm's names),
# with a French locale and the SVG loader the icons need.
packages=$(sed -e 's/#.*//' -e '/^ *$/d' -e '/sisimai\|clang/d' "$top/build-aux/debian-packages.txt" | tr '\n' ' ')
# shellcheck disable=SC2086
chroot "$mnt" sh -c "apt-get update && apt-get install -y --no-install-recommends $packages locales librsvg2-common"
chroot "$mnt" localedef -i fr_FR -f UTF-8 fr_FR.UTF-8

rm -rf "$mnt/src" "$mnt/build"
mkdir -p "$mnt/src"
(cd "$top" && git ls-files --cached --others --exclude-standard -z | xargs -0 cp --parents -t "$mnt/src")

chroot "$mnt" sh -c 'meson setup /build /src -Dwerror=true && meson compile -C /build &&
  cd /build && xvfb-run -a -s "-screen 0 1280x1024x24" meson test --print-errorlogs --timeout-multiplier 3'
