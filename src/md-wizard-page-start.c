/* md-wizard-page-start.c — step 1: the address, what is wrong, the provider
 *
 * The address is validated as it is typed, with the engine's own message;
 * once it names a valid domain the wizard starts every check in the
 * background, so that results are ready when the user reaches them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "md-domain.h"
#include "md-wizard.h"
#include "md-wizard-page-start.h"

/* An error shown on every keystroke would scold people for typing: it waits
 * for a pause, or for Enter. */
#define MESSAGE_DELAY_MS 800

struct _MdWizardPageStart
{
  MdWizardPage    parent_instance;

  GSettings      *settings;
  char           *domain;           /* NULL while the text is not valid */
  char           *display_domain;   /* the same, as people read it */
  GPtrArray      *providers;        /* the combo's items after "Automatic" */
  char           *error_message;
  guint           message_timeout;

  AdwEntryRow    *address_row;
  GtkImage       *address_icon;
  GtkWidget      *address_message_box;
  GtkLabel       *address_message;
  GtkCheckButton *symptom_receive;
  GtkCheckButton *symptom_send;
  GtkCheckButton *symptom_bounces;
  GtkCheckButton *symptom_not_sure;
  AdwComboRow    *provider_row;
  GtkSpinner     *provider_spinner;
};

G_DEFINE_FINAL_TYPE (MdWizardPageStart, md_wizard_page_start, MD_TYPE_WIZARD_PAGE)

static void
show_message (MdWizardPageStart *self,
              const char        *message,
              gboolean           is_error)
{
  gtk_label_set_label (self->address_message, message ? message : "");
  gtk_widget_set_visible (self->address_message_box, message != NULL);

  if (is_error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->address_message), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->address_message), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->address_row), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->address_message), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->address_message), "dim-label");
      gtk_widget_remove_css_class (GTK_WIDGET (self->address_row), "error");
    }

  gtk_widget_set_visible (GTK_WIDGET (self->address_icon), message != NULL);
  if (message != NULL)
    {
      const char *label = is_error ? _("Not valid") : _("Valid");

      gtk_image_set_from_icon_name (self->address_icon, is_error ? "dialog-error-symbolic" : "md-status-ok-symbolic");
      gtk_widget_remove_css_class (GTK_WIDGET (self->address_icon), is_error ? "success" : "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->address_icon), is_error ? "error" : "success");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->address_icon), label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->address_icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
    }
}

/* Says which domain is checked ("https://www.example.fr/" or
 * "Jean@Example.FR" become "example.fr"), and how far the checks are. */
static void
update_progress (MdWizardPageStart *self)
{
  MdWizard *wizard = md_wizard_page_get_wizard (MD_WIZARD_PAGE (self));
  g_autofree char *message = NULL;

  if (self->display_domain == NULL)
    return;

  if (wizard != NULL && g_strcmp0 (md_wizard_get_domain (wizard), self->domain) == 0 &&
      md_wizard_get_diagnosis (wizard) != NULL)
    {
      if (md_wizard_get_running (wizard))
        message = g_strdup_printf (_("Checking %s in the background…"), self->display_domain);
      else
        message = g_strdup_printf (_("%s is checked: the next steps show what was found."), self->display_domain);
    }
  else
    message = g_strdup_printf (_("Mail Doctor will check %s."), self->display_domain);

  show_message (self, message, FALSE);
}

static gboolean
message_timeout_cb (gpointer user_data)
{
  MdWizardPageStart *self = user_data;

  self->message_timeout = 0;
  show_message (self, self->error_message, TRUE);

  return G_SOURCE_REMOVE;
}

static void
address_changed_cb (MdWizardPageStart *self)
{
  MdWizard *wizard = md_wizard_page_get_wizard (MD_WIZARD_PAGE (self));
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->address_row));
  g_autoptr(GError) error = NULL;
  g_autofree char *unicode = NULL;
  g_autofree char *domain = NULL;

  g_clear_handle_id (&self->message_timeout, g_source_remove);
  g_clear_pointer (&self->error_message, g_free);

  domain = md_domain_normalize (text, &unicode, NULL, &error);

  g_clear_pointer (&self->display_domain, g_free);
  if (domain != NULL)
    self->display_domain = g_strdup (unicode ? unicode : domain);
  else if (g_error_matches (error, MD_DOMAIN_ERROR, MD_DOMAIN_ERROR_EMPTY))
    show_message (self, NULL, FALSE);
  else
    {
      show_message (self, NULL, FALSE);
      self->error_message = g_strdup (error->message);
      self->message_timeout = g_timeout_add (MESSAGE_DELAY_MS, message_timeout_cb, self);
    }

  g_free (self->domain);
  self->domain = g_steal_pointer (&domain);
  md_wizard_page_set_complete (MD_WIZARD_PAGE (self), self->domain != NULL);
  if (wizard != NULL)
    md_wizard_set_address (wizard, self->domain);
  update_progress (self);
}

