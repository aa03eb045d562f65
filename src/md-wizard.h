/* md-wizard.h — the "Diagnose" assistant
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MD_TYPE_WIZARD (md_wizard_get_type ())

G_DECLARE_FINAL_TYPE (MdWizard, md_wizard, MD, WIZARD, AdwBin)

G_END_DECLS
