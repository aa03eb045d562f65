/* md-wizard-page-domain.c — step 2: the domain's registration and the mail offer
 *
 * Registration comes from RDAP; whether the mail offer itself is active
 * only the provider's control panel can tell, so the page asks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "md-check-group.h"
#include "md-wizard.h"
#include "md-wizard-page-domain.h"

struct _MdWizardPageDomain
{
  MdWizardPage    parent_instance;

  MdCheckGroup   *checks_group;
  AdwActionRow   *control_panel_row;
  GtkCheckButton *offer_yes;
  GtkCheckButton *offer_no;
  GtkCheckButton *offer_unsure;
  GtkWidget      *expired_box;
  GtkWidget      *unsure_box;
};

G_DEFINE_FINAL_TYPE (MdWizardPageDomain, md_wizard_page_domain, MD_TYPE_WIZARD_PAGE)

static void
offer_toggled_cb (MdWizardPageDomain *self,
                  GtkCheckButton     *button)
{
  MdWizard *wizard = md_wizard_page_get_wizard (MD_WIZARD_PAGE (self));
  MdAnswer answer;

  if (wizard == NULL || !gtk_check_button_get_active (button))
    return;

  if (button == self->offer_yes)
    answer = MD_ANSWER_YES;
  else if (button == self->offer_no)
    answer = MD_ANSWER_NO;
  else
    answer = MD_ANSWER_UNSURE;

  md_wizard_set_answer (wizard, MD_QUESTION_OFFER_ACTIVE, answer);
}

static void
md_wizard_page_domain_update (MdWizardPage *page)
{
  MdWizardPageDomain *self = MD_WIZARD_PAGE_DOMAIN (page);
  MdWizard *wizard = md_wizard_page_get_wizard (page);
  MdProvider *provider = md_wizard_get_provider (wizard);
  const char *url = provider ? md_provider_get_control_panel_url (provider) : NULL;
  MdAnswer answer = md_wizard_get_answer (wizard, MD_QUESTION_OFFER_ACTIVE);

  md_check_group_set_checks (self->checks_group, md_wizard_get_checks (wizard));

  gtk_widget_set_sensitive (GTK_WIDGET (self->control_panel_row), url != NULL);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->control_panel_row), "s", url ? url : "");
  if (url != NULL)
    adw_action_row_set_subtitle (self->control_panel_row, md_provider_get_name (provider));
  else
    adw_action_row_set_subtitle (self->control_panel_row,
                                 _("Your provider is not known yet: choose it on the first step if it is not detected."));

  gtk_check_button_set_active (self->offer_yes, answer == MD_ANSWER_YES);
  gtk_check_button_set_active (self->offer_no, answer == MD_ANSWER_NO);
  gtk_check_button_set_active (self->offer_unsure, answer == MD_ANSWER_UNSURE);
  gtk_widget_set_visible (self->expired_box, answer == MD_ANSWER_NO);
  gtk_widget_set_visible (self->unsure_box, answer == MD_ANSWER_UNSURE);
}

static void
md_wizard_page_domain_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MD_TYPE_WIZARD_PAGE_DOMAIN);

  G_OBJECT_CLASS (md_wizard_page_domain_parent_class)->dispose (object);
}

static void
md_wizard_page_domain_class_init (MdWizardPageDomainClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MdWizardPageClass *page_class = MD_WIZARD_PAGE_CLASS (klass);

  object_class->dispose = md_wizard_page_domain_dispose;
  page_class->update = md_wizard_page_domain_update;

  g_type_ensure (MD_TYPE_CHECK_GROUP);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/md-wizard-page-domain.ui");
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageDomain, checks_group);
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageDomain, control_panel_row);
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageDomain, offer_yes);
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageDomain, offer_no);
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageDomain, offer_unsure);
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageDomain, expired_box);
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageDomain, unsure_box);
  gtk_widget_class_bind_template_callback (widget_class, offer_toggled_cb);
}

static void
md_wizard_page_domain_init (MdWizardPageDomain *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  md_wizard_page_set_complete (MD_WIZARD_PAGE (self), TRUE);
}
