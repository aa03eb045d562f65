/* bench-scan.c — how fast the bounce analyzer is: scan MB/s, messages/s, beside Sisimai
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-scan [EML-DIR]
 *
 * 1. Scans a generated bounce log of at least 10 MB (real-looking NDR text,
 *    Postfix log lines full of dates, addresses and ids) and reports MB/s.
 * 2. Analyzes every .eml of EML-DIR (default $MD_BOUNCE_CORPUS/eml) —
 *    scan, parse, classify — and reports messages/s.
 * 3. Runs Sisimai (Debian's libsisimai-perl) over the same folder in the
 *    same run, timing its own work inside Perl, and prints the ratio.
 * Times are CPU times (best of several rounds), so that a busy machine
 * does not skew the comparison.
 * Targets: 300 MB/s, 20 times Sisimai's messages/s.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "md-bounce-report.h"
#include "md-bounce-scanner.h"

#define LOG_SIZE (12 * 1024 * 1024)

/* A bounce log of about LOG_SIZE bytes; the numbers change on every line. */
static GString *
generate_log (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (550511);
  GString *log = g_string_sized_new (LOG_SIZE + 4096);

  while (log->len < LOG_SIZE)
    {
      char date[32];
      guint v[8];

      for (guint i = 0; i < G_N_ELEMENTS (v); i++)
        v[i] = g_rand_int_range (rand, 1, 255);
      g_snprintf (date, sizeof date, "Mar %2u %02u:%02u:%02u", v[0] % 28 + 1, v[1] % 24, v[2] % 60, v[3] % 60);

      switch (g_rand_int_range (rand, 0, 7))
        {
        case 0:
          g_string_append_printf (log,
                                  "%s mx%u postfix/smtp[%u]: %08X: to=<user%u@example.org>, "
                                  "relay=mx.example.org[192.0.2.%u]:25, delay=%u.%u, delays=0.1/0/0.2/0.3, "
                                  "dsn=5.1.1, status=bounced (host mx.example.org[192.0.2.%u] said: 550 5.1.1 "
                                  "<user%u@example.org>: Recipient address rejected: User unknown (in reply to "
                                  "RCPT TO command))\n",
                                  date, v[4], v[5] * 100, v[6] * 70001, v[7], v[4], v[5], v[6], v[7], v[7]);
          break;
        case 1:
          g_string_append_printf (log, "%s mx%u postfix/qmgr[%u]: %08X: from=<news@example.com>, size=%u, "
                                  "nrcpt=1 (queue active)\n", date, v[4], v[5] * 100, v[6] * 70001, v[7] * 97);
          break;
        case 2:
          g_string_append_printf (log, "%s mx%u postfix/smtpd[%u]: connect from unknown[198.51.100.%u] port %u\n",
                                  date, v[4], v[5] * 100, v[6], v[7] * 211);
          break;
        case 3:
          g_string_append_printf (log, "%s mx%u dovecot[%u]: imap-login: Login: user=<u%u>, method=PLAIN, "
                                  "rip=203.0.113.%u, lip=192.0.2.%u, mpid=%u, TLS, session=<%08X>\n",
                                  date, v[4], v[5] * 100, v[6], v[7], v[4], v[5] * 37, v[6] * 70001);
          break;
        case 4:
          g_string_append_printf (log, "<user%u@example.net>: host mx%u.example.net[203.0.113.%u] said: 452 4.2.2 "
                                  "Mailbox full, try again in %u minutes (in reply to RCPT TO command) "
                                  "id=%08X size=%u\n", v[4], v[5], v[6], v[7], v[4] * 70001, v[5] * 97);
          break;
        case 5:
          g_string_append_printf (log, "Final-Recipient: rfc822; user%u@example.com\nAction: failed\n"
                                  "Status: 5.7.1\nRemote-MTA: dns; mx%u.example.com\n"
                                  "Diagnostic-Code: smtp; 554 5.7.1 Service unavailable; Client host "
                                  "[192.0.2.%u] blocked (%u.%u.%u)\nLast-Attempt-Date: %s +0100\n\n",
                                  v[4], v[5], v[6], v[7], v[4], v[5], date);
          break;
        default:
          g_string_append_printf (log, "Received: from mail%u.example.com (mail%u.example.com [192.0.2.%u]) "
                                  "by mx.example.org (Postfix 3.7.%u) with ESMTPS id %08X for "
                                  "<user%u@example.org>; %s\n", v[4], v[4], v[5], v[6] % 10, v[7] * 70001,
                                  v[4], date);
          break;
        }
    }

  return log;
}

/* CPU time of this thread, in seconds: the machine may be busy with other
 * work, and Sisimai is timed the same way (Perl's times()). */
static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);

  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double
bench_scan (GString *log,
            guint   *out_codes)
{
  double best = G_MAXDOUBLE;

  for (guint round = 0; round < 7; round++)
    {
      double start = cpu_seconds ();
      g_autoptr(GArray) fields = NULL;
      g_autoptr(GArray) codes = md_bounce_scan (log->str, log->len, &fields);
      double seconds = cpu_seconds () - start;

      *out_codes = codes->len;
      best = MIN (best, seconds);
    }

  return log->len / best / (1024.0 * 1024.0);
}

