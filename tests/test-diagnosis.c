/* test-diagnosis.c — the diagnosis engine against a real DNS server
 *
 * Run by dns/run-with-dns.sh with dns/scenarios.conf: GResolver asks dnsmasq
 * for real. The web checks are pointed at a closed port on 127.0.0.1; they
 * are tested in test-http-checks.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "md-diagnosis.h"
#include "md-domain.h"

static const char * const test_blocklists[] = { "bl.test", "refuse.test", NULL };

typedef struct {
  const char    *domain;
  const char    *provider;
  const char    *check;
  MdCheckStatus  status;
  const char    *needle;   /* in the summary, the advice or the records; NULL for none */
} Scenario;

static const Scenario scenarios[] = {
  { "ok-mxplan.test", NULL, "domain", MD_CHECK_STATUS_OK, NULL },
  { "ok-mxplan.test", NULL, "mx", MD_CHECK_STATUS_OK, "OVHcloud" },
  { "ok-mxplan.test", NULL, "spf", MD_CHECK_STATUS_OK, NULL },
  { "ok-mxplan.test", NULL, "dmarc", MD_CHECK_STATUS_OK, "quarantine" },
  { "ok-mxplan.test", NULL, "dnsbl", MD_CHECK_STATUS_OK, NULL },
  { "ok-mxplan.test", NULL, "autodiscover", MD_CHECK_STATUS_OK, NULL },
  { "former.test", "ovh-mxplan", "mx", MD_CHECK_STATUS_ERROR, "mx0.mail.ovh.net" },
  { "nomx.test", NULL, "mx", MD_CHECK_STATUS_WARNING, "no MX" },
  { "nomx-noa.test", NULL, "mx", MD_CHECK_STATUS_ERROR, "nobody can send" },
  { "mxcname.test", NULL, "mx", MD_CHECK_STATUS_ERROR, "CNAME" },
  { "exchange-ok.test", NULL, "autodiscover", MD_CHECK_STATUS_OK, "right" },
  { "exchange-ok.test", NULL, "mx", MD_CHECK_STATUS_OK, "Exchange" },
  { "srv-port.test", NULL, "autodiscover", MD_CHECK_STATUS_ERROR, "444" },
  { "srv-target.test", NULL, "autodiscover", MD_CHECK_STATUS_ERROR, "exchange.oldhost.test" },
  { "adcname.test", NULL, "autodiscover", MD_CHECK_STATUS_WARNING, "precedence" },
  { "twospf.test", NULL, "spf", MD_CHECK_STATUS_ERROR, "two SPF" },
  { "spf10.test", NULL, "spf", MD_CHECK_STATUS_ERROR, "include:s1.spf10.test" },
  { "nomx.test", NULL, "dmarc", MD_CHECK_STATUS_WARNING, "_dmarc.nomx.test" },
  { "listed.test", NULL, "dnsbl", MD_CHECK_STATUS_ERROR, "bl.test" },
  { "gone.parent.test", NULL, "domain", MD_CHECK_STATUS_ERROR, "does not exist" },
  { "gone.parent.test", NULL, "mx", MD_CHECK_STATUS_ERROR, "does not exist" },
  { "servfail.test", NULL, "domain", MD_CHECK_STATUS_UNKNOWN, "Could not check" },
  { "servfail.test", NULL, "mx", MD_CHECK_STATUS_UNKNOWN, "Could not check" },
  { "slow.test", NULL, "mx", MD_CHECK_STATUS_UNKNOWN, "in time" },
};

