/* md-test-ui.h — what the UI tests share: waiting, screenshots, language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef gboolean (*MdTestCondition) (gpointer data);

/* Start the real application in the test process (no D-Bus needed) and
 * return it; gtk and libadwaita are initialised by its startup. FALSE from
 * md_test_ui_init() means there is no display: the caller skips. */
gboolean        md_test_ui_init            (int              *argc,
                                            char           ***argv);
GtkApplication *md_test_ui_get_app         (void);
gboolean        md_test_ui_set_language    (const char       *language);
void            md_test_ui_iterate         (guint             ms);
gboolean        md_test_ui_wait_for        (MdTestCondition   condition,
                                            gpointer          data,
                                            guint             timeout_ms);
char           *md_test_ui_screenshot      (GtkWidget        *widget,
                                            const char       *name);
GtkWidget      *md_test_ui_find_by_type    (GtkWidget        *root,
                                            GType             type);
GtkWidget      *md_test_ui_find_label      (GtkWidget        *root,
                                            const char       *text);

G_END_DECLS
