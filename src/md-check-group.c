/* md-check-group.c — a titled list of check rows, with a notice when some could not be done
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "md-check-group.h"
#include "md-check-row.h"

struct _MdCheckGroup
{
  AdwBin        parent_instance;

  GStrv         check_ids;
  GListModel   *checks;
  GPtrArray    *rows;          /* MdCheckRow, in check_ids order */
  gboolean      show_notice;
  gboolean      has_unknown;

  GtkLabel     *title_label;
  GtkWidget    *notice_box;
  GtkLabel     *notice_label;
  GtkListBox   *list_box;
};

G_DEFINE_FINAL_TYPE (MdCheckGroup, md_check_group, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_CHECK_IDS,
  PROP_SHOW_NOTICE,
  PROP_HAS_UNKNOWN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static MdCheck *
find_check (GListModel *checks,
            const char *id)
{
  guint n = checks ? g_list_model_get_n_items (checks) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MdCheck) check = g_list_model_get_item (checks, i);

      if (g_strcmp0 (md_check_get_id (check), id) == 0)
        return check;
    }

  return NULL;
}

static void
update_notice (MdCheckGroup *self)
{
  gboolean unknown = FALSE;

  for (guint i = 0; i < self->rows->len; i++)
    {
      MdCheckRow *row = g_ptr_array_index (self->rows, i);
      MdCheck *check = md_check_row_get_check (row);

      if (check != NULL && gtk_widget_get_visible (GTK_WIDGET (row)) &&
          md_check_get_status (check) == MD_CHECK_STATUS_UNKNOWN)
        unknown = TRUE;
    }

  /* Offline, every check that needs the network fails: say so plainly. */
  if (unknown && !g_network_monitor_get_network_available (g_network_monitor_get_default ()))
    gtk_label_set_label (self->notice_label,
                         _("There is no network connection, so some checks could not be done. Connect, then retry."));
  else
    gtk_label_set_label (self->notice_label,
                         _("Some checks could not be done: their rows say why. This does not mean that anything is missing."));
  gtk_widget_set_visible (self->notice_box, unknown && self->show_notice);

  if (self->has_unknown != unknown)
    {
      self->has_unknown = unknown;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_UNKNOWN]);
    }
}

static void
rebind (MdCheckGroup *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      MdCheckRow *row = g_ptr_array_index (self->rows, i);
      MdCheck *old = md_check_row_get_check (row);
      MdCheck *check = find_check (self->checks, self->check_ids[i]);

      if (old != NULL)
        g_signal_handlers_disconnect_by_func (old, update_notice, self);
      md_check_row_set_check (row, check);
      /* A check the engine does not run for this domain has no row. */
      gtk_widget_set_visible (GTK_WIDGET (row), check != NULL);
      if (check != NULL)
        g_signal_connect_object (check, "notify::status", G_CALLBACK (update_notice),
                                 self, G_CONNECT_SWAPPED);
    }

  update_notice (self);
}

static void
rebuild_rows (MdCheckGroup *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    gtk_list_box_remove (self->list_box, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; self->check_ids != NULL && self->check_ids[i] != NULL; i++)
    {
      GtkWidget *row = g_object_new (MD_TYPE_CHECK_ROW, NULL);

      gtk_widget_set_name (row, self->check_ids[i]);
      gtk_list_box_append (self->list_box, row);
      g_ptr_array_add (self->rows, row);
    }

  rebind (self);
}

/* Binds the rows to the checks of @checks (a model of MdCheck) whose ids
 * the group lists; NULL leaves the rows empty. */
void
md_check_group_set_checks (MdCheckGroup *self,
                           GListModel   *checks)
{
  g_return_if_fail (MD_IS_CHECK_GROUP (self));
  g_return_if_fail (checks == NULL || G_IS_LIST_MODEL (checks));

  if (self->checks != NULL)
    g_signal_handlers_disconnect_by_func (self->checks, rebind, self);
  g_set_object (&self->checks, checks);
  if (checks != NULL)
    g_signal_connect_object (checks, "items-changed", G_CALLBACK (rebind), self, G_CONNECT_SWAPPED);

  rebind (self);
}

