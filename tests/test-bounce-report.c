/* test-bounce-report.c — the whole analyzer: verdicts per recipient, headline, text and JSON, async
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bounce-fixtures.h"
#include "md-bounce-classifier.h"
#include "md-bounce-report.h"
#include "md-test-language.h"

static GPtrArray *expectations;

static MdBounceReport *
report_for (const char *file)
{
  g_autoptr(GBytes) bytes = bounce_fixture_load (file);

  return md_bounce_report_new_from_bytes (bytes);
}

/* The reason and its permanence as tests/bounces/expected.tsv says. */
static void
test_fixture (gconstpointer data)
{
  const char *file = data;
  g_autoptr(MdBounceReport) report = report_for (file);
  gboolean any_permanent = FALSE, any_temporary = FALSE;
  guint n = 0;

  g_assert_true (md_bounce_report_is_bounce (report));
  g_assert_nonnull (md_bounce_report_get_headline (report));

  for (guint i = 0; i < expectations->len; i++)
    {
      BounceExpectation *e = g_ptr_array_index (expectations, i);
      const MdBounceRecipient *r;

      if (!g_str_equal (e->file, file))
        continue;
      n++;
      g_assert_cmpuint (md_bounce_report_get_n_recipients (report), >=, e->index);
      r = md_bounce_report_get_recipient (report, e->index - 1);
      g_assert_cmpstr (r->recipient, ==, e->recipient);
      g_assert_cmpstr (md_reason_to_id (r->reason), ==, e->reason);
      if (e->permanent >= 0)
        {
          g_assert_cmpint (r->permanent, ==, e->permanent);
          g_assert_cmpint (r->klass, ==, e->permanent ? MD_CODE_CLASS_PERMANENT : MD_CODE_CLASS_TEMPORARY);
          /* A delivery given up on counts as permanent for the whole bounce. */
          any_permanent |= e->permanent == 1 || md_bounce_recipient_is_given_up (r);
          any_temporary |= e->permanent == 0;
        }
      g_assert_nonnull (r->headline);
      g_assert_nonnull (r->action);
    }

  g_assert_cmpuint (md_bounce_report_get_n_recipients (report), ==, n);

  /* The outcome is the worst recipient's. */
  if (any_permanent)
    g_assert_cmpint (md_bounce_report_get_outcome (report), ==, MD_BOUNCE_OUTCOME_PERMANENT);
  else if (any_temporary)
    g_assert_cmpint (md_bounce_report_get_outcome (report), ==, MD_BOUNCE_OUTCOME_TEMPORARY);
  else
    g_assert_cmpint (md_bounce_report_get_outcome (report), ==, MD_BOUNCE_OUTCOME_DELIVERED);
}

static void
assert_findings_match (MdBounceReport *report,
                       GBytes         *bytes)
{
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);
  const MdCodeSpan *findings;
  guint n = 0;

  findings = md_bounce_report_get_findings (report, &n);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (findings[i].offset + findings[i].length, <=, length);
      g_assert_cmpint (memcmp (data + findings[i].offset, findings[i].code, findings[i].length), ==, 0);
    }
}

/* CRLF and bare-CR copies of every fixture give the same verdicts, and the
 * spans still land on the codes' bytes. */
static void
test_line_ends (void)
{
  g_autoptr(GPtrArray) files = bounce_expectations_files (expectations);
  const char *ends[] = { "\r\n", "\r" };

  for (guint f = 0; f < files->len; f++)
    {
      g_autoptr(GBytes) bytes = bounce_fixture_load (g_ptr_array_index (files, f));
      g_autoptr(MdBounceReport) lf = md_bounce_report_new_from_bytes (bytes);
      guint n_lf = 0;

      md_bounce_report_get_findings (lf, &n_lf);

      for (guint e = 0; e < G_N_ELEMENTS (ends); e++)
        {
          g_autoptr(GBytes) other_bytes = bounce_with_line_ends (bytes, ends[e]);
          g_autoptr(MdBounceReport) other = md_bounce_report_new_from_bytes (other_bytes);
          guint n_other = 0;

          md_bounce_report_get_findings (other, &n_other);
          g_assert_cmpuint (n_other, ==, n_lf);
          assert_findings_match (other, other_bytes);

          g_assert_cmpint (md_bounce_report_get_outcome (other), ==, md_bounce_report_get_outcome (lf));
          g_assert_cmpstr (md_bounce_report_get_headline (other), ==, md_bounce_report_get_headline (lf));
          g_assert_cmpuint (md_bounce_report_get_n_recipients (other), ==, md_bounce_report_get_n_recipients (lf));
          for (guint i = 0; i < md_bounce_report_get_n_recipients (lf); i++)
            {
              const MdBounceRecipient *a = md_bounce_report_get_recipient (lf, i);
              const MdBounceRecipient *b = md_bounce_report_get_recipient (other, i);

              g_assert_cmpstr (a->recipient, ==, b->recipient);
              g_assert_cmpstr (a->status, ==, b->status);
              g_assert_cmpuint (a->reply_code, ==, b->reply_code);
              g_assert_cmpint (a->reason, ==, b->reason);
              g_assert_cmpint (a->permanent, ==, b->permanent);
              g_assert_cmpint (a->hard_bounce, ==, b->hard_bounce);
            }
        }
    }
}

