/* md-wizard-page-summary.c — step 6: the most likely cause, every finding, the report
 *
 * The headline is the most serious finding, and among equally serious ones
 * the one that best explains what the user said is wrong: MX first for mail
 * that does not arrive, SPF and blocklists first for mail that cannot be
 * sent. What the user answered on the earlier steps counts as findings too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "md-check-row.h"
#include "md-wizard.h"
#include "md-wizard-page-summary.h"

struct _MdWizardPageSummary
{
  MdWizardPage          parent_instance;

  GListModel           *checks;         /* the diagnosis' checks, watched */
  GPtrArray            *answer_checks;  /* findings made of the user's answers */
  GPtrArray            *findings;       /* everything, in the order shown */
  char                 *headline_id;
  guint                 refresh_idle;
  GCancellable         *save_cancellable;
  GtkFileChooserNative *chooser;
  GtkFileFilter        *text_filter;
  GtkFileFilter        *json_filter;

  GtkStack             *headline_icon_stack;
  GtkImage             *headline_icon;
  GtkSpinner           *headline_spinner;
  GtkLabel             *headline_caption;
  GtkLabel             *headline_title;
  GtkLabel             *headline_description;
  GtkButton            *headline_retry;
  GtkWidget            *headline_box;
  GtkListBox           *findings_list;
  GtkLabel             *report_status;
};

G_DEFINE_FINAL_TYPE (MdWizardPageSummary, md_wizard_page_summary, MD_TYPE_WIZARD_PAGE)

/* For each symptom, the findings that explain it best come first. The ids
 * are the engine's checks and the findings made of the user's answers. */
static const char * const order_not_sure[] = {
  "offer", "domain", "rdap", "mx", "password", "maintenance", "webmail", "spf", "dnsbl",
  "mail-program", "webmail-broken", "autodiscover", "dmarc", NULL
};
static const char * const order_cannot_receive[] = {
  "offer", "domain", "rdap", "mx", "maintenance", "password", "webmail", "autodiscover",
  "mail-program", "webmail-broken", "dnsbl", "spf", "dmarc", NULL
};
static const char * const order_cannot_send[] = {
  "offer", "domain", "rdap", "password", "spf", "dnsbl", "maintenance", "webmail",
  "mail-program", "webmail-broken", "dmarc", "mx", "autodiscover", NULL
};
static const char * const order_bounces[] = {
  "offer", "domain", "rdap", "mx", "spf", "dnsbl", "dmarc", "maintenance", "password",
  "webmail", "mail-program", "webmail-broken", "autodiscover", NULL
};

static const char * const *
symptom_order (MdSymptom symptom)
{
  switch (symptom)
    {
    case MD_SYMPTOM_CANNOT_RECEIVE: return order_cannot_receive;
    case MD_SYMPTOM_CANNOT_SEND: return order_cannot_send;
    case MD_SYMPTOM_BOUNCES: return order_bounces;
    case MD_SYMPTOM_NOT_SURE:
    default: return order_not_sure;
    }
}

static const char *
symptom_id (MdSymptom symptom)
{
  switch (symptom)
    {
    case MD_SYMPTOM_CANNOT_RECEIVE: return "cannot-receive";
    case MD_SYMPTOM_CANNOT_SEND: return "cannot-send";
    case MD_SYMPTOM_BOUNCES: return "bounces";
    case MD_SYMPTOM_NOT_SURE:
    default: return "not-sure";
    }
}

static const char *
symptom_label (MdSymptom symptom)
{
  switch (symptom)
    {
    case MD_SYMPTOM_CANNOT_RECEIVE: return _("Messages do not arrive");
    case MD_SYMPTOM_CANNOT_SEND: return _("Messages cannot be sent");
    case MD_SYMPTOM_BOUNCES: return _("Messages bounce");
    case MD_SYMPTOM_NOT_SURE:
    default: return _("Everything, or not sure");
    }
}

