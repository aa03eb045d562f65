/* test-diagnosis.c — the diagnosis engine against a real DNS server
 *
 * Run by dns/run-with-dns.sh with dns/scenarios.conf: GResolver asks dnsmasq
 * for real. The web checks are pointed at a closed port on 127.0.0.1; they
 * are tested in test-http-checks.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "md-diagnosis.h"

#define TIMEOUT_MS 1500

static const char * const test_blocklists[] = { "bl.test", "refuse.test", NULL };

typedef struct {
  const char    *domain;
  const char    *provider;
  const char    *check;
  MdCheckStatus  status;
  const char    *needle;   /* in the summary, the advice, the records or the evidence */
} Scenario;

static const Scenario scenarios[] = {
  /* Right, as the providers' guides say. */
  { "ok-mxplan.test", NULL, "domain", MD_CHECK_STATUS_OK, "1 name server" },
  { "ok-mxplan.test", NULL, "mx", MD_CHECK_STATUS_OK, "OVHcloud MX Plan" },
  { "ok-mxplan.test", NULL, "spf", MD_CHECK_STATUS_OK, "1 DNS look-up of 10" },
  { "ok-mxplan.test", NULL, "dmarc", MD_CHECK_STATUS_OK, "quarantine" },
  { "ok-mxplan.test", NULL, "dnsbl", MD_CHECK_STATUS_OK, "192.0.2.14 @ refuse.test: not listed" },
  { "ok-mxplan.test", NULL, "autodiscover", MD_CHECK_STATUS_OK, "none is needed" },
  { "shop.ok-mxplan.test", NULL, "domain", MD_CHECK_STATUS_OK, "no zone of its own" },
  { "ok-exchange.test", NULL, "mx", MD_CHECK_STATUS_OK, "OVHcloud Hosted Exchange" },
  { "ok-exchange.test", NULL, "autodiscover", MD_CHECK_STATUS_OK, "right" },
  { "ok-exchange.test", NULL, "spf", MD_CHECK_STATUS_OK, "SPF is valid" },
  { "ok-exchange.test", NULL, "dmarc", MD_CHECK_STATUS_OK, "reject" },
  { "exchange-ok.test", NULL, "mx", MD_CHECK_STATUS_OK, "beside its usual one" },
  { "exchange-ok.test", NULL, "autodiscover", MD_CHECK_STATUS_OK, "right" },
  /* MX. */
  { "former.test", "ovh-mxplan", "mx", MD_CHECK_STATUS_ERROR, "former.test. 3600 IN MX 1 mx0.mail.ovh.net." },
  { "former.test", "ovh-mxplan", "mx", MD_CHECK_STATUS_ERROR, "mx.oldhost.test does not belong" },
  { "former.test", NULL, "mx", MD_CHECK_STATUS_WARNING, "does not know" },
  { "legacy.test", NULL, "mx", MD_CHECK_STATUS_WARNING, "former server names" },
  { "mixed.test", NULL, "mx", MD_CHECK_STATUS_ERROR, "belongs to Google Workspace" },
  { "nomx.test", NULL, "mx", MD_CHECK_STATUS_WARNING, "falls back to its web address" },
  { "nomx-noa.test", NULL, "mx", MD_CHECK_STATUS_ERROR, "nobody can send" },
  { "nullmx.test", NULL, "mx", MD_CHECK_STATUS_ERROR, "null MX" },
  { "nullmx.test", "ovh-mxplan", "mx", MD_CHECK_STATUS_ERROR, "nullmx.test. 3600 IN MX 5 mx1.mail.ovh.net." },
  { "nullmixed.test", NULL, "mx", MD_CHECK_STATUS_ERROR, "Remove the null MX record" },
  { "nullmixed.test", NULL, "mx", MD_CHECK_STATUS_ERROR, "nullmixed.test MX 1 mx0.mail.ovh.net" },
  { "mxip.test", NULL, "mx", MD_CHECK_STATUS_ERROR, "“192.0.2.1” is an IP address" },
  { "mxcname.test", NULL, "mx", MD_CHECK_STATUS_ERROR, "alias.mxcname.test CNAME mx0.mail.ovh.net" },
  { "mxnoaddr.test", NULL, "mx", MD_CHECK_STATUS_ERROR, "mail.mxnoaddr.test has no address" },
  /* Autodiscover. */
  { "srv-port.test", NULL, "autodiscover", MD_CHECK_STATUS_ERROR, "the port is 444 instead of 443" },
  { "srv-port.test", NULL, "autodiscover", MD_CHECK_STATUS_ERROR, "_autodiscover._tcp.srv-port.test. 3600 IN SRV 0 0 443 ex.mail.ovh.net." },
  { "srv-target.test", NULL, "autodiscover", MD_CHECK_STATUS_ERROR, "the target is exchange.oldhost.test" },
  { "adcname.test", NULL, "autodiscover", MD_CHECK_STATUS_WARNING, "takes precedence" },
  { "ok-mxplan.test", "ovh-exchange", "autodiscover", MD_CHECK_STATUS_ERROR, "missing" },
  { "ok-exchange.test", "ovh-exchange-private", "autodiscover", MD_CHECK_STATUS_OK, "own Exchange server" },
  /* SPF. */
  { "twospf.test", NULL, "spf", MD_CHECK_STATUS_ERROR, "There are 2 SPF records" },
  { "spf10.test", NULL, "spf", MD_CHECK_STATUS_ERROR, "passed at “include:s2.spf10.test”" },
  { "spf10.test", NULL, "spf", MD_CHECK_STATUS_ERROR, "SPF needs 15 DNS look-ups" },
  { "spfvoid.test", NULL, "spf", MD_CHECK_STATUS_ERROR, "3 names in the SPF record give no answer" },
  { "spfvoid.test", NULL, "spf", MD_CHECK_STATUS_ERROR, "include:c.spfvoid.test: no SPF record there" },
  { "spfsyntax.test", NULL, "spf", MD_CHECK_STATUS_ERROR, "“ip4:192.0.2.300” is not an IPv4" },
  { "plusall.test", NULL, "spf", MD_CHECK_STATUS_WARNING, "+all" },
  { "diamond.test", NULL, "spf", MD_CHECK_STATUS_ERROR, "SPF needs 16 DNS look-ups" },
  { "spfloop.test", NULL, "spf", MD_CHECK_STATUS_ERROR, "“spfloop.test” includes itself" },
  { "nospf.test", NULL, "spf", MD_CHECK_STATUS_WARNING, "No SPF record" },
  { "ok-mxplan.test", "google", "spf", MD_CHECK_STATUS_WARNING, "include:_spf.google.com" },
  /* TXT bytes that are not UTF-8 are shown as U+FFFD, never a crash. */
  { "badutf.test", NULL, "spf", MD_CHECK_STATUS_ERROR, "“\xef\xbf\xbd” is not an SPF mechanism" },
  { "badutf.test", NULL, "dmarc", MD_CHECK_STATUS_OK, "rua=mailto:r\xef\xbf\xbd@badutf.test" },
  /* DMARC. */
  { "nodmarc.test", NULL, "dmarc", MD_CHECK_STATUS_WARNING, "_dmarc.nodmarc.test. 3600 IN TXT" },
  { "baddmarc.test", NULL, "dmarc", MD_CHECK_STATUS_ERROR, "mailto:" },
  { "baddmarc.test", NULL, "dmarc", MD_CHECK_STATUS_ERROR, "“maybe”" },
  { "twodmarc.test", NULL, "dmarc", MD_CHECK_STATUS_ERROR, "several DMARC records" },
  { "shop.orgdmarc.test", NULL, "dmarc", MD_CHECK_STATUS_OK, "DMARC policy: quarantine, from orgdmarc.test" },
  { "shop.orgdmarc.test", NULL, "dmarc", MD_CHECK_STATUS_OK, "its organisational domain, applies" },
  { "news.nodmarc.test", NULL, "dmarc", MD_CHECK_STATUS_WARNING, "_dmarc.nodmarc.test" },
  /* Blocklists: a listing, and a refusal that is no listing. */
  { "listed.test", NULL, "dnsbl", MD_CHECK_STATUS_ERROR, "192.0.2.99 @ bl.test: LISTED (127.0.0.2)" },
  { "listed.test", NULL, "dnsbl", MD_CHECK_STATUS_ERROR, "refuse.test: the list refused to answer (127.255.255.254)" },
  /* No such domain: said once, and nothing else is called missing. */
  { "gone.parent.test", NULL, "domain", MD_CHECK_STATUS_ERROR, "does not exist" },
  { "gone.parent.test", NULL, "mx", MD_CHECK_STATUS_ERROR, "does not exist" },
  { "gone.parent.test", NULL, "spf", MD_CHECK_STATUS_UNKNOWN, "the domain does not exist" },
  { "gone.parent.test", NULL, "dmarc", MD_CHECK_STATUS_UNKNOWN, "the domain does not exist" },
  { "gone.parent.test", NULL, "autodiscover", MD_CHECK_STATUS_UNKNOWN, "the domain does not exist" },
  { "gone.parent.test", NULL, "dnsbl", MD_CHECK_STATUS_UNKNOWN, "the domain does not exist" },
  /* A failing upstream and one that never answers: could not check. */
  { "servfail.test", NULL, "domain", MD_CHECK_STATUS_UNKNOWN, "the DNS look-up failed" },
  { "servfail.test", NULL, "mx", MD_CHECK_STATUS_UNKNOWN, "the DNS look-up failed" },
  { "servfail.test", NULL, "spf", MD_CHECK_STATUS_UNKNOWN, "the DNS look-up failed" },
  { "servfail.test", NULL, "dmarc", MD_CHECK_STATUS_UNKNOWN, "the DNS look-up failed" },
  { "servfail.test", NULL, "autodiscover", MD_CHECK_STATUS_UNKNOWN, "the DNS look-up failed" },
  { "slow.test", NULL, "domain", MD_CHECK_STATUS_UNKNOWN, "in time" },
  { "slow.test", NULL, "mx", MD_CHECK_STATUS_UNKNOWN, "in time" },
  { "slow.test", NULL, "spf", MD_CHECK_STATUS_UNKNOWN, "in time" },
  { "slow.test", NULL, "dmarc", MD_CHECK_STATUS_UNKNOWN, "in time" },
  { "slow.test", NULL, "autodiscover", MD_CHECK_STATUS_UNKNOWN, "in time" },
};

