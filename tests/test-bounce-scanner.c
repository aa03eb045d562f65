/* test-bounce-scanner.c — the code scanner: right spans in every shape, nothing on look-alikes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "md-bounce-scanner.h"

/* Lines that hold numbers looking like codes but no code: dates, times,
 * addresses, versions, sizes, ports, phone numbers, ids, line numbers. */
static const char * const nasty_lines[] = {
  "Date: Tue, 14 Mar 2023 09:12:44 +0100 (CET)",
  "Sent on 2023-05-21 at 10:45:21 UTC",
  "Meeting moved to 21.05.2023, 14:30",
  "Received: from mx.example.org (mx.example.org [192.0.2.250]) by relay with ESMTP id 550; Mon, 1 May 2023",
  "Connecting to 203.0.113.251 port 25",
  "The server at 198.51.100.4 answered in 250 ms",
  "IPv6 address 2001:db8::550:1 is reachable",
  "fe80::250:56ff:fe9a:1b2c%eth0",
  "Postfix 3.7.2 running on Debian",
  "Exim 4.96 #2 built 12-Jul-2023",
  "Sendmail 8.15.2/8.15.2 ready at Tue",
  "Using Dovecot 2.3.19 (9f4e9f8b)",
  "Dovecot (2.3.4) ready.",
  "OpenSSL 1.1.1w  11 Sep 2023",
  "version 5.1.1 of the client is available",
  "Upgrade to v4.2.1 or later",
  "Apache/2.4.57 (Debian)",
  "ESMTP Postfix (Debian/GNU) 2.11.3",
  "Kernel 5.15.0-76-generic",
  "id 5.1.1-beta",
  "Message size: 550 KB",
  "The attachment is 552 bytes long",
  "size=554",
  "Quota: 450 MB of 500 MB used",
  "Listening on 127.0.0.1:550",
  "Call us at +1 555 123 4567",
  "Phone: (555) 550-1234",
  "Tel: 01 55 50 55 50",
  "Fax 0 800 550 550",
  "Message-ID: <550.5.1.1@example.org>",
  "See <5.1.1@example.org> for the thread",
  "queue id 4B1C72A0F3550",
  "error at line 550: unexpected token",
  "main.c:421: warning: unused variable",
  "  File \"bounce.py\", line 451, in <module>",
  "Page 2 of 550",
  "Invoice #2023-550 is due",
  "Total: 250 messages sent in 4.2 seconds",
  "Build 5.2.10 released",
  "The price is $550.00",
  "Downloaded 421 files in 5 minutes",
  "Room 550, 5th floor",
  "uptime 451 days, load average 0.55",
  "DKIM-Signature: v=1; a=rsa-sha256; d=example.org; s=550; t=1678781564",
  "X-Spam-Score: 5.1.1",
  "Order 4.2.1.7 shipped",
  "Chapter 5.1.1 explains the setup",
  "GET /api/v2/items/550 HTTP/1.1",
  "Coordinates 45.550, 4.250",
  "Timestamp 1678781564.550",
  "at 10:45:21.550 the job finished",
  "Ticket 550 was closed",
  "5.1.1.1 is not a public address",
  "MIME-Version: 1.0 (Mac OS X Mail 16.0 \\(3731.500.231\\))",
  "Line 5.2.1 of the spreadsheet",
  "https://community.example.com/docs/DOC-1369#554",
  "[#102] ticket reopened",
  "Arrival-Date: Thu, 11 May 2023 09:58:40 +0000 (UTC)",
};

static void
test_nasty_lines (void)
{
  g_autoptr(GString) all = g_string_new (NULL);
  g_autoptr(GArray) codes = NULL;

  g_assert_cmpuint (G_N_ELEMENTS (nasty_lines), >=, 40);

  for (guint i = 0; i < G_N_ELEMENTS (nasty_lines); i++)
    {
      g_autoptr(GArray) found = md_bounce_scan (nasty_lines[i], strlen (nasty_lines[i]), NULL);

      if (found->len > 0)
        g_test_message ("line %u flags %s: %s", i, g_array_index (found, MdCodeSpan, 0).code, nasty_lines[i]);
      g_assert_cmpuint (found->len, ==, 0);

      g_string_append (all, nasty_lines[i]);
      g_string_append_c (all, '\n');
    }

  /* All together too: a line's neighbours must not change anything. */
  codes = md_bounce_scan (all->str, all->len, NULL);
  g_assert_cmpuint (codes->len, ==, 0);
}