static const char *
answer_id (MdAnswer answer)
{
  switch (answer)
    {
    case MD_ANSWER_YES: return "yes";
    case MD_ANSWER_NO: return "no";
    case MD_ANSWER_UNSURE: return "unsure";
    case MD_ANSWER_UNSET:
    default: return NULL;
    }
}

static const char *
answer_label (MdAnswer answer)
{
  switch (answer)
    {
    case MD_ANSWER_YES: return _("Yes");
    case MD_ANSWER_NO: return _("No");
    case MD_ANSWER_UNSURE: return _("Does not know");
    case MD_ANSWER_UNSET:
    default: return NULL;
    }
}

static const struct {
  MdQuestion  question;
  const char *id;
  const char *label;
} questions[] = {
  { MD_QUESTION_OFFER_ACTIVE, "offer-active", N_("Is the mail offer active?") },
  { MD_QUESTION_WEBMAIL_WORKS, "webmail-works", N_("Do sending and receiving work in webmail?") },
  { MD_QUESTION_WEBMAIL_LOGIN, "webmail-login", N_("Can the user log in to webmail?") },
};

static guint
relevance (const char * const *order,
           MdCheck            *check)
{
  const char *id = md_check_get_id (check);

  for (guint i = 0; order[i] != NULL; i++)
    if (g_str_equal (order[i], id))
      return i;

  return G_MAXUINT;
}

static int
compare_findings (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const char * const *order = user_data;
  MdCheck *x = *(MdCheck **) a;
  MdCheck *y = *(MdCheck **) b;
  int sx = md_check_status_severity (md_check_get_status (x));
  int sy = md_check_status_severity (md_check_get_status (y));
  guint rx, ry;

  if (sx != sy)
    return sy - sx;

  rx = relevance (order, x);
  ry = relevance (order, y);

  return rx < ry ? -1 : rx > ry ? 1 : 0;
}

static MdCheck *
answer_check_new (const char    *id,
                  const char    *title,
                  MdCheckStatus  status,
                  const char    *summary,
                  const char    *advice,
                  const char    *link)
{
  MdCheck *check = md_check_new (id, title);

  if (advice != NULL)
    md_check_add_advice (check, advice);
  if (link != NULL)
    md_check_add_link (check, link);
  md_check_finish (check, status, summary);

  return check;
}

static void
build_answer_checks (MdWizardPageSummary *self,
                     MdWizard            *wizard)
{
  MdProvider *provider = md_wizard_get_provider (wizard);

  g_ptr_array_set_size (self->answer_checks, 0);

  if (md_wizard_get_answer (wizard, MD_QUESTION_OFFER_ACTIVE) == MD_ANSWER_NO)
    g_ptr_array_add (self->answer_checks,
                     answer_check_new ("offer", _("Your mail offer"), MD_CHECK_STATUS_ERROR,
                                       _("You said the mail offer has expired or is suspended"),
                                       _("Renew the offer in your provider’s control panel, or contact the provider if it was suspended. Until then no message is sent or received."),
                                       provider ? md_provider_get_control_panel_url (provider) : NULL));

  if (md_wizard_get_answer (wizard, MD_QUESTION_WEBMAIL_WORKS) == MD_ANSWER_YES)
    {
      g_autoptr(MdCheck) check = md_check_new ("mail-program", _("Your mail program"));
      const MdProviderServer *servers = NULL;
      guint n_servers = 0;

      if (provider != NULL)
        servers = md_provider_get_servers (provider, &n_servers);
      md_check_add_advice (check, _("Compare the incoming and outgoing servers, ports and security of your mail program with the settings below, and type the password again."));
      for (guint i = 0; i < n_servers; i++)
        {
          g_autofree char *line = g_strdup_printf ("%s %s:%u (%s)",
                                                   servers[i].protocol, servers[i].host,
                                                   servers[i].port, servers[i].security);
          md_check_add_evidence (check, line);
        }
      md_check_finish (check, MD_CHECK_STATUS_ERROR,
                       _("Mail works in webmail: the settings of your mail program are the suspect"));
      g_ptr_array_add (self->answer_checks, g_steal_pointer (&check));
    }
  else if (md_wizard_get_answer (wizard, MD_QUESTION_WEBMAIL_WORKS) == MD_ANSWER_NO)
    {
      if (md_wizard_get_answer (wizard, MD_QUESTION_WEBMAIL_LOGIN) == MD_ANSWER_NO)
        g_ptr_array_add (self->answer_checks,
                         answer_check_new ("password", _("Your login to webmail"), MD_CHECK_STATUS_ERROR,
                                           _("Your password is refused in webmail"),
                                           _("Set a new password on your provider’s site, then type it again in every device and mail program that uses this address."),
                                           provider ? md_provider_get_password_reset_url (provider) : NULL));
      else if (md_wizard_get_answer (wizard, MD_QUESTION_WEBMAIL_LOGIN) == MD_ANSWER_YES)
        g_ptr_array_add (self->answer_checks,
                         answer_check_new ("webmail-broken", _("Your test in webmail"), MD_CHECK_STATUS_WARNING,
                                           _("Mail does not work even in webmail"),
                                           _("The cause is on the provider’s side or in your DNS records. If no other finding explains it, send this report to your provider’s support."),
                                           NULL));
    }
}

