/* md-wizard.c — the "Diagnose" assistant
 *
 * A GtkStack of pages, as in GNOME Initial Setup: Next applies the visible
 * page and slides to the following one. The wizard also owns what the pages
 * share: the diagnosis running in the background, the provider, and what the
 * user said.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "md-wizard.h"
#include "md-wizard-page-dns.h"
#include "md-wizard-page-domain.h"
#include "md-wizard-page-maintenance.h"
#include "md-wizard-page-start.h"
#include "md-wizard-page-summary.h"
#include "md-wizard-page-webmail.h"

/* Typing "example.fr" passes through "example.f": wait for a pause before
 * asking the network. */
#define START_DELAY_MS 600

struct _MdWizard
{
  AdwBin         parent_instance;

  GCancellable  *window_cancellable;
  GCancellable  *run_cancellable;
  MdDiagnosis   *diagnosis;
  char          *domain;
  MdProvider    *chosen_provider;
  MdProvider    *detected_provider;
  MdSymptom      symptom;
  MdAnswer       answers[MD_N_QUESTIONS];
  guint          start_timeout;
  gboolean       running;

  GtkStack      *stack;
  MdWizardPage  *page_start;
  MdWizardPage  *page_domain;
  MdWizardPage  *page_webmail;
  MdWizardPage  *page_maintenance;
  MdWizardPage  *page_dns;
  MdWizardPage  *page_summary;
};

G_DEFINE_FINAL_TYPE (MdWizard, md_wizard, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CAN_GO_BACK,
  PROP_CAN_GO_NEXT,
  PROP_HAS_NEXT,
  PROP_PAGE_NAME,
  PROP_RUNNING,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
emit_changed (MdWizard *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static MdWizardPage *
current_page (MdWizard *self)
{
  return MD_WIZARD_PAGE (gtk_stack_get_visible_child (self->stack));
}

/* The pages in their order: the stack's children. */
static MdWizardPage *
page_at (MdWizard *self,
         int       index)
{
  int i = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->stack));
       child != NULL;
       child = gtk_widget_get_next_sibling (child), i++)
    if (i == index)
      return MD_WIZARD_PAGE (child);

  return NULL;
}

static int
page_index (MdWizard     *self,
            MdWizardPage *page)
{
  int i = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->stack));
       child != NULL;
       child = gtk_widget_get_next_sibling (child), i++)
    if (child == GTK_WIDGET (page))
      return i;

  return -1;
}

static void
update_navigation (MdWizard *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_BACK]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_NEXT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_NEXT]);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.back", md_wizard_get_can_go_back (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.next", md_wizard_get_can_go_next (self));
}

gboolean
md_wizard_get_can_go_back (MdWizard *self)
{
  g_return_val_if_fail (MD_IS_WIZARD (self), FALSE);

  return page_index (self, current_page (self)) > 0;
}

gboolean
md_wizard_get_has_next (MdWizard *self)
{
  g_return_val_if_fail (MD_IS_WIZARD (self), FALSE);

  return page_at (self, page_index (self, current_page (self)) + 1) != NULL;
}

/* Only the page's own state can block Next: a slow check never does. */
gboolean
md_wizard_get_can_go_next (MdWizard *self)
{
  MdWizardPage *page;

  g_return_val_if_fail (MD_IS_WIZARD (self), FALSE);

  page = current_page (self);

  return md_wizard_get_has_next (self) &&
         md_wizard_page_get_complete (page) &&
         !md_wizard_page_get_applying (page);
}