typedef struct {
  const char *text;
  struct {
    const char *code;
    gsize       offset;
  } expected[6];
} Shape;

/* Every shape a bounce uses, with the exact byte offset of each code. */
static const Shape shapes[] = {
  { "Status: 5.1.1", { { "5.1.1", 8 } } },
  { "Diagnostic-Code: smtp; 550 5.1.1 <bob@example.org>: User unknown",
    { { "550", 23 }, { "5.1.1", 27 } } },
  { "550-5.7.26 Unauthenticated email is not accepted",
    { { "550", 0 }, { "5.7.26", 4 } } },
  { "550 5.7.26 to https://support.google.com/mail/?p=DmarcRejection",
    { { "550", 0 }, { "5.7.26", 4 } } },
  { "<bob@example.org>: host mx.example.org[192.0.2.25] said: 550 5.1.1 <bob@example.org>: Recipient address rejected",
    { { "550", 57 }, { "5.1.1", 61 } } },
  { "    host mx.example.org [192.0.2.51]: 552 5.2.2 Mailbox full",
    { { "552", 38 }, { "5.2.2", 42 } } },
  { "Remote host said: 550 5.1.1 <oscar@example.org>: No such user here",
    { { "550", 18 }, { "5.1.1", 22 } } },
  { "Sorry, I couldn't find any host named example.invalid. (#5.1.2)",
    { { "5.1.2", 57 } } },
  { "    (reason: 553 5.1.8 <rita@example.com>... Domain of sender address does not exist)",
    { { "553", 13 }, { "5.1.8", 17 } } },
  { "<<< 550 5.2.1 The email account that you tried to reach is disabled.",
    { { "550", 4 }, { "5.2.1", 8 } } },
  { "Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'",
    { { "550", 24 }, { "5.1.1", 28 } } },
  { "#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##",
    { { "550", 1 }, { "5.1.1", 5 } } },
  { "    <mx.legacy.example #5.1.1>",
    { { "5.1.1", 24 } } },
  { "550: 5.2.2 <mailboxfull@example.org>... Mailbox Full",
    { { "550", 0 }, { "5.2.2", 5 } } },
  { "421 4.7.0 [TSS04] Messages from 192.0.2.25 temporarily deferred",
    { { "421", 0 }, { "4.7.0", 4 } } },
  { "550 Requested action not taken: mailbox unavailable",
    { { "550", 0 } } },
  { "The error that the other server returned was: 550 User unknown",
    { { "550", 46 } } },
  { "user@example.org Invalid Address, ERROR_CODE :550, ERROR_CODE :5.1.1 <user@example.org>",
    { { "550", 46 }, { "5.1.1", 63 } } },
  { "Jun 11 18:02:02 mx postfix/smtp[1234]: 4B1C72A0F3: to=<bob@example.org>, relay=mx.example.org[192.0.2.25]:25, delay=0.5, dsn=5.1.1, status=bounced (host said: 550 5.1.1 User unknown)",
    { { "5.1.1", 125 }, { "550", 159 }, { "5.1.1", 163 } } },
  { "250 2.0.0 Ok: queued as 4QZ1234567",
    { { "250", 0 }, { "2.0.0", 4 } } },
};

