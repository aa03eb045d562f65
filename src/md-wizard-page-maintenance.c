/* md-wizard-page-maintenance.c — step 4: incidents and planned work at the provider
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "md-check-group.h"
#include "md-wizard.h"
#include "md-wizard-page-maintenance.h"

struct _MdWizardPageMaintenance
{
  MdWizardPage  parent_instance;

  MdCheckGroup *checks_group;
  AdwActionRow *status_row;
};

G_DEFINE_FINAL_TYPE (MdWizardPageMaintenance, md_wizard_page_maintenance, MD_TYPE_WIZARD_PAGE)

static void
md_wizard_page_maintenance_update (MdWizardPage *page)
{
  MdWizardPageMaintenance *self = MD_WIZARD_PAGE_MAINTENANCE (page);
  MdWizard *wizard = md_wizard_page_get_wizard (page);
  MdProvider *provider = md_wizard_get_provider (wizard);
  const char *url = provider ? md_provider_get_status_page_url (provider) : NULL;

  md_check_group_set_checks (self->checks_group, md_wizard_get_checks (wizard));

  gtk_widget_set_sensitive (GTK_WIDGET (self->status_row), url != NULL);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->status_row), "s", url ? url : "");
  adw_action_row_set_subtitle (self->status_row,
                               url ? url
                                   : _("Your provider is not known yet: choose it on the first step if it is not detected."));
}

static void
md_wizard_page_maintenance_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MD_TYPE_WIZARD_PAGE_MAINTENANCE);

  G_OBJECT_CLASS (md_wizard_page_maintenance_parent_class)->dispose (object);
}

static void
md_wizard_page_maintenance_class_init (MdWizardPageMaintenanceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MdWizardPageClass *page_class = MD_WIZARD_PAGE_CLASS (klass);

  object_class->dispose = md_wizard_page_maintenance_dispose;
  page_class->update = md_wizard_page_maintenance_update;

  g_type_ensure (MD_TYPE_CHECK_GROUP);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/md-wizard-page-maintenance.ui");
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageMaintenance, checks_group);
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageMaintenance, status_row);
}

static void
md_wizard_page_maintenance_init (MdWizardPageMaintenance *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  md_wizard_page_set_complete (MD_WIZARD_PAGE (self), TRUE);
}
