#!/bin/sh
# src/core is plain GLib/GIO/libsoup/json-glib: the CLI and the tests use it
# without a display, and the UI only presents it.
set -u
core=$1
hits=$(grep -rnE '#include <(gtk|gdk|adwaita|gsk)' "$core")
if [ -n "$hits" ]; then
  echo "FAIL: src/core includes GTK:"
  echo "$hits"
  exit 1
fi
if grep -nE 'gtk_dep|adw_dep' "$core/meson.build"; then
  echo "FAIL: src/core/meson.build links GTK"
  exit 1
fi
echo "src/core: $(ls "$core"/*.c | wc -l) source files, none includes GTK"
