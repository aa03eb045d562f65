/* md-bounce-view.c — the "Analyze a bounce" paste box
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "md-bounce-view.h"

struct _MdBounceView
{
  AdwBin       parent_instance;

  GtkTextView *text_view;
};

G_DEFINE_FINAL_TYPE (MdBounceView, md_bounce_view, ADW_TYPE_BIN)

static void
md_bounce_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MD_TYPE_BOUNCE_VIEW);

  G_OBJECT_CLASS (md_bounce_view_parent_class)->dispose (object);
}

static void
md_bounce_view_class_init (MdBounceViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = md_bounce_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/md-bounce-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MdBounceView, text_view);
}

static void
md_bounce_view_init (MdBounceView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
