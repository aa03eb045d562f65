/* md-check-row.c — one check as a list row: status, summary and the details
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "md-check-row.h"

struct _MdCheckRow
{
  AdwExpanderRow  parent_instance;

  MdCheck        *check;
  gulong          changed_id;
  gulong          status_id;
  guint           n_records;

  GtkStack       *status_stack;
  GtkImage       *status_icon;
  GtkSpinner     *spinner;
  GtkBox         *details_box;
};

G_DEFINE_FINAL_TYPE (MdCheckRow, md_check_row, ADW_TYPE_EXPANDER_ROW)

enum {
  PROP_0,
  PROP_CHECK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const status_classes[] = {
  "md-status-ok", "md-status-warning", "md-status-error", "md-status-unknown",
};

GtkWidget *
md_check_row_new (MdCheck *check)
{
  g_return_val_if_fail (MD_IS_CHECK (check), NULL);

  return g_object_new (MD_TYPE_CHECK_ROW, "check", check, NULL);
}

MdCheck *
md_check_row_get_check (MdCheckRow *self)
{
  g_return_val_if_fail (MD_IS_CHECK_ROW (self), NULL);

  return self->check;
}

static const char *
status_icon_name (MdCheckStatus status)
{
  switch (status)
    {
    case MD_CHECK_STATUS_OK: return "md-status-ok-symbolic";
    case MD_CHECK_STATUS_WARNING: return "dialog-warning-symbolic";
    case MD_CHECK_STATUS_ERROR: return "dialog-error-symbolic";
    case MD_CHECK_STATUS_UNKNOWN: return "dialog-question-symbolic";
    case MD_CHECK_STATUS_PENDING:
    case MD_CHECK_STATUS_RUNNING:
    default: return NULL;
    }
}

static const char *
status_class (MdCheckStatus status)
{
  switch (status)
    {
    case MD_CHECK_STATUS_OK: return status_classes[0];
    case MD_CHECK_STATUS_WARNING: return status_classes[1];
    case MD_CHECK_STATUS_ERROR: return status_classes[2];
    case MD_CHECK_STATUS_UNKNOWN: return status_classes[3];
    case MD_CHECK_STATUS_PENDING:
    case MD_CHECK_STATUS_RUNNING:
    default: return NULL;
    }
}

static gboolean
restore_copy_icon (gpointer user_data)
{
  g_autoptr(GtkButton) button = user_data;

  if (gtk_widget_get_parent (GTK_WIDGET (button)) != NULL)
    gtk_button_set_icon_name (button, "edit-copy-symbolic");

  return G_SOURCE_REMOVE;
}

static void
copy_clicked_cb (GtkButton *button,
                 const char *text)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), text);
  /* A tick on the button says it worked without a dialog to dismiss. */
  gtk_button_set_icon_name (button, "md-status-ok-symbolic");
  g_timeout_add_seconds (2, restore_copy_icon, g_object_ref (button));
}

static GtkWidget *
copy_button_new (const char *text,
                 const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("edit-copy-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect_data (button, "clicked", G_CALLBACK (copy_clicked_cb),
                         g_strdup (text), (GClosureNotify) (void (*) (void)) g_free, 0);

  return button;
}

static GtkWidget *
section_label_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, "dim-label");

  return label;
}

static GtkWidget *
line_label_new (const char *text,
                gboolean    monospace)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  if (monospace)
    gtk_widget_add_css_class (label, "monospace");

  return label;
}

static void
append_record (MdCheckRow *self,
               const char *record)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = line_label_new (record, TRUE);

  gtk_widget_add_css_class (box, "md-record");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), copy_button_new (record, _("Copy this record")));
  gtk_box_append (self->details_box, box);
}

static void
append_link (MdCheckRow *self,
             const char *url)
{
  g_autofree char *escaped = g_markup_escape_text (url, -1);
  g_autofree char *markup = g_strdup_printf ("<a href=\"%s\">%s</a>", escaped, escaped);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (self->details_box, label);
}

static void
clear_details (MdCheckRow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->details_box))) != NULL)
    gtk_box_remove (self->details_box, child);
}

/* Evidence first (what was seen), then the exact records to set (the fix,
 * each with its own copy button), then advice and links. */
