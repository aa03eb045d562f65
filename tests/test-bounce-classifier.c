/* test-bounce-classifier.c — the reason of a bounce from its codes and words, case by case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every reason of the vocabulary gets made-up but true-to-life answers of
 * the kind Postfix, Exim, Sendmail, qmail, Exchange, Gmail, Yahoo and the
 * others write, with the code, the command and the action they come with.
 */

#include "config.h"

#include <string.h>

#include "md-bounce-classifier.h"

typedef struct {
  const char *name;
  const char *status;
  guint       reply;
  const char *command;
  const char *action;
  const char *diagnostic_type;
  const char *remote_mta;
  const char *diagnostic;
  MdReason    reason;
  gboolean    permanent;
  const char *agent;
  const char *subject;
} Case;

static const Case cases[] = {
  /* userunknown */
  { "postfix-local-table", "5.1.1", 550, "RCPT", "failed", "smtp", NULL,
    "550 5.1.1 <jdoe@example.net>: Recipient address rejected: User unknown in local recipient table",
    MD_REASON_USERUNKNOWN, TRUE },
  { "gmail-multiline", "5.1.1", 550, NULL, "failed", "smtp", "aspmx.l.google.com",
    "550-5.1.1 The email account that you tried to reach does not exist. Please try\n"
    "550-5.1.1 double-checking the recipient's email address for typos or\n"
    "550-5.1.1 unnecessary spaces. https://support.google.com/mail/?p=NoSuchUser x1-2si3 - gsmtp",
    MD_REASON_USERUNKNOWN, TRUE },
  { "sendmail-no-status-rcpt", NULL, 550, "RCPT", NULL, NULL, NULL,
    "550 <marie@example.org>... User unknown",
    MD_REASON_USERUNKNOWN, TRUE },
  { "qmail-no-mailbox", NULL, 0, NULL, NULL, NULL, NULL,
    "Sorry, no mailbox here by that name. (#5.1.1)",
    MD_REASON_USERUNKNOWN, TRUE },
  { "exchange-recip-not-found", "5.1.10", 550, NULL, "failed", "smtp", NULL,
    "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient paul@example.com not found by SMTP address lookup",
    MD_REASON_USERUNKNOWN, TRUE },
  { "mailbox-disabled-at-rcpt", "5.2.1", 550, "RCPT", "failed", "smtp", NULL,
    "550 5.2.1 <ana@example.com>... User Unknown",
    MD_REASON_USERUNKNOWN, TRUE },
  { "temporary-unknown-user", "4.1.1", 450, "RCPT", "delayed", "smtp", NULL,
    "450 4.1.1 <x@example.org>: Recipient address rejected: User unknown in virtual alias table",
    MD_REASON_USERUNKNOWN, FALSE },
  { "french-orange-code", "5.1.1", 550, NULL, "failed", "smtp", "smtp-in.orange.fr",
    "550 5.1.1 Adresse d au moins un destinataire invalide. Invalid recipient. OFR_416 [416]",
    MD_REASON_USERUNKNOWN, TRUE },
  /* filtered */
  { "unknown-after-data", "5.0.0", 550, "DATA", "failed", "smtp", NULL,
    "550 Unknown user lea@example.jp",
    MD_REASON_FILTERED, TRUE },
  { "kddi-empty-address", NULL, 550, NULL, NULL, NULL, NULL,
    "550 : User unknown",
    MD_REASON_FILTERED, TRUE },
  { "status-says-mailbox", "5.2.0", 550, NULL, "failed", "smtp", NULL,
    "550 5.2.0 Message Filtered",
    MD_REASON_FILTERED, TRUE },
  /* mailboxfull */
  { "sendmail-full", "5.2.2", 552, NULL, "failed", "smtp", NULL,
    "552 5.2.2 <bob@example.com>... Mailbox Full",
    MD_REASON_MAILBOXFULL, TRUE },
  { "dovecot-quota", NULL, 0, NULL, NULL, "x-unix", NULL,
    "/home/vmail/bob/Maildir/tmp/1700000000.M1P2: Disk quota exceeded",
    MD_REASON_MAILBOXFULL, TRUE },
  { "gmail-out-of-storage", "4.2.2", 452, NULL, "delayed", "smtp", NULL,
    "452-4.2.2 The recipient's inbox is out of storage space.\n452 4.2.2 Please direct the recipient to https://support.google.com/mail/?p=OverQuotaTemp",
    MD_REASON_MAILBOXFULL, FALSE },
  /* mesgtoobig, exceedlimit */
  { "size-at-mail", "5.3.4", 552, "MAIL", "failed", "smtp", NULL,
    "552 5.3.4 Message size exceeds fixed maximum message size",
    MD_REASON_MESGTOOBIG, TRUE },
  { "exchange-recip-size", "5.2.3", 550, NULL, "failed", "smtp", NULL,
    "550 5.2.3 RESOLVER.RST.RecipSizeLimit; message too large for this recipient",
    MD_REASON_MESGTOOBIG, TRUE },
  { "recipient-size-limit", "5.2.3", 552, NULL, "failed", "smtp", NULL,
    "552 5.2.3 Message length exceeds the limit the recipient has set",
    MD_REASON_EXCEEDLIMIT, TRUE },
  /* suspend, hasmoved */
  { "account-disabled", "5.2.1", 550, "RCPT", "failed", "smtp", NULL,
    "550 5.2.1 The email account that you tried to reach is disabled.",
    MD_REASON_SUSPEND, TRUE },
  { "reply-525", "5.7.13", 525, NULL, "failed", "smtp", NULL,
    "525 5.7.13 <carl@example.com>: Recipient address rejected: Disabled recipient address",
    MD_REASON_SUSPEND, TRUE },
  { "moved-no-forwarding", "5.1.6", 551, NULL, "failed", "smtp", NULL,
    "551 5.1.6 the person you wrote to no longer works here",
    MD_REASON_HASMOVED, TRUE },
  { "replaced-address", NULL, 550, NULL, NULL, NULL, NULL,
    "550 address old@example.org has been replaced by new@example.org",
    MD_REASON_HASMOVED, TRUE },
  /* hostunknown, notaccept */
  { "exim-unrouteable", NULL, 0, NULL, NULL, NULL, NULL,
    "Unrouteable address",
    MD_REASON_HOSTUNKNOWN, TRUE },
  { "status-bad-domain", "5.1.2", 550, NULL, "failed", "smtp", NULL,
    "550 5.1.2 Host unknown (Name server: example.invalid: host not found)",
    MD_REASON_HOSTUNKNOWN, TRUE },
  { "null-mx", "5.1.10", 556, NULL, "failed", "smtp", NULL,
    "556 5.1.10 Recipient address has null MX",
    MD_REASON_NOTACCEPT, TRUE },
  { "no-mx-at-all", NULL, 0, NULL, NULL, NULL, NULL,
    "No MX found for domain example.net",
    MD_REASON_NOTACCEPT, TRUE },
  /* norelaying, rejected */
  { "relay-denied", "5.7.1", 554, "RCPT", "failed", "smtp", NULL,
    "554 5.7.1 <dest@example.org>: Relay access denied",
    MD_REASON_NORELAYING, TRUE },
  { "sender-domain", "5.1.8", 553, "MAIL", "failed", "smtp", NULL,
    "553 5.1.8 <www@host.invalid>... Domain of sender address www@host.invalid does not exist",
    MD_REASON_REJECTED, TRUE },
  { "sender-verify", NULL, 550, "MAIL", NULL, NULL, NULL,
    "550 Sender verify failed",
    MD_REASON_REJECTED, TRUE },
  { "access-denied-at-mail", "5.7.1", 550, "MAIL", "failed", "smtp", NULL,
    "550 5.7.1 Access denied",
    MD_REASON_REJECTED, TRUE },
  /* blocked, requireptr, badreputation, speeding, toomanyconn */
  { "rbl", "5.7.1", 554, "RCPT", "failed", "smtp", NULL,
    "554 5.7.1 Service unavailable; Client host [198.51.100.7] blocked using zen.spamhaus.org",
    MD_REASON_BLOCKED, TRUE },
  { "microsoft-banned-ip", "5.7.606", 550, NULL, "failed", "smtp", NULL,
    "550 5.7.606 Access denied, banned sending IP [198.51.100.7]. To request removal from this list please visit https://sender.office.com/",
    MD_REASON_BLOCKED, TRUE },
  { "no-ptr", NULL, 550, NULL, NULL, NULL, NULL,
    "550 Rejected: 198.51.100.9 has no PTR record found. Please get a custom reverse DNS name from your ISP for your host",
    MD_REASON_REQUIREPTR, TRUE },
  { "reverse-dns-status", "5.7.25", 550, NULL, "failed", "smtp", NULL,
    "550 5.7.25 [198.51.100.9] The IP address sending this message does not have a PTR record setup",
    MD_REASON_REQUIREPTR, TRUE },
  { "gmail-reputation", "5.7.1", 550, "DATA", "failed", "smtp", NULL,
    "550-5.7.1 [198.51.100.9] Our system has detected that this message is\n"
    "550-5.7.1 likely suspicious due to the very low reputation of the sending IP\n"
    "550 5.7.1 address.",
    MD_REASON_BADREPUTATION, TRUE },
  { "yahoo-deferral", "4.7.0", 421, "MAIL", "delayed", "smtp", NULL,
    "421 4.7.0 [TSS04] Messages from 198.51.100.9 temporarily deferred due to unexpected volume or user complaints",
    MD_REASON_BADREPUTATION, FALSE },
  { "rate-limited", "4.7.1", 451, NULL, "delayed", "smtp", NULL,
    "451 4.7.1 <mx.example.jp[198.51.100.2]>: Client host rejected: Please try again slower",
    MD_REASON_SPEEDING, FALSE },
  { "connection-rate", "4.3.2", 452, "MAIL", "delayed", "smtp", NULL,
    "452 4.3.2 Connection rate limit exceeded.",
    MD_REASON_TOOMANYCONN, FALSE },
  /* authfailure, securityerror, policyviolation */
  { "dmarc", "5.7.26", 550, "DATA", "failed", "smtp", NULL,
    "550-5.7.26 Unauthenticated email from example.com is not accepted due to\n550 5.7.26 domain's DMARC policy.",
    MD_REASON_AUTHFAILURE, TRUE },
  { "spf-hard-fail", "5.7.1", 550, "MAIL", "failed", "smtp", NULL,
    "550 5.7.1 Sender Policy Framework (SPF) fail: 198.51.100.5 is not permitted",
    MD_REASON_AUTHFAILURE, TRUE },
  { "auth-required", "5.7.0", 530, NULL, "failed", "smtp", NULL,
    "530 5.7.0 Authentication required",
    MD_REASON_SECURITYERROR, TRUE },
  { "bare-5-7-1", "5.7.1", 550, NULL, "failed", "smtp", NULL,
    "550 5.7.1 Delivery not permitted",
    MD_REASON_SECURITYERROR, TRUE },
  { "policy-reasons", "5.7.9", 554, "DATA", "failed", "smtp", NULL,
    "554 5.7.9 Message not accepted for policy reasons. See https://postmaster.example.com/errors",
    MD_REASON_POLICYVIOLATION, TRUE },
  /* spamdetected, virusdetected, contenterror, notcompliantrfc */
  { "spam-score", "5.7.1", 550, "DATA", "failed", "smtp", NULL,
    "550 5.7.1 Message rejected as spam: score 12.3 exceeds limit",
    MD_REASON_SPAMDETECTED, TRUE },
  { "amavis-spam", "5.7.0", 554, NULL, "failed", "smtp", NULL,
    "554 5.7.0 Reject, id=12345-06 - SPAM",
    MD_REASON_SPAMDETECTED, TRUE },
  { "virus", "5.7.1", 554, "DATA", "failed", "smtp", NULL,
    "554 5.7.1 Virus found: Eicar-Test-Signature",
    MD_REASON_VIRUSDETECTED, TRUE },
  { "eight-bit-header", "5.6.0", 550, "DATA", "failed", "smtp", NULL,
    "550 5.6.0 improper use of 8-bit data in message header",
    MD_REASON_CONTENTERROR, TRUE },
  { "bare-media-error", "5.6.3", 554, NULL, "failed", "smtp", NULL,
    "554 5.6.3 Conversion required but not supported",
    MD_REASON_CONTENTERROR, TRUE },
  { "not-rfc5322", "5.7.1", 550, "DATA", "failed", "smtp", NULL,
    "550-5.7.1 This message is not RFC 5322 compliant. There are multiple\n550 5.7.1 Subject headers.",
    MD_REASON_NOTCOMPLIANTRFC, TRUE },
  /* expired, networkerror, systemerror, systemfull, mailererror, syntaxerror */
  { "postfix-timeout", "4.4.1", 0, NULL, "delayed", "x-postfix", NULL,
    "connect to mx.example.org[198.51.100.4]:25: Connection timed out",
    MD_REASON_EXPIRED, FALSE },
  { "queue-too-long", NULL, 0, NULL, NULL, NULL, NULL,
    "I'm not going to try again; this message has been in the queue too long.",
    MD_REASON_EXPIRED, TRUE },
  { "dns-failure", NULL, 0, NULL, NULL, NULL, NULL,
    "Name service error for name=example.org type=MX: Host not found, try again",
    MD_REASON_NETWORKERROR, TRUE },
  { "mail-loop", "5.4.6", 554, NULL, "failed", "smtp", NULL,
    "554 5.4.6 Hop count exceeded - possible mail loop",
    MD_REASON_NETWORKERROR, TRUE },
  { "ldap-down", "4.4.3", 0, NULL, NULL, NULL, NULL,
    "Unable to contact LDAP server. (#4.4.3)",
    MD_REASON_SYSTEMERROR, FALSE },
  { "disk-full", "4.3.1", 452, NULL, "delayed", "smtp", NULL,
    "452 4.3.1 Insufficient system storage",
    MD_REASON_SYSTEMFULL, FALSE },
  { "procmail", "5.3.0", 0, NULL, "failed", "x-unix", NULL,
    "procmail: Quota exceeded while writing \"/var/mail/zoe\"",
    MD_REASON_MAILBOXFULL, TRUE },
  { "pipe-failed", NULL, 0, NULL, NULL, "x-unix", NULL,
    "Command died with status 127: \"/usr/local/bin/filter\"",
    MD_REASON_MAILERERROR, TRUE },
  { "bad-sequence", "5.5.1", 503, NULL, "failed", "smtp", NULL,
    "503 5.5.1 Error: need RCPT command",
    MD_REASON_SYNTAXERROR, TRUE },
  /* onhold, undefined, delivered */
  { "says-nothing-useful", "5.0.0", 550, NULL, "failed", "smtp", NULL,
    "550 Rejected",
    MD_REASON_ONHOLD, TRUE },
  { "says-nothing-at-all", NULL, 0, NULL, NULL, NULL, NULL,
    NULL,
    MD_REASON_UNDEFINED, TRUE },
  { "delivered", "2.0.0", 250, NULL, "delivered", "smtp", NULL,
    "250 2.0.0 OK 1700000000 x1si2",
    MD_REASON_DELIVERED, FALSE },
  { "relayed", NULL, 0, NULL, "relayed", NULL, NULL,
    NULL,
    MD_REASON_DELIVERED, FALSE },
  /* provider codes */
  { "la-poste-archived", "5.5.0", 550, "RCPT", "failed", "smtp", "smtpz4.laposte.net",
    "550 5.5.0 Boite du destinataire archivee. Archived recipient. LPN007_420",
    MD_REASON_SUSPEND, TRUE },
  { "spectrum-rate", "5.1.0", 550, NULL, "failed", "smtp", NULL,
    "550 5.1.0 sender rejected. Please see https://www.spectrum.net/ for more information. AUP#In-1350",
    MD_REASON_SPEEDING, TRUE },
  { "docomo-after-data", "5.0.0", 550, "DATA", "failed", "smtp", "mfsmax.docomo.ne.jp",
    "550 Unknown user someone@docomo.ne.jp",
    MD_REASON_REJECTED, TRUE },
  { "mimecast-geo", "5.0.0", 554, "RCPT", "failed", "smtp", "eu-smtp-inbound-2.mimecast.com",
    "554 Host network not allowed - https://community.mimecast.com/docs/DOC-1369#554",
    MD_REASON_POLICYVIOLATION, TRUE },
  /* no failure at all */
  { "complaint-report", NULL, 0, NULL, NULL, NULL, NULL,
    "This is an email abuse report for an email message received from IP 198.51.100.3",
    MD_REASON_FEEDBACK, FALSE, "arf", "Abuse report" },
  { "out-of-office", NULL, 0, NULL, NULL, NULL, NULL,
    "I am out of the office until Monday and will answer your message then.",
    MD_REASON_VACATION, FALSE, NULL, "Automatic reply: meeting notes" },
  { "google-groups", NULL, 0, NULL, NULL, NULL, NULL,
    "We're writing to let you know that the group you tried to contact (cats) may not exist, "
    "or you may not have permission to post messages to the group. "
    "If you have questions, visit the Help Center at https://groups.google.com/support/.",
    MD_REASON_REJECTED, TRUE },
};

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  MdBounceEvidence evidence = { 0, };
  gboolean permanent = !c->permanent;
  MdReason reason;

  evidence.status = c->status;
  evidence.reply_code = c->reply;
  evidence.command = c->command;
  evidence.action = c->action;
  evidence.diagnostic_type = c->diagnostic_type;
  evidence.remote_mta = c->remote_mta;
  evidence.diagnostic = c->diagnostic;
  evidence.agent = c->agent;
  evidence.subject = c->subject;

  reason = md_bounce_classify (&evidence, &permanent);

  g_assert_cmpint (reason, ==, c->reason);
  g_assert_cmpint (permanent, ==, c->permanent);
}

