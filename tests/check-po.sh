#!/bin/sh
# Every catalog is complete and matches a freshly extracted template, and every
# source file with translatable strings is listed in POTFILES.in.
set -u
podir=$1
top=$(cd "$podir/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

"$podir/make-pot.sh" "$tmp/fresh.pot" || exit 1

for lang in $(sed -e '/^#/d' "$podir/LINGUAS"); do
  stats=$(msgfmt --check --statistics -o /dev/null "$podir/$lang.po" 2>&1) || { echo "$stats"; status=1; }
  echo "$lang: $stats"
  case "$stats" in
    *untranslated*|*fuzzy*) echo "FAIL: $lang.po is not complete"; status=1 ;;
  esac
  if ! msgcmp --use-untranslated "$podir/$lang.po" "$tmp/fresh.pot"; then
    echo "FAIL: $lang.po lacks strings of the sources: run po/update-fr.sh and translate them"
    status=1
  fi
done

cd "$top"
for f in $(grep -rlE '(\b_|\bN_|\bC_|\bngettext) ?\(|translatable="yes"' src data --include='*.c' --include='*.ui' --include='*.in' --include='*.xml' | sort); do
  if ! grep -qxF "$f" po/POTFILES.in; then
    echo "FAIL: $f has translatable strings but is not in po/POTFILES.in"
    status=1
  fi
done

exit $status
