# language.sh — sourced by the shell tests. french_locale prints a locale
# under which gettext honours LANGUAGE=fr, or fails when this machine has
# none: glibc 2.37 and later ignore LANGUAGE under C.UTF-8 as under C, so
# there (Debian trixie, the GNOME Flatpak runtime) another UTF-8 locale is
# needed.
#
# SPDX-License-Identifier: GPL-3.0-or-later

french_locale () {
  for locale in C.UTF-8 en_US.UTF-8 fr_FR.UTF-8; do
    probe=$(LANGUAGE=fr LC_ALL=$locale TEXTDOMAINDIR=${MD_LOCALEDIR:-} gettext mail-doctor "Permanent failure" 2>/dev/null)
    if [ -n "$probe" ] && [ "$probe" != "Permanent failure" ]; then
      echo "$locale"
      return 0
    fi
  done
  return 1
}

no_french="no locale here lets gettext honour LANGUAGE (glibc 2.37 or later under C.UTF-8)"