/* The verdict does not depend on the line ends of the diagnostic. */
static void
test_line_ends (void)
{
  const char *lf = "550-5.7.26 Unauthenticated email from example.com is not\n550-5.7.26 accepted due to the domain's\n550 5.7.26 DMARC policy.";
  g_autofree char *crlf = NULL;
  g_autofree char *cr = NULL;
  const char *variants[3];

  {
    g_auto(GStrv) lines = g_strsplit (lf, "\n", -1);

    crlf = g_strjoinv ("\r\n", lines);
    cr = g_strjoinv ("\r", lines);
  }
  variants[0] = lf;
  variants[1] = crlf;
  variants[2] = cr;

  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      MdBounceEvidence evidence = { 0, };
      gboolean permanent = FALSE;

      evidence.status = "5.7.1";
      evidence.reply_code = 550;
      evidence.diagnostic = variants[i];
      g_assert_cmpint (md_bounce_classify (&evidence, &permanent), ==, MD_REASON_AUTHFAILURE);
      g_assert_true (permanent);
    }
}

/* With no diagnostic, the text of the bounce is read; a vacation notice
 * is recognised by its subject. */
static void
test_text_and_subject (void)
{
  MdBounceEvidence evidence = { 0, };
  gboolean permanent = TRUE;

  evidence.text = "This is the mail system at host mx.example.net.\n\n"
                  "Your message could not be delivered: the recipient's mailbox is full.\n";
  g_assert_cmpint (md_bounce_classify (&evidence, &permanent), ==, MD_REASON_MAILBOXFULL);

  memset (&evidence, 0, sizeof evidence);
  evidence.subject = "Automatic reply: quarterly figures";
  evidence.text = "Thank you for your message. I will be back on Monday.";
  g_assert_cmpint (md_bounce_classify (&evidence, &permanent), ==, MD_REASON_VACATION);
  g_assert_false (permanent);
}

