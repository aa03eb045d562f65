/* eval-bounces.c — agreement of the analyzer's verdicts with the expected ones over a corpus of real bounces
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: eval-bounces [--quiet] [--crlf|--cr] [FOLDER]
 *
 * FOLDER (default: $MD_BOUNCE_CORPUS) holds eml/, not-bounces/ and
 * expected.tsv, like shared/bounces. Prints the agreement per field
 * (reason, status, reply code, hard bounce, number of recipients), the
 * reason confusions, and unless --quiet every disagreement. --crlf and
 * --cr give the bounces with those line ends instead of LF: the verdicts
 * must not change.
 */

#include "config.h"

#include <stdio.h>

#include "bounce-corpus-eval.h"

int
main (int   argc,
      char *argv[])
{
  gboolean quiet = FALSE;
  MdCorpusLineEnds line_ends = MD_CORPUS_LINE_ENDS_AS_IS;
  const char *folder = g_getenv ("MD_BOUNCE_CORPUS");
  g_autoptr(MdCorpusScore) score = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  gint64 start;
  double seconds;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--quiet"))
        quiet = TRUE;
      else if (g_str_equal (argv[i], "--crlf"))
        line_ends = MD_CORPUS_LINE_ENDS_CRLF;
      else if (g_str_equal (argv[i], "--cr"))
        line_ends = MD_CORPUS_LINE_ENDS_CR;
      else if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          printf ("Usage: %s [--quiet] [--crlf|--cr] [FOLDER]\n"
                  "Scores the bounce analyzer against FOLDER/expected.tsv "
                  "(default folder: $MD_BOUNCE_CORPUS), the bounces given with\n"
                  "their own line ends or rewritten with CRLF or CR ones.\n", argv[0]);
          return 0;
        }
      else
        folder = argv[i];
    }

  if (folder == NULL)
    {
      fprintf (stderr, "%s: no corpus folder: give one or set MD_BOUNCE_CORPUS\n", argv[0]);
      return 2;
    }

  start = g_get_monotonic_time ();
  score = md_corpus_score_new (folder, line_ends, &error);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  if (score == NULL)
    {
      fprintf (stderr, "%s: %s\n", argv[0], error->message);
      return 1;
    }

  if (!quiet)
    {
      printf ("Disagreements:\n");
      for (guint i = 0; i < score->misses->len; i++)
        printf ("  %s\n", (const char *) g_ptr_array_index (score->misses, i));
      printf ("\n");
    }

  summary = md_corpus_score_summary (score);
  printf ("%s", summary);
  printf ("analyzed %u bounces and %u other messages in %.2f s\n",
          score->files, score->not_bounces, seconds);

  return 0;
}
