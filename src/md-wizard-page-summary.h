/* md-wizard-page-summary.h — step 6: the most likely cause, every finding, the report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "md-wizard-page.h"

G_BEGIN_DECLS

typedef enum {
  MD_REPORT_FORMAT_TEXT,
  MD_REPORT_FORMAT_JSON,
} MdReportFormat;

#define MD_TYPE_WIZARD_PAGE_SUMMARY (md_wizard_page_summary_get_type ())

G_DECLARE_FINAL_TYPE (MdWizardPageSummary, md_wizard_page_summary, MD, WIZARD_PAGE_SUMMARY, MdWizardPage)

const char *md_wizard_page_summary_get_headline_id     (MdWizardPageSummary *self);
const char *md_wizard_page_summary_get_headline_title  (MdWizardPageSummary *self);
GPtrArray  *md_wizard_page_summary_dup_findings        (MdWizardPageSummary *self);
char       *md_wizard_page_summary_dup_report          (MdWizardPageSummary *self,
                                                        MdReportFormat       format);
void        md_wizard_page_summary_save_report         (MdWizardPageSummary *self,
                                                        GFile               *file,
                                                        MdReportFormat       format);

G_END_DECLS