static void
set_headline (MdWizardPageSummary *self,
              MdCheckStatus        status,
              const char          *caption,
              const char          *title,
              const char          *description)
{
  static const char * const classes[] = { "md-status-ok", "md-status-warning", "md-status-error", "md-status-unknown" };
  gboolean busy = status == MD_CHECK_STATUS_RUNNING;
  const char *klass = NULL;
  const char *icon = NULL;

  switch (status)
    {
    case MD_CHECK_STATUS_OK: klass = classes[0]; icon = "md-status-ok-symbolic"; break;
    case MD_CHECK_STATUS_WARNING: klass = classes[1]; icon = "dialog-warning-symbolic"; break;
    case MD_CHECK_STATUS_ERROR: klass = classes[2]; icon = "dialog-error-symbolic"; break;
    case MD_CHECK_STATUS_UNKNOWN: klass = classes[3]; icon = "dialog-question-symbolic"; break;
    case MD_CHECK_STATUS_PENDING:
    case MD_CHECK_STATUS_RUNNING:
    default: break;
    }

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (self->headline_box, classes[i]);
  if (klass != NULL)
    gtk_widget_add_css_class (self->headline_box, klass);

  gtk_stack_set_visible_child_name (self->headline_icon_stack, busy ? "spinner" : "icon");
  gtk_spinner_set_spinning (self->headline_spinner, busy);
  gtk_image_set_from_icon_name (self->headline_icon, icon);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->headline_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, md_check_status_get_label (status),
                                  -1);

  gtk_label_set_label (self->headline_caption, caption ? caption : "");
  gtk_widget_set_visible (GTK_WIDGET (self->headline_caption), caption != NULL);
  gtk_label_set_label (self->headline_title, title);
  gtk_label_set_label (self->headline_description, description ? description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->headline_description), description != NULL && *description != '\0');
}

static const char *
all_clear_description (MdSymptom symptom)
{
  switch (symptom)
    {
    case MD_SYMPTOM_CANNOT_RECEIVE:
      return _("Your domain is set up to receive mail. If messages still do not arrive, look at the filters and the storage quota of the mailbox in webmail, or send the report to your provider.");
    case MD_SYMPTOM_CANNOT_SEND:
      return _("Your domain is set up to send mail. If sending still fails, check the outgoing server settings of your mail program, or send the report to your provider.");
    case MD_SYMPTOM_BOUNCES:
      return _("Your domain is set up correctly. The bounce message itself tells why a message was refused: paste it in “Analyze a Bounce”.");
    case MD_SYMPTOM_NOT_SURE:
    default:
      return _("Everything Mail Doctor can check is in order. If the trouble goes on, send the report to your provider’s support.");
    }
}