/* One diagnosis per domain and provider, shared by its scenarios. */
typedef struct {
  MdDiagnosis *diagnosis;
  gint64       wall_ms;
} Diagnosed;

static GHashTable *diagnosed;

static void
diagnosed_free (Diagnosed *d)
{
  g_object_unref (d->diagnosis);
  g_free (d);
}

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

static Diagnosed *
diagnose (const char *domain,
          const char *provider_id)
{
  g_autofree char *key = g_strdup_printf ("%s/%s", domain, provider_id ? provider_id : "");
  g_autoptr(GError) error = NULL;
  Diagnosed *d = g_hash_table_lookup (diagnosed, key);
  gboolean done = FALSE;
  gint64 start;

  if (d != NULL)
    return d;

  d = g_new0 (Diagnosed, 1);
  d->diagnosis = md_diagnosis_new (domain, &error);
  g_assert_no_error (error);
  md_diagnosis_set_timeout (d->diagnosis, TIMEOUT_MS);
  md_diagnosis_set_dnsbl_zones (d->diagnosis, test_blocklists);
  if (provider_id != NULL)
    md_diagnosis_set_provider (d->diagnosis, md_provider_lookup (provider_id));
  start = g_get_monotonic_time ();
  md_diagnosis_run_async (d->diagnosis, NULL, run_done, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  d->wall_ms = (g_get_monotonic_time () - start) / 1000;
  g_hash_table_insert (diagnosed, g_steal_pointer (&key), d);

  return d;
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
  MdDiagnosis *diagnosis = diagnose (scenario->domain, scenario->provider)->diagnosis;
  MdCheck *check = md_diagnosis_get_check (diagnosis, scenario->check);
  g_auto(GStrv) advice = md_check_dup_advice (check);
  g_auto(GStrv) records = md_check_dup_records (check);
  g_auto(GStrv) evidence = md_check_dup_evidence (check);
  g_autofree char *report = md_diagnosis_to_text (diagnosis);
  const char *summary = md_check_get_summary (check);

  g_test_message ("%s", report);
  g_assert_cmpstr (md_check_status_to_id (md_check_get_status (check)), ==,
                   md_check_status_to_id (scenario->status));
  g_assert_nonnull (summary);
  g_assert_true (strstr (summary, scenario->needle) != NULL ||
                 strv_contains_text (advice, scenario->needle) ||
                 strv_contains_text (records, scenario->needle) ||
                 strv_contains_text (evidence, scenario->needle));
  /* "Could not check" is never worded as something missing. */
  if (scenario->status == MD_CHECK_STATUS_UNKNOWN)
    {
      g_assert_null (strstr (summary, "missing"));
      g_assert_false (g_str_has_prefix (summary, "No "));
      g_assert_cmpuint (g_strv_length (records), ==, 0);
    }
}

/* The same three questions (MX, SPF, DMARC) for a name without the record,
 * a name that does not exist, and a server that fails: three different
 * answers, and only the first says "no record". */
static void
test_three_outcomes (void)
{
  const struct { const char *domain; const char *check; } absent[] = {
    { "nomx-noa.test", "mx" }, { "nospf.test", "spf" }, { "nodmarc.test", "dmarc" },
  };
  const char *checks[] = { "mx", "spf", "dmarc" };

  for (guint i = 0; i < G_N_ELEMENTS (absent); i++)
    {
      MdCheck *check = md_diagnosis_get_check (diagnose (absent[i].domain, NULL)->diagnosis, absent[i].check);

      g_assert_cmpint (md_check_get_status (check), !=, MD_CHECK_STATUS_UNKNOWN);
      g_assert_true (strstr (md_check_get_summary (check), "no MX") != NULL ||
                     g_str_has_prefix (md_check_get_summary (check), "No "));
    }
  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      MdCheck *gone = md_diagnosis_get_check (diagnose ("gone.parent.test", NULL)->diagnosis, checks[i]);
      MdCheck *failed = md_diagnosis_get_check (diagnose ("servfail.test", NULL)->diagnosis, checks[i]);

      g_assert_nonnull (strstr (md_check_get_summary (gone), "not exist"));
      g_assert_false (g_str_has_prefix (md_check_get_summary (gone), "No "));
      g_assert_cmpint (md_check_get_status (failed), ==, MD_CHECK_STATUS_UNKNOWN);
      g_assert_true (g_str_has_prefix (md_check_get_summary (failed), "Could not check"));
      g_assert_null (strstr (md_check_get_summary (failed), "not exist"));
    }
}