static void
run_done (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (md_diagnosis_run_finish (MD_DIAGNOSIS (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static MdDiagnosis *
diagnose (const char *domain,
          const char *provider_id,
          guint       timeout_ms)
{
  g_autoptr(GError) error = NULL;
  MdDiagnosis *diagnosis = md_diagnosis_new (domain, &error);
  gboolean done = FALSE;

  g_assert_no_error (error);
  md_diagnosis_set_timeout (diagnosis, timeout_ms);
  md_diagnosis_set_dnsbl_zones (diagnosis, test_blocklists);
  if (provider_id != NULL)
    md_diagnosis_set_provider (diagnosis, md_provider_lookup (provider_id));
  md_diagnosis_run_async (diagnosis, NULL, run_done, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  return diagnosis;
}

static gboolean
strv_contains_text (GStrv       strv,
                    const char *needle)
{
  for (guint i = 0; strv[i] != NULL; i++)
    if (strstr (strv[i], needle) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_scenario (gconstpointer data)
{
  const Scenario *scenario = data;
  g_autoptr(MdDiagnosis) diagnosis = diagnose (scenario->domain, scenario->provider, 1500);
  MdCheck *check = md_diagnosis_get_check (diagnosis, scenario->check);
  g_auto(GStrv) advice = md_check_dup_advice (check);
  g_auto(GStrv) records = md_check_dup_records (check);
  g_auto(GStrv) evidence = md_check_dup_evidence (check);
  g_autofree char *report = md_diagnosis_to_text (diagnosis);

  g_test_message ("%s", report);
  g_assert_cmpstr (md_check_status_to_id (md_check_get_status (check)), ==,
                   md_check_status_to_id (scenario->status));
  if (scenario->needle != NULL)
    g_assert_true (strstr (md_check_get_summary (check), scenario->needle) != NULL ||
                   strv_contains_text (advice, scenario->needle) ||
                   strv_contains_text (records, scenario->needle) ||
                   strv_contains_text (evidence, scenario->needle));
}

/* A failing look-up is "could not check", never "missing"; a refusing
 * blocklist is no listing. */
static void
test_refusing_blocklist (void)
{
  const char * const only_refusing[] = { "refuse.test", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(MdDiagnosis) diagnosis = md_diagnosis_new ("listed.test", &error);
  gboolean done = FALSE;

  md_diagnosis_set_timeout (diagnosis, 1500);
  md_diagnosis_set_dnsbl_zones (diagnosis, only_refusing);
  md_diagnosis_run_async (diagnosis, NULL, run_done, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (md_check_get_status (md_diagnosis_get_check (diagnosis, "dnsbl")), ==, MD_CHECK_STATUS_UNKNOWN);
}

static void
test_timeout_is_bounded (void)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(MdDiagnosis) diagnosis = diagnose ("slow.test", NULL, 800);
  gint64 elapsed_ms = (g_get_monotonic_time () - start) / 1000;

  /* The whole chain (MX, then the web checks) stays far below glibc's ~10 s. */
  g_assert_cmpint (elapsed_ms, <, 4000);
  for (guint i = 0; i < g_list_model_get_n_items (md_diagnosis_get_checks (diagnosis)); i++)
    {
      g_autoptr(MdCheck) check = g_list_model_get_item (md_diagnosis_get_checks (diagnosis), i);

      g_assert_cmpint (md_check_get_status (check), >=, MD_CHECK_STATUS_OK);
    }
}

static void
cancelled_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_false (md_diagnosis_run_finish (MD_DIAGNOSIS (object), result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  *done = TRUE;
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel_stops_everything (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MdDiagnosis) diagnosis = md_diagnosis_new ("slow.test", &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gboolean done = FALSE;
  gint64 start;

  md_diagnosis_set_timeout (diagnosis, 5000);
  md_diagnosis_run_async (diagnosis, cancellable, cancelled_done, &done);
  g_timeout_add (100, cancel_cb, cancellable);
  start = g_get_monotonic_time ();
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpint ((g_get_monotonic_time () - start) / 1000, <, 1000);
  g_assert_false (md_diagnosis_get_running (diagnosis));
  for (guint i = 0; i < g_list_model_get_n_items (md_diagnosis_get_checks (diagnosis)); i++)
    {
      g_autoptr(MdCheck) check = g_list_model_get_item (md_diagnosis_get_checks (diagnosis), i);

      g_assert_cmpint (md_check_get_status (check), !=, MD_CHECK_STATUS_RUNNING);
    }
}

static void
test_json_report (void)
{
  g_autoptr(MdDiagnosis) diagnosis = diagnose ("ok-mxplan.test", NULL, 1500);
  g_autoptr(JsonNode) node = md_diagnosis_to_json (diagnosis);
  JsonObject *root = json_node_get_object (node);
  JsonArray *checks = json_object_get_array_member (root, "checks");

  g_assert_cmpstr (json_object_get_string_member (root, "domain"), ==, "ok-mxplan.test");
  g_assert_cmpstr (json_object_get_string_member (root, "provider"), ==, "ovh-mxplan");
  g_assert_cmpuint (json_array_get_length (checks), ==, 9);
  for (guint i = 0; i < json_array_get_length (checks); i++)
    {
      JsonObject *check = json_array_get_object_element (checks, i);

      g_assert_true (json_object_has_member (check, "id"));
      g_assert_true (json_object_has_member (check, "status"));
      g_assert_true (json_object_has_member (check, "evidence"));
      g_assert_true (json_object_has_member (check, "advice"));
      g_assert_true (json_object_has_member (check, "elapsed_ms"));
    }
}

int
main (int   argc,
      char *argv[])
{
  /* Web checks: a closed port on loopback, answered at once. */
  g_setenv ("MD_RDAP_BASE_URL", "http://127.0.0.1:9/", TRUE);
  g_setenv ("MD_WEBMAIL_URL", "http://127.0.0.1:9/", TRUE);
  g_setenv ("MD_STATUS_API_URL", "http://127.0.0.1:9/", TRUE);

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (scenarios); i++)
    {
      g_autofree char *path = g_strdup_printf ("/md/diagnosis/%s/%s%s%s", scenarios[i].domain, scenarios[i].check,
                                               scenarios[i].provider ? "/" : "",
                                               scenarios[i].provider ? scenarios[i].provider : "");

      g_test_add_data_func (path, &scenarios[i], test_scenario);
    }
  g_test_add_func ("/md/diagnosis/refusing-blocklist", test_refusing_blocklist);
  g_test_add_func ("/md/diagnosis/timeout-is-bounded", test_timeout_is_bounded);
  g_test_add_func ("/md/diagnosis/cancel", test_cancel_stops_everything);
  g_test_add_func ("/md/diagnosis/json", test_json_report);

  return g_test_run ();
}
