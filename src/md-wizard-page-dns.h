/* md-wizard-page-dns.h — step 5: the domain's mail records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "md-wizard-page.h"

G_BEGIN_DECLS

#define MD_TYPE_WIZARD_PAGE_DNS (md_wizard_page_dns_get_type ())

G_DECLARE_FINAL_TYPE (MdWizardPageDns, md_wizard_page_dns, MD, WIZARD_PAGE_DNS, MdWizardPage)

G_END_DECLS
