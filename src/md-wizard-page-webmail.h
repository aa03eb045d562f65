/* md-wizard-page-webmail.h — step 3: does mail work in webmail?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "md-wizard-page.h"

G_BEGIN_DECLS

#define MD_TYPE_WIZARD_PAGE_WEBMAIL (md_wizard_page_webmail_get_type ())

G_DECLARE_FINAL_TYPE (MdWizardPageWebmail, md_wizard_page_webmail, MD, WIZARD_PAGE_WEBMAIL, MdWizardPage)

G_END_DECLS