/* The headline answers the question the user asked on the first step. */
static const char *
cause_caption (MdSymptom symptom)
{
  switch (symptom)
    {
    case MD_SYMPTOM_CANNOT_RECEIVE: return _("Why Messages Do Not Arrive");
    case MD_SYMPTOM_CANNOT_SEND: return _("Why Messages Cannot Be Sent");
    case MD_SYMPTOM_BOUNCES: return _("Why Messages Bounce");
    case MD_SYMPTOM_NOT_SURE:
    default: return _("Most Likely Cause");
    }
}

static void
update_headline (MdWizardPageSummary *self,
                 MdWizard            *wizard)
{
  MdCheck *first_error = NULL;
  MdCheck *first_warning = NULL;
  guint n_unknown = 0;
  guint n_busy = 0;

  for (guint i = 0; i < self->findings->len; i++)
    {
      MdCheck *check = g_ptr_array_index (self->findings, i);

      switch (md_check_get_status (check))
        {
        case MD_CHECK_STATUS_ERROR:
          if (first_error == NULL)
            first_error = check;
          break;
        case MD_CHECK_STATUS_WARNING:
          if (first_warning == NULL)
            first_warning = check;
          break;
        case MD_CHECK_STATUS_UNKNOWN:
          n_unknown++;
          break;
        case MD_CHECK_STATUS_PENDING:
        case MD_CHECK_STATUS_RUNNING:
          n_busy++;
          break;
        case MD_CHECK_STATUS_OK:
        default:
          break;
        }
    }

  g_clear_pointer (&self->headline_id, g_free);

  if (first_error != NULL || first_warning != NULL)
    {
      MdCheck *check = first_error ? first_error : first_warning;
      g_auto(GStrv) advice = md_check_dup_advice (check);
      g_autofree char *description = NULL;

      /* What is wrong, then what to do: the first two pieces of advice. */
      if (advice[0] != NULL && advice[1] != NULL)
        description = g_strdup_printf ("%s %s", advice[0], advice[1]);
      else
        description = g_strdup (advice[0]);

      self->headline_id = g_strdup (md_check_get_id (check));
      set_headline (self, md_check_get_status (check),
                    first_error ? cause_caption (md_wizard_get_symptom (wizard)) : _("To Look at First"),
                    md_check_get_summary (check) ? md_check_get_summary (check) : md_check_get_title (check),
                    description);
    }
  else if (md_wizard_get_checks (wizard) == NULL)
    set_headline (self, MD_CHECK_STATUS_UNKNOWN, NULL, _("Nothing Checked Yet"),
                  _("Go back to the first step and type your e-mail address or domain."));
  else if (n_busy > 0)
    set_headline (self, MD_CHECK_STATUS_RUNNING, NULL, _("Still Checking…"),
                  _("The summary fills in as the checks finish."));
  else if (n_unknown > 0)
    {
      g_autofree char *description =
        g_strdup_printf (ngettext ("Nothing is wrong in what could be checked, but %u check could not be done: its row below says why.",
                                   "Nothing is wrong in what could be checked, but %u checks could not be done: their rows below say why.",
                                   n_unknown),
                         n_unknown);

      self->headline_id = g_strdup ("unknown");
      set_headline (self, MD_CHECK_STATUS_UNKNOWN, NULL, _("Some Checks Could Not Be Done"), description);
    }
  else
    {
      self->headline_id = g_strdup ("ok");
      set_headline (self, MD_CHECK_STATUS_OK, NULL, _("No Problem Found"),
                    all_clear_description (md_wizard_get_symptom (wizard)));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->headline_retry), n_unknown > 0 && n_busy == 0);
}

