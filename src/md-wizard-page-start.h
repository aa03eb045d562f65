/* md-wizard-page-start.h — step 1: the address, what is wrong, the provider
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "md-wizard-page.h"

G_BEGIN_DECLS

#define MD_TYPE_WIZARD_PAGE_START (md_wizard_page_start_get_type ())

G_DECLARE_FINAL_TYPE (MdWizardPageStart, md_wizard_page_start, MD, WIZARD_PAGE_START, MdWizardPage)

void        md_wizard_page_start_set_text     (MdWizardPageStart *self,
                                               const char        *text);
const char *md_wizard_page_start_get_message  (MdWizardPageStart *self);

G_END_DECLS
