/* test-bounce-accuracy.c — the whole analyzer's verdicts over the shared corpus of real bounces
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads $MD_BOUNCE_CORPUS (shared/bounces) at run time and skips, saying
 * why, when it is absent. Every bounce goes through md_bounce_analyze();
 * its reasons and statuses must agree with the expected verdicts (those of
 * Sisimai, the reference open analyzer) for at least 95 % of the
 * recipients, and the messages that are not bounces must be told apart.
 * `bench/eval-bounces` prints the same figures with every disagreement.
 */

#include "config.h"

#include "bounce-corpus-eval.h"

static const char *
corpus_folder (void)
{
  const char *folder = g_getenv ("MD_BOUNCE_CORPUS");

  if (folder == NULL || !g_file_test (folder, G_FILE_TEST_IS_DIR))
    return NULL;

  return folder;
}

static void
test_verdicts (void)
{
  const char *folder = corpus_folder ();
  g_autoptr(MdCorpusScore) score = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;

  if (folder == NULL)
    {
      g_test_skip ("MD_BOUNCE_CORPUS does not name a folder: the corpus of real bounces is not here");
      return;
    }

  score = md_corpus_score_new (folder, &error);
  g_assert_no_error (error);
  g_assert_nonnull (score);

  summary = md_corpus_score_summary (score);
  g_test_message ("%s", summary);
  for (guint i = 0; i < score->misses->len; i++)
    g_test_message ("%s", (const char *) g_ptr_array_index (score->misses, i));

  /* the corpus was read whole */
  g_assert_cmpuint (score->rows, >=, 300);
  g_assert_cmpuint (score->files, >=, 300);

  g_assert_cmpfloat (md_corpus_score_percent (score->reason_ok, score->rows), >=, 95.0);
  g_assert_cmpfloat (md_corpus_score_percent (score->status_ok, score->rows), >=, 95.0);
}

static void
test_not_bounces (void)
{
  const char *folder = corpus_folder ();
  g_autoptr(MdCorpusScore) score = NULL;
  g_autoptr(GError) error = NULL;

  if (folder == NULL)
    {
      g_test_skip ("MD_BOUNCE_CORPUS does not name a folder: the corpus of real bounces is not here");
      return;
    }

  score = md_corpus_score_new (folder, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (score->not_bounces, >, 0);
  g_assert_cmpuint (score->not_bounces_ok, ==, score->not_bounces);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/md/bounce-accuracy/verdicts", test_verdicts);
  g_test_add_func ("/md/bounce-accuracy/not-bounces", test_not_bounces);

  return g_test_run ();
}
