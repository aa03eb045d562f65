/* md-test-language.c — switch the tests' language, where the C library allows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tests choose the language with LANGUAGE, which gettext ignores under
 * the C locale. glibc 2.37 and later treat C.UTF-8 as C too (Debian trixie,
 * the GNOME Flatpak runtime), so another UTF-8 locale is needed there, and a
 * machine with none cannot run the tests in French.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "md-test-language.h"

/* A string every catalog translates. */
#define PROBE "Permanent failure"

gboolean
md_test_language_set (const char  *language,
                      const char **why)
{
  static const char * const locales[] = { "C.UTF-8", "en_US.UTF-8", "fr_FR.UTF-8", "en_GB.UTF-8" };
  const char *localedir = g_getenv ("MD_LOCALEDIR");
  g_autofree char *catalog = NULL;

  /* English is the source language: it needs no catalog. */
  if (!g_str_equal (language, "en"))
    {
      if (localedir == NULL)
        {
          *why = "MD_LOCALEDIR is not set: no compiled catalog";
          return FALSE;
        }
      catalog = g_build_filename (localedir, language, "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
      if (!g_file_test (catalog, G_FILE_TEST_EXISTS))
        {
          *why = "the catalog of this language is not built";
          return FALSE;
        }
    }

  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_setenv ("LANGUAGE", language, TRUE);

  for (gsize i = 0; i < G_N_ELEMENTS (locales); i++)
    {
      if (setlocale (LC_ALL, locales[i]) == NULL)
        continue;
      /* Setting the domain again drops gettext's cache of looked-up strings. */
      textdomain (GETTEXT_PACKAGE);
      if (g_str_equal (language, "en") || strcmp (dgettext (GETTEXT_PACKAGE, PROBE), PROBE) != 0)
        return TRUE;
    }

  *why = "gettext ignores LANGUAGE under C.UTF-8 with this C library (glibc 2.37 or later) "
         "and no other UTF-8 locale is installed";
  return FALSE;
}
