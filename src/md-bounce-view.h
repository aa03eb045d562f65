/* md-bounce-view.h — the "Analyze a bounce" paste box
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "md-bounce-analysis.h"
#include "md-bounce-highlighter.h"
#include "md-bounce-panel.h"

G_BEGIN_DECLS

#define MD_TYPE_BOUNCE_VIEW (md_bounce_view_get_type ())

G_DECLARE_FINAL_TYPE (MdBounceView, md_bounce_view, MD, BOUNCE_VIEW, GtkWidget)

void                 md_bounce_view_set_bytes          (MdBounceView  *self,
                                                        GBytes        *bytes,
                                                        const char    *source_name);
void                 md_bounce_view_load_file          (MdBounceView  *self,
                                                        GFile         *file);
void                 md_bounce_view_clear              (MdBounceView  *self);
gboolean             md_bounce_view_get_busy           (MdBounceView  *self);
MdBounceAnalysis    *md_bounce_view_get_analysis       (MdBounceView  *self);
GtkTextView         *md_bounce_view_get_text_view      (MdBounceView  *self);
MdBouncePanel       *md_bounce_view_get_panel          (MdBounceView  *self);
MdBounceHighlighter *md_bounce_view_get_highlighter    (MdBounceView  *self);
char                *md_bounce_view_dup_analysis_text  (MdBounceView  *self);
char                *md_bounce_view_dup_tooltip_at     (MdBounceView  *self,
                                                        gint64         offset);

G_END_DECLS