static void
test_json (void)
{
  g_autoptr(GBytes) bytes = bounce_fixture_load ("02-postfix-multi-recipient.eml");
  g_autoptr(MdBounceReport) report = md_bounce_report_new_from_bytes (bytes);
  g_autoptr(JsonNode) node = md_bounce_report_to_json (report, "02-postfix-multi-recipient.eml");
  g_autofree char *text = json_to_string (node, FALSE);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);
  JsonObject *root, *first, *codes;
  JsonArray *recipients, *findings, *fields;

  /* What a script gets is what a parser reads back. */
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));

  g_assert_cmpstr (json_object_get_string_member (root, "path"), ==, "02-postfix-multi-recipient.eml");
  g_assert_true (json_object_get_boolean_member (root, "is_bounce"));
  g_assert_cmpstr (json_object_get_string_member (root, "outcome"), ==, "permanent");
  g_assert_cmpstr (json_object_get_string_member (root, "headline"), ==, md_bounce_report_get_headline (report));
  g_assert_cmpstr (json_object_get_string_member (root, "agent"), ==, "postfix");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "original_message"), "subject"),
                   ==, "April news");

  recipients = json_object_get_array_member (root, "recipients");
  g_assert_cmpuint (json_array_get_length (recipients), ==, 3);
  first = json_array_get_object_element (recipients, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "recipient"), ==, "carol@example.org");
  g_assert_cmpstr (json_object_get_string_member (first, "status"), ==, "5.1.1");
  g_assert_true (json_object_get_boolean_member (first, "status_in_bounce"));
  g_assert_cmpint (json_object_get_int_member (first, "reply_code"), ==, 550);
  g_assert_cmpstr (json_object_get_string_member (first, "reason"), ==, "userunknown");
  g_assert_true (json_object_get_boolean_member (first, "hard_bounce"));
  g_assert_true (json_object_get_boolean_member (first, "permanent"));
  g_assert_cmpstr (json_object_get_string_member (first, "action"), ==, "failed");
  g_assert_cmpstr (json_object_get_string_member (first, "class"), ==, "permanent");
  g_assert_nonnull (json_object_get_string_member (first, "actor"));
  g_assert_nonnull (json_object_get_string_member (first, "advice"));
  /* No reply code for the third: null, not 0. */
  g_assert_true (json_object_get_null_member (json_array_get_object_element (recipients, 2), "reply_code"));

  findings = json_object_get_array_member (root, "findings");
  codes = json_object_get_object_member (root, "codes");
  g_assert_cmpuint (json_array_get_length (findings), >=, 6);
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *f = json_array_get_object_element (findings, i);
      const char *code = json_object_get_string_member (f, "code");
      gint64 offset = json_object_get_int_member (f, "offset");
      gint64 len = json_object_get_int_member (f, "length");

      g_assert_cmpint (offset + len, <=, (gint64) length);
      g_assert_cmpint (len, ==, (gint64) strlen (code));
      g_assert_cmpint (memcmp (data + offset, code, len), ==, 0);
      g_assert_cmpint (json_object_get_int_member (f, "line"), >, 0);
      g_assert_true (json_object_has_member (codes, code));
      g_assert_nonnull (json_object_get_string_member (json_object_get_object_member (codes, code), "title"));
    }

  fields = json_object_get_array_member (root, "fields");
  g_assert_cmpuint (json_array_get_length (fields), >=, 10);
  for (guint i = 0; i < json_array_get_length (fields); i++)
    {
      JsonObject *f = json_array_get_object_element (fields, i);
      const char *name = json_object_get_string_member (f, "name");
      gint64 offset = json_object_get_int_member (f, "offset");

      g_assert_cmpint (strncmp (data + offset, name, strlen (name)), ==, 0);
      g_assert_cmpint (data[offset + strlen (name)], ==, ':');
    }
}

/* No status in the bounce: the JSON carries Sisimai's numbering for the
 * reason and says so; the struct keeps the two apart. */