static void
address_activated_cb (MdWizardPageStart *self)
{
  MdWizard *wizard = md_wizard_page_get_wizard (MD_WIZARD_PAGE (self));

  if (md_wizard_page_get_complete (MD_WIZARD_PAGE (self)))
    {
      if (wizard != NULL)
        md_wizard_go_next (wizard);
    }
  else if (self->error_message != NULL)
    {
      g_clear_handle_id (&self->message_timeout, g_source_remove);
      show_message (self, self->error_message, TRUE);
    }
}

static void
symptom_toggled_cb (MdWizardPageStart *self,
                    GtkCheckButton    *button)
{
  MdWizard *wizard = md_wizard_page_get_wizard (MD_WIZARD_PAGE (self));
  MdSymptom symptom;

  if (wizard == NULL || !gtk_check_button_get_active (button))
    return;

  if (button == self->symptom_receive)
    symptom = MD_SYMPTOM_CANNOT_RECEIVE;
  else if (button == self->symptom_send)
    symptom = MD_SYMPTOM_CANNOT_SEND;
  else if (button == self->symptom_bounces)
    symptom = MD_SYMPTOM_BOUNCES;
  else
    symptom = MD_SYMPTOM_NOT_SURE;

  md_wizard_set_symptom (wizard, symptom);
}

static void
provider_selected_cb (MdWizardPageStart *self)
{
  MdWizard *wizard = md_wizard_page_get_wizard (MD_WIZARD_PAGE (self));
  guint selected = adw_combo_row_get_selected (self->provider_row);
  MdProvider *provider = NULL;

  if (wizard == NULL)
    return;

  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected <= self->providers->len)
    provider = g_ptr_array_index (self->providers, selected - 1);

  md_wizard_choose_provider (wizard, provider);
}

static void
update_provider (MdWizardPageStart *self,
                 MdWizard          *wizard)
{
  MdProvider *chosen = md_wizard_get_chosen_provider (wizard);
  MdProvider *detected = md_wizard_get_detected_provider (wizard);
  MdCheck *mx = md_wizard_get_check (wizard, "mx");
  MdCheckStatus mx_status = mx ? md_check_get_status (mx) : MD_CHECK_STATUS_PENDING;
  gboolean looking = mx != NULL && md_check_status_severity (mx_status) == 0;
  guint selected = 0;
  g_autofree char *subtitle = NULL;

  for (guint i = 0; chosen != NULL && i < self->providers->len; i++)
    if (g_ptr_array_index (self->providers, i) == chosen)
      selected = i + 1;
  if (adw_combo_row_get_selected (self->provider_row) != selected)
    adw_combo_row_set_selected (self->provider_row, selected);

  if (chosen != NULL && detected != NULL && chosen != detected)
    subtitle = g_strdup_printf (_("Chosen by you; your MX records point at %s"), md_provider_get_name (detected));
  else if (chosen != NULL)
    subtitle = g_strdup (_("Chosen by you"));
  else if (detected != NULL)
    subtitle = g_strdup_printf (_("Detected from your MX records: %s"), md_provider_get_name (detected));
  else if (looking)
    subtitle = g_strdup (_("Looking at your MX records…"));
  else if (mx != NULL)
    subtitle = g_strdup (_("Not recognised from your MX records: choose your provider if you know it"));
  else
    subtitle = g_strdup (_("Detected from your MX records once the domain is known"));

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->provider_row), subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->provider_spinner), looking && chosen == NULL);
  gtk_spinner_set_spinning (self->provider_spinner, looking && chosen == NULL);
}