const char *
md_wizard_get_page_name (MdWizard *self)
{
  g_return_val_if_fail (MD_IS_WIZARD (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

GtkWidget *
md_wizard_get_page (MdWizard   *self,
                    const char *name)
{
  g_return_val_if_fail (MD_IS_WIZARD (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return gtk_stack_get_child_by_name (self->stack, name);
}

static void
visible_child_changed_cb (MdWizard *self)
{
  MdWizardPage *page = current_page (self);

  update_navigation (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE_NAME]);
  if (page != NULL)
    md_wizard_page_shown (page);
}

static void
apply_done_cb (MdWizardPage *page,
               gboolean      valid,
               gpointer      user_data)
{
  MdWizard *self = user_data;
  MdWizardPage *next;

  update_navigation (self);

  if (!valid || page != current_page (self))
    return;

  next = page_at (self, page_index (self, page) + 1);
  if (next != NULL)
    gtk_stack_set_visible_child (self->stack, GTK_WIDGET (next));
}

void
md_wizard_go_next (MdWizard *self)
{
  g_return_if_fail (MD_IS_WIZARD (self));

  if (!md_wizard_get_can_go_next (self))
    return;

  md_wizard_page_apply_begin (current_page (self), apply_done_cb, self);
  update_navigation (self);
}

void
md_wizard_go_back (MdWizard *self)
{
  MdWizardPage *page;
  MdWizardPage *previous;

  g_return_if_fail (MD_IS_WIZARD (self));

  page = current_page (self);
  previous = page_at (self, page_index (self, page) - 1);
  if (previous == NULL)
    return;

  if (md_wizard_page_get_applying (page))
    md_wizard_page_apply_cancel (page);
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (previous));
}

static void
page_state_changed_cb (MdWizard *self)
{
  update_navigation (self);
}

/* The diagnosis */

static void
set_running (MdWizard *self,
             gboolean  running)
{
  if (self->running == running)
    return;

  self->running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
stop_diagnosis (MdWizard *self)
{
  g_clear_handle_id (&self->start_timeout, g_source_remove);

  if (self->run_cancellable != NULL)
    g_cancellable_cancel (self->run_cancellable);
  g_clear_object (&self->run_cancellable);

  if (self->diagnosis != NULL)
    {
      MdCheck *mx = md_diagnosis_get_check (self->diagnosis, "mx");

      g_signal_handlers_disconnect_by_data (self->diagnosis, self);
      if (mx != NULL)
        g_signal_handlers_disconnect_by_data (mx, self);
    }
  g_clear_object (&self->diagnosis);

  set_running (self, FALSE);
}

static void
diagnosis_provider_cb (MdWizard *self)
{
  MdProvider *provider = md_diagnosis_get_provider (self->diagnosis);

  /* With a provider forced, the diagnosis only echoes the choice. */
  if (self->chosen_provider == NULL)
    g_set_object (&self->detected_provider, provider);

  emit_changed (self);
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(MdWizard) self = user_data;
  g_autoptr(GError) error = NULL;

  md_diagnosis_run_finish (MD_DIAGNOSIS (object), result, &error);

  /* A diagnosis replaced or cancelled in the meantime is no longer shown. */
  if (MD_DIAGNOSIS (object) != self->diagnosis)
    return;

  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("The diagnosis of %s failed: %s", self->domain, error->message);

  set_running (self, FALSE);
  emit_changed (self);
}

static void
start_diagnosis (MdWizard *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_auto(GStrv) blocklists = g_settings_get_strv (settings, "dnsbl-zones");
  MdCheck *mx;

  stop_diagnosis (self);

  if (self->domain == NULL ||
      (self->window_cancellable != NULL && g_cancellable_is_cancelled (self->window_cancellable)))
    {
      emit_changed (self);
      return;
    }

  self->diagnosis = md_diagnosis_new (self->domain, &error);
  if (self->diagnosis == NULL)
    {
      g_warning ("Cannot diagnose %s: %s", self->domain, error->message);
      emit_changed (self);
      return;
    }

  if (self->chosen_provider != NULL)
    md_diagnosis_set_provider (self->diagnosis, self->chosen_provider);
  if (blocklists[0] != NULL)
    md_diagnosis_set_dnsbl_zones (self->diagnosis, (const char * const *) blocklists);
  g_signal_connect_object (self->diagnosis, "notify::provider",
                           G_CALLBACK (diagnosis_provider_cb), self, G_CONNECT_SWAPPED);
  /* The first step says when the provider could not be recognised. */
  mx = md_diagnosis_get_check (self->diagnosis, "mx");
  if (mx != NULL)
    g_signal_connect_object (mx, "notify::status", G_CALLBACK (emit_changed), self, G_CONNECT_SWAPPED);

  self->run_cancellable = g_cancellable_new ();
  set_running (self, TRUE);
  md_diagnosis_run_async (self->diagnosis, self->run_cancellable, run_done_cb, g_object_ref (self));

  emit_changed (self);
}

static gboolean
start_timeout_cb (gpointer user_data)
{
  MdWizard *self = user_data;

  self->start_timeout = 0;
  start_diagnosis (self);

  return G_SOURCE_REMOVE;
}

static void
clear_answers (MdWizard *self)
{
  for (guint i = 0; i < MD_N_QUESTIONS; i++)
    self->answers[i] = MD_ANSWER_UNSET;
}

/* @domain is the normalized domain, or NULL while what is typed is not one.
 * A new domain drops what was found for the previous one. */
void
md_wizard_set_address (MdWizard   *self,
                       const char *domain)
{
  g_return_if_fail (MD_IS_WIZARD (self));

  if (g_strcmp0 (domain, self->domain) == 0)
    return;

  g_free (self->domain);
  self->domain = g_strdup (domain);

  stop_diagnosis (self);
  clear_answers (self);
  g_clear_object (&self->detected_provider);

  if (self->domain != NULL)
    self->start_timeout = g_timeout_add (START_DELAY_MS, start_timeout_cb, self);

  emit_changed (self);
}

/* Starts the diagnosis at once if it waits for a pause in the typing, or
 * was never started. */
void
md_wizard_start_now (MdWizard *self)
{
  g_return_if_fail (MD_IS_WIZARD (self));

  if (self->start_timeout != 0 || (self->diagnosis == NULL && self->domain != NULL))
    start_diagnosis (self);
}

/* Runs every check again: what could not be checked may now be. */
void
md_wizard_retry (MdWizard *self)
{
  g_return_if_fail (MD_IS_WIZARD (self));

  if (self->domain != NULL)
    start_diagnosis (self);
}

void
md_wizard_start_over (MdWizard *self)
{
  g_return_if_fail (MD_IS_WIZARD (self));

  clear_answers (self);
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->page_start));
  md_wizard_retry (self);
  emit_changed (self);
}

const char *
md_wizard_get_domain (MdWizard *self)
{
  g_return_val_if_fail (MD_IS_WIZARD (self), NULL);

  return self->domain;
}

MdDiagnosis *
md_wizard_get_diagnosis (MdWizard *self)
{
  g_return_val_if_fail (MD_IS_WIZARD (self), NULL);

  return self->diagnosis;
}

gboolean
md_wizard_get_running (MdWizard *self)
{
  g_return_val_if_fail (MD_IS_WIZARD (self), FALSE);

  return self->running;
}

GListModel *
md_wizard_get_checks (MdWizard *self)
{
  g_return_val_if_fail (MD_IS_WIZARD (self), NULL);

  return self->diagnosis ? md_diagnosis_get_checks (self->diagnosis) : NULL;
}

MdCheck *
md_wizard_get_check (MdWizard   *self,
                     const char *id)
{
  g_return_val_if_fail (MD_IS_WIZARD (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return self->diagnosis ? md_diagnosis_get_check (self->diagnosis, id) : NULL;
}

MdProvider *
md_wizard_get_provider (MdWizard *self)
{
  g_return_val_if_fail (MD_IS_WIZARD (self), NULL);

  return self->chosen_provider ? self->chosen_provider : self->detected_provider;
}

MdProvider *
md_wizard_get_chosen_provider (MdWizard *self)
{
  g_return_val_if_fail (MD_IS_WIZARD (self), NULL);

  return self->chosen_provider;
}

MdProvider *
md_wizard_get_detected_provider (MdWizard *self)
{
  g_return_val_if_fail (MD_IS_WIZARD (self), NULL);

  return self->detected_provider;
}

/* NULL goes back to the provider the MX records name. The MX records are
 * judged against the provider, so the checks run again. */
void
md_wizard_choose_provider (MdWizard   *self,
                           MdProvider *provider)
{
  g_return_if_fail (MD_IS_WIZARD (self));
  g_return_if_fail (provider == NULL || MD_IS_PROVIDER (provider));

  if (!g_set_object (&self->chosen_provider, provider))
    return;

  if (self->diagnosis != NULL)
    start_diagnosis (self);
  else
    emit_changed (self);
}

MdSymptom
md_wizard_get_symptom (MdWizard *self)
{
  g_return_val_if_fail (MD_IS_WIZARD (self), MD_SYMPTOM_NOT_SURE);

  return self->symptom;
}

void
md_wizard_set_symptom (MdWizard  *self,
                       MdSymptom  symptom)
{
  g_return_if_fail (MD_IS_WIZARD (self));

  if (self->symptom == symptom)
    return;

  self->symptom = symptom;
  emit_changed (self);
}

MdAnswer
md_wizard_get_answer (MdWizard   *self,
                      MdQuestion  question)
{
  g_return_val_if_fail (MD_IS_WIZARD (self), MD_ANSWER_UNSET);
  g_return_val_if_fail (question < MD_N_QUESTIONS, MD_ANSWER_UNSET);

  return self->answers[question];
}

void
md_wizard_set_answer (MdWizard   *self,
                      MdQuestion  question,
                      MdAnswer    answer)
{
  g_return_if_fail (MD_IS_WIZARD (self));
  g_return_if_fail (question < MD_N_QUESTIONS);

  if (self->answers[question] == answer)
    return;

  self->answers[question] = answer;
  /* Whether the password works is only asked when webmail does not. */
  if (question == MD_QUESTION_WEBMAIL_WORKS && answer != MD_ANSWER_NO)
    self->answers[MD_QUESTION_WEBMAIL_LOGIN] = MD_ANSWER_UNSET;
  emit_changed (self);
}

static void
window_cancelled_cb (MdWizard *self)
{
  stop_diagnosis (self);
}

/* Cancelling @cancellable (the window does when it closes) stops everything. */
void
md_wizard_set_cancellable (MdWizard     *self,
                           GCancellable *cancellable)
{
  g_return_if_fail (MD_IS_WIZARD (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (self->window_cancellable != NULL)
    g_signal_handlers_disconnect_by_func (self->window_cancellable, window_cancelled_cb, self);
  g_set_object (&self->window_cancellable, cancellable);
  if (cancellable != NULL)
    g_signal_connect_object (cancellable, "cancelled", G_CALLBACK (window_cancelled_cb),
                             self, G_CONNECT_SWAPPED);
}

/* Actions */

static void
md_wizard_next_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  md_wizard_go_next (MD_WIZARD (widget));
}

static void
md_wizard_back_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  md_wizard_go_back (MD_WIZARD (widget));
}

static void
md_wizard_start_over_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  md_wizard_start_over (MD_WIZARD (widget));
}

static void
md_wizard_retry_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  md_wizard_retry (MD_WIZARD (widget));
}

static void
md_wizard_open_link_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  const char *url = g_variant_get_string (parameter, NULL);

  if (*url != '\0')
    gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (widget)), url, GDK_CURRENT_TIME);
}

