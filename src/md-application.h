/* md-application.h — the application: actions, shortcuts, command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MD_TYPE_APPLICATION (md_application_get_type ())

G_DECLARE_FINAL_TYPE (MdApplication, md_application, MD, APPLICATION, AdwApplication)

MdApplication *md_application_new (void);

G_END_DECLS