static GPtrArray *
load_messages (const char *dir,
               guint64    *out_bytes)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *messages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  const char *name;

  *out_bytes = 0;
  if (d == NULL)
    return messages;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      char *contents = NULL;
      gsize length = 0;

      if (!g_str_has_suffix (name, ".eml") || !g_file_get_contents (path, &contents, &length, NULL))
        continue;
      g_ptr_array_add (messages, g_bytes_new_take (contents, length));
      *out_bytes += length;
    }

  return messages;
}

static double
bench_messages (GPtrArray *messages,
                guint     *out_recipients)
{
  double best = G_MAXDOUBLE;

  for (guint round = 0; round < 5; round++)
    {
      double start = cpu_seconds ();
      guint recipients = 0;
      double seconds;

      for (guint i = 0; i < messages->len; i++)
        {
          g_autoptr(MdBounceReport) report = md_bounce_report_new_from_bytes (g_ptr_array_index (messages, i));

          recipients += md_bounce_report_get_n_recipients (report);
        }

      seconds = cpu_seconds () - start;
      *out_recipients = recipients;
      best = MIN (best, seconds);
    }

  return messages->len / best;
}

/* Sisimai's own CPU time over the folder, best of three, without Perl's start. */
static gboolean
bench_sisimai (const char *dir,
               double     *out_seconds,
               guint      *out_verdicts)
{
  const char *script =
    "use Sisimai;"
    "sub cpu { my ($u, $s) = times; return $u + $s; }"
    "my ($best, $n) = (1e9, 0);"
    "for (1..3) { my $t = cpu (); my $v = Sisimai->make($ARGV[0]) || [];"
    "  my $s = cpu () - $t; $best = $s if $s < $best; $n = scalar @$v; }"
    "printf \"%.6f %d\\n\", $best, $n;";
  const char *argv[] = { "perl", "-e", script, dir, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, NULL))
    return FALSE;

  return sscanf (out, "%lf %u", out_seconds, out_verdicts) == 2;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GString) log = generate_log ();
  g_autofree char *default_dir = NULL;
  const char *dir = argc > 1 ? argv[1] : NULL;
  g_autoptr(GPtrArray) messages = NULL;
  guint codes = 0, recipients = 0, verdicts = 0;
  guint64 bytes = 0;
  double scan_rate, message_rate = 0, sisimai_seconds = 0, sisimai_rate = 0;
  gboolean sisimai = FALSE;

  if (dir == NULL && g_getenv ("MD_BOUNCE_CORPUS") != NULL)
    dir = default_dir = g_build_filename (g_getenv ("MD_BOUNCE_CORPUS"), "eml", NULL);

  scan_rate = bench_scan (log, &codes);

  if (dir != NULL)
    {
      messages = load_messages (dir, &bytes);
      if (messages->len > 0)
        {
          message_rate = bench_messages (messages, &recipients);
          sisimai = bench_sisimai (dir, &sisimai_seconds, &verdicts);
          if (sisimai && sisimai_seconds > 0)
            sisimai_rate = messages->len / sisimai_seconds;
        }
    }

  g_print ("%-44s %14s %12s\n", "measure", "value", "target");
  g_print ("%-44s %14s %12s\n", "--------------------------------------------", "--------------", "------------");
  g_print ("%-44s %11.1f MB %12s\n", "generated bounce log", log->len / (1024.0 * 1024.0), ">= 10 MB");
  g_print ("%-44s %14u %12s\n", "codes found in it", codes, "");
  g_print ("%-44s %9.0f MB/s %12s  %s\n", "scan throughput (CPU time, best of 7)", scan_rate, ">= 300", scan_rate >= 300 ? "ok" : "MISSED");

  if (messages == NULL || messages->len == 0)
    {
      g_print ("%-44s %14s\n", "messages/s", "skipped: no EML-DIR nor $MD_BOUNCE_CORPUS");
      return 0;
    }

  g_print ("%-44s %14u %12s\n", ".eml files", messages->len, "");
  g_print ("%-44s %11.1f KB %12s\n", "their size", bytes / 1024.0, "");
  g_print ("%-44s %14u %12s\n", "recipients found (mail-doctor)", recipients, "");
  g_print ("%-44s %9.0f msg/s %12s\n", "mail-doctor analysis (CPU time, best of 5)", message_rate, "");
  if (sisimai)
    {
      double ratio = message_rate / sisimai_rate;

      g_print ("%-44s %14u %12s\n", "verdicts (Sisimai)", verdicts, "");
      g_print ("%-44s %9.0f msg/s %12s\n", "Sisimai->make, same folder (CPU, best of 3)", sisimai_rate, "");
      g_print ("%-44s %13.1fx %12s  %s\n", "mail-doctor / Sisimai", ratio, ">= 20x", ratio >= 20 ? "ok" : "MISSED");
    }
  else
    g_print ("%-44s %14s\n", "Sisimai", "not available (apt install libsisimai-perl)");

  return 0;
}
