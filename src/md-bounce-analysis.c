/* md-bounce-analysis.c — the analyzer run off the main thread, its spans mapped to the displayed text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The analyzer reports byte spans in the bytes it was given; the text view
 * counts characters of the text made valid for display. Mapping the spans
 * walks the whole text, so it is done here, in the worker thread, together
 * with the analysis.
 */

#include "config.h"

#include <string.h>

#include "md-bounce-analysis.h"
#include "md-bounce-text.h"

struct _MdBounceAnalysis
{
  GObject         parent_instance;

  MdBounceReport *report;
  GArray         *codes;   /* MdBounceCodeSpan, sorted by start */
  GArray         *spans;   /* MdHighlightSpan: codes and DSN field names */
};

G_DEFINE_FINAL_TYPE (MdBounceAnalysis, md_bounce_analysis, G_TYPE_OBJECT)

static MdHighlightKind
kind_for_class (MdCodeClass klass)
{
  switch (klass)
    {
    case MD_CODE_CLASS_SUCCESS:
      return MD_HIGHLIGHT_SUCCESS;
    case MD_CODE_CLASS_TEMPORARY:
      return MD_HIGHLIGHT_TEMPORARY;
    case MD_CODE_CLASS_PERMANENT:
      return MD_HIGHLIGHT_PERMANENT;
    case MD_CODE_CLASS_UNKNOWN:
    case MD_CODE_CLASS_POSITIVE_PRELIMINARY:
    case MD_CODE_CLASS_INTERMEDIATE:
    default:
      return MD_HIGHLIGHT_OTHER;
    }
}

/* Line numbers of sorted @offsets, counted as GtkTextBuffer does: LF, CR
 * and CRLF each end a line. */
static void
count_lines (const char  *data,
             gsize        length,
             const gsize *offsets,
             guint        n_offsets,
             guint       *lines)
{
  gboolean has_cr = memchr (data, '\r', length) != NULL;
  gsize pos = 0;
  guint line = 0;

  for (guint i = 0; i < n_offsets; i++)
    {
      gsize target = MIN (offsets[i], length);

      if (!has_cr)
        {
          const char *newline;

          while (pos < target && (newline = memchr (data + pos, '\n', target - pos)) != NULL)
            {
              line++;
              pos = newline - data + 1;
            }
          pos = MAX (pos, target);
        }
      else
        while (pos < target)
          {
            char c = data[pos++];

            if (c == '\n')
              line++;
            else if (c == '\r')
              {
                line++;
                if (pos < length && data[pos] == '\n')
                  pos++;
              }
          }

      lines[i] = line;
    }
}

static MdBounceAnalysis *
md_bounce_analysis_new (GBytes *bytes)
{
  MdBounceAnalysis *self = g_object_new (MD_TYPE_BOUNCE_ANALYSIS, NULL);
  const MdCodeSpan *found;
  const MdFieldSpan *fields;
  guint n_found, n_fields;
  g_autofree gsize *offsets = NULL;
  g_autofree gint64 *chars = NULL;
  g_autofree guint *lines = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  guint n;

  if (data == NULL)
    data = "";

  self->report = md_bounce_report_new_from_bytes (bytes);
  found = md_bounce_report_get_findings (self->report, &n_found);
  fields = md_bounce_report_get_fields (self->report, &n_fields);
  n = n_found + n_fields;

  offsets = g_new (gsize, 2 * n + 1);
  chars = g_new (gint64, 2 * n + 1);
  lines = g_new (guint, n_found + 1);

  for (guint i = 0; i < n_found; i++)
    {
      offsets[2 * i] = found[i].offset;
      offsets[2 * i + 1] = found[i].offset + found[i].length;
    }
  for (guint i = 0; i < n_fields; i++)
    {
      offsets[2 * (n_found + i)] = fields[i].offset;
      offsets[2 * (n_found + i) + 1] = fields[i].offset + fields[i].length;
    }

  md_bounce_text_map_offsets (data, length, offsets, 2 * n, chars);

  /* The scanner gives the codes in the order of the text. */
  {
    g_autofree gsize *starts = g_new (gsize, n_found + 1);

    for (guint i = 0; i < n_found; i++)
      starts[i] = offsets[2 * i];
    count_lines (data, length, starts, n_found, lines);
  }

  g_array_set_size (self->codes, n_found);
  for (guint i = 0; i < n_found; i++)
    {
      const MdCodeSpan *span = &found[i];
      MdBounceCodeSpan *code = &g_array_index (self->codes, MdBounceCodeSpan, i);
      MdHighlightSpan highlight = { chars[2 * i], chars[2 * i + 1], kind_for_class (span->klass) };

      code->start = chars[2 * i];
      code->end = chars[2 * i + 1];
      code->line = lines[i];
      code->klass = span->klass;
      code->index = i;
      g_strlcpy (code->code, span->code, sizeof code->code);
      g_array_append_val (self->spans, highlight);
    }

  for (guint i = 0; i < n_fields; i++)
    {
      guint k = n_found + i;
      MdHighlightSpan highlight = { chars[2 * k], chars[2 * k + 1], MD_HIGHLIGHT_FIELD };

      g_array_append_val (self->spans, highlight);
    }

  return self;
}

