/* md-wizard-page-webmail.c — step 3: does mail work in webmail?
 *
 * The providers' own order: if webmail sends and receives, the servers are
 * fine and the mail program's settings are the suspect; if the user cannot
 * even log in, the password is. Nothing here asks for the password.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "md-check-group.h"
#include "md-wizard.h"
#include "md-wizard-page-webmail.h"

struct _MdWizardPageWebmail
{
  MdWizardPage         parent_instance;

  MdProvider          *servers_provider;   /* whose servers the rows show */
  GPtrArray           *server_rows;

  MdCheckGroup        *checks_group;
  AdwActionRow        *webmail_row;
  GtkCheckButton      *works_yes;
  GtkCheckButton      *works_no;
  GtkWidget           *works_box;
  AdwPreferencesGroup *servers_group;
  GtkWidget           *login_box;
  GtkCheckButton      *login_yes;
  GtkCheckButton      *login_no;
  GtkWidget           *reset_box;
  GtkButton           *reset_button;
  GtkWidget           *server_side_box;
};

G_DEFINE_FINAL_TYPE (MdWizardPageWebmail, md_wizard_page_webmail, MD_TYPE_WIZARD_PAGE)

static const char *
protocol_title (const char *protocol)
{
  if (g_strcmp0 (protocol, "imap") == 0)
    return _("Incoming Mail (IMAP)");
  if (g_strcmp0 (protocol, "pop") == 0)
    return _("Incoming Mail (POP)");
  if (g_strcmp0 (protocol, "smtp") == 0)
    return _("Outgoing Mail (SMTP)");
  return protocol;
}

static const char *
security_label (const char *security)
{
  if (g_strcmp0 (security, "ssl") == 0)
    /* Translators: the connection security setting of a mail program. */
    return _("SSL/TLS");
  if (g_strcmp0 (security, "starttls") == 0)
    return _("STARTTLS");
  return security;
}

static void
copy_server_cb (GtkButton  *button,
                const char *host)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), host);
}

static void
add_server_row (MdWizardPageWebmail    *self,
                const char             *title,
                const char             *subtitle,
                const char             *copy_text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (copy_text != NULL)
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("edit-copy-symbolic");

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("Copy the server name"));
      gtk_widget_add_css_class (button, "flat");
      g_signal_connect_data (button, "clicked", G_CALLBACK (copy_server_cb),
                             g_strdup (copy_text), (GClosureNotify) (void (*) (void)) g_free, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  adw_preferences_group_add (self->servers_group, row);
  g_ptr_array_add (self->server_rows, row);
}

static void
rebuild_servers (MdWizardPageWebmail *self,
                 MdProvider          *provider)
{
  const MdProviderServer *servers;
  guint n_servers = 0;

  for (guint i = 0; i < self->server_rows->len; i++)
    adw_preferences_group_remove (self->servers_group, g_ptr_array_index (self->server_rows, i));
  g_ptr_array_set_size (self->server_rows, 0);
  g_set_object (&self->servers_provider, provider);

  servers = provider ? md_provider_get_servers (provider, &n_servers) : NULL;
  if (n_servers == 0)
    {
      add_server_row (self, _("Server Settings Unknown"),
                      _("Choose your provider on the first step to see the settings it documents."),
                      NULL);
      return;
    }

  for (guint i = 0; i < n_servers; i++)
    {
      /* Translators: server name, port number and connection security, e.g. "ssl0.ovh.net · port 993 · SSL/TLS". */
      g_autofree char *subtitle = g_strdup_printf (_("%s · port %u · %s"),
                                                   servers[i].host, servers[i].port,
                                                   security_label (servers[i].security));

      add_server_row (self, protocol_title (servers[i].protocol), subtitle, servers[i].host);
    }
}

static void
works_toggled_cb (MdWizardPageWebmail *self,
                  GtkCheckButton      *button)
{
  MdWizard *wizard = md_wizard_page_get_wizard (MD_WIZARD_PAGE (self));

  if (wizard != NULL && gtk_check_button_get_active (button))
    md_wizard_set_answer (wizard, MD_QUESTION_WEBMAIL_WORKS,
                          button == self->works_yes ? MD_ANSWER_YES : MD_ANSWER_NO);
}