static void
md_wizard_page_start_update (MdWizardPage *page)
{
  MdWizardPageStart *self = MD_WIZARD_PAGE_START (page);
  MdWizard *wizard = md_wizard_page_get_wizard (page);
  MdSymptom symptom = md_wizard_get_symptom (wizard);

  gtk_check_button_set_active (self->symptom_receive, symptom == MD_SYMPTOM_CANNOT_RECEIVE);
  gtk_check_button_set_active (self->symptom_send, symptom == MD_SYMPTOM_CANNOT_SEND);
  gtk_check_button_set_active (self->symptom_bounces, symptom == MD_SYMPTOM_BOUNCES);
  gtk_check_button_set_active (self->symptom_not_sure, symptom == MD_SYMPTOM_NOT_SURE);

  update_provider (self, wizard);
  update_progress (self);
}

static gboolean
md_wizard_page_start_apply (MdWizardPage *page,
                            GCancellable *cancellable)
{
  MdWizardPageStart *self = MD_WIZARD_PAGE_START (page);
  MdWizard *wizard = md_wizard_page_get_wizard (page);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->address_row))));

  g_settings_set_string (self->settings, "last-domain", text);
  /* The text offered from the last session was never handed over. */
  md_wizard_set_address (wizard, self->domain);
  md_wizard_start_now (wizard);

  return FALSE;
}

static void
md_wizard_page_start_shown (MdWizardPage *page)
{
  MdWizardPageStart *self = MD_WIZARD_PAGE_START (page);

  gtk_widget_grab_focus (GTK_WIDGET (self->address_row));
}

void
md_wizard_page_start_set_text (MdWizardPageStart *self,
                               const char        *text)
{
  g_return_if_fail (MD_IS_WIZARD_PAGE_START (self));

  gtk_editable_set_text (GTK_EDITABLE (self->address_row), text ? text : "");
}

/* The validation message as the user sees it, or NULL when none is shown. */
const char *
md_wizard_page_start_get_message (MdWizardPageStart *self)
{
  g_return_val_if_fail (MD_IS_WIZARD_PAGE_START (self), NULL);

  if (!gtk_widget_get_visible (self->address_message_box))
    return NULL;

  return gtk_label_get_label (self->address_message);
}

static void
md_wizard_page_start_dispose (GObject *object)
{
  MdWizardPageStart *self = MD_WIZARD_PAGE_START (object);

  g_clear_handle_id (&self->message_timeout, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), MD_TYPE_WIZARD_PAGE_START);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->providers, g_ptr_array_unref);
  g_clear_pointer (&self->error_message, g_free);
  g_clear_pointer (&self->domain, g_free);
  g_clear_pointer (&self->display_domain, g_free);

  G_OBJECT_CLASS (md_wizard_page_start_parent_class)->dispose (object);
}

static void
md_wizard_page_start_class_init (MdWizardPageStartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MdWizardPageClass *page_class = MD_WIZARD_PAGE_CLASS (klass);

  object_class->dispose = md_wizard_page_start_dispose;
  page_class->update = md_wizard_page_start_update;
  page_class->apply = md_wizard_page_start_apply;
  page_class->shown = md_wizard_page_start_shown;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/md-wizard-page-start.ui");
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageStart, address_row);
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageStart, address_icon);
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageStart, address_message_box);
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageStart, address_message);
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageStart, symptom_receive);
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageStart, symptom_send);
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageStart, symptom_bounces);
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageStart, symptom_not_sure);
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageStart, provider_row);
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageStart, provider_spinner);
  gtk_widget_class_bind_template_callback (widget_class, address_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, address_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, symptom_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, provider_selected_cb);
}

static void
md_wizard_page_start_init (MdWizardPageStart *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GPtrArray *all = md_provider_get_all ();
  g_autofree char *last = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Screen readers read the validation message with the field. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->address_row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->address_message, NULL,
                                  -1);

  self->settings = g_settings_new (APPLICATION_ID);
  self->providers = g_ptr_array_new_with_free_func (g_object_unref);

  /* Translators: the provider is recognised from the domain's MX records. */
  gtk_string_list_append (names, _("Automatic"));
  for (guint i = 0; all != NULL && i < all->len; i++)
    {
      MdProvider *provider = g_ptr_array_index (all, i);

      g_ptr_array_add (self->providers, g_object_ref (provider));
      gtk_string_list_append (names, md_provider_get_name (provider));
    }
  adw_combo_row_set_model (self->provider_row, G_LIST_MODEL (names));

  /* Offered again, not checked again: the wizard does not exist yet. */
  last = g_settings_get_string (self->settings, "last-domain");
  gtk_editable_set_text (GTK_EDITABLE (self->address_row), last);
}