/* A temporary failure without any code is told by its words. */
static void
test_permanence_from_words (void)
{
  MdBounceEvidence evidence = { 0, };
  gboolean permanent = TRUE;

  evidence.diagnostic = "Connection timed out. This is only a temporary failure report; delivery attempts will continue.";
  g_assert_cmpint (md_bounce_classify (&evidence, &permanent), ==, MD_REASON_EXPIRED);
  g_assert_false (permanent);

  evidence.diagnostic = "Connection timed out. The message was returned after five days.";
  g_assert_cmpint (md_bounce_classify (&evidence, &permanent), ==, MD_REASON_EXPIRED);
  g_assert_true (permanent);
}

/* The cases above cover the whole vocabulary. */
static void
test_vocabulary (void)
{
  gboolean seen[MD_REASON_LAST] = { FALSE, };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    seen[cases[i].reason] = TRUE;

  for (MdReason r = MD_REASON_UNDEFINED; r < MD_REASON_LAST; r++)
    if (!seen[r])
      g_error ("no case for reason %d", r);
}

static void
test_guess_status (void)
{
  g_assert_cmpstr (md_bounce_guess_status (MD_REASON_USERUNKNOWN, TRUE), ==, "5.0.911");
  g_assert_cmpstr (md_bounce_guess_status (MD_REASON_MAILBOXFULL, FALSE), ==, "4.0.922");
  g_assert_cmpstr (md_bounce_guess_status (MD_REASON_EXPIRED, TRUE), ==, "5.0.947");
  g_assert_cmpstr (md_bounce_guess_status (MD_REASON_FILTERED, TRUE), ==, "5.0.910");
  g_assert_null (md_bounce_guess_status (MD_REASON_DELIVERED, FALSE));
  g_assert_null (md_bounce_guess_status (MD_REASON_VACATION, FALSE));
  g_assert_null (md_bounce_guess_status (MD_REASON_FEEDBACK, TRUE));

  /* every failure reason has one, of the right class */
  for (MdReason r = MD_REASON_UNDEFINED; r < MD_REASON_LAST; r++)
    {
      const char *status = md_bounce_guess_status (r, TRUE);

      if (r == MD_REASON_DELIVERED || r == MD_REASON_VACATION || r == MD_REASON_FEEDBACK)
        continue;
      g_assert_nonnull (status);
      g_assert_true (g_str_has_prefix (status, "5.0.9"));
      g_assert_true (g_str_has_prefix (md_bounce_guess_status (r, FALSE), "4.0.9"));
    }
}