static void
rebuild_rows (MdWizardPageSummary *self)
{
  g_autoptr(GHashTable) expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->findings_list))) != NULL)
    {
      if (MD_IS_CHECK_ROW (child) && md_check_row_get_check (MD_CHECK_ROW (child)) != NULL &&
          adw_expander_row_get_expanded (ADW_EXPANDER_ROW (child)))
        g_hash_table_add (expanded, g_strdup (md_check_get_id (md_check_row_get_check (MD_CHECK_ROW (child)))));
      gtk_list_box_remove (self->findings_list, child);
    }

  for (guint i = 0; i < self->findings->len; i++)
    {
      MdCheck *check = g_ptr_array_index (self->findings, i);
      GtkWidget *row = md_check_row_new (check);

      gtk_widget_set_name (row, md_check_get_id (check));
      /* The fix for the headline is one look away. */
      if (g_hash_table_contains (expanded, md_check_get_id (check)) ||
          (g_strcmp0 (md_check_get_id (check), self->headline_id) == 0 &&
           adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (row))))
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      gtk_list_box_append (self->findings_list, row);
    }
}

static void
refresh (MdWizardPageSummary *self)
{
  MdWizard *wizard = md_wizard_page_get_wizard (MD_WIZARD_PAGE (self));
  guint n;

  g_clear_handle_id (&self->refresh_idle, g_source_remove);

  if (wizard == NULL)
    return;

  build_answer_checks (self, wizard);

  g_ptr_array_set_size (self->findings, 0);
  n = self->checks ? g_list_model_get_n_items (self->checks) : 0;
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->findings, g_list_model_get_item (self->checks, i));
  for (guint i = 0; i < self->answer_checks->len; i++)
    g_ptr_array_add (self->findings, g_object_ref (g_ptr_array_index (self->answer_checks, i)));
  g_ptr_array_sort_with_data (self->findings, compare_findings,
                              (gpointer) symptom_order (md_wizard_get_symptom (wizard)));

  update_headline (self, wizard);
  rebuild_rows (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "summary.copy-report", self->checks != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "summary.save-report", self->checks != NULL);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  MdWizardPageSummary *self = user_data;

  self->refresh_idle = 0;
  refresh (self);

  return G_SOURCE_REMOVE;
}

/* Nine checks finishing one after the other would rebuild the list nine
 * times in a row: once per main loop turn is enough. The priority is that
 * of GTK's own layout work, which spinners keep busy: at a lower one the
 * summary would lag. */
static void
queue_refresh (MdWizardPageSummary *self)
{
  if (self->refresh_idle == 0)
    self->refresh_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refresh_idle_cb, self, NULL);
}

static void
watch_checks (MdWizardPageSummary *self,
              GListModel          *checks)
{
  guint n;

  if (self->checks == checks)
    return;

  n = self->checks ? g_list_model_get_n_items (self->checks) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MdCheck) check = g_list_model_get_item (self->checks, i);

      g_signal_handlers_disconnect_by_func (check, queue_refresh, self);
    }

  g_set_object (&self->checks, checks);

  n = checks ? g_list_model_get_n_items (checks) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MdCheck) check = g_list_model_get_item (checks, i);

      g_signal_connect_object (check, "notify::status", G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (check, "changed", G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
    }
}

static void
md_wizard_page_summary_update (MdWizardPage *page)
{
  MdWizardPageSummary *self = MD_WIZARD_PAGE_SUMMARY (page);

  watch_checks (self, md_wizard_get_checks (md_wizard_page_get_wizard (page)));
  queue_refresh (self);
}

static void
md_wizard_page_summary_shown (MdWizardPage *page)
{
  MdWizardPageSummary *self = MD_WIZARD_PAGE_SUMMARY (page);

  gtk_widget_set_visible (GTK_WIDGET (self->report_status), FALSE);
  refresh (self);
}

const char *
md_wizard_page_summary_get_headline_id (MdWizardPageSummary *self)
{
  g_return_val_if_fail (MD_IS_WIZARD_PAGE_SUMMARY (self), NULL);

  return self->headline_id;
}