static void
rebuild_details (MdCheckRow *self)
{
  g_auto(GStrv) evidence = NULL;
  g_auto(GStrv) records = NULL;
  g_auto(GStrv) advice = NULL;
  g_auto(GStrv) links = NULL;
  MdCheckStatus status;

  clear_details (self);
  self->n_records = 0;

  if (self->check == NULL)
    return;

  status = md_check_get_status (self->check);
  evidence = md_check_dup_evidence (self->check);
  records = md_check_dup_records (self->check);
  advice = md_check_dup_advice (self->check);
  links = md_check_dup_links (self->check);

  if (status == MD_CHECK_STATUS_UNKNOWN)
    {
      GtkWidget *label = line_label_new (_("This check could not be done, so nothing is known to be wrong or missing here."),
                                         FALSE);
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Check Again"));

      gtk_label_set_selectable (GTK_LABEL (label), FALSE);
      gtk_box_append (self->details_box, label);
      gtk_widget_set_halign (button, GTK_ALIGN_START);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "wizard.retry");
      gtk_widget_add_css_class (button, "pill");
      gtk_box_append (self->details_box, button);
    }

  if (evidence[0] != NULL)
    {
      gtk_box_append (self->details_box, section_label_new (_("What was found")));
      for (guint i = 0; evidence[i] != NULL; i++)
        gtk_box_append (self->details_box, line_label_new (evidence[i], TRUE));
    }

  if (records[0] != NULL)
    {
      gtk_box_append (self->details_box, section_label_new (_("What your DNS zone should contain")));
      for (guint i = 0; records[i] != NULL; i++)
        append_record (self, records[i]);
      self->n_records = g_strv_length (records);

      if (self->n_records > 1)
        {
          g_autofree char *all = g_strjoinv ("\n", records);
          GtkWidget *button = gtk_button_new_with_mnemonic (_("Copy _All Records"));

          gtk_widget_set_halign (button, GTK_ALIGN_START);
          g_signal_connect_data (button, "clicked", G_CALLBACK (copy_clicked_cb),
                                 g_steal_pointer (&all), (GClosureNotify) (void (*) (void)) g_free, 0);
          gtk_box_append (self->details_box, button);
        }
    }

  if (advice[0] != NULL)
    {
      gtk_box_append (self->details_box, section_label_new (_("What to do")));
      for (guint i = 0; advice[i] != NULL; i++)
        {
          GtkWidget *label = line_label_new (advice[i], FALSE);

          gtk_label_set_selectable (GTK_LABEL (label), FALSE);
          gtk_box_append (self->details_box, label);
        }
    }

  if (links[0] != NULL)
    {
      gtk_box_append (self->details_box, section_label_new (_("Learn more")));
      for (guint i = 0; links[i] != NULL; i++)
        append_link (self, links[i]);
    }

  if (md_check_status_severity (status) > 0 && md_check_get_elapsed_ms (self->check) > 0)
    {
      g_autofree char *text = g_strdup_printf (_("Checked in %.1f s"),
                                               md_check_get_elapsed_ms (self->check) / 1000.0);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (self->details_box, label);
    }
}

static gboolean
starts_with_label (const char *summary,
                   const char *label)
{
  g_autofree char *folded_summary = g_utf8_casefold (summary, -1);
  g_autofree char *folded_label = g_utf8_casefold (label, -1);

  return g_str_has_prefix (folded_summary, folded_label);
}

