/* md-bounce-view.h — the "Analyze a bounce" paste box
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MD_TYPE_BOUNCE_VIEW (md_bounce_view_get_type ())

G_DECLARE_FINAL_TYPE (MdBounceView, md_bounce_view, MD, BOUNCE_VIEW, AdwBin)

G_END_DECLS
