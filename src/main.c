/* main.c — start Mail Doctor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "md-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MdApplication) app = NULL;
  const char *localedir = g_getenv ("MD_LOCALEDIR");

  /* MD_LOCALEDIR lets an uninstalled build (meson devenv, the tests) use its own catalogs. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = md_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
