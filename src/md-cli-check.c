/* md-cli-check.c — `mail-doctor check ADDRESS-OR-DOMAIN`: the diagnosis on
 * the command line, each result as it arrives, then the summary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "md-cli.h"
#include "md-diagnosis.h"

/* Exit statuses, as documented in --help. */
enum {
  EXIT_OK = 0,
  EXIT_WARNINGS = 1,
  EXIT_ERRORS = 2,
  EXIT_USAGE = 3,
};

typedef struct {
  GMainLoop *loop;
  gboolean   json;
  GError    *error;
} CheckRun;

static void
on_status (MdCheck    *check,
           GParamSpec *pspec,
           CheckRun   *run)
{
  MdCheckStatus status = md_check_get_status (check);

  if (run->json || status < MD_CHECK_STATUS_OK)
    return;
  g_print ("%-16s %-22s %s\n", md_check_status_get_label (status), md_check_get_title (check),
           md_check_get_summary (check) ? md_check_get_summary (check) : "");
}

static void
run_done (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  CheckRun *run = user_data;

  md_diagnosis_run_finish (MD_DIAGNOSIS (object), result, &run->error);
  g_main_loop_quit (run->loop);
}

static void
print_providers (void)
{
  GPtrArray *all = md_provider_get_all ();

  g_printerr ("%s\n", _("Known providers:"));
  for (guint i = 0; i < all->len; i++)
    g_printerr ("  %-14s %s\n", md_provider_get_id (g_ptr_array_index (all, i)),
                md_provider_get_name (g_ptr_array_index (all, i)));
}

int
md_cli_check (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MdDiagnosis) diagnosis = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *provider_id = NULL;
  gboolean json = FALSE;
  int timeout_ms = 0;
  CheckRun run = { 0, };
  MdCheckStatus overall;
  const GOptionEntry entries[] = {
    { "provider", 'p', 0, G_OPTION_ARG_STRING, &provider_id,
      N_("Judge the records against this provider (see --provider=list)"), N_("ID") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the report as JSON"), NULL },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout_ms, N_("Give up a look-up after this many milliseconds (5000)"), N_("MS") },
    { NULL }
  };

  context = g_option_context_new (_("ADDRESS-OR-DOMAIN — diagnose the e-mail of a domain"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Exit status: 0 all is well, 1 warnings, 2 problems or checks that could not run, "
                                  "3 wrong usage."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_USAGE;
    }
  if (g_strcmp0 (provider_id, "list") == 0)
    {
      print_providers ();
      return EXIT_OK;
    }
  if (argc != 2)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      return EXIT_USAGE;
    }

  diagnosis = md_diagnosis_new (argv[1], &error);
  if (diagnosis == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_USAGE;
    }
  if (provider_id != NULL)
    {
      MdProvider *provider = md_provider_lookup (provider_id);

      if (provider == NULL)
        {
          g_printerr (_("Unknown provider “%s”."), provider_id);
          g_printerr ("\n");
          print_providers ();
          return EXIT_USAGE;
        }
      md_diagnosis_set_provider (diagnosis, provider);
    }
  if (timeout_ms > 0)
    md_diagnosis_set_timeout (diagnosis, (guint) timeout_ms);

  loop = g_main_loop_new (NULL, FALSE);
  run.loop = loop;
  run.json = json;
  for (guint i = 0; i < g_list_model_get_n_items (md_diagnosis_get_checks (diagnosis)); i++)
    {
      g_autoptr(MdCheck) check = g_list_model_get_item (md_diagnosis_get_checks (diagnosis), i);

      g_signal_connect (check, "notify::status", G_CALLBACK (on_status), &run);
    }

  md_diagnosis_run_async (diagnosis, NULL, run_done, &run);
  g_main_loop_run (loop);
  if (run.error != NULL)
    {
      g_printerr ("%s\n", run.error->message);
      g_clear_error (&run.error);
      return EXIT_ERRORS;
    }

  if (json)
    {
      g_autoptr(JsonNode) node = md_diagnosis_to_json (diagnosis);
      g_autofree char *text = json_to_string (node, TRUE);

      g_print ("%s\n", text);
    }
  else
    {
      g_autofree char *text = md_diagnosis_to_text (diagnosis);

      g_print ("\n%s", text);
    }

  overall = md_diagnosis_get_overall_status (diagnosis);
  if (overall == MD_CHECK_STATUS_OK)
    return EXIT_OK;
  if (overall == MD_CHECK_STATUS_WARNING)
    return EXIT_WARNINGS;
  return EXIT_ERRORS;
}