static void
test_pseudo_status (void)
{
  g_autoptr(MdBounceReport) report = report_for ("06-exim-expired.txt");
  g_autoptr(JsonNode) node = md_bounce_report_to_json (report, NULL);
  const MdBounceRecipient *r = md_bounce_report_get_recipient (report, 0);
  JsonObject *first;

  g_assert_null (r->status);
  g_assert_cmpstr (r->pseudo_status, ==, "5.0.947");
  first = json_array_get_object_element (json_object_get_array_member (json_node_get_object (node), "recipients"), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "status"), ==, "5.0.947");
  g_assert_false (json_object_get_boolean_member (first, "status_in_bounce"));
  g_assert_true (json_object_get_null_member (json_node_get_object (node), "path"));
}

/* Every reason the classifier numbers gets its number in the report too:
 * one table serves both (the report's own copy lacked four reasons). */
static void
test_pseudo_status_reasons (void)
{
  static const struct {
    const char *reply;
    MdReason    reason;
    const char *status;
  } cases[] = {
    { "550 Email rejected per DMARC policy for example.com", MD_REASON_AUTHFAILURE, "5.0.972" },
    { "550 Message not RFC 5322 compliant, missing Message-ID header", MD_REASON_NOTCOMPLIANTRFC, "5.0.974" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("From: MAILER-DAEMON@mx.example.com\n"
                                               "Subject: Undelivered Mail Returned to Sender\n\n"
                                               "<bob@example.net>: host mx.example.net[192.0.2.1] said: %s "
                                               "(in reply to end of DATA command)\n", cases[i].reply);
      g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
      g_autoptr(MdBounceReport) report = md_bounce_report_new_from_bytes (bytes);
      const MdBounceRecipient *r = md_bounce_report_get_recipient (report, 0);

      g_assert_cmpint (r->reason, ==, cases[i].reason);
      g_assert_null (r->status);
      g_assert_cmpstr (r->pseudo_status, ==, cases[i].status);
      g_assert_cmpstr (r->pseudo_status, ==, md_bounce_guess_status (r->reason, r->permanent));
    }
}

static void
test_text (void)
{
  g_autoptr(MdBounceReport) report = report_for ("45-exim-multi-recipient.txt");
  g_autofree char *text = md_bounce_report_to_text (report);
  const MdBounceRecipient *main_recipient = md_bounce_report_get_main_recipient (report);

  g_assert_true (g_str_has_prefix (text, md_bounce_report_get_headline (report)));
  g_assert_nonnull (strstr (text, "sue@example.org"));
  g_assert_nonnull (strstr (text, "ted@example.net"));
  g_assert_nonnull (strstr (text, "5.2.2"));
  g_assert_nonnull (strstr (text, md_reason_get_advice (MD_REASON_USERUNKNOWN)));
  g_assert_nonnull (strstr (text, "550 — "));

  /* The hard bounce comes first in the headline. */
  g_assert_nonnull (main_recipient);
  g_assert_cmpstr (main_recipient->recipient, ==, "sue@example.org");
  g_assert_true (main_recipient->hard_bounce);
}

/* A delivery given up after days of temporary failures: not permanent, but
 * not waiting for a retry either, and the text says so. */
static void
test_given_up (void)
{
  g_autoptr(GBytes) bytes = bounce_fixture_load ("46-dsn-given-up-no-newline.eml");
  g_autoptr(MdBounceReport) report = md_bounce_report_new_from_bytes (bytes);
  const MdBounceRecipient *recipient = md_bounce_report_get_main_recipient (report);
  g_autofree char *text = md_bounce_report_to_text (report);

  g_assert_nonnull (recipient);
  g_assert_cmpstr (recipient->status, ==, "4.4.7");
  g_assert_false (recipient->permanent);
  g_assert_true (md_bounce_recipient_is_given_up (recipient));
  g_assert_nonnull (strstr (text, "(temporary cause, given up)"));

  /* Still waiting: not given up. */
  {
    gsize size;
    const char *data = g_bytes_get_data (bytes, &size);
    g_autofree char *delayed = g_strndup (data, size);
    char *action = strstr (delayed, "Action: failed");

    memcpy (action, "Action: delay ", 14);
    g_autoptr(GBytes) delayed_bytes = g_bytes_new_take (g_steal_pointer (&delayed), size);
    g_autoptr(MdBounceReport) delayed_report = md_bounce_report_new_from_bytes (delayed_bytes);

    g_assert_false (md_bounce_recipient_is_given_up (md_bounce_report_get_main_recipient (delayed_report)));
  }
}

static void
test_not_bounce (void)
{
  const char *mail =
    "From: Alice <alice@example.net>\n"
    "To: Bob <bob@example.org>\n"
    "Subject: Lunch\n"
    "\n"
    "Room 550 at 12:30? Version 5.1.1 of the menu is attached (550 KB).\n";
  g_autoptr(MdBounceReport) report = md_bounce_analyze (mail, strlen (mail));
  guint n = 0;

  g_assert_false (md_bounce_report_is_bounce (report));
  g_assert_cmpint (md_bounce_report_get_outcome (report), ==, MD_BOUNCE_OUTCOME_NOT_BOUNCE);
  g_assert_cmpuint (md_bounce_report_get_n_recipients (report), ==, 0);
  g_assert_null (md_bounce_report_get_main_recipient (report));
  g_assert_nonnull (md_bounce_report_get_headline (report));
  md_bounce_report_get_findings (report, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpstr (md_bounce_outcome_to_id (md_bounce_report_get_outcome (report)), ==, "not-bounce");
}

static void
on_report (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_async (void)
{
  g_autoptr(GBytes) bytes = bounce_fixture_load ("01-postfix-userunknown.eml");
  g_autoptr(MdBounceReport) sync = md_bounce_report_new_from_bytes (bytes);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MdBounceReport) report = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  md_bounce_report_new_from_bytes_async (bytes, NULL, on_report, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  report = md_bounce_report_new_from_bytes_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (md_bounce_report_get_headline (report), ==, md_bounce_report_get_headline (sync));
  g_assert_cmpuint (md_bounce_report_get_n_recipients (report), ==, 1);
  g_clear_object (&result);
  g_clear_object (&report);

  /* Cancelled before it starts: an error, no report. */
  g_cancellable_cancel (cancellable);
  md_bounce_report_new_from_bytes_async (bytes, cancellable, on_report, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  report = md_bounce_report_new_from_bytes_finish (result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (report);
}

static void
test_junk (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  gsize length = 512 * 1024;
  g_autofree char *junk = g_malloc (length);

  for (gsize i = 0; i < length; i++)
    junk[i] = (char) g_rand_int_range (rand, 0, 256);

  {
    g_autoptr(GBytes) bytes = g_bytes_new_static (junk, length);
    g_autoptr(MdBounceReport) report = md_bounce_report_new_from_bytes (bytes);
    g_autofree char *text = md_bounce_report_to_text (report);
    g_autoptr(JsonNode) node = md_bounce_report_to_json (report, NULL);
    g_autofree char *json = json_to_string (node, FALSE);

    assert_findings_match (report, bytes);
    g_assert_true (g_utf8_validate (text, -1, NULL));
    g_assert_true (g_utf8_validate (json, -1, NULL));
  }
}

/* The report speaks the user's language. */
static void
test_french (void)
{
  g_autoptr(MdBounceReport) english = NULL;
  g_autoptr(MdBounceReport) french = NULL;
  const char *why = NULL;

  english = report_for ("01-postfix-userunknown.eml");
  if (!md_test_language_set ("fr", &why))
    {
      g_test_skip (why);
      return;
    }
  french = report_for ("01-postfix-userunknown.eml");
  md_test_language_set ("en", &why);

  g_assert_cmpstr (md_bounce_report_get_headline (french), !=, md_bounce_report_get_headline (english));
  g_assert_nonnull (strstr (md_bounce_report_get_headline (french), "bob@example.org"));
  g_assert_nonnull (strstr (md_bounce_report_get_headline (french), "message"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) files = NULL;
  const char *why = NULL;
  int status;

  /* English unless a test asks for French; the app's own catalog. */
  md_test_language_set ("en", &why);
  g_test_init (&argc, &argv, NULL);

  expectations = bounce_expectations_load ();
  files = bounce_expectations_files (expectations);
  for (guint i = 0; i < files->len; i++)
    {
      const char *file = g_ptr_array_index (files, i);
      g_autofree char *path = g_strdup_printf ("/md/bounce-report/fixture/%s", file);

      g_test_add_data_func (path, file, test_fixture);
    }
  g_test_add_func ("/md/bounce-report/line-ends", test_line_ends);
  g_test_add_func ("/md/bounce-report/json", test_json);
  g_test_add_func ("/md/bounce-report/pseudo-status", test_pseudo_status);
  g_test_add_func ("/md/bounce-report/pseudo-status-reasons", test_pseudo_status_reasons);
  g_test_add_func ("/md/bounce-report/text", test_text);
  g_test_add_func ("/md/bounce-report/given-up", test_given_up);
  g_test_add_func ("/md/bounce-report/not-bounce", test_not_bounce);
  g_test_add_func ("/md/bounce-report/async", test_async);
  g_test_add_func ("/md/bounce-report/junk", test_junk);
  g_test_add_func ("/md/bounce-report/french", test_french);

  status = g_test_run ();
  g_ptr_array_unref (expectations);

  return status;
}
