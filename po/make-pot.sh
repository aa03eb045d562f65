#!/bin/sh
# Write a fresh template of every translatable string listed in POTFILES.in,
# with the same keywords as meson's glib preset, to $1.
set -eu
podir=$(cd "$(dirname "$0")" && pwd)
out=$1
sed -e '/^#/d' -e '/^$/d' "$podir/POTFILES.in" > "$out.files"
xgettext --from-code=UTF-8 --directory="$podir/.." --files-from="$out.files" \
  --output="$out" --package-name=mail-doctor --add-comments=Translators \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --keyword=ngettext:1,2 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --flag=g_print:1:c-format --flag=g_printerr:1:c-format
rm -f "$out.files"