/* The only answers of a server that never answers are the timeouts: the
 * whole diagnosis ends soon after one, and each check within it. */
static void
test_timeout_is_bounded (void)
{
  Diagnosed *d = diagnose ("slow.test", NULL);
  GListModel *checks = md_diagnosis_get_checks (d->diagnosis);

  g_test_message ("slow.test: %" G_GINT64_FORMAT " ms with a %u ms timeout", d->wall_ms, TIMEOUT_MS);
  g_assert_cmpint (d->wall_ms, >=, TIMEOUT_MS - 50);
  g_assert_cmpint (d->wall_ms, <, TIMEOUT_MS + 1000);
  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(MdCheck) check = g_list_model_get_item (checks, i);

      g_assert_cmpint (md_check_get_status (check), >=, MD_CHECK_STATUS_OK);
      g_assert_cmpint (md_check_get_elapsed_ms (check), <=, TIMEOUT_MS + 500);
    }
}

/* The answers that need others come after them, never before. */
static void
test_order_of_needs (void)
{
  MdDiagnosis *diagnosis = diagnose ("ok-mxplan.test", NULL)->diagnosis;
  MdCheck *mx = md_diagnosis_get_check (diagnosis, "mx");
  MdCheck *dnsbl = md_diagnosis_get_check (diagnosis, "dnsbl");
  g_auto(GStrv) evidence = md_check_dup_evidence (dnsbl);

  /* Five MX hosts, two lists: ten questions, every address once. */
  g_assert_cmpuint (g_strv_length (evidence), ==, 10);
  g_assert_cmpstr (md_provider_get_id (md_diagnosis_get_provider (diagnosis)), ==, "ovh-mxplan");
  g_assert_cmpint (md_check_get_elapsed_ms (mx), <, 1000);
}

