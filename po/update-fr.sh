#!/bin/sh
# Bring po/fr.po up to date with the sources, taking the translations of an
# optional fragment (a PO file) first. Serialised by a lock so that several
# people can run it at once.
set -eu
podir=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
exec 9>"${TMPDIR:-/tmp}/mail-doctor-po.lock"
flock 9
"$podir/make-pot.sh" "$tmp/mail-doctor.pot"
if [ $# -ge 1 ]; then
  # The catalog's header first, then the fragment's translations over the old ones.
  sed '/^$/q' "$podir/fr.po" > "$tmp/header.po"
  msgcat --use-first --to-code=UTF-8 -o "$tmp/all.po" "$tmp/header.po" "$1" "$podir/fr.po"
else
  cp "$podir/fr.po" "$tmp/all.po"
fi
msgmerge --quiet --no-fuzzy-matching --no-wrap -o "$tmp/merged.po" "$tmp/all.po" "$tmp/mail-doctor.pot"
msgattrib --no-obsolete --no-wrap -o "$podir/fr.po" "$tmp/merged.po"
msgfmt --check --statistics -o /dev/null "$podir/fr.po"
