/* md-bounce-analysis.c — the analyzer run off the main thread, its spans mapped to the displayed text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The analyzer reports byte spans in the bytes it was given; the text view
 * counts characters of the text made valid for display. Mapping the spans
 * walks the whole text, so it is done here, in the worker thread. The
 * spans go to the view as soon as they are mapped: parsing and judging a
 * large text take longer than scanning it, and the codes can be coloured
 * meanwhile.
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

/* Scans @bytes and maps what it finds to the displayed text; the report
 * comes after, from the same scan in @out_found and @out_fields. */
static MdBounceAnalysis *
md_bounce_analysis_new_scanned (GBytes  *bytes,
                                GArray **out_found,
                                GArray **out_fields)
{
  MdBounceAnalysis *self = g_object_new (MD_TYPE_BOUNCE_ANALYSIS, NULL);
  g_autoptr(GArray) found_array = NULL;
  g_autoptr(GArray) fields_array = NULL;
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

  found_array = md_bounce_scan (data, length, &fields_array);
  found = (const MdCodeSpan *) (gpointer) found_array->data;
  fields = (const MdFieldSpan *) (gpointer) fields_array->data;
  n_found = found_array->len;
  n_fields = fields_array->len;
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

  *out_found = g_steal_pointer (&found_array);
  *out_fields = g_steal_pointer (&fields_array);

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
  g_autoptr(GArray) found = NULL;
  g_autoptr(GArray) fields = NULL;
  MdBounceAnalysis *self;

  g_return_val_if_fail (bytes != NULL, NULL);

  self = md_bounce_analysis_new_scanned (bytes, &found, &fields);
  self->report = md_bounce_report_new_from_scan (bytes, found, fields);

  return self;
}

typedef struct {
  GBytes                       *bytes;
  MdBounceAnalysisSpansReady    spans_ready;
  gpointer                      user_data;
} RunData;

static void
run_data_free (RunData *run)
{
  g_bytes_unref (run->bytes);
  g_free (run);
}

/* The analysis so far, on its way to the caller's main context. */
typedef struct {
  GTask            *task;
  MdBounceAnalysis *analysis;
} SpansReady;

static void
spans_ready_free (SpansReady *ready)
{
  g_object_unref (ready->task);
  g_object_unref (ready->analysis);
  g_free (ready);
}

static gboolean
call_spans_ready (gpointer user_data)
{
  SpansReady *ready = user_data;
  RunData *run = g_task_get_task_data (ready->task);

  /* Not after the task's callback, which may free its user data. */
  if (!g_task_get_completed (ready->task) &&
      !g_cancellable_is_cancelled (g_task_get_cancellable (ready->task)))
    run->spans_ready (ready->analysis, run->user_data);

  return G_SOURCE_REMOVE;
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RunData *run = task_data;
  g_autoptr(GArray) found = NULL;
  g_autoptr(GArray) fields = NULL;
  g_autoptr(MdBounceAnalysis) analysis = md_bounce_analysis_new_scanned (run->bytes, &found, &fields);

  if (run->spans_ready != NULL && !g_cancellable_is_cancelled (cancellable))
    {
      SpansReady *ready = g_new0 (SpansReady, 1);
      g_autoptr(GSource) source = g_idle_source_new ();

      /* Not g_main_context_invoke(): it would call back from this thread
       * whenever the main one is between iterations. */
      ready->task = g_object_ref (task);
      ready->analysis = g_object_ref (analysis);
      g_source_set_priority (source, g_task_get_priority (task));
      g_source_set_callback (source, call_spans_ready, ready, (GDestroyNotify) spans_ready_free);
      g_source_set_static_name (source, "[mail-doctor] spans ready");
      g_source_attach (source, g_task_get_context (task));
    }

  /* Edited meanwhile: not worth parsing. */
  if (g_task_return_error_if_cancelled (task))
    return;

  /* The caller reads the codes and spans meanwhile, never the report. */
  analysis->report = md_bounce_report_new_from_scan (run->bytes, found, fields);

  if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, g_steal_pointer (&analysis), g_object_unref);
}

/**
 * md_bounce_analysis_run_async:
 * @bytes: the text as given, any bytes
 * @cancellable: (nullable): a #GCancellable
 * @spans_ready: (nullable) (scope async): called in the caller's main
 *   context as soon as the codes and spans are known, before @callback;
 *   the report is not made yet then
 * @callback: called when the analysis is done
 * @user_data: for @spans_ready and @callback
 *
 * Analyses @bytes in a worker thread.
 */
void
md_bounce_analysis_run_async (GBytes                      *bytes,
                              GCancellable                *cancellable,
                              MdBounceAnalysisSpansReady   spans_ready,
                              GAsyncReadyCallback          callback,
                              gpointer                     user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *run;

  g_return_if_fail (bytes != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  run = g_new0 (RunData, 1);
  run->bytes = g_bytes_ref (bytes);
  run->spans_ready = spans_ready;
  run->user_data = user_data;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, md_bounce_analysis_run_async);
  g_task_set_task_data (task, run, (GDestroyNotify) run_data_free);
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