/* A list that answers nothing, not even its test entry, is not taken for
 * one where nothing is listed. */
static void
test_closed_blocklist (void)
{
  static const char * const zones[] = { "refuse.test", "closed-list.test", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(MdDiagnosis) diagnosis = md_diagnosis_new ("ok-mxplan.test", &error);
  g_auto(GStrv) evidence = NULL;
  MdCheck *dnsbl;
  gboolean done = FALSE;

  g_assert_no_error (error);
  md_diagnosis_set_dnsbl_zones (diagnosis, zones);
  md_diagnosis_set_timeout (diagnosis, TIMEOUT_MS);
  md_diagnosis_run_async (diagnosis, NULL, run_done, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  dnsbl = md_diagnosis_get_check (diagnosis, "dnsbl");
  g_assert_cmpint (md_check_get_status (dnsbl), ==, MD_CHECK_STATUS_UNKNOWN);
  evidence = md_check_dup_evidence (dnsbl);
  g_assert_true (strv_contains_text (evidence, "closed-list.test: no answer for the test entry 127.0.0.2"));
  /* The working list still says what it knows. */
  g_assert_true (strv_contains_text (evidence, "192.0.2.10 @ refuse.test: not listed"));
}

static void
cancelled_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  gint64 *done_at = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_false (md_diagnosis_run_finish (MD_DIAGNOSIS (object), result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  *done_at = g_get_monotonic_time ();
}

static void
assert_none_running (MdDiagnosis *diagnosis)
{
  GListModel *checks = md_diagnosis_get_checks (diagnosis);

  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(MdCheck) check = g_list_model_get_item (checks, i);

      g_assert_cmpint (md_check_get_status (check), !=, MD_CHECK_STATUS_RUNNING);
      g_assert_cmpint (md_check_get_status (check), !=, MD_CHECK_STATUS_PENDING);
    }
}

/* Cancelling settles every check at once and ends the run within moments,
 * though the server would keep the look-ups waiting for seconds. */
static void
test_cancel_stops_everything (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MdDiagnosis) diagnosis = md_diagnosis_new ("slow.test", &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gint64 done_at = 0, cancelled_at, deadline;

  md_diagnosis_set_timeout (diagnosis, 5000);
  md_diagnosis_run_async (diagnosis, cancellable, cancelled_done, &done_at);
  g_assert_true (md_diagnosis_get_running (diagnosis));
  deadline = g_get_monotonic_time () + 200 * 1000;
  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);

  cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (cancellable);
  assert_none_running (diagnosis);
  while (done_at == 0)
    g_main_context_iteration (NULL, TRUE);

  g_test_message ("cancel to end: %" G_GINT64_FORMAT " ms", (done_at - cancelled_at) / 1000);
  g_assert_cmpint ((done_at - cancelled_at) / 1000, <, 200);
  g_assert_false (md_diagnosis_get_running (diagnosis));
  assert_none_running (diagnosis);
  g_assert_cmpint (md_check_get_status (md_diagnosis_get_check (diagnosis, "mx")), ==, MD_CHECK_STATUS_UNKNOWN);
  g_assert_nonnull (strstr (md_check_get_summary (md_diagnosis_get_check (diagnosis, "mx")), "stopped"));
}

static void
test_json_report (void)
{
  MdDiagnosis *diagnosis = diagnose ("listed.test", NULL)->diagnosis;
  g_autoptr(JsonNode) node = md_diagnosis_to_json (diagnosis);
  g_autofree char *text = json_to_string (node, FALSE);
  g_autoptr(JsonNode) parsed = json_from_string (text, NULL);
  JsonObject *root = json_node_get_object (parsed);
  JsonArray *checks = json_object_get_array_member (root, "checks");
  const char *ids[] = { "domain", "rdap", "webmail", "maintenance", "mx", "autodiscover", "spf", "dmarc", "dnsbl" };
  const char *statuses[] = { "ok", "warning", "error", "unknown" };
  int last_severity = G_MAXINT;

  g_assert_cmpstr (json_object_get_string_member (root, "domain"), ==, "listed.test");
  g_assert_true (json_object_get_null_member (root, "provider"));
  g_assert_cmpstr (json_object_get_string_member (root, "status"), ==, "error");
  g_assert_cmpuint (json_array_get_length (checks), ==, G_N_ELEMENTS (ids));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < json_array_get_length (checks); j++)
        found |= g_str_equal (json_object_get_string_member (json_array_get_object_element (checks, j), "id"), ids[i]);
      g_assert_true (found);
    }
  for (guint i = 0; i < json_array_get_length (checks); i++)
    {
      JsonObject *check = json_array_get_object_element (checks, i);
      const char *status = json_object_get_string_member (check, "status");
      const char *members[] = { "evidence", "advice", "records", "links" };
      int severity = -1;

      for (guint j = 0; j < G_N_ELEMENTS (statuses); j++)
        if (g_str_equal (status, statuses[j]))
          severity = j == 3 ? 3 : (j == 2 ? 4 : (int) j + 1);
      g_assert_cmpint (severity, >, 0);
      /* Most serious first: error, unknown, warning, ok. */
      g_assert_cmpint (severity, <=, last_severity);
      last_severity = severity;
      g_assert_nonnull (json_object_get_string_member (check, "summary"));
      g_assert_cmpint (json_object_get_int_member (check, "elapsed_ms"), >=, 0);
      for (guint j = 0; j < G_N_ELEMENTS (members); j++)
        {
          JsonArray *array = json_object_get_array_member (check, members[j]);

          for (guint k = 0; k < json_array_get_length (array); k++)
            g_assert_nonnull (json_array_get_string_element (array, k));
        }
      if (g_str_equal (json_object_get_string_member (check, "id"), "dnsbl"))
        g_assert_cmpstr (status, ==, "error");
    }
}