/* Huge, binary or odd input: an answer, never a crash. */
static void
test_hostile_input (void)
{
  g_autofree char *big = g_malloc (4 * 1024 * 1024 + 1);
  char binary[256];
  MdBounceEvidence evidence = { 0, };
  gboolean permanent;

  for (gsize i = 0; i < 4 * 1024 * 1024; i++)
    big[i] = "550-5.1.1 \n*"[i % 12];
  big[4 * 1024 * 1024] = '\0';
  evidence.diagnostic = big;
  evidence.status = "5.1.1";
  g_assert_cmpint (md_bounce_classify (&evidence, &permanent), ==, MD_REASON_USERUNKNOWN);

  for (gsize i = 0; i < sizeof binary - 1; i++)
    binary[i] = (char) (i + 1);
  binary[sizeof binary - 1] = '\0';
  memset (&evidence, 0, sizeof evidence);
  evidence.diagnostic = binary;
  evidence.command = "\xff\xfe";
  evidence.status = "5.";
  evidence.diagnostic_type = "";
  (void) md_bounce_classify (&evidence, &permanent);

  memset (&evidence, 0, sizeof evidence);
  evidence.diagnostic = "ofr_ lpn_12 aup# aup#in-12 550-";
  (void) md_bounce_classify (&evidence, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/md/bounce-classifier/case/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/md/bounce-classifier/vocabulary", test_vocabulary);
  g_test_add_func ("/md/bounce-classifier/line-ends", test_line_ends);
  g_test_add_func ("/md/bounce-classifier/text-and-subject", test_text_and_subject);
  g_test_add_func ("/md/bounce-classifier/permanence-from-words", test_permanence_from_words);
  g_test_add_func ("/md/bounce-classifier/guess-status", test_guess_status);
  g_test_add_func ("/md/bounce-classifier/hostile-input", test_hostile_input);

  return g_test_run ();
}
