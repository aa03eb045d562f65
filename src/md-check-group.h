/* md-check-group.h — a titled list of check rows, with a notice when some could not be done
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MD_TYPE_CHECK_GROUP (md_check_group_get_type ())

G_DECLARE_FINAL_TYPE (MdCheckGroup, md_check_group, MD, CHECK_GROUP, AdwBin)

void        md_check_group_set_checks      (MdCheckGroup *self,
                                            GListModel   *checks);
GtkWidget  *md_check_group_get_row         (MdCheckGroup *self,
                                            const char   *id);
gboolean    md_check_group_get_has_notice  (MdCheckGroup *self);
gboolean    md_check_group_get_has_unknown (MdCheckGroup *self);
void        md_check_group_set_show_notice (MdCheckGroup *self,
                                            gboolean      show_notice);

G_END_DECLS