static void
test_text_report (void)
{
  MdDiagnosis *diagnosis = diagnose ("former.test", "ovh-mxplan")->diagnosis;
  g_autofree char *text = md_diagnosis_to_text (diagnosis);
  g_autoptr(GPtrArray) sorted = md_diagnosis_dup_sorted_checks (diagnosis);
  const char *first = strstr (text, "\n[");

  g_assert_true (g_str_has_prefix (text, "Mail Doctor report for former.test\nProvider: OVHcloud MX Plan"));
  g_assert_nonnull (first);
  g_assert_true (g_str_has_prefix (first, "\n[Problem]"));
  g_assert_nonnull (strstr (text, "    former.test. 3600 IN MX 200 mx4.mail.ovh.net.\n"));
  g_assert_cmpint (md_check_get_status (g_ptr_array_index (sorted, 0)), ==, MD_CHECK_STATUS_ERROR);
  g_assert_cmpint (md_diagnosis_get_overall_status (diagnosis), ==, MD_CHECK_STATUS_ERROR);
}

/* Running again starts from nothing: no evidence left from the last run. */
static void
test_run_twice (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MdDiagnosis) diagnosis = md_diagnosis_new ("Postmaster@OK-MXPLAN.test.", &error);
  g_auto(GStrv) first = NULL;
  g_auto(GStrv) second = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (md_diagnosis_get_domain (diagnosis), ==, "ok-mxplan.test");
  md_diagnosis_set_timeout (diagnosis, TIMEOUT_MS);
  md_diagnosis_set_dnsbl_zones (diagnosis, test_blocklists);
  for (guint round = 0; round < 2; round++)
    {
      gboolean done = FALSE;

      md_diagnosis_run_async (diagnosis, NULL, run_done, &done);
      while (!done)
        g_main_context_iteration (NULL, TRUE);
      if (round == 0)
        first = md_check_dup_evidence (md_diagnosis_get_check (diagnosis, "mx"));
      else
        second = md_check_dup_evidence (md_diagnosis_get_check (diagnosis, "mx"));
    }
  g_assert_cmpuint (g_strv_length (first), ==, 10);
  g_assert_true (g_strv_equal ((const char * const *) first, (const char * const *) second));
}