const char *
md_wizard_page_summary_get_headline_title (MdWizardPageSummary *self)
{
  g_return_val_if_fail (MD_IS_WIZARD_PAGE_SUMMARY (self), NULL);

  return gtk_label_get_label (self->headline_title);
}

/* The findings in the order shown: most serious first. */
GPtrArray *
md_wizard_page_summary_dup_findings (MdWizardPageSummary *self)
{
  g_return_val_if_fail (MD_IS_WIZARD_PAGE_SUMMARY (self), NULL);

  return g_ptr_array_copy (self->findings, (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
}

static void
append_check_text (GString *out,
                   MdCheck *check)
{
  g_auto(GStrv) evidence = md_check_dup_evidence (check);
  g_auto(GStrv) advice = md_check_dup_advice (check);
  g_auto(GStrv) records = md_check_dup_records (check);
  g_auto(GStrv) links = md_check_dup_links (check);
  const char *summary = md_check_get_summary (check);

  g_string_append_printf (out, "\n[%s] %s: %s\n",
                          md_check_status_get_label (md_check_get_status (check)),
                          md_check_get_title (check), summary ? summary : "");
  for (guint i = 0; evidence[i] != NULL; i++)
    g_string_append_printf (out, "    %s\n", evidence[i]);
  for (guint i = 0; advice[i] != NULL; i++)
    g_string_append_printf (out, "  → %s\n", advice[i]);
  for (guint i = 0; records[i] != NULL; i++)
    g_string_append_printf (out, "    %s\n", records[i]);
  for (guint i = 0; links[i] != NULL; i++)
    g_string_append_printf (out, "    %s\n", links[i]);
}

static char *
report_text (MdWizardPageSummary *self,
             MdWizard            *wizard,
             GDateTime           *now)
{
  MdDiagnosis *diagnosis = md_wizard_get_diagnosis (wizard);
  MdProvider *provider = md_wizard_get_provider (wizard);
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d %H:%M %Z");
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, _("Mail Doctor report for %s"), md_diagnosis_get_display_domain (diagnosis));
  g_string_append_c (out, '\n');
  g_string_append_printf (out, _("Date: %s"), date);
  g_string_append_c (out, '\n');
  g_string_append_printf (out, _("Provider: %s"), provider ? md_provider_get_name (provider) : _("not recognised"));
  g_string_append_c (out, '\n');
  g_string_append_printf (out, _("What is wrong: %s"), symptom_label (md_wizard_get_symptom (wizard)));
  g_string_append_c (out, '\n');
  g_string_append_printf (out, _("Most likely cause: %s"), gtk_label_get_label (self->headline_title));
  g_string_append_c (out, '\n');

  for (guint i = 0; i < G_N_ELEMENTS (questions); i++)
    {
      const char *answer = answer_label (md_wizard_get_answer (wizard, questions[i].question));

      if (answer != NULL)
        g_string_append_printf (out, "%s %s\n", _(questions[i].label), answer);
    }

  for (guint i = 0; i < self->findings->len; i++)
    append_check_text (out, g_ptr_array_index (self->findings, i));

  return g_string_free (out, FALSE);
}

static void
add_check_json (JsonBuilder *builder,
                MdCheck     *check)
{
  GStrv lists[4] = {
    md_check_dup_evidence (check), md_check_dup_advice (check),
    md_check_dup_records (check), md_check_dup_links (check),
  };
  const char *names[4] = { "evidence", "advice", "records", "links" };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, md_check_get_id (check));
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, md_check_status_to_id (md_check_get_status (check)));
  json_builder_set_member_name (builder, "summary");
  json_builder_add_string_value (builder, md_check_get_summary (check));
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      json_builder_set_member_name (builder, names[i]);
      json_builder_begin_array (builder);
      for (guint j = 0; lists[i][j] != NULL; j++)
        json_builder_add_string_value (builder, lists[i][j]);
      json_builder_end_array (builder);
      g_strfreev (lists[i]);
    }
  json_builder_end_object (builder);
}

/* The engine's documented object (domain, provider, status, checks), with
 * what the wizard adds: the user's symptom and answers, the findings made
 * of those answers, and the headline. */
