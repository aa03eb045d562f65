/* md-wizard-page-dns.c — step 5: the domain's mail records
 *
 * Receiving (MX, Exchange autodiscover) and sending (SPF, DMARC,
 * blocklists), each row with what was found and the records to set.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "md-check-group.h"
#include "md-wizard.h"
#include "md-wizard-page-dns.h"

struct _MdWizardPageDns
{
  MdWizardPage  parent_instance;

  GtkWidget    *notice_box;
  GtkLabel     *notice_label;
  MdCheckGroup *receiving_group;
  MdCheckGroup *sending_group;
};

G_DEFINE_FINAL_TYPE (MdWizardPageDns, md_wizard_page_dns, MD_TYPE_WIZARD_PAGE)

/* One notice above both groups rather than one in each. */
static void
update_notice (MdWizardPageDns *self)
{
  gboolean unknown;

  if (self->receiving_group == NULL || self->sending_group == NULL)
    return;

  unknown = md_check_group_get_has_unknown (self->receiving_group) ||
            md_check_group_get_has_unknown (self->sending_group);

  if (!g_network_monitor_get_network_available (g_network_monitor_get_default ()))
    gtk_label_set_label (self->notice_label,
                         _("There is no network connection, so some checks could not be done. Connect, then retry."));
  else
    gtk_label_set_label (self->notice_label,
                         _("Some checks could not be done: their rows say why. This does not mean that anything is missing."));
  gtk_widget_set_visible (self->notice_box, unknown);
}

static void
md_wizard_page_dns_update (MdWizardPage *page)
{
  MdWizardPageDns *self = MD_WIZARD_PAGE_DNS (page);
  MdWizard *wizard = md_wizard_page_get_wizard (page);

  md_check_group_set_checks (self->receiving_group, md_wizard_get_checks (wizard));
  md_check_group_set_checks (self->sending_group, md_wizard_get_checks (wizard));
}

static void
md_wizard_page_dns_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MD_TYPE_WIZARD_PAGE_DNS);

  G_OBJECT_CLASS (md_wizard_page_dns_parent_class)->dispose (object);
}

static void
md_wizard_page_dns_class_init (MdWizardPageDnsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MdWizardPageClass *page_class = MD_WIZARD_PAGE_CLASS (klass);

  object_class->dispose = md_wizard_page_dns_dispose;
  page_class->update = md_wizard_page_dns_update;

  g_type_ensure (MD_TYPE_CHECK_GROUP);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/md-wizard-page-dns.ui");
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageDns, notice_box);
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageDns, notice_label);
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageDns, receiving_group);
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageDns, sending_group);
  gtk_widget_class_bind_template_callback (widget_class, update_notice);
}

static void
md_wizard_page_dns_init (MdWizardPageDns *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  md_wizard_page_set_complete (MD_WIZARD_PAGE (self), TRUE);
}