/**
 * md_bounce_analysis_run:
 * @bytes: the text as given, any bytes
 * @cancellable: (nullable): a #GCancellable
 *
 * Analyses @bytes in the calling thread.
 *
 * Returns: (transfer full): the analysis
 */
MdBounceAnalysis *
md_bounce_analysis_run (GBytes       *bytes,
                        GCancellable *cancellable)
{
  g_return_val_if_fail (bytes != NULL, NULL);

  return md_bounce_analysis_new (bytes);
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  g_autoptr(MdBounceAnalysis) analysis = md_bounce_analysis_new (task_data);

  if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, g_steal_pointer (&analysis), g_object_unref);
}

void
md_bounce_analysis_run_async (GBytes              *bytes,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (bytes != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, md_bounce_analysis_run_async);
  g_task_set_task_data (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, run_in_thread);
}

MdBounceAnalysis *
md_bounce_analysis_run_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == md_bounce_analysis_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

MdBounceReport *
md_bounce_analysis_get_report (MdBounceAnalysis *self)
{
  g_return_val_if_fail (MD_IS_BOUNCE_ANALYSIS (self), NULL);

  return self->report;
}

/**
 * md_bounce_analysis_get_codes:
 * @self: a #MdBounceAnalysis
 * @n_codes: (out): how many
 *
 * Returns: (array length=n_codes) (transfer none): the codes found, in the
 *   order of the text
 */
const MdBounceCodeSpan *
md_bounce_analysis_get_codes (MdBounceAnalysis *self,
                              guint            *n_codes)
{
  g_return_val_if_fail (MD_IS_BOUNCE_ANALYSIS (self), NULL);
  g_return_val_if_fail (n_codes != NULL, NULL);

  *n_codes = self->codes->len;

  return (const MdBounceCodeSpan *) (gpointer) self->codes->data;
}

/**
 * md_bounce_analysis_find_code:
 * @self: a #MdBounceAnalysis
 * @offset: a character offset in the text
 *
 * Returns: (nullable) (transfer none): the code at @offset (its end
 *   included), or %NULL
 */
const MdBounceCodeSpan *
md_bounce_analysis_find_code (MdBounceAnalysis *self,
                              gint64            offset)
{
  guint low = 0, high;

  g_return_val_if_fail (MD_IS_BOUNCE_ANALYSIS (self), NULL);

  high = self->codes->len;
  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      const MdBounceCodeSpan *code = &g_array_index (self->codes, MdBounceCodeSpan, middle);

      if (offset < code->start)
        high = middle;
      else if (offset > code->end)
        low = middle + 1;
      else
        return code;
    }

  return NULL;
}

/**
 * md_bounce_analysis_get_spans:
 * @self: a #MdBounceAnalysis
 * @n_spans: (out): how many
 *
 * Returns: (array length=n_spans) (transfer none): what to highlight: the
 *   codes and the DSN field names
 */
const MdHighlightSpan *
md_bounce_analysis_get_spans (MdBounceAnalysis *self,
                              guint            *n_spans)
{
  g_return_val_if_fail (MD_IS_BOUNCE_ANALYSIS (self), NULL);
  g_return_val_if_fail (n_spans != NULL, NULL);

  *n_spans = self->spans->len;

  return (const MdHighlightSpan *) (gpointer) self->spans->data;
}

static void
md_bounce_analysis_finalize (GObject *object)
{
  MdBounceAnalysis *self = MD_BOUNCE_ANALYSIS (object);

  g_clear_object (&self->report);
  g_array_unref (self->codes);
  g_array_unref (self->spans);

  G_OBJECT_CLASS (md_bounce_analysis_parent_class)->finalize (object);
}

static void
md_bounce_analysis_class_init (MdBounceAnalysisClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = md_bounce_analysis_finalize;
}

static void
md_bounce_analysis_init (MdBounceAnalysis *self)
{
  self->codes = g_array_new (FALSE, FALSE, sizeof (MdBounceCodeSpan));
  self->spans = g_array_new (FALSE, FALSE, sizeof (MdHighlightSpan));
}
