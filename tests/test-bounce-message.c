/* test-bounce-message.c — the bounce parser: recipients, codes, DSN fields, MIME and charsets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bounce-fixtures.h"
#include "md-bounce-message.h"

static GPtrArray *expectations;

static MdBounceMessage *
parse_bytes (GBytes *bytes)
{
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);

  return md_bounce_message_new (data, length);
}

static void
assert_valid_strings (MdBounceMessage *message)
{
  for (guint i = 0; i < md_bounce_message_get_n_deliveries (message); i++)
    {
      const MdBounceDelivery *d = md_bounce_message_get_delivery (message, i);
      const char *strings[] = { d->recipient, d->original_recipient, d->action, d->status,
                                d->remote_mta, d->diagnostic_type, d->diagnostic, d->command };

      for (guint j = 0; j < G_N_ELEMENTS (strings); j++)
        g_assert_true (strings[j] == NULL || g_utf8_validate (strings[j], -1, NULL));
    }
  g_assert_true (g_utf8_validate (md_bounce_message_get_text (message), -1, NULL));
}

/* Recipients, status and reply codes as tests/bounces/expected.tsv says. */
static void
test_fixture (gconstpointer data)
{
  const char *file = data;
  g_autoptr(GBytes) bytes = bounce_fixture_load (file);
  g_autoptr(MdBounceMessage) message = parse_bytes (bytes);
  guint n = 0;

  g_assert_true (md_bounce_message_looks_like_bounce (message));
  assert_valid_strings (message);

  for (guint i = 0; i < expectations->len; i++)
    {
      BounceExpectation *e = g_ptr_array_index (expectations, i);
      const MdBounceDelivery *d;

      if (!g_str_equal (e->file, file))
        continue;
      n++;
      g_assert_cmpuint (md_bounce_message_get_n_deliveries (message), >=, e->index);
      d = md_bounce_message_get_delivery (message, e->index - 1);
      g_assert_cmpstr (d->recipient, ==, e->recipient);
      g_assert_cmpstr (d->status, ==, e->status);
      g_assert_cmpuint (d->reply_code, ==, e->reply_code);
    }

  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (md_bounce_message_get_n_deliveries (message), ==, n);
}

/* CRLF and bare CR give exactly what LF gives. */
static void
test_line_ends (void)
{
  g_autoptr(GPtrArray) files = bounce_expectations_files (expectations);
  const char *ends[] = { "\r\n", "\r" };

  for (guint f = 0; f < files->len; f++)
    {
      g_autoptr(GBytes) bytes = bounce_fixture_load (g_ptr_array_index (files, f));
      g_autoptr(MdBounceMessage) lf = parse_bytes (bytes);

      for (guint e = 0; e < G_N_ELEMENTS (ends); e++)
        {
          g_autoptr(GBytes) other_bytes = bounce_with_line_ends (bytes, ends[e]);
          g_autoptr(MdBounceMessage) other = parse_bytes (other_bytes);

          g_assert_cmpuint (md_bounce_message_get_n_deliveries (other), ==, md_bounce_message_get_n_deliveries (lf));
          g_assert_cmpstr (md_bounce_message_get_text (other), ==, md_bounce_message_get_text (lf));
          for (guint i = 0; i < md_bounce_message_get_n_deliveries (lf); i++)
            {
              const MdBounceDelivery *a = md_bounce_message_get_delivery (lf, i);
              const MdBounceDelivery *b = md_bounce_message_get_delivery (other, i);

              g_assert_cmpstr (a->recipient, ==, b->recipient);
              g_assert_cmpstr (a->status, ==, b->status);
              g_assert_cmpuint (a->reply_code, ==, b->reply_code);
              g_assert_cmpstr (a->action, ==, b->action);
              g_assert_cmpstr (a->diagnostic, ==, b->diagnostic);
            }
        }
    }
}