GtkWidget *
md_check_group_get_row (MdCheckGroup *self,
                        const char   *id)
{
  g_return_val_if_fail (MD_IS_CHECK_GROUP (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < self->rows->len; i++)
    if (g_strcmp0 (self->check_ids[i], id) == 0)
      return g_ptr_array_index (self->rows, i);

  return NULL;
}

/* Whether a check of the group could not be done, notice shown or not. */
gboolean
md_check_group_get_has_unknown (MdCheckGroup *self)
{
  g_return_val_if_fail (MD_IS_CHECK_GROUP (self), FALSE);

  return self->has_unknown;
}

/* A page with several groups may say it once, above them all. */
void
md_check_group_set_show_notice (MdCheckGroup *self,
                                gboolean      show_notice)
{
  g_return_if_fail (MD_IS_CHECK_GROUP (self));

  if (self->show_notice == !!show_notice)
    return;

  self->show_notice = !!show_notice;
  update_notice (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_NOTICE]);
}

gboolean
md_check_group_get_has_notice (MdCheckGroup *self)
{
  g_return_val_if_fail (MD_IS_CHECK_GROUP (self), FALSE);

  return gtk_widget_get_visible (self->notice_box);
}

static void
md_check_group_dispose (GObject *object)
{
  MdCheckGroup *self = MD_CHECK_GROUP (object);

  if (self->checks != NULL)
    g_signal_handlers_disconnect_by_func (self->checks, rebind, self);
  g_clear_object (&self->checks);
  gtk_widget_dispose_template (GTK_WIDGET (self), MD_TYPE_CHECK_GROUP);

  G_OBJECT_CLASS (md_check_group_parent_class)->dispose (object);
}

static void
md_check_group_finalize (GObject *object)
{
  MdCheckGroup *self = MD_CHECK_GROUP (object);

  g_strfreev (self->check_ids);
  g_ptr_array_unref (self->rows);

  G_OBJECT_CLASS (md_check_group_parent_class)->finalize (object);
}

static void
md_check_group_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MdCheckGroup *self = MD_CHECK_GROUP (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, gtk_label_get_label (self->title_label));
      break;

    case PROP_CHECK_IDS:
      g_value_set_boxed (value, self->check_ids);
      break;

    case PROP_SHOW_NOTICE:
      g_value_set_boolean (value, self->show_notice);
      break;

    case PROP_HAS_UNKNOWN:
      g_value_set_boolean (value, self->has_unknown);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
md_check_group_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MdCheckGroup *self = MD_CHECK_GROUP (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      gtk_label_set_label (self->title_label, g_value_get_string (value));
      gtk_widget_set_visible (GTK_WIDGET (self->title_label), g_value_get_string (value) != NULL);
      break;

    case PROP_CHECK_IDS:
      g_strfreev (self->check_ids);
      self->check_ids = g_value_dup_boxed (value);
      rebuild_rows (self);
      break;

    case PROP_SHOW_NOTICE:
      md_check_group_set_show_notice (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
md_check_group_class_init (MdCheckGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = md_check_group_dispose;
  object_class->finalize = md_check_group_finalize;
  object_class->get_property = md_check_group_get_property;
  object_class->set_property = md_check_group_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /* The checks shown, by id, in this order. */
  properties[PROP_CHECK_IDS] =
    g_param_spec_boxed ("check-ids", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_NOTICE] =
    g_param_spec_boolean ("show-notice", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_UNKNOWN] =
    g_param_spec_boolean ("has-unknown", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/md-check-group.ui");
  gtk_widget_class_bind_template_child (widget_class, MdCheckGroup, title_label);
  gtk_widget_class_bind_template_child (widget_class, MdCheckGroup, notice_box);
  gtk_widget_class_bind_template_child (widget_class, MdCheckGroup, notice_label);
  gtk_widget_class_bind_template_child (widget_class, MdCheckGroup, list_box);
}

static void
md_check_group_init (MdCheckGroup *self)
{
  self->rows = g_ptr_array_new ();
  self->show_notice = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
}
