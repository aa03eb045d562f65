/* md-finding-row.h — one code found in a bounce, with its meaning and where it occurs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "md-codes.h"

G_BEGIN_DECLS

/* Where a code occurs in the text: in characters, its line from 0. */
typedef struct {
  gint64 start;
  gint64 end;
  guint  line;
} MdOccurrence;

#define MD_TYPE_FINDING_ROW (md_finding_row_get_type ())

G_DECLARE_FINAL_TYPE (MdFindingRow, md_finding_row, MD, FINDING_ROW, GtkListBoxRow)

GtkWidget   *md_finding_row_new                (const char    *code,
                                                MdCodeClass    klass,
                                                GArray        *occurrences);
const char  *md_finding_row_get_code           (MdFindingRow  *self);
MdCodeClass  md_finding_row_get_class          (MdFindingRow  *self);
const char  *md_finding_row_get_title          (MdFindingRow  *self);
const char  *md_finding_row_get_meaning        (MdFindingRow  *self);
guint        md_finding_row_get_n_occurrences  (MdFindingRow  *self);
gboolean     md_finding_row_get_occurrence     (MdFindingRow  *self,
                                                guint          index,
                                                gint64        *start,
                                                gint64        *end);
gboolean     md_finding_row_next_occurrence    (MdFindingRow  *self,
                                                gint64        *start,
                                                gint64        *end);
gboolean     md_finding_row_contains           (MdFindingRow  *self,
                                                gint64         offset);

G_END_DECLS
