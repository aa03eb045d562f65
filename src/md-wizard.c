/* md-wizard.c — the "Diagnose" assistant
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "md-wizard.h"

struct _MdWizard
{
  AdwBin        parent_instance;

  AdwEntryRow  *address_row;
};

G_DEFINE_FINAL_TYPE (MdWizard, md_wizard, ADW_TYPE_BIN)

static void
md_wizard_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MD_TYPE_WIZARD);

  G_OBJECT_CLASS (md_wizard_parent_class)->dispose (object);
}

static void
md_wizard_class_init (MdWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = md_wizard_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/md-wizard.ui");
  gtk_widget_class_bind_template_child (widget_class, MdWizard, address_row);
}

static void
md_wizard_init (MdWizard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