static char *
report_json (MdWizardPageSummary *self,
             MdWizard            *wizard,
             GDateTime           *now)
{
  g_autoptr(JsonNode) root = md_diagnosis_to_json (md_wizard_get_diagnosis (wizard));
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) extra = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *date = g_date_time_format_iso8601 (now);
  JsonObject *object = json_node_get_object (root);
  JsonObject *extra_object;
  GList *members;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "generated");
  json_builder_add_string_value (builder, date);
  json_builder_set_member_name (builder, "symptom");
  json_builder_add_string_value (builder, symptom_id (md_wizard_get_symptom (wizard)));
  json_builder_set_member_name (builder, "answers");
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (questions); i++)
    {
      const char *answer = answer_id (md_wizard_get_answer (wizard, questions[i].question));

      if (answer == NULL)
        continue;
      json_builder_set_member_name (builder, questions[i].id);
      json_builder_add_string_value (builder, answer);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "answer_findings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->answer_checks->len; i++)
    add_check_json (builder, g_ptr_array_index (self->answer_checks, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "headline");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, self->headline_id);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, gtk_label_get_label (self->headline_title));
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  extra = json_builder_get_root (builder);
  extra_object = json_node_get_object (extra);
  members = json_object_get_members (extra_object);
  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (object, l->data, json_object_dup_member (extra_object, l->data));
  g_list_free (members);

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);

  return json_generator_to_data (generator, NULL);
}

/* NULL while nothing was checked. */
char *
md_wizard_page_summary_dup_report (MdWizardPageSummary *self,
                                   MdReportFormat       format)
{
  MdWizard *wizard;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_val_if_fail (MD_IS_WIZARD_PAGE_SUMMARY (self), NULL);

  wizard = md_wizard_page_get_wizard (MD_WIZARD_PAGE (self));
  if (wizard == NULL || md_wizard_get_diagnosis (wizard) == NULL)
    return NULL;

  if (self->refresh_idle != 0)
    refresh (self);

  if (format == MD_REPORT_FORMAT_JSON)
    return report_json (self, wizard, now);

  return report_text (self, wizard, now);
}

static void
show_report_status (MdWizardPageSummary *self,
                    const char          *message,
                    gboolean             is_error)
{
  gtk_label_set_label (self->report_status, message);
  gtk_widget_set_visible (GTK_WIDGET (self->report_status), TRUE);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->report_status), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->report_status), "error");
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(MdWizardPageSummary) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_parse_name (G_FILE (object));
  g_autofree char *message = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("Could not save the report as %s: %s"), name, error->message);
      show_report_status (self, message, TRUE);
      return;
    }

  message = g_strdup_printf (_("The report was saved as %s."), name);
  show_report_status (self, message, FALSE);
}

void
md_wizard_page_summary_save_report (MdWizardPageSummary *self,
                                    GFile               *file,
                                    MdReportFormat       format)
{
  g_autoptr(GBytes) bytes = NULL;
  char *report;

  g_return_if_fail (MD_IS_WIZARD_PAGE_SUMMARY (self));
  g_return_if_fail (G_IS_FILE (file));

  report = md_wizard_page_summary_dup_report (self, format);
  if (report == NULL)
    return;
  bytes = g_bytes_new_take (report, strlen (report));

  g_cancellable_cancel (self->save_cancellable);
  g_clear_object (&self->save_cancellable);
  self->save_cancellable = g_cancellable_new ();

  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       self->save_cancellable, save_done_cb, g_object_ref (self));
}

static void
chooser_response_cb (MdWizardPageSummary *self,
                     int                  response,
                     GtkFileChooser      *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *name = NULL;
  MdReportFormat format = MD_REPORT_FORMAT_TEXT;

  if (response == GTK_RESPONSE_ACCEPT && (file = gtk_file_chooser_get_file (chooser)) != NULL)
    {
      name = g_file_get_basename (file);
      if (gtk_file_chooser_get_filter (chooser) == self->json_filter ||
          (name != NULL && g_str_has_suffix (name, ".json")))
        format = MD_REPORT_FORMAT_JSON;
      md_wizard_page_summary_save_report (self, file, format);
    }

  g_clear_object (&self->chooser);
}

