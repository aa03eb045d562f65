/* md-cli-check.c — `mail-doctor check ADDRESS-OR-DOMAIN`: the diagnosis on
 * the command line, each result as it arrives, then the summary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <json-glib/json-glib.h>
#include <signal.h>

#include "md-cli.h"
#include "md-diagnosis.h"
#include "md-dns.h"

/* Exit statuses, as documented in --help. */
enum {
  EXIT_OK = 0,
  EXIT_WARNINGS = 1,
  EXIT_ERRORS = 2,
  EXIT_USAGE = 3,
  EXIT_INTERRUPTED = 130,
};

typedef struct {
  GMainLoop    *loop;
  GCancellable *cancellable;
  gboolean      json;
  guint         title_width;
  guint         label_width;
  GError       *error;
} CheckRun;

/* printf pads by bytes; the French labels have accented letters. */
static void
print_padded (const char *text,
              guint       width)
{
  glong len = g_utf8_strlen (text, -1);

  g_print ("%s%*s", text, (int) (width > len ? width - len : 0), "");
}

static void
on_status (MdCheck    *check,
           GParamSpec *pspec,
           CheckRun   *run)
{
  MdCheckStatus status = md_check_get_status (check);

  if (run->json || status < MD_CHECK_STATUS_OK)
    return;
  print_padded (md_check_status_get_label (status), run->label_width + 2);
  print_padded (md_check_get_title (check), run->title_width + 2);
  g_print ("%s\n", md_check_get_summary (check) ? md_check_get_summary (check) : "");
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

static gboolean
on_interrupt (gpointer user_data)
{
  CheckRun *run = user_data;

  g_cancellable_cancel (run->cancellable);

  return G_SOURCE_CONTINUE;
}

static void
print_providers (void)
{
  GPtrArray *all = md_provider_get_all ();

  g_printerr ("%s\n", _("Known providers:"));
  for (guint i = 0; i < all->len; i++)
    g_printerr ("  %-22s %s\n", md_provider_get_id (g_ptr_array_index (all, i)),
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
  g_autoptr(GCancellable) cancellable = NULL;
  g_autofree char *parameters = NULL;
  g_autofree char *provider_id = NULL;
  g_autofree char *sending_ip = NULL;
  g_auto(GStrv) blocklists = NULL;
  gboolean json = FALSE;
  int timeout_ms = MD_DNS_DEFAULT_TIMEOUT_MS;
  CheckRun run = { 0, };
  MdCheckStatus overall;
  guint interrupt_id;
  const GOptionEntry entries[] = {
    { "provider", 'p', 0, G_OPTION_ARG_STRING, &provider_id,
      N_("Judge the records against this provider (“--provider list” lists them)"), N_("ID") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print the report as JSON (described in docs/check-report-json.md)"), NULL },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout_ms,
      N_("Give up a look-up after this many milliseconds (default 5000)"), N_("MS") },
    { "sending-ip", 0, 0, G_OPTION_ARG_STRING, &sending_ip,
      N_("Also look up this sending address on the blocklists"), N_("IP") },
    { "blocklist", 0, 0, G_OPTION_ARG_STRING_ARRAY, &blocklists,
      N_("Ask this DNS blocklist instead of the usual ones (repeat for several)"), N_("ZONE") },
    { NULL }
  };

  /* The usage line shows the program's name: the verb goes with the parameters. */
  parameters = g_strdup_printf ("check %s", _("ADDRESS-OR-DOMAIN — diagnose the e-mail of a domain"));
  context = g_option_context_new (parameters);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Checks the domain’s DNS records, its registration, its provider’s webmail and "
                                  "status page, and its mail servers on the blocklists. Each result is printed as "
                                  "it arrives, then the report, most serious first."));
  g_option_context_set_description (context,
                                    _("Exit status: 0 all is well, 1 warnings only, 2 problems or checks that could "
                                      "not be done, 3 wrong usage, 130 interrupted."));
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
  if (timeout_ms <= 0)
    {
      g_printerr ("%s\n", _("The timeout must be a number of milliseconds above zero."));
      return EXIT_USAGE;
    }
  if (sending_ip != NULL && !g_hostname_is_ip_address (sending_ip))
    {
      g_printerr (_("“%s” is not an IP address."), sending_ip);
      g_printerr ("\n");
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
  md_diagnosis_set_timeout (diagnosis, (guint) timeout_ms);
  if (sending_ip != NULL)
    md_diagnosis_set_sending_ip (diagnosis, sending_ip);
  if (blocklists != NULL)
    md_diagnosis_set_dnsbl_zones (diagnosis, (const char * const *) blocklists);

  loop = g_main_loop_new (NULL, FALSE);
  cancellable = g_cancellable_new ();
  run.loop = loop;
  run.cancellable = cancellable;
  run.json = json;
  for (MdCheckStatus s = MD_CHECK_STATUS_OK; s <= MD_CHECK_STATUS_UNKNOWN; s++)
    run.label_width = MAX (run.label_width, (guint) g_utf8_strlen (md_check_status_get_label (s), -1));
  for (guint i = 0; i < g_list_model_get_n_items (md_diagnosis_get_checks (diagnosis)); i++)
    {
      g_autoptr(MdCheck) check = g_list_model_get_item (md_diagnosis_get_checks (diagnosis), i);

      run.title_width = MAX (run.title_width, (guint) g_utf8_strlen (md_check_get_title (check), -1));
      g_signal_connect (check, "notify::status", G_CALLBACK (on_status), &run);
    }

  /* Ctrl+C stops every look-up at once; what was found so far is reported. */
  interrupt_id = g_unix_signal_add (SIGINT, on_interrupt, &run);
  md_diagnosis_run_async (diagnosis, cancellable, run_done, &run);
  g_main_loop_run (loop);
  g_source_remove (interrupt_id);

  for (guint i = 0; i < g_list_model_get_n_items (md_diagnosis_get_checks (diagnosis)); i++)
    {
      g_autoptr(MdCheck) check = g_list_model_get_item (md_diagnosis_get_checks (diagnosis), i);

      g_signal_handlers_disconnect_by_data (check, &run);
    }

  if (run.error != NULL && !g_error_matches (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
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

  if (run.error != NULL)
    {
      g_clear_error (&run.error);
      return EXIT_INTERRUPTED;
    }

  overall = md_diagnosis_get_overall_status (diagnosis);
  if (overall == MD_CHECK_STATUS_OK)
    return EXIT_OK;
  if (overall == MD_CHECK_STATUS_WARNING)
    return EXIT_WARNINGS;
  return EXIT_ERRORS;
}
