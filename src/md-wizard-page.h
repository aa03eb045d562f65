/* md-wizard-page.h — one step of the "Diagnose" assistant
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MD_TYPE_WIZARD_PAGE (md_wizard_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (MdWizardPage, md_wizard_page, MD, WIZARD_PAGE, AdwBin)

typedef struct _MdWizard MdWizard;

typedef void (*MdWizardPageApplyCallback) (MdWizardPage *page,
                                           gboolean      valid,
                                           gpointer      user_data);

struct _MdWizardPageClass
{
  AdwBinClass parent_class;

  /* Called when Next is pressed. Returns TRUE when the page applies
   * asynchronously and calls md_wizard_page_apply_complete() later. */
  gboolean (*apply)       (MdWizardPage *page,
                           GCancellable *cancellable);
  /* The page became the visible step. */
  void     (*shown)       (MdWizardPage *page);
  /* Something the page shows changed in the wizard: the diagnosis, the
   * provider, an answer. */
  void     (*update)      (MdWizardPage *page);
};

MdWizard   *md_wizard_page_get_wizard      (MdWizardPage              *self);
void        md_wizard_page_set_wizard      (MdWizardPage              *self,
                                            MdWizard                  *wizard);
const char *md_wizard_page_get_title       (MdWizardPage              *self);
void        md_wizard_page_set_title       (MdWizardPage              *self,
                                            const char                *title);
gboolean    md_wizard_page_get_complete    (MdWizardPage              *self);
void        md_wizard_page_set_complete    (MdWizardPage              *self,
                                            gboolean                   complete);
gboolean    md_wizard_page_get_applying    (MdWizardPage              *self);
void        md_wizard_page_apply_begin     (MdWizardPage              *self,
                                            MdWizardPageApplyCallback  callback,
                                            gpointer                   user_data);
void        md_wizard_page_apply_cancel    (MdWizardPage              *self);
void        md_wizard_page_apply_complete  (MdWizardPage              *self,
                                            gboolean                   valid);
void        md_wizard_page_shown           (MdWizardPage              *self);
void        md_wizard_page_update          (MdWizardPage              *self);

G_END_DECLS