static void
update_status (MdCheckRow *self)
{
  MdCheckStatus status = self->check ? md_check_get_status (self->check) : MD_CHECK_STATUS_PENDING;
  const char *summary = self->check ? md_check_get_summary (self->check) : NULL;
  const char *label = md_check_status_get_label (status);
  gboolean busy = status == MD_CHECK_STATUS_PENDING || status == MD_CHECK_STATUS_RUNNING;
  const char *klass = status_class (status);

  for (guint i = 0; i < G_N_ELEMENTS (status_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self), status_classes[i]);
  if (klass != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), klass);

  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_stack_set_visible_child_name (self->status_stack, busy ? "spinner" : "icon");
  gtk_image_set_from_icon_name (self->status_icon, status_icon_name (status));
  /* The icon's shape differs by status; its name is said and shown too,
   * so that colour is never the only sign. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_icon), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spinner),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);

  if (self->check != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), md_check_get_title (self->check));

  if (busy || summary == NULL || *summary == '\0')
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), label);
  else if (status == MD_CHECK_STATUS_UNKNOWN && !starts_with_label (summary, label))
    {
      /* Say "could not check" in words even when the engine's summary does not. */
      g_autofree char *text = g_strdup_printf ("%s — %s", label, summary);

      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), text);
    }
  else
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), summary);

  /* Enabling the expansion also expands the row: keep what the user chose. */
  if (adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (self)) == busy)
    {
      gboolean expanded = adw_expander_row_get_expanded (ADW_EXPANDER_ROW (self));

      adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (self), !busy);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), expanded && !busy);
    }
}

static void
check_changed_cb (MdCheckRow *self)
{
  update_status (self);
  rebuild_details (self);
}

void
md_check_row_set_check (MdCheckRow *self,
                        MdCheck    *check)
{
  g_return_if_fail (MD_IS_CHECK_ROW (self));
  g_return_if_fail (check == NULL || MD_IS_CHECK (check));

  if (self->check == check)
    return;

  if (self->check != NULL)
    {
      g_clear_signal_handler (&self->changed_id, self->check);
      g_clear_signal_handler (&self->status_id, self->check);
    }
  g_set_object (&self->check, check);
  if (check != NULL)
    {
      /* "changed" is not emitted when a check starts running: watch the status too. */
      self->changed_id = g_signal_connect_object (check, "changed", G_CALLBACK (check_changed_cb),
                                                  self, G_CONNECT_SWAPPED);
      self->status_id = g_signal_connect_object (check, "notify::status", G_CALLBACK (update_status),
                                                 self, G_CONNECT_SWAPPED);
    }

  check_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECK]);
}

const char *
md_check_row_get_status_icon (MdCheckRow *self)
{
  g_return_val_if_fail (MD_IS_CHECK_ROW (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->status_stack), "icon") != 0)
    return NULL;

  return gtk_image_get_icon_name (self->status_icon);
}

const char *
md_check_row_get_status_label (MdCheckRow *self)
{
  g_return_val_if_fail (MD_IS_CHECK_ROW (self), NULL);

  return gtk_widget_get_tooltip_text (GTK_WIDGET (self->status_icon));
}

gboolean
md_check_row_get_busy (MdCheckRow *self)
{
  g_return_val_if_fail (MD_IS_CHECK_ROW (self), FALSE);

  return gtk_spinner_get_spinning (self->spinner);
}

guint
md_check_row_get_n_records (MdCheckRow *self)
{
  g_return_val_if_fail (MD_IS_CHECK_ROW (self), 0);

  return self->n_records;
}

static void
md_check_row_dispose (GObject *object)
{
  MdCheckRow *self = MD_CHECK_ROW (object);

  md_check_row_set_check (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MD_TYPE_CHECK_ROW);

  G_OBJECT_CLASS (md_check_row_parent_class)->dispose (object);
}

static void
md_check_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MdCheckRow *self = MD_CHECK_ROW (object);

  switch (prop_id)
    {
    case PROP_CHECK:
      g_value_set_object (value, self->check);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
md_check_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  MdCheckRow *self = MD_CHECK_ROW (object);

  switch (prop_id)
    {
    case PROP_CHECK:
      md_check_row_set_check (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
md_check_row_class_init (MdCheckRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = md_check_row_dispose;
  object_class->get_property = md_check_row_get_property;
  object_class->set_property = md_check_row_set_property;

  properties[PROP_CHECK] =
    g_param_spec_object ("check", NULL, NULL, MD_TYPE_CHECK,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/md-check-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MdCheckRow, status_stack);
  gtk_widget_class_bind_template_child (widget_class, MdCheckRow, status_icon);
  gtk_widget_class_bind_template_child (widget_class, MdCheckRow, spinner);
  gtk_widget_class_bind_template_child (widget_class, MdCheckRow, details_box);
}

static void
md_check_row_init (MdCheckRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_status (self);
}