static void
test_bad_input (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MdDiagnosis) diagnosis = md_diagnosis_new ("192.0.2.1", &error);

  g_assert_null (diagnosis);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "IP address"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Web checks: a closed port on loopback, answered at once. */
  g_setenv ("MD_RDAP_BASE_URL", "http://127.0.0.1:9/", TRUE);
  g_setenv ("MD_WEBMAIL_URL", "http://127.0.0.1:9/", TRUE);
  g_setenv ("MD_STATUS_API_URL", "http://127.0.0.1:9/", TRUE);

  g_test_init (&argc, &argv, NULL);
  diagnosed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) diagnosed_free);

  for (guint i = 0; i < G_N_ELEMENTS (scenarios); i++)
    {
      g_autofree char *path = g_strdup_printf ("/md/diagnosis/%s/%s%s%s/%u", scenarios[i].domain, scenarios[i].check,
                                               scenarios[i].provider ? "/" : "",
                                               scenarios[i].provider ? scenarios[i].provider : "", i);

      g_test_add_data_func (path, &scenarios[i], test_scenario);
    }
  g_test_add_func ("/md/diagnosis/three-outcomes", test_three_outcomes);
  g_test_add_func ("/md/diagnosis/order-of-needs", test_order_of_needs);
  g_test_add_func ("/md/diagnosis/closed-blocklist", test_closed_blocklist);
  g_test_add_func ("/md/diagnosis/json", test_json_report);
  g_test_add_func ("/md/diagnosis/text", test_text_report);
  g_test_add_func ("/md/diagnosis/run-twice", test_run_twice);
  g_test_add_func ("/md/diagnosis/bad-input", test_bad_input);
  /* A suite added last runs last: these leave look-ups blocked in the system
   * resolver for seconds, and GLib's pool of resolver threads is small. */
  g_test_add_func ("/md/diagnosis/slow/timeout-is-bounded", test_timeout_is_bounded);
  g_test_add_func ("/md/diagnosis/slow/cancel", test_cancel_stops_everything);

  status = g_test_run ();
  g_hash_table_unref (diagnosed);

  return status;
}
