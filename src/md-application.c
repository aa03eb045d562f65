/* md-application.c — the application: actions, shortcuts, command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "md-application.h"
#include "md-cli.h"
#include "md-window.h"

struct _MdApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (MdApplication, md_application, ADW_TYPE_APPLICATION)

typedef int (*MdCliVerb) (int argc, char **argv);

static const struct {
  const char *name;
  MdCliVerb   run;
} cli_verbs[] = {
  { "check", md_cli_check },
  { "analyze", md_cli_analyze },
};

static const GOptionEntry main_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
  { NULL }
};

MdApplication *
md_application_new (void)
{
  return g_object_new (MD_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PATH,
                       NULL);
}

/* The verbs run here, before any registration or display connection, so that
 * `mail-doctor check example.fr` works over SSH and in scripts. */
static gboolean
md_application_local_command_line (GApplication   *app,
                                   char         ***arguments,
                                   int            *exit_status)
{
  char **argv = *arguments;

  if (argv[0] != NULL && argv[1] != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (cli_verbs); i++)
        {
          if (g_strcmp0 (argv[1], cli_verbs[i].name) == 0)
            {
              *exit_status = cli_verbs[i].run (g_strv_length (argv) - 1, argv + 1);
              return TRUE;
            }
        }
    }

  return G_APPLICATION_CLASS (md_application_parent_class)->local_command_line (app, arguments, exit_status);
}

static int
md_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  return -1;
}

static void
md_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (md_window_new (MD_APPLICATION (app)));

  gtk_window_present (window);
}

static void
md_application_about_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  static const char *developers[] = { "The Mail Doctor developers", NULL };
  MdApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  g_assert (MD_IS_APPLICATION (self));

  adw_show_about_window (window,
                         "application-name", _("Mail Doctor"),
                         "application-icon", APPLICATION_ID,
                         "developer-name", _("The Mail Doctor developers"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Finds out why your e-mail stopped working and tells you what to do about it."),
                         "website", "https://github.com/maildoctor/mail-doctor",
                         "issue-url", "https://github.com/maildoctor/mail-doctor/issues",
                         "developers", developers,
                         /* Translators: put your names here, one per line. */
                         "translator-credits", _("translator-credits"),
                         "copyright", "© 2026 The Mail Doctor developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static void
md_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  MdApplication *self = user_data;

  g_assert (MD_IS_APPLICATION (self));

  /* Closing the windows first lets each one cancel its work and save its size. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = gtk_application_get_windows (GTK_APPLICATION (self)))
    gtk_window_destroy (l->data);

  g_application_quit (G_APPLICATION (self));
}

static const GActionEntry app_actions[] = {
  { "quit", md_application_quit_action },
  { "about", md_application_about_action },
};

static void
md_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (md_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
}

static void
md_application_class_init (MdApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->local_command_line = md_application_local_command_line;
  app_class->handle_local_options = md_application_handle_local_options;
  app_class->startup = md_application_startup;
  app_class->activate = md_application_activate;
}

static void
md_application_init (MdApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[COMMAND …]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Without a command, the window opens.\n"
                                              "\n"
                                              "Commands:\n"
                                              "  check ADDRESS-OR-DOMAIN [--provider ID] [--json]\n"
                                              "      Diagnose the e-mail of a domain\n"
                                              "  analyze [FILE…|-] [--json]\n"
                                              "      Explain a bounce message (a file, or standard input)\n"
                                              "\n"
                                              "Run “mail-doctor COMMAND --help” for the options of a command."));
}