static void
test_dsn_fields (void)
{
  g_autoptr(GBytes) sendmail = bounce_fixture_load ("09-sendmail-rejected.eml");
  g_autoptr(GBytes) delayed = bounce_fixture_load ("04-postfix-delayed-expired.eml");
  g_autoptr(GBytes) postfix = bounce_fixture_load ("01-postfix-userunknown.eml");
  g_autoptr(MdBounceMessage) m = parse_bytes (sendmail);
  const MdBounceDelivery *d;

  g_assert_true (md_bounce_message_is_dsn (m));
  g_assert_cmpstr (md_bounce_message_get_reporting_mta (m), ==, "gw.example.com");
  g_assert_cmpstr (md_bounce_message_get_received_from_mta (m), ==, "workstation.example.com");
  g_assert_cmpstr (md_bounce_message_get_arrival_date (m), ==, "Tue, 13 Jun 2023 16:40:01 -0400");
  g_assert_cmpstr (md_bounce_message_get_agent (m), ==, "sendmail");
  d = md_bounce_message_get_delivery (m, 0);
  g_assert_cmpstr (d->action, ==, "failed");
  g_assert_cmpstr (d->remote_mta, ==, "mx.example.org");
  g_assert_cmpstr (d->diagnostic_type, ==, "smtp");
  g_assert_cmpstr (d->last_attempt_date, ==, "Tue, 13 Jun 2023 16:40:02 -0400");
  g_assert_cmpstr (md_bounce_message_get_original_header (m, "Message-Id"), ==,
                   "<202306132039.35DKdwXy012340@workstation.example.com>");
  g_clear_object (&m);

  m = parse_bytes (delayed);
  d = md_bounce_message_get_delivery (m, 0);
  g_assert_cmpstr (d->action, ==, "delayed");
  g_assert_cmpstr (d->will_retry_until, ==, "Tue, 16 May 2023 09:58:40 +0000 (UTC)");
  g_assert_cmpstr (d->diagnostic_type, ==, "x-postfix");
  g_clear_object (&m);

  /* A folded Diagnostic-Code is unfolded; the returned headers are read. */
  m = parse_bytes (postfix);
  d = md_bounce_message_get_delivery (m, 0);
  g_assert_cmpstr (d->original_recipient, ==, "bob@example.org");
  g_assert_cmpstr (d->diagnostic, ==,
                   "550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown in virtual mailbox table");
  g_assert_cmpstr (d->command, ==, "RCPT");
  g_assert_cmpstr (md_bounce_message_get_original_header (m, "from"), ==, "Alice Martin <alice@example.net>");
  g_assert_cmpstr (md_bounce_message_get_original_header (m, "subject"), ==, "Quarterly figures");
  g_assert_cmpstr (md_bounce_message_get_header (m, "subject"), ==, "Undelivered Mail Returned to Sender");
}

static void
test_charsets (void)
{
  g_autoptr(GBytes) latin1 = bounce_fixture_load ("22-base64-latin1-mesgtoobig.eml");
  g_autoptr(GBytes) cp1252 = bounce_fixture_load ("23-windows1252-german-userunknown.txt");
  g_autoptr(GBytes) qp = bounce_fixture_load ("13-exchange-mailboxfull-qp.eml");
  g_autoptr(MdBounceMessage) m = parse_bytes (latin1);

  /* Base64 in ISO-8859-1, RFC 2047 words in the headers. */
  g_assert_nonnull (strstr (md_bounce_message_get_text (m), "Ce message a été créé automatiquement"));
  g_assert_cmpstr (md_bounce_message_get_header (m, "subject"), ==, "Message non remis : pièces jointes");
  g_assert_cmpstr (md_bounce_message_get_header (m, "from"), ==,
                   "Système de messagerie <mailer-daemon@smtp.example.fr>");
  g_assert_cmpstr (md_bounce_message_get_original_header (m, "subject"), ==, "Photos de l'été");
  g_clear_object (&m);

  m = parse_bytes (cp1252);
  g_assert_nonnull (strstr (md_bounce_message_get_text (m), "Der Empfänger ist unbekannt"));
  g_assert_nonnull (strstr (md_bounce_message_get_text (m), "Benachrichtigung über"));
  g_clear_object (&m);

  /* Windows-1252 has its own characters where ISO-8859-1 has controls;
   * undeclared 8-bit text is read as Windows-1252 too. */
  {
    static const char declared[] =
      "Content-Type: text/plain; charset=windows-1252\n\n"
      "\x93" "Bo\xee" "te pleine\x94 \x85 co\xfb" "t 5 \x80\n";
    static const char iso[] =
      "Content-Type: text/plain; charset=iso-8859-1\n\n"
      "\x93" "Bo\xee" "te\x94\n";
    static const char undeclared[] = "Delivery to caf\xe9" "@example.fr failed\n";

    m = md_bounce_message_new (declared, sizeof declared - 1);
    g_assert_cmpstr (md_bounce_message_get_text (m), ==, "\u201cBo\u00eete pleine\u201d \u2026 co\u00fbt 5 \u20ac\n");
    g_clear_object (&m);
    m = md_bounce_message_new (iso, sizeof iso - 1);
    g_assert_cmpstr (md_bounce_message_get_text (m), ==, "\xc2\x93" "Bo\u00eete\xc2\x94\n");
    g_clear_object (&m);
    m = md_bounce_message_new (undeclared, sizeof undeclared - 1);
    g_assert_cmpstr (md_bounce_message_get_text (m), ==, "Delivery to caf\u00e9@example.fr failed\n");
    g_clear_object (&m);
  }

  /* Quoted-printable soft breaks are joined. */
  m = parse_bytes (qp);
  g_assert_nonnull (strstr (md_bounce_message_get_text (m), "Microsoft Exchange will not try to redeliver"));
  g_assert_nonnull (strstr (md_bounce_message_get_delivery (m, 0)->diagnostic, "#550 5.2.2 STOREDRV.Deliver: mailbox full"));
}

