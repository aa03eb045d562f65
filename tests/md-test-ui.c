/* md-test-ui.c — what the UI tests share: waiting, screenshots, language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "md-application.h"
#include "md-test-language.h"
#include "md-test-ui.h"

static GtkApplication *test_app;

gboolean
md_test_ui_init (int    *argc,
                 char ***argv)
{
  g_autoptr(GError) error = NULL;
  const char *why = NULL;

  md_test_language_set ("en", &why);

  g_test_init (argc, argv, NULL);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    return FALSE;

  test_app = GTK_APPLICATION (md_application_new ());
  /* No session bus in CI: a non-unique app registers without one. */
  g_application_set_flags (G_APPLICATION (test_app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (test_app), NULL, &error);
  g_assert_no_error (error);

  return TRUE;
}

GtkApplication *
md_test_ui_get_app (void)
{
  return test_app;
}

/* Widgets built afterwards (templates are translated when instantiated)
 * come out in that language. FALSE when this machine cannot switch to it:
 * the test has been marked skipped, with the reason, and should return. */
gboolean
md_test_ui_set_language (const char *language)
{
  const char *why = NULL;

  if (md_test_language_set (language, &why))
    return TRUE;

  g_test_skip (why);
  return FALSE;
}

void
md_test_ui_iterate (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  do
    g_main_context_iteration (NULL, FALSE);
  while (g_get_monotonic_time () < end);
}

gboolean
md_test_ui_wait_for (MdTestCondition condition,
                     gpointer        data,
                     guint           timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  return TRUE;
}

/* Renders the widget as it is on screen and writes
 * $G_TEST_BUILDDIR/screenshots/NAME.png; returns the path. */
char *
md_test_ui_screenshot (GtkWidget  *widget,
                       const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *file = NULL;
  GskRenderer *renderer;
  int width, height;

  md_test_ui_iterate (300);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  paintable = gtk_widget_paintable_new (widget);
  /* A widget still waiting for its first frame draws nothing: give it time. */
  for (guint attempt = 0; node == NULL && attempt < 50; attempt++)
    {
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      if (node == NULL)
        md_test_ui_iterate (100);
    }
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));

  dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".", "screenshots", NULL);
  g_mkdir_with_parents (dir, 0755);
  file = g_strdup_printf ("%s/%s.png", dir, name);
  g_assert_true (gdk_texture_save_to_png (texture, file));
  g_test_message ("screenshot: %s", file);

  return g_steal_pointer (&file);
}

GtkWidget *
md_test_ui_find_by_type (GtkWidget *root,
                         GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = md_test_ui_find_by_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A visible label whose text is @text, searched depth first. */
GtkWidget *
md_test_ui_find_label (GtkWidget  *root,
                       const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = md_test_ui_find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}