static void
login_toggled_cb (MdWizardPageWebmail *self,
                  GtkCheckButton      *button)
{
  MdWizard *wizard = md_wizard_page_get_wizard (MD_WIZARD_PAGE (self));

  if (wizard != NULL && gtk_check_button_get_active (button))
    md_wizard_set_answer (wizard, MD_QUESTION_WEBMAIL_LOGIN,
                          button == self->login_yes ? MD_ANSWER_YES : MD_ANSWER_NO);
}

static void
md_wizard_page_webmail_update (MdWizardPage *page)
{
  MdWizardPageWebmail *self = MD_WIZARD_PAGE_WEBMAIL (page);
  MdWizard *wizard = md_wizard_page_get_wizard (page);
  MdProvider *provider = md_wizard_get_provider (wizard);
  const char *webmail_url = provider ? md_provider_get_webmail_url (provider) : NULL;
  const char *reset_url = provider ? md_provider_get_password_reset_url (provider) : NULL;
  MdAnswer works = md_wizard_get_answer (wizard, MD_QUESTION_WEBMAIL_WORKS);
  MdAnswer login = md_wizard_get_answer (wizard, MD_QUESTION_WEBMAIL_LOGIN);

  md_check_group_set_checks (self->checks_group, md_wizard_get_checks (wizard));

  gtk_widget_set_sensitive (GTK_WIDGET (self->webmail_row), webmail_url != NULL);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->webmail_row), "s", webmail_url ? webmail_url : "");
  adw_action_row_set_subtitle (self->webmail_row,
                               webmail_url ? webmail_url
                                           : _("Your provider is not known yet: choose it on the first step if it is not detected."));
  gtk_widget_set_sensitive (GTK_WIDGET (self->reset_button), reset_url != NULL);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->reset_button), "s", reset_url ? reset_url : "");

  if (provider != self->servers_provider || self->server_rows->len == 0)
    rebuild_servers (self, provider);

  gtk_check_button_set_active (self->works_yes, works == MD_ANSWER_YES);
  gtk_check_button_set_active (self->works_no, works == MD_ANSWER_NO);
  gtk_check_button_set_active (self->login_yes, login == MD_ANSWER_YES);
  gtk_check_button_set_active (self->login_no, login == MD_ANSWER_NO);

  gtk_widget_set_visible (self->works_box, works == MD_ANSWER_YES);
  gtk_widget_set_visible (self->login_box, works == MD_ANSWER_NO);
  gtk_widget_set_visible (self->reset_box, works == MD_ANSWER_NO && login == MD_ANSWER_NO);
  gtk_widget_set_visible (self->server_side_box, works == MD_ANSWER_NO && login == MD_ANSWER_YES);
}

static void
md_wizard_page_webmail_dispose (GObject *object)
{
  MdWizardPageWebmail *self = MD_WIZARD_PAGE_WEBMAIL (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MD_TYPE_WIZARD_PAGE_WEBMAIL);
  g_clear_object (&self->servers_provider);
  g_clear_pointer (&self->server_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (md_wizard_page_webmail_parent_class)->dispose (object);
}

static void
md_wizard_page_webmail_class_init (MdWizardPageWebmailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MdWizardPageClass *page_class = MD_WIZARD_PAGE_CLASS (klass);

  object_class->dispose = md_wizard_page_webmail_dispose;
  page_class->update = md_wizard_page_webmail_update;

  g_type_ensure (MD_TYPE_CHECK_GROUP);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/md-wizard-page-webmail.ui");
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageWebmail, checks_group);
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageWebmail, webmail_row);
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageWebmail, works_yes);
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageWebmail, works_no);
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageWebmail, works_box);
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageWebmail, servers_group);
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageWebmail, login_box);
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageWebmail, login_yes);
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageWebmail, login_no);
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageWebmail, reset_box);
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageWebmail, reset_button);
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageWebmail, server_side_box);
  gtk_widget_class_bind_template_callback (widget_class, works_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, login_toggled_cb);
}

static void
md_wizard_page_webmail_init (MdWizardPageWebmail *self)
{
  self->server_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  md_wizard_page_set_complete (MD_WIZARD_PAGE (self), TRUE);
}