static void
md_wizard_page_summary_save_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  MdWizardPageSummary *self = MD_WIZARD_PAGE_SUMMARY (widget);
  MdWizard *wizard = md_wizard_page_get_wizard (MD_WIZARD_PAGE (self));
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  g_autofree char *name = NULL;

  if (wizard == NULL || md_wizard_get_domain (wizard) == NULL || self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Save the Report"),
                                               GTK_WINDOW (gtk_widget_get_root (widget)),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), self->text_filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), self->json_filter);
  /* Translators: the file name proposed for the report; %s is the domain. */
  name = g_strdup_printf (_("mail-doctor-%s.txt"), md_wizard_get_domain (wizard));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (documents);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
    }
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
md_wizard_page_summary_copy_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  MdWizardPageSummary *self = MD_WIZARD_PAGE_SUMMARY (widget);
  g_autofree char *report = md_wizard_page_summary_dup_report (self, MD_REPORT_FORMAT_TEXT);

  if (report == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), report);
  show_report_status (self, _("The report was copied: paste it in your message to the support."), FALSE);
}

static void
md_wizard_page_summary_dispose (GObject *object)
{
  MdWizardPageSummary *self = MD_WIZARD_PAGE_SUMMARY (object);

  g_clear_handle_id (&self->refresh_idle, g_source_remove);
  if (self->save_cancellable != NULL)
    g_cancellable_cancel (self->save_cancellable);
  g_clear_object (&self->save_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  watch_checks (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MD_TYPE_WIZARD_PAGE_SUMMARY);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_pointer (&self->answer_checks, g_ptr_array_unref);
  g_clear_object (&self->text_filter);
  g_clear_object (&self->json_filter);
  g_clear_pointer (&self->headline_id, g_free);

  G_OBJECT_CLASS (md_wizard_page_summary_parent_class)->dispose (object);
}

static void
md_wizard_page_summary_class_init (MdWizardPageSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MdWizardPageClass *page_class = MD_WIZARD_PAGE_CLASS (klass);

  object_class->dispose = md_wizard_page_summary_dispose;
  page_class->update = md_wizard_page_summary_update;
  page_class->shown = md_wizard_page_summary_shown;

  g_type_ensure (MD_TYPE_CHECK_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/md-wizard-page-summary.ui");
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageSummary, headline_box);
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageSummary, headline_icon_stack);
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageSummary, headline_icon);
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageSummary, headline_spinner);
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageSummary, headline_caption);
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageSummary, headline_title);
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageSummary, headline_description);
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageSummary, headline_retry);
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageSummary, findings_list);
  gtk_widget_class_bind_template_child (widget_class, MdWizardPageSummary, report_status);

  gtk_widget_class_install_action (widget_class, "summary.copy-report", NULL, md_wizard_page_summary_copy_action);
  gtk_widget_class_install_action (widget_class, "summary.save-report", NULL, md_wizard_page_summary_save_action);
}

static void
md_wizard_page_summary_init (MdWizardPageSummary *self)
{
  self->answer_checks = g_ptr_array_new_with_free_func (g_object_unref);
  self->findings = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->text_filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (self->text_filter, _("Text report"));
  gtk_file_filter_add_suffix (self->text_filter, "txt");
  gtk_file_filter_add_mime_type (self->text_filter, "text/plain");
  self->json_filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (self->json_filter, _("JSON report"));
  gtk_file_filter_add_suffix (self->json_filter, "json");
  gtk_file_filter_add_mime_type (self->json_filter, "application/json");

  md_wizard_page_set_complete (MD_WIZARD_PAGE (self), TRUE);
}
