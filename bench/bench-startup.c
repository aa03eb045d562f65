/* bench-startup.c — time to first frame and peak memory of Mail Doctor,
 * beside a bare libadwaita window built by this bench, in the same run
 *
 * Each measurement is a fresh child process (this program with --child), so
 * both sides pay the same dynamic linking and GTK start-up. Needs a display:
 * run under xvfb-run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <sys/resource.h>

#include "md-application.h"

#define RUNS 7

static gint64 child_start;

static void
report_and_exit (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  /* ru_maxrss is in KiB on Linux. */
  g_print ("%" G_GINT64_FORMAT " %ld\n", (g_get_monotonic_time () - child_start) / 1000, usage.ru_maxrss);
  exit (0);
}

static void
after_paint (GdkFrameClock *clock,
             gpointer       user_data)
{
  report_and_exit ();
}

static void
on_realize (GtkWidget *widget,
            gpointer   user_data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint), NULL);
}

static void
on_window_added (GtkApplication *app,
                 GtkWindow      *window,
                 gpointer        user_data)
{
  g_signal_connect_after (window, "realize", G_CALLBACK (on_realize), NULL);
}

static void
bare_activate (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), adw_status_page_new ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 980, 720);
  gtk_window_present (GTK_WINDOW (window));
}

static int
run_child (const char *which)
{
  g_autoptr(GApplication) app = NULL;
  char *argv[] = { (char *) "mail-doctor", NULL };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("MD_LOCALEDIR") ? g_getenv ("MD_LOCALEDIR") : LOCALEDIR);
  textdomain (GETTEXT_PACKAGE);

  if (g_str_equal (which, "app"))
    {
      app = G_APPLICATION (md_application_new ());
    }
  else
    {
      app = G_APPLICATION (adw_application_new ("io.github.maildoctor.BareWindow", G_APPLICATION_DEFAULT_FLAGS));
      g_signal_connect (app, "activate", G_CALLBACK (bare_activate), NULL);
    }
  g_application_set_flags (app, G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), NULL);

  return g_application_run (app, 1, argv);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static gboolean
measure (const char *self,
         const char *which,
         double     *ms,
         double     *kib)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { self, "--child", which, NULL };
  int wait_status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &wait_status, &error) ||
      !g_spawn_check_wait_status (wait_status, &error) ||
      sscanf (out, "%lf %lf", ms, kib) != 2)
    {
      g_printerr ("%s: %s\n", which, error ? error->message : "no figures");
      return FALSE;
    }

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  double app_ms[RUNS], bare_ms[RUNS], app_kib[RUNS], bare_kib[RUNS];
  double time_ratio, memory_ratio;

  child_start = g_get_monotonic_time ();
  setlocale (LC_ALL, "");

  if (argc == 3 && g_str_equal (argv[1], "--child"))
    return run_child (argv[2]);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("bench-startup needs a display: run it under xvfb-run -a\n");
      return 77;
    }

  /* Interleaved, so that a slow moment of the machine hits both sides. */
  for (guint i = 0; i < RUNS; i++)
    if (!measure (argv[0], "bare", &bare_ms[i], &bare_kib[i]) ||
        !measure (argv[0], "app", &app_ms[i], &app_kib[i]))
      return 1;

  qsort (app_ms, RUNS, sizeof (double), compare_doubles);
  qsort (bare_ms, RUNS, sizeof (double), compare_doubles);
  qsort (app_kib, RUNS, sizeof (double), compare_doubles);
  qsort (bare_kib, RUNS, sizeof (double), compare_doubles);
  time_ratio = app_ms[RUNS / 2] / bare_ms[RUNS / 2];
  memory_ratio = app_kib[RUNS / 2] / bare_kib[RUNS / 2];

  g_print ("Start-up, median of %d runs each, time from main() to the first frame drawn\n\n", RUNS);
  g_print ("| window                 | first frame (ms) | peak RSS (MiB) |\n");
  g_print ("|------------------------|------------------|----------------|\n");
  g_print ("| bare libadwaita window | %16.0f | %14.1f |\n", bare_ms[RUNS / 2], bare_kib[RUNS / 2] / 1024);
  g_print ("| Mail Doctor            | %16.0f | %14.1f |\n", app_ms[RUNS / 2], app_kib[RUNS / 2] / 1024);
  g_print ("| ratio (target ≤ 1.3)   | %16.2f | %14.2f |\n", time_ratio, memory_ratio);

  return time_ratio <= 1.3 && memory_ratio <= 1.3 ? 0 : 1;
}
