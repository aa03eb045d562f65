/* md-bounce-analysis.h — the analyzer run off the main thread, its spans mapped to the displayed text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "md-bounce-highlighter.h"
#include "md-bounce-report.h"
#include "md-codes.h"

G_BEGIN_DECLS

/* A code found, in characters of the text made by md_bounce_text_make_valid(). */
typedef struct {
  gint64       start;
  gint64       end;
  guint        line;       /* from 0 */
  MdCodeClass  klass;
  guint        index;      /* of the finding in the report */
  char         code[12];   /* "550", "5.7.606" */
} MdBounceCodeSpan;

#define MD_TYPE_BOUNCE_ANALYSIS (md_bounce_analysis_get_type ())

G_DECLARE_FINAL_TYPE (MdBounceAnalysis, md_bounce_analysis, MD, BOUNCE_ANALYSIS, GObject)

/* The codes and spans of an analysis under way, its report not made yet. */
typedef void (*MdBounceAnalysisSpansReady) (MdBounceAnalysis *analysis,
                                            gpointer          user_data);

MdBounceAnalysis       *md_bounce_analysis_run          (GBytes                     *bytes,
                                                         GCancellable               *cancellable);
void                    md_bounce_analysis_run_async    (GBytes                     *bytes,
                                                         GCancellable               *cancellable,
                                                         MdBounceAnalysisSpansReady  spans_ready,
                                                         GAsyncReadyCallback         callback,
                                                         gpointer                    user_data);
MdBounceAnalysis       *md_bounce_analysis_run_finish   (GAsyncResult         *result,
                                                         GError              **error);
MdBounceReport         *md_bounce_analysis_get_report   (MdBounceAnalysis     *self);
const MdBounceCodeSpan *md_bounce_analysis_get_codes    (MdBounceAnalysis     *self,
                                                         guint                *n_codes);
const MdBounceCodeSpan *md_bounce_analysis_find_code    (MdBounceAnalysis     *self,
                                                         gint64                offset);
const MdHighlightSpan  *md_bounce_analysis_get_spans    (MdBounceAnalysis     *self,
                                                         guint                *n_spans);

G_END_DECLS
