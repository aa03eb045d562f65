/* bounce-corpus-eval.c — the whole analyzer over a folder of real bounces, scored against expected verdicts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The folder holds eml/ (one bounce per file), not-bounces/ and
 * expected.tsv (file, recipient, status, replycode, reason, hardbounce:
 * one row per recipient, in the order the bounce lists them). Each file
 * goes through md_bounce_analyze(), exactly as the CLI and the paste box
 * use it. A bounce that gives no status is compared through the status
 * the analyzer makes up for it (pseudo_status).
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "bounce-corpus-eval.h"
#include "md-bounce-report.h"

enum {
  COL_FILE,
  COL_RECIPIENT,
  COL_STATUS,
  COL_REPLY,
  COL_REASON,
  COL_HARD,
  N_COLS
};

double
md_corpus_score_percent (guint ok,
                         guint total)
{
  return total == 0 ? 0.0 : 100.0 * ok / total;
}

void
md_corpus_score_free (MdCorpusScore *score)
{
  if (score == NULL)
    return;

  g_clear_pointer (&score->misses, g_ptr_array_unref);
  g_clear_pointer (&score->confusion, g_hash_table_unref);
  g_free (score);
}

/* Rewrites every line end (LF, or the CRLF some corpus files already have)
 * as CRLF or CR, so that the message is the same but for its line ends. */
static char *
rewrite_line_ends (const char       *data,
                   gsize             length,
                   MdCorpusLineEnds  line_ends,
                   gsize            *out_length)
{
  GString *out = g_string_sized_new (length + length / 16);

  for (gsize i = 0; i < length; i++)
    {
      if (data[i] == '\r' && i + 1 < length && data[i + 1] == '\n')
        continue;
      if (data[i] != '\n')
        g_string_append_c (out, data[i]);
      else if (line_ends == MD_CORPUS_LINE_ENDS_CRLF)
        g_string_append (out, "\r\n");
      else
        g_string_append_c (out, '\r');
    }

  *out_length = out->len;
  return g_string_free (out, FALSE);
}

static MdBounceReport *
analyze_file (const char        *path,
              MdCorpusLineEnds   line_ends,
              GError           **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;

  if (line_ends != MD_CORPUS_LINE_ENDS_AS_IS)
    {
      g_autofree char *stored = g_steal_pointer (&data);

      data = rewrite_line_ends (stored, length, line_ends, &length);
    }

  return md_bounce_analyze (data, length);
}

static void
score_row (MdCorpusScore   *score,
           MdBounceReport  *report,
           char           **cols)
{
  guint index = (guint) g_ascii_strtoull (cols[COL_RECIPIENT], NULL, 10);
  guint expected_reply = (guint) g_ascii_strtoull (cols[COL_REPLY], NULL, 10);
  gboolean expected_hard = g_str_equal (cols[COL_HARD], "1");
  const MdBounceRecipient *r = NULL;
  const char *reason = "(none)";
  const char *status = NULL;

  score->rows++;

  if (index >= 1 && index <= md_bounce_report_get_n_recipients (report))
    r = md_bounce_report_get_recipient (report, index - 1);

  if (r != NULL)
    {
      reason = md_reason_to_id (r->reason);
      status = r->status != NULL ? r->status : r->pseudo_status;
    }

  if (g_strcmp0 (reason, cols[COL_REASON]) == 0)
    score->reason_ok++;
  else
    {
      g_autofree char *key = g_strdup_printf ("%-15s -> %s", cols[COL_REASON], reason);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (score->confusion, key));

      g_hash_table_replace (score->confusion, g_steal_pointer (&key), GUINT_TO_POINTER (n + 1));
      g_ptr_array_add (score->misses,
                       g_strdup_printf ("%s #%u reason: expected %s, got %s (status %s, reply %u) %.160s",
                                        cols[COL_FILE], index, cols[COL_REASON], reason,
                                        status != NULL ? status : "-", r != NULL ? r->reply_code : 0,
                                        r != NULL && r->diagnostic != NULL ? r->diagnostic : ""));
    }

  if (g_strcmp0 (status != NULL ? status : "", cols[COL_STATUS]) == 0)
    score->status_ok++;
  else
    g_ptr_array_add (score->misses,
                     g_strdup_printf ("%s #%u status: expected %s, got %s", cols[COL_FILE], index,
                                      cols[COL_STATUS][0] != '\0' ? cols[COL_STATUS] : "(none)",
                                      status != NULL ? status : "(none)"));

  if ((r != NULL ? r->reply_code : 0) == expected_reply)
    score->reply_ok++;
  else
    g_ptr_array_add (score->misses,
                     g_strdup_printf ("%s #%u reply code: expected %u, got %u", cols[COL_FILE], index,
                                      expected_reply, r != NULL ? r->reply_code : 0));

  if (r != NULL && r->hard_bounce == expected_hard)
    score->hard_ok++;
  else
    g_ptr_array_add (score->misses,
                     g_strdup_printf ("%s #%u hard bounce: expected %d (%s)", cols[COL_FILE], index,
                                      expected_hard, cols[COL_REASON]));
}

