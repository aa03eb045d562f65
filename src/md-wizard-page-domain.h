/* md-wizard-page-domain.h — step 2: the domain's registration and the mail offer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "md-wizard-page.h"

G_BEGIN_DECLS

#define MD_TYPE_WIZARD_PAGE_DOMAIN (md_wizard_page_domain_get_type ())

G_DECLARE_FINAL_TYPE (MdWizardPageDomain, md_wizard_page_domain, MD, WIZARD_PAGE_DOMAIN, MdWizardPage)

G_END_DECLS
