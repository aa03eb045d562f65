#!/bin/sh
# test-desktop-launch.sh BUILDDIR — install to a DESTDIR, start the app the
# way a desktop does (through its .desktop file) and see its window appear.
set -u
builddir=$1
echo "1..3"

if [ -z "${DISPLAY:-}" ]; then
  echo "ok 1 # SKIP no display: run under xvfb-run"
  echo "ok 2 # SKIP no display"
  echo "ok 3 # SKIP no display"
  exit 0
fi

destdir=$(mktemp -d)
app_pid=""
trap '[ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null; rm -rf "$destdir"' EXIT

if meson install -C "$builddir" --destdir "$destdir" --no-rebuild --quiet >"$destdir.log" 2>&1; then
  echo "ok 1 - installed to a DESTDIR"
else
  echo "not ok 1 - meson install failed"; sed 's/^/# /' "$destdir.log"; exit 1
fi
rm -f "$destdir.log"

desktop=$(find "$destdir" -name io.github.maildoctor.MailDoctor.desktop | head -n 1)
bin=$(find "$destdir" -path '*/bin/mail-doctor' | head -n 1)
share=$(dirname "$(dirname "$desktop")")
if [ -n "$desktop" ] && [ -x "$bin" ] && [ -f "$share/metainfo/io.github.maildoctor.MailDoctor.metainfo.xml" ] \
   && [ -f "$share/icons/hicolor/scalable/apps/io.github.maildoctor.MailDoctor.svg" ] \
   && [ -f "$share/icons/hicolor/symbolic/apps/io.github.maildoctor.MailDoctor-symbolic.svg" ]; then
  echo "ok 2 - desktop file, binary, metainfo and icons are installed"
else
  echo "not ok 2 - installed tree is incomplete"; find "$destdir" | sed 's/^/# /'; exit 1
fi

glib-compile-schemas "$share/glib-2.0/schemas"
PATH=$(dirname "$bin"):$PATH XDG_DATA_DIRS=$share:/usr/share GSETTINGS_SCHEMA_DIR=$share/glib-2.0/schemas \
  MD_LOCALEDIR= gio launch "$desktop" >/dev/null 2>&1 </dev/null

i=0
while ! wid=$(xwininfo -root -tree 2>/dev/null | grep '"Mail Doctor"' | awk '{print $1; exit}') || [ -z "$wid" ]; do
  i=$((i + 1))
  if [ $i -gt 150 ]; then
    echo "not ok 3 - no \"Mail Doctor\" window 15 s after launching the desktop entry"
    exit 1
  fi
  sleep 0.1
done
echo "ok 3 - launching the desktop entry opens the \"Mail Doctor\" window"
# GDK records the owner of the window; end that process.
app_pid=$(xprop -id "$wid" _NET_WM_PID | awk '{print $3}')
exit 0
