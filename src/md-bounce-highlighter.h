/* md-bounce-highlighter.h — colours the codes and DSN field names of a text view, a slice at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum {
  MD_HIGHLIGHT_FIELD = 0,    /* a DSN field name: "Diagnostic-Code" */
  MD_HIGHLIGHT_SUCCESS,      /* 2xx, 2.x.x */
  MD_HIGHLIGHT_TEMPORARY,    /* 4xx, 4.x.x */
  MD_HIGHLIGHT_PERMANENT,    /* 5xx, 5.x.x */
  MD_HIGHLIGHT_OTHER,        /* 1xx, 3xx and anything else */
  MD_HIGHLIGHT_N_KINDS
} MdHighlightKind;

/* A span in characters of the buffer. */
typedef struct {
  gint64          start;
  gint64          end;
  MdHighlightKind kind;
} MdHighlightSpan;

#define MD_TYPE_BOUNCE_HIGHLIGHTER (md_bounce_highlighter_get_type ())

G_DECLARE_FINAL_TYPE (MdBounceHighlighter, md_bounce_highlighter, MD, BOUNCE_HIGHLIGHTER, GObject)

MdBounceHighlighter *md_bounce_highlighter_new        (GtkTextView           *view);
void                 md_bounce_highlighter_apply      (MdBounceHighlighter   *self,
                                                       const MdHighlightSpan *spans,
                                                       guint                  n_spans);
void                 md_bounce_highlighter_set_hold   (MdBounceHighlighter   *self,
                                                       gboolean               hold);
void                 md_bounce_highlighter_stop       (MdBounceHighlighter   *self);
void                 md_bounce_highlighter_clear      (MdBounceHighlighter   *self);
gboolean             md_bounce_highlighter_get_busy   (MdBounceHighlighter   *self);
GtkTextTag          *md_bounce_highlighter_get_tag    (MdBounceHighlighter   *self,
                                                       MdHighlightKind        kind);
void                 md_bounce_highlighter_set_dark   (MdBounceHighlighter   *self,
                                                       gboolean               dark);

G_END_DECLS
