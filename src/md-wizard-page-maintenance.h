/* md-wizard-page-maintenance.h — step 4: incidents and planned work at the provider
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "md-wizard-page.h"

G_BEGIN_DECLS

#define MD_TYPE_WIZARD_PAGE_MAINTENANCE (md_wizard_page_maintenance_get_type ())

G_DECLARE_FINAL_TYPE (MdWizardPageMaintenance, md_wizard_page_maintenance, MD, WIZARD_PAGE_MAINTENANCE, MdWizardPage)

G_END_DECLS
