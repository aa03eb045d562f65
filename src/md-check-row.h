/* md-check-row.h — one check as a list row: status, summary and the details
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "md-check.h"

G_BEGIN_DECLS

#define MD_TYPE_CHECK_ROW (md_check_row_get_type ())

G_DECLARE_FINAL_TYPE (MdCheckRow, md_check_row, MD, CHECK_ROW, AdwExpanderRow)

GtkWidget   *md_check_row_new              (MdCheck    *check);
MdCheck     *md_check_row_get_check        (MdCheckRow *self);
void         md_check_row_set_check        (MdCheckRow *self,
                                            MdCheck    *check);
const char  *md_check_row_get_status_icon  (MdCheckRow *self);
const char  *md_check_row_get_status_label (MdCheckRow *self);
gboolean     md_check_row_get_busy         (MdCheckRow *self);
guint        md_check_row_get_n_records    (MdCheckRow *self);

G_END_DECLS