static void
test_shapes (gconstpointer data)
{
  const Shape *shape = data;
  g_autoptr(GArray) codes = md_bounce_scan (shape->text, strlen (shape->text), NULL);
  guint n_expected = 0;

  while (n_expected < G_N_ELEMENTS (shape->expected) && shape->expected[n_expected].code != NULL)
    n_expected++;

  for (guint i = 0; i < codes->len; i++)
    g_test_message ("found %s at %" G_GSIZE_FORMAT, g_array_index (codes, MdCodeSpan, i).code,
                    g_array_index (codes, MdCodeSpan, i).offset);
  g_assert_cmpuint (codes->len, ==, n_expected);

  for (guint i = 0; i < n_expected; i++)
    {
      const MdCodeSpan *span = &g_array_index (codes, MdCodeSpan, i);

      g_assert_cmpstr (span->code, ==, shape->expected[i].code);
      g_assert_cmpuint (span->offset, ==, shape->expected[i].offset);
      g_assert_cmpuint (span->length, ==, strlen (shape->expected[i].code));
      g_assert_cmpint (memcmp (shape->text + span->offset, span->code, span->length), ==, 0);
      g_assert_cmpint (span->kind, ==, strchr (span->code, '.') ? MD_CODE_KIND_ENHANCED : MD_CODE_KIND_REPLY);
    }
}

static void
test_classes (void)
{
  const char *text = "250 2.1.5 ok\n354 go ahead\n421 4.7.0 later\n550 5.1.1 no\n";
  g_autoptr(GArray) codes = md_bounce_scan (text, strlen (text), NULL);
  const MdCodeClass expected[] = {
    MD_CODE_CLASS_SUCCESS, MD_CODE_CLASS_SUCCESS, MD_CODE_CLASS_INTERMEDIATE,
    MD_CODE_CLASS_TEMPORARY, MD_CODE_CLASS_TEMPORARY, MD_CODE_CLASS_PERMANENT,
    MD_CODE_CLASS_PERMANENT,
  };

  g_assert_cmpuint (codes->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < codes->len; i++)
    g_assert_cmpint (g_array_index (codes, MdCodeSpan, i).klass, ==, expected[i]);
}

static const char dsn[] =
  "Reporting-MTA: dns; mx1.example.net\n"
  "Arrival-Date: Tue, 14 Mar 2023 09:12:41 +0100\n"
  "\n"
  "Final-Recipient: rfc822; bob@example.org\n"
  "Action: failed\n"
  "Status: 5.1.1\n"
  "Remote-MTA: dns; mail.example.org\n"
  "Diagnostic-Code: smtp; 550 5.1.1 <bob@example.org>: User unknown\n"
  "Status: RO\n";

static void
test_fields (void)
{
  g_autoptr(GArray) fields = NULL;
  g_autoptr(GArray) codes = md_bounce_scan (dsn, strlen (dsn), &fields);
  const char *names[] = {
    "Reporting-MTA:", "Arrival-Date:", "Final-Recipient:", "Action:", "Status:",
    "Remote-MTA:", "Diagnostic-Code:",
  };

  /* "Status: RO" is a mailbox flag, not a field. */
  g_assert_cmpuint (fields->len, ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < fields->len; i++)
    {
      const MdFieldSpan *span = &g_array_index (fields, MdFieldSpan, i);

      g_assert_cmpuint (span->length, ==, strlen (names[i]));
      g_assert_cmpint (strncmp (dsn + span->offset, names[i], span->length), ==, 0);
    }

  g_assert_cmpuint (g_array_index (fields, MdFieldSpan, 0).offset, ==, 0);
  g_assert_cmpuint (g_array_index (fields, MdFieldSpan, 4).offset, ==, 139);

  g_assert_cmpuint (codes->len, ==, 3);
  g_assert_cmpstr (g_array_index (codes, MdCodeSpan, 0).code, ==, "5.1.1");
  g_assert_cmpuint (g_array_index (codes, MdCodeSpan, 0).offset, ==, 147);
}

static char *
with_line_ends (const char *text,
                const char *line_end)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  return g_strjoinv (line_end, lines);
}

