/* test-window.c — the real main window under Xvfb, in English and in French
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "md-test-ui.h"
#include "md-window.h"

static MdWindow *
open_window (void)
{
  GtkApplication *app = md_test_ui_get_app ();
  GtkWindow *window;

  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (app);
  g_assert_true (MD_IS_WINDOW (window));
  md_test_ui_iterate (200);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));

  return MD_WINDOW (window);
}

static void
close_window (MdWindow *window)
{
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  md_test_ui_iterate (100);
  g_assert_null (window);
}

static void
check_views (const char *language,
             const char *diagnose_title,
             const char *bounce_title)
{
  g_autofree char *shot_diagnose = NULL;
  g_autofree char *shot_bounce = NULL;
  g_autofree char *name = NULL;
  MdWindow *window;

  if (!md_test_ui_set_language (language))
    return;
  window = open_window ();

  gtk_window_set_default_size (GTK_WINDOW (window), 980, 720);
  md_test_ui_iterate (200);

  g_assert_cmpstr (md_window_get_view (window), ==, "diagnose");
  /* The view switcher shows the translated page titles. */
  g_assert_nonnull (md_test_ui_find_label (GTK_WIDGET (window), diagnose_title));
  g_assert_nonnull (md_test_ui_find_label (GTK_WIDGET (window), bounce_title));
  name = g_strdup_printf ("window-%s-diagnose", language);
  shot_diagnose = md_test_ui_screenshot (GTK_WIDGET (window), name);
  g_assert_true (g_file_test (shot_diagnose, G_FILE_TEST_EXISTS));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "bounce"));
  md_test_ui_iterate (100);
  g_assert_cmpstr (md_window_get_view (window), ==, "bounce");
  g_free (name);
  name = g_strdup_printf ("window-%s-bounce", language);
  shot_bounce = md_test_ui_screenshot (GTK_WIDGET (window), name);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "diagnose"));
  md_test_ui_iterate (50);
  g_assert_cmpstr (md_window_get_view (window), ==, "diagnose");

  close_window (window);
}

static void
test_needs_display (void)
{
  g_test_skip ("no display: run the UI tests under xvfb-run");
}

static void
test_window_english (void)
{
  check_views ("en", "Diagnose", "Analyze a Bounce");
}

static void
test_window_french (void)
{
  check_views ("fr", "Diagnostiquer", "Analyser une erreur");
  md_test_ui_set_language ("en");
}

static void
test_window_narrow (void)
{
  g_autofree char *shot = NULL;
  MdWindow *window = open_window ();

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  md_test_ui_iterate (300);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 400);
  shot = md_test_ui_screenshot (GTK_WIDGET (window), "window-en-narrow");
  close_window (window);
}

static void
test_window_size_persists (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  MdWindow *window = open_window ();
  int width, height;

  gtk_window_set_default_size (GTK_WINDOW (window), 812, 603);
  md_test_ui_iterate (100);
  close_window (window);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 812);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 603);

  window = open_window ();
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 812);
  g_assert_cmpint (height, ==, 603);
  close_window (window);
}

static void
test_app_actions (void)
{
  GtkApplication *app = md_test_ui_get_app ();
  g_auto(GStrv) quit_accels = gtk_application_get_accels_for_action (app, "app.quit");
  MdWindow *window;

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "quit"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "about"));
  g_assert_nonnull (quit_accels);
  g_assert_cmpstr (quit_accels[0], ==, "<Control>q");

  /* GtkApplication adds the help overlay from the resource base path. */
  window = open_window ();
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  md_test_ui_iterate (200);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)))));
  gtk_widget_set_visible (GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window))), FALSE);

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  md_test_ui_iterate (300);
  {
    g_autoptr(GList) windows = gtk_window_list_toplevels ();
    gboolean found_about = FALSE;

    for (GList *l = windows; l; l = l->next)
      if (ADW_IS_ABOUT_WINDOW (l->data))
        {
          found_about = TRUE;
          g_free (md_test_ui_screenshot (GTK_WIDGET (l->data), "about-en"));
          gtk_window_destroy (l->data);
          break;
        }
    g_assert_true (found_about);
  }
  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  if (!md_test_ui_init (&argc, &argv))
    {
      g_test_add_func ("/md/window/needs-display", test_needs_display);
      return g_test_run ();
    }

  g_test_add_func ("/md/window/english", test_window_english);
  g_test_add_func ("/md/window/french", test_window_french);
  g_test_add_func ("/md/window/narrow", test_window_narrow);
  g_test_add_func ("/md/window/size-persists", test_window_size_persists);
  g_test_add_func ("/md/window/app-actions", test_app_actions);

  return g_test_run ();
}