static gboolean
score_not_bounces (MdCorpusScore     *score,
                   const char        *folder,
                   MdCorpusLineEnds   line_ends,
                   GError           **error)
{
  g_autofree char *dir_path = g_build_filename (folder, "not-bounces", NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (dir_path, G_FILE_TEST_IS_DIR))
    return TRUE;

  dir = g_dir_open (dir_path, 0, error);
  if (dir == NULL)
    return FALSE;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autoptr(MdBounceReport) report = analyze_file (path, line_ends, error);

      if (report == NULL)
        return FALSE;

      score->not_bounces++;
      if (!md_bounce_report_is_bounce (report))
        score->not_bounces_ok++;
      else
        g_ptr_array_add (score->misses, g_strdup_printf ("not-bounces/%s: taken for a bounce", name));
    }

  return TRUE;
}

/**
 * md_corpus_score_new:
 * @folder: a folder with eml/, not-bounces/ and expected.tsv
 * @line_ends: the line ends to give the bounces with
 * @error: return location for a #GError
 *
 * Analyzes every bounce of @folder and compares the verdicts with
 * expected.tsv.
 *
 * Returns: (transfer full): the score, or %NULL when the folder cannot be read
 */
MdCorpusScore *
md_corpus_score_new (const char        *folder,
                     MdCorpusLineEnds   line_ends,
                     GError           **error)
{
  g_autoptr(MdCorpusScore) score = g_new0 (MdCorpusScore, 1);
  g_autofree char *tsv_path = g_build_filename (folder, "expected.tsv", NULL);
  g_autofree char *tsv = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(MdBounceReport) report = NULL;
  g_autofree char *current = NULL;
  guint rows_of_current = 0;

  score->misses = g_ptr_array_new_with_free_func (g_free);
  score->confusion = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (!g_file_get_contents (tsv_path, &tsv, NULL, error))
    return NULL;

  lines = g_strsplit (tsv, "\n", -1);
  if (lines[0] == NULL || !g_str_has_prefix (lines[0], "file\t"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s does not start with the expected header", tsv_path);
      return NULL;
    }

  /* one pass over the rows, which expected.tsv groups by file; a final
   * empty row closes the last file */
  for (guint i = 1; ; i++)
    {
      g_auto(GStrv) cols = lines[i] != NULL ? g_strsplit (lines[i], "\t", -1) : NULL;
      gboolean is_row = cols != NULL && g_strv_length (cols) >= N_COLS;

      if (current != NULL && (!is_row || !g_str_equal (cols[COL_FILE], current)))
        {
          score->files++;
          if (md_bounce_report_get_n_recipients (report) == rows_of_current)
            score->count_ok++;
          else
            g_ptr_array_add (score->misses,
                             g_strdup_printf ("%s: %u recipients found, expected %u", current,
                                              md_bounce_report_get_n_recipients (report), rows_of_current));
          g_clear_pointer (&current, g_free);
          g_clear_object (&report);
        }

      if (lines[i] == NULL)
        break;
      if (!is_row)
        continue;

      if (current == NULL)
        {
          g_autofree char *path = g_build_filename (folder, "eml", cols[COL_FILE], NULL);

          report = analyze_file (path, line_ends, error);
          if (report == NULL)
            return NULL;
          current = g_strdup (cols[COL_FILE]);
          rows_of_current = 0;
        }

      rows_of_current++;
      score_row (score, report, cols);
    }

  if (!score_not_bounces (score, folder, line_ends, error))
    return NULL;

  return g_steal_pointer (&score);
}

static int
compare_confusion (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  GHashTable *confusion = user_data;
  guint na = GPOINTER_TO_UINT (g_hash_table_lookup (confusion, *(const char * const *) a));
  guint nb = GPOINTER_TO_UINT (g_hash_table_lookup (confusion, *(const char * const *) b));

  if (na != nb)
    return na > nb ? -1 : 1;

  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * md_corpus_score_summary:
 * @score: a #MdCorpusScore
 *
 * Returns: (transfer full): the agreement per field and the most frequent
 *   confusions, as lines of text
 */
char *
md_corpus_score_summary (MdCorpusScore *score)
{
  GString *out = g_string_new (NULL);
  g_autofree gpointer *keys = NULL;
  guint n_keys = 0;

  g_string_append_printf (out, "%u recipients in %u bounces\n", score->rows, score->files);
  g_string_append_printf (out, "  reason            %5.1f %% (%u)\n",
                          md_corpus_score_percent (score->reason_ok, score->rows), score->reason_ok);
  g_string_append_printf (out, "  status            %5.1f %% (%u)\n",
                          md_corpus_score_percent (score->status_ok, score->rows), score->status_ok);
  g_string_append_printf (out, "  reply code        %5.1f %% (%u)\n",
                          md_corpus_score_percent (score->reply_ok, score->rows), score->reply_ok);
  g_string_append_printf (out, "  hard bounce       %5.1f %% (%u)\n",
                          md_corpus_score_percent (score->hard_ok, score->rows), score->hard_ok);
  g_string_append_printf (out, "  recipients count  %5.1f %% (%u of %u bounces)\n",
                          md_corpus_score_percent (score->count_ok, score->files), score->count_ok, score->files);
  g_string_append_printf (out, "  not bounces       %u of %u recognised\n",
                          score->not_bounces_ok, score->not_bounces);

  keys = g_hash_table_get_keys_as_array (score->confusion, &n_keys);
  g_qsort_with_data (keys, n_keys, sizeof *keys, compare_confusion, score->confusion);
  if (n_keys > 0)
    g_string_append (out, "reason confusions (expected -> got):\n");
  for (guint i = 0; i < n_keys; i++)
    g_string_append_printf (out, "  %-36s %u\n", (const char *) keys[i],
                            GPOINTER_TO_UINT (g_hash_table_lookup (score->confusion, keys[i])));

  return g_string_free (out, FALSE);
}