/* An address needs a real top-level domain: two letters or more, or an
 * IDN's "xn--" form. Binary junk is full of things like "#GS@Y.s". */
static void
test_address_top_level_domain (void)
{
  static const struct {
    const char *address;
    const char *expected;
  } cases[] = {
    { "#GS@Y.s", NULL },
    { "k@3.9", NULL },
    { "jean@exemple.fr", "jean@exemple.fr" },
    { "ivan@pochta.xn--p1ai", "ivan@pochta.xn--p1ai" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("<%s>: host mx.example.net said: 550 5.1.1 unknown user\n",
                                               cases[i].address);
      g_autoptr(MdBounceMessage) m = md_bounce_message_new (text, strlen (text));
      const MdBounceDelivery *d;

      g_assert_cmpuint (md_bounce_message_get_n_deliveries (m), ==, 1);
      d = md_bounce_message_get_delivery (m, 0);
      g_assert_cmpstr (d->recipient, ==, cases[i].expected);
    }
}

static void
test_not_bounce (void)
{
  const char *mail =
    "From: Alice <alice@example.net>\n"
    "To: Bob <bob@example.org>\n"
    "Subject: Lunch\n"
    "Date: Tue, 14 Mar 2023 09:12:39 +0100\n"
    "Message-ID: <lunch-550@example.net>\n"
    "\n"
    "Hi Bob, shall we meet at 12:30 in room 550? Call me at +1 555 123 4567.\n";
  g_autoptr(MdBounceMessage) m = md_bounce_message_new (mail, strlen (mail));

  g_assert_false (md_bounce_message_looks_like_bounce (m));
  g_assert_cmpuint (md_bounce_message_get_n_deliveries (m), ==, 0);
}

static void
test_dsn_fragment (void)
{
  /* DSN fields pasted on their own, Original- before Final-Recipient. */
  const char *text =
    "Original-Recipient: rfc822;bob@example.org\n"
    "Final-Recipient: rfc822; robert@mail.example.org\n"
    "Action: failed\n"
    "Status: 5.0.0\n"
    "Diagnostic-Code: smtp; 550 5.1.1 <robert@mail.example.org>... User unknown\n"
    "\n"
    "Original-Recipient: rfc822;carol@example.org\n"
    "Final-Recipient: rfc822;carol@example.org\n"
    "Action: delayed\n"
    "Status: 4.2.2\n";
  g_autoptr(MdBounceMessage) m = md_bounce_message_new (text, strlen (text));
  const MdBounceDelivery *d;

  g_assert_true (md_bounce_message_is_dsn (m));
  g_assert_cmpuint (md_bounce_message_get_n_deliveries (m), ==, 2);
  d = md_bounce_message_get_delivery (m, 0);
  g_assert_cmpstr (d->recipient, ==, "robert@mail.example.org");
  g_assert_cmpstr (d->original_recipient, ==, "bob@example.org");
  /* A precise code in the diagnostic beats a generic Status. */
  g_assert_cmpstr (d->status, ==, "5.1.1");
  g_assert_cmpuint (d->reply_code, ==, 550);
  d = md_bounce_message_get_delivery (m, 1);
  g_assert_cmpstr (d->recipient, ==, "carol@example.org");
  g_assert_cmpstr (d->action, ==, "delayed");
  g_assert_cmpstr (d->status, ==, "4.2.2");
}

static void
test_ses_json (void)
{
  const char *text =
    "From: no-reply@sns.example.com\n"
    "To: ops@example.com\n"
    "Subject: AWS Notification Message\n"
    "\n"
    "{\"notificationType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Permanent\","
    "\"bouncedRecipients\":[{\"emailAddress\":\"gone@example.org\",\"action\":\"failed\","
    "\"status\":\"5.1.1\",\"diagnosticCode\":\"smtp; 550 5.1.1 user unknown\"}],"
    "\"reportingMTA\":\"dsn; a1-2.smtp-out.example.com\"},\"mail\":{\"source\":\"ops@example.com\"}}\n";
  g_autoptr(MdBounceMessage) m = md_bounce_message_new (text, strlen (text));
  const MdBounceDelivery *d;

  g_assert_cmpuint (md_bounce_message_get_n_deliveries (m), ==, 1);
  d = md_bounce_message_get_delivery (m, 0);
  g_assert_cmpstr (d->recipient, ==, "gone@example.org");
  g_assert_cmpstr (d->status, ==, "5.1.1");
  g_assert_cmpuint (d->reply_code, ==, 550);
  g_assert_cmpstr (d->diagnostic, ==, "550 5.1.1 user unknown");
  g_assert_cmpstr (md_bounce_message_get_reporting_mta (m), ==, "a1-2.smtp-out.example.com");
}

static void
test_invalid_bytes (void)
{
  static const char text[] =
    "From: MAILER-DAEMON@example.com\n"
    "Subject: =?x-unknown-charset?B?////?= failure \xff\n"
    "Content-Type: text/plain; charset=ISO-2022-JP\n"
    "\n"
    "<b\xffob@example.org>:\n"
    "550 5.1.1 user \x00unknown \xc3\x28 \xe2\x82 \x1b$B\n";
  g_autoptr(MdBounceMessage) m = md_bounce_message_new (text, sizeof text - 1);

  assert_valid_strings (m);
  g_assert_true (g_utf8_validate (md_bounce_message_get_header (m, "subject"), -1, NULL));
  g_assert_cmpuint (md_bounce_message_get_n_deliveries (m), ==, 1);
  g_assert_cmpstr (md_bounce_message_get_delivery (m, 0)->status, ==, "5.1.1");
}

static void
test_junk (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  static const char * const pieces[] = {
    "Content-Type: multipart/report; boundary=\"b\"\n", "--b\n", "--b--\n", "\n",
    "Content-Type: message/delivery-status\n", "Content-Transfer-Encoding: base64\n",
    "Content-Transfer-Encoding: quoted-printable\n", "Final-Recipient: rfc822; a@b.example\n",
    "Status: 5.1.1\n", "Diagnostic-Code: smtp; 550 5.1.1 x\n", "=\n", "=4", "<a@b.example>:\n",
    "Content-Type: text/plain; charset=UTF-16\n", "Content-Type: message/rfc822\n",
    "Content-Type: text/html\n", "<br>&#0;&#x110000;&amp", "\r", "\xff\xfe", "=?utf-8?Q?=C3?=",
  };

  for (guint round = 0; round < 200; round++)
    {
      g_autoptr(GString) s = g_string_new (NULL);
      g_autoptr(MdBounceMessage) m = NULL;
      guint n = g_rand_int_range (rand, 1, 80);

      for (guint i = 0; i < n; i++)
        {
          if (g_rand_boolean (rand))
            g_string_append (s, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
          else
            for (guint j = g_rand_int_range (rand, 1, 40); j > 0; j--)
              g_string_append_c (s, (char) g_rand_int_range (rand, 0, 256));
        }

      m = md_bounce_message_new (s->str, s->len);
      assert_valid_strings (m);
    }
}

static void
test_deep_nesting (void)
{
  g_autoptr(GString) s = g_string_new ("From: MAILER-DAEMON@example.com\n");

  for (guint i = 0; i < 200; i++)
    g_string_append_printf (s, "Content-Type: multipart/mixed; boundary=\"b%u\"\n\n--b%u\n", i, i);
  g_string_append (s, "Content-Type: text/plain\n\n550 5.1.1 <deep@example.org>: User unknown\n");

  {
    g_autoptr(MdBounceMessage) m = md_bounce_message_new (s->str, s->len);

    /* Too deep to reach the text: no crash, no recipient from nowhere. */
    assert_valid_strings (m);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) files = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  expectations = bounce_expectations_load ();
  files = bounce_expectations_files (expectations);
  for (guint i = 0; i < files->len; i++)
    {
      const char *file = g_ptr_array_index (files, i);
      g_autofree char *path = g_strdup_printf ("/md/bounce-message/fixture/%s", file);

      g_test_add_data_func (path, file, test_fixture);
    }
  g_test_add_func ("/md/bounce-message/line-ends", test_line_ends);
  g_test_add_func ("/md/bounce-message/dsn-fields", test_dsn_fields);
  g_test_add_func ("/md/bounce-message/charsets", test_charsets);
  g_test_add_func ("/md/bounce-message/address-top-level-domain", test_address_top_level_domain);
  g_test_add_func ("/md/bounce-message/not-bounce", test_not_bounce);
  g_test_add_func ("/md/bounce-message/dsn-fragment", test_dsn_fragment);
  g_test_add_func ("/md/bounce-message/ses-json", test_ses_json);
  g_test_add_func ("/md/bounce-message/invalid-bytes", test_invalid_bytes);
  g_test_add_func ("/md/bounce-message/junk", test_junk);
  g_test_add_func ("/md/bounce-message/deep-nesting", test_deep_nesting);

  status = g_test_run ();
  g_ptr_array_unref (expectations);

  return status;
}