static void
md_wizard_dispose (GObject *object)
{
  MdWizard *self = MD_WIZARD (object);

  stop_diagnosis (self);
  md_wizard_set_cancellable (self, NULL);
  /* The stack is both AdwBin's child and a template child: let AdwBin
   * unparent it, or both would. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), MD_TYPE_WIZARD);
  g_clear_object (&self->chosen_provider);
  g_clear_object (&self->detected_provider);
  g_clear_pointer (&self->domain, g_free);

  G_OBJECT_CLASS (md_wizard_parent_class)->dispose (object);
}

static void
md_wizard_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  MdWizard *self = MD_WIZARD (object);

  switch (prop_id)
    {
    case PROP_CAN_GO_BACK:
      g_value_set_boolean (value, md_wizard_get_can_go_back (self));
      break;

    case PROP_CAN_GO_NEXT:
      g_value_set_boolean (value, md_wizard_get_can_go_next (self));
      break;

    case PROP_HAS_NEXT:
      g_value_set_boolean (value, md_wizard_get_has_next (self));
      break;

    case PROP_PAGE_NAME:
      g_value_set_string (value, md_wizard_get_page_name (self));
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
md_wizard_class_init (MdWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = md_wizard_dispose;
  object_class->get_property = md_wizard_get_property;

  properties[PROP_CAN_GO_BACK] =
    g_param_spec_boolean ("can-go-back", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_GO_NEXT] =
    g_param_spec_boolean ("can-go-next", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_NEXT] =
    g_param_spec_boolean ("has-next", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE_NAME] =
    g_param_spec_string ("page-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The diagnosis, the provider or an answer changed: the pages refresh. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (MD_TYPE_WIZARD_PAGE_START);
  g_type_ensure (MD_TYPE_WIZARD_PAGE_DOMAIN);
  g_type_ensure (MD_TYPE_WIZARD_PAGE_WEBMAIL);
  g_type_ensure (MD_TYPE_WIZARD_PAGE_MAINTENANCE);
  g_type_ensure (MD_TYPE_WIZARD_PAGE_DNS);
  g_type_ensure (MD_TYPE_WIZARD_PAGE_SUMMARY);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/md-wizard.ui");
  gtk_widget_class_bind_template_child (widget_class, MdWizard, stack);
  gtk_widget_class_bind_template_child (widget_class, MdWizard, page_start);
  gtk_widget_class_bind_template_child (widget_class, MdWizard, page_domain);
  gtk_widget_class_bind_template_child (widget_class, MdWizard, page_webmail);
  gtk_widget_class_bind_template_child (widget_class, MdWizard, page_maintenance);
  gtk_widget_class_bind_template_child (widget_class, MdWizard, page_dns);
  gtk_widget_class_bind_template_child (widget_class, MdWizard, page_summary);
  gtk_widget_class_bind_template_callback (widget_class, visible_child_changed_cb);

  gtk_widget_class_install_action (widget_class, "wizard.next", NULL, md_wizard_next_action);
  gtk_widget_class_install_action (widget_class, "wizard.back", NULL, md_wizard_back_action);
  gtk_widget_class_install_action (widget_class, "wizard.start-over", NULL, md_wizard_start_over_action);
  gtk_widget_class_install_action (widget_class, "wizard.retry", NULL, md_wizard_retry_action);
  gtk_widget_class_install_action (widget_class, "wizard.open-link", "s", md_wizard_open_link_action);
}

static void
md_wizard_init (MdWizard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->stack));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      g_signal_connect_object (child, "notify::complete", G_CALLBACK (page_state_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (child, "notify::applying", G_CALLBACK (page_state_changed_cb),
                               self, G_CONNECT_SWAPPED);
      md_wizard_page_set_wizard (MD_WIZARD_PAGE (child), self);
    }

  update_navigation (self);
}
