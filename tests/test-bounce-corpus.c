/* test-bounce-corpus.c — the parser over the shared corpus of real bounces: recipients, status, reply codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads $MD_BOUNCE_CORPUS (shared/bounces: eml/, not-bounces/, expected.tsv)
 * at run time and skips when it is absent. The reason is the classifier's
 * business and is measured by its own evaluation; here the parser must find
 * the recipients and the codes the bounces give. A status of Sisimai's own
 * numbering (5.0.9xx), which stands for "the bounce gives none", expects
 * none from the parser.
 */

#include "config.h"

#include <string.h>

#include "md-bounce-message.h"

static gboolean
is_pseudo_status (const char *status)
{
  return strlen (status) == 7 && status[1] == '.' && status[2] == '0' && status[3] == '.' && status[4] == '9';
}

static void
test_corpus (void)
{
  const char *corpus = g_getenv ("MD_BOUNCE_CORPUS");
  g_autofree char *tsv = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) messages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  guint rows = 0, status_ok = 0, reply_ok = 0, files = 0, count_ok = 0;
  GHashTableIter iter;
  gpointer key, value;

  if (corpus == NULL || !g_file_test (corpus, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("MD_BOUNCE_CORPUS is not set or not a folder");
      return;
    }

  tsv = g_build_filename (corpus, "expected.tsv", NULL);
  if (!g_file_get_contents (tsv, &contents, NULL, NULL))
    {
      g_test_skip ("no expected.tsv in MD_BOUNCE_CORPUS");
      return;
    }

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cols = g_strsplit (lines[i], "\t", -1);
      MdBounceMessage *message;
      const MdBounceDelivery *d = NULL;
      guint index, reply;
      const char *got_status;

      if (g_strv_length (cols) < 4)
        continue;

      message = g_hash_table_lookup (messages, cols[0]);
      if (message == NULL)
        {
          g_autofree char *path = g_build_filename (corpus, "eml", cols[0], NULL);
          g_autofree char *data = NULL;
          gsize length = 0;

          g_assert_true (g_file_get_contents (path, &data, &length, NULL));
          message = md_bounce_message_new (data, length);
          g_hash_table_insert (messages, g_strdup (cols[0]), message);
        }
      g_hash_table_insert (counts, (gpointer) g_intern_string (cols[0]),
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, g_intern_string (cols[0]))) + 1));

      rows++;
      index = (guint) g_ascii_strtoull (cols[1], NULL, 10);
      reply = (guint) g_ascii_strtoull (cols[3], NULL, 10);
      if (index >= 1 && index <= md_bounce_message_get_n_deliveries (message))
        d = md_bounce_message_get_delivery (message, index - 1);
      got_status = d != NULL ? d->status : NULL;

      if (is_pseudo_status (cols[2]) || cols[2][0] == '\0' ? got_status == NULL : g_strcmp0 (got_status, cols[2]) == 0)
        status_ok++;
      else
        g_test_message ("%s #%u: status %s, expected %s", cols[0], index, got_status, cols[2]);

      if ((d != NULL ? d->reply_code : 0) == reply)
        reply_ok++;
    }

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      MdBounceMessage *message = g_hash_table_lookup (messages, key);

      files++;
      if (md_bounce_message_get_n_deliveries (message) == GPOINTER_TO_UINT (value))
        count_ok++;
      else
        g_test_message ("%s: %u recipients, expected %u", (const char *) key,
                        md_bounce_message_get_n_deliveries (message), GPOINTER_TO_UINT (value));
    }

  g_test_message ("parser agreement over %u recipients of %u bounces: status %.1f %%, reply code %.1f %%, "
                  "recipient count %.1f %%", rows, files, 100.0 * status_ok / rows, 100.0 * reply_ok / rows,
                  100.0 * count_ok / files);
  g_assert_cmpuint (rows, >, 100);
  g_assert_cmpfloat (100.0 * status_ok / rows, >=, 95.0);
  g_assert_cmpfloat (100.0 * reply_ok / rows, >=, 90.0);
  g_assert_cmpfloat (100.0 * count_ok / files, >=, 95.0);
}

/* Plain mail, even with an attached message, is no bounce. */
static void
test_not_bounces (void)
{
  const char *corpus = g_getenv ("MD_BOUNCE_CORPUS");
  const char *names[] = { "is-not-bounce-01.eml", "is-not-bounce-02.eml" };

  if (corpus == NULL || !g_file_test (corpus, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("MD_BOUNCE_CORPUS is not set or not a folder");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (corpus, "not-bounces", names[i], NULL);
      g_autofree char *data = NULL;
      g_autoptr(MdBounceMessage) message = NULL;
      gsize length = 0;

      if (!g_file_get_contents (path, &data, &length, NULL))
        {
          g_test_skip ("no not-bounces folder in MD_BOUNCE_CORPUS");
          return;
        }
      message = md_bounce_message_new (data, length);
      g_assert_false (md_bounce_message_looks_like_bounce (message));
      g_assert_cmpuint (md_bounce_message_get_n_deliveries (message), ==, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/md/bounce-corpus/parser", test_corpus);
  g_test_add_func ("/md/bounce-corpus/not-bounces", test_not_bounces);

  return g_test_run ();
}