/* The same codes, each at the offset its bytes are at, whatever the line ends. */
static void
test_line_ends (void)
{
  g_autoptr(GArray) lf = md_bounce_scan (dsn, strlen (dsn), NULL);
  const char *ends[] = { "\r\n", "\r" };

  for (guint e = 0; e < G_N_ELEMENTS (ends); e++)
    {
      g_autofree char *text = with_line_ends (dsn, ends[e]);
      g_autoptr(GArray) fields = NULL;
      g_autoptr(GArray) codes = md_bounce_scan (text, strlen (text), &fields);

      g_assert_cmpuint (codes->len, ==, lf->len);
      g_assert_cmpuint (fields->len, ==, 7);
      for (guint i = 0; i < codes->len; i++)
        {
          const MdCodeSpan *span = &g_array_index (codes, MdCodeSpan, i);

          g_assert_cmpstr (span->code, ==, g_array_index (lf, MdCodeSpan, i).code);
          g_assert_cmpint (memcmp (text + span->offset, span->code, span->length), ==, 0);
        }
    }
}

static void
test_noise_headers (void)
{
  const char *text =
    "Received: from mx.example.org by relay.example.net\n"
    "\twith ESMTP id 550 5.1.1; Tue, 14 Mar 2023 09:12:44 +0100\n"
    "X-Whatever: 550 5.1.1 User unknown\n"
    "Subject: 550 5.1.1 User unknown\n";
  g_autoptr(GArray) codes = md_bounce_scan (text, strlen (text), NULL);

  /* Only the subject counts: Received (with its fold) and X- are skipped. */
  g_assert_cmpuint (codes->len, ==, 2);
  g_assert_cmpuint (g_array_index (codes, MdCodeSpan, 0).offset, ==, 153);
}

static void
test_junk (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20230314);
  static const char alphabet[] = "0123455.:- \n\r#;<>'(SMTP550Status";
  gsize length = 1 << 20;
  g_autofree guchar *junk = g_malloc (length);

  for (guint round = 0; round < 4; round++)
    {
      g_autoptr(GArray) codes = NULL;
      g_autoptr(GArray) fields = NULL;

      /* Random bytes, then random bytes from a code-rich alphabet. */
      for (gsize i = 0; i < length; i++)
        junk[i] = round % 2 == 0 ? (guchar) g_rand_int_range (rand, 0, 256)
                                 : (guchar) alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];

      codes = md_bounce_scan ((const char *) junk, length, &fields);
      for (guint i = 0; i < codes->len; i++)
        {
          const MdCodeSpan *span = &g_array_index (codes, MdCodeSpan, i);

          g_assert_cmpuint (span->offset + span->length, <=, length);
          g_assert_cmpint (memcmp (junk + span->offset, span->code, span->length), ==, 0);
        }
      for (guint i = 0; i < fields->len; i++)
        g_assert_cmpuint (g_array_index (fields, MdFieldSpan, i).offset +
                          g_array_index (fields, MdFieldSpan, i).length, <=, length);
    }

  /* Nothing at all. */
  {
    g_autoptr(GArray) codes = md_bounce_scan (NULL, 0, NULL);

    g_assert_cmpuint (codes->len, ==, 0);
  }
}

static void
test_boxed (void)
{
  MdCodeSpan span = { 7, 5, MD_CODE_KIND_ENHANCED, MD_CODE_CLASS_PERMANENT, "5.1.1" };
  g_autoptr(MdCodeSpan) copy = g_boxed_copy (MD_TYPE_CODE_SPAN, &span);

  g_assert_cmpuint (copy->offset, ==, 7);
  g_assert_cmpstr (copy->code, ==, "5.1.1");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/md/bounce-scanner/nasty-lines", test_nasty_lines);
  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    {
      g_autofree char *path = g_strdup_printf ("/md/bounce-scanner/shape/%u", i);

      g_test_add_data_func (path, &shapes[i], test_shapes);
    }
  g_test_add_func ("/md/bounce-scanner/classes", test_classes);
  g_test_add_func ("/md/bounce-scanner/fields", test_fields);
  g_test_add_func ("/md/bounce-scanner/line-ends", test_line_ends);
  g_test_add_func ("/md/bounce-scanner/noise-headers", test_noise_headers);
  g_test_add_func ("/md/bounce-scanner/junk", test_junk);
  g_test_add_func ("/md/bounce-scanner/boxed", test_boxed);

  return g_test_run ();
}
