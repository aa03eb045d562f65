#!/bin/sh
# test-cli.sh MAIL-DOCTOR — the command line answers without a display.
set -u
bin=$1
. "$(dirname "$0")/tap.sh"

unset DISPLAY WAYLAND_DISPLAY

out=$("$bin" --version 2>&1)
case "$out" in
  "mail-doctor "[0-9]*) ok "--version prints the version ($out)" ;;
  *) not_ok "--version printed: $out" ;;
esac

out=$("$bin" --help 2>&1)
case "$out" in
  *check*analyze*) ok "--help lists the commands" ;;
  *) not_ok "--help does not list the commands: $out" ;;
esac

. "$(dirname "$0")/language.sh"
if fr=$(french_locale); then
  out=$(LANGUAGE=fr LC_ALL=$fr "$bin" --help 2>&1)
  case "$out" in
    *"Sans commande"*) ok "--help speaks French with LANGUAGE=fr" ;;
    *) not_ok "--help in French printed: $out" ;;
  esac
else
  ok "--help speaks French with LANGUAGE=fr # SKIP $no_french"
fi

tap_done
