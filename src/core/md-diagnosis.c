/* md-diagnosis.c — every check of a domain, run at once, ordered by need
 *
 * All look-ups start together; a check waits only for the answers it needs:
 * the MX records tell the provider, which the webmail, maintenance,
 * autodiscover and SPF verdicts need, and the MX hosts' addresses, which the
 * blocklists need. The wall time is the depth of that chain, not the number
 * of look-ups.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "md-diagnosis.h"
#include "md-dns.h"
#include "md-dns-checks.h"
#include "md-domain.h"
#include "md-http-checks.h"
#include "md-http.h"

static const char * const default_dnsbl_zones[] = {
  "zen.spamhaus.org",
  "bl.spamcop.net",
  "b.barracudacentral.org",
  NULL
};

struct _MdDiagnosis
{
  GObject          parent_instance;

  char            *domain;
  char            *display_domain;
  MdProvider      *forced_provider;
  MdProvider      *provider;
  char            *sending_ip;
  GStrv            dnsbl_zones;
  guint            timeout_ms;
  GListStore      *checks;
  gboolean         running;
};

G_DEFINE_FINAL_TYPE (MdDiagnosis, md_diagnosis, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROVIDER,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct {
  GResolver      *resolver;
  SoupSession    *session;
  guint           pending;
  GError         *error;
  gulong          cancelled_id;
  MdMxResult     *mx;             /* once the MX records are in */
  gboolean        hosts_done;
  gboolean        mx_evaluated;
  gboolean        autodiscover_done;
  gboolean        provider_known;
  gboolean        web_started;
  MdLookupResult *autodiscover;   /* each waits here for its verdict */
  MdLookupResult *spf;
  MdLookupResult *dmarc;
} RunData;

static void
run_data_free (RunData *data)
{
  g_clear_object (&data->resolver);
  g_clear_object (&data->session);
  g_clear_pointer (&data->mx, md_mx_result_free);
  g_clear_pointer (&data->autodiscover, md_lookup_result_free);
  g_clear_pointer (&data->spf, md_lookup_result_free);
  g_clear_pointer (&data->dmarc, md_lookup_result_free);
  g_clear_error (&data->error);
  g_free (data);
}

static void
md_diagnosis_finalize (GObject *object)
{
  MdDiagnosis *self = MD_DIAGNOSIS (object);

  g_free (self->domain);
  g_free (self->display_domain);
  g_clear_object (&self->forced_provider);
  g_clear_object (&self->provider);
  g_free (self->sending_ip);
  g_strfreev (self->dnsbl_zones);
  g_clear_object (&self->checks);

  G_OBJECT_CLASS (md_diagnosis_parent_class)->finalize (object);
}

static void
md_diagnosis_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MdDiagnosis *self = MD_DIAGNOSIS (object);

  switch (prop_id)
    {
    case PROP_PROVIDER: g_value_set_object (value, self->provider); break;
    case PROP_RUNNING: g_value_set_boolean (value, self->running); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
md_diagnosis_class_init (MdDiagnosisClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = md_diagnosis_finalize;
  object_class->get_property = md_diagnosis_get_property;

  properties[PROP_PROVIDER] =
    g_param_spec_object ("provider", NULL, NULL, MD_TYPE_PROVIDER,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
md_diagnosis_init (MdDiagnosis *self)
{
  const struct { const char *id; const char *title; } checks[] = {
    { "domain", N_("Domain name") },
    { "rdap", N_("Registration") },
    { "webmail", N_("Webmail") },
    { "maintenance", N_("Maintenance and incidents") },
    { "mx", N_("MX records") },
    { "autodiscover", N_("Exchange autodiscover") },
    { "spf", N_("SPF") },
    { "dmarc", N_("DMARC") },
    { "dnsbl", N_("Blocklists") },
  };

  self->timeout_ms = MD_DNS_DEFAULT_TIMEOUT_MS;
  self->dnsbl_zones = g_strdupv ((char **) default_dnsbl_zones);
  self->checks = g_list_store_new (MD_TYPE_CHECK);
  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      g_autoptr(MdCheck) check = md_check_new (checks[i].id, _(checks[i].title));

      g_list_store_append (self->checks, check);
    }
}

MdDiagnosis *
md_diagnosis_new (const char  *input,
                  GError     **error)
{
  g_autofree char *display = NULL;
  g_autofree char *domain = NULL;
  MdDiagnosis *self;

  g_return_val_if_fail (input != NULL, NULL);

  domain = md_domain_normalize (input, &display, NULL, error);
  if (domain == NULL)
    return NULL;

  self = g_object_new (MD_TYPE_DIAGNOSIS, NULL);
  self->domain = g_steal_pointer (&domain);
  self->display_domain = g_steal_pointer (&display);

  return self;
}

const char *
md_diagnosis_get_domain (MdDiagnosis *self)
{
  g_return_val_if_fail (MD_IS_DIAGNOSIS (self), NULL);
  return self->domain;
}

const char *
md_diagnosis_get_display_domain (MdDiagnosis *self)
{
  g_return_val_if_fail (MD_IS_DIAGNOSIS (self), NULL);
  return self->display_domain ? self->display_domain : self->domain;
}

static void
set_provider (MdDiagnosis *self,
              MdProvider  *provider)
{
  if (g_set_object (&self->provider, provider))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROVIDER]);
}

/* A provider the user chose: the MX records are then judged against it. */
void
md_diagnosis_set_provider (MdDiagnosis *self,
                           MdProvider  *provider)
{
  g_return_if_fail (MD_IS_DIAGNOSIS (self));
  g_return_if_fail (!provider || MD_IS_PROVIDER (provider));

  g_set_object (&self->forced_provider, provider);
  set_provider (self, provider);
}

MdProvider *
md_diagnosis_get_provider (MdDiagnosis *self)
{
  g_return_val_if_fail (MD_IS_DIAGNOSIS (self), NULL);
  return self->provider;
}

void
md_diagnosis_set_sending_ip (MdDiagnosis *self,
                             const char  *ip)
{
  g_return_if_fail (MD_IS_DIAGNOSIS (self));
  g_free (self->sending_ip);
  self->sending_ip = g_strdup (ip);
}

void
md_diagnosis_set_dnsbl_zones (MdDiagnosis        *self,
                              const char * const *zones)
{
  g_return_if_fail (MD_IS_DIAGNOSIS (self));
  g_strfreev (self->dnsbl_zones);
  self->dnsbl_zones = g_strdupv ((char **) zones);
}

void
md_diagnosis_set_timeout (MdDiagnosis *self,
                          guint        timeout_ms)
{
  g_return_if_fail (MD_IS_DIAGNOSIS (self));
  self->timeout_ms = timeout_ms > 0 ? timeout_ms : MD_DNS_DEFAULT_TIMEOUT_MS;
}

GListModel *
md_diagnosis_get_checks (MdDiagnosis *self)
{
  g_return_val_if_fail (MD_IS_DIAGNOSIS (self), NULL);
  return G_LIST_MODEL (self->checks);
}

MdCheck *
md_diagnosis_get_check (MdDiagnosis *self,
                        const char  *id)
{
  g_return_val_if_fail (MD_IS_DIAGNOSIS (self), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->checks)); i++)
    {
      g_autoptr(MdCheck) check = g_list_model_get_item (G_LIST_MODEL (self->checks), i);

      if (g_str_equal (md_check_get_id (check), id))
        return check;
    }

  return NULL;
}

gboolean
md_diagnosis_get_running (MdDiagnosis *self)
{
  g_return_val_if_fail (MD_IS_DIAGNOSIS (self), FALSE);
  return self->running;
}

/* Checks cut short by a cancel must not stay "running" in the UI. */
static void
settle_unfinished (MdDiagnosis *self)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->checks)); i++)
    {
      g_autoptr(MdCheck) check = g_list_model_get_item (G_LIST_MODEL (self->checks), i);

      if (md_check_get_status (check) == MD_CHECK_STATUS_RUNNING ||
          md_check_get_status (check) == MD_CHECK_STATUS_PENDING)
        md_check_finish (check, MD_CHECK_STATUS_UNKNOWN, _("Not checked: the diagnosis was stopped"));
    }
}

static void
step_done (GTask  *task,
           GError *error)
{
  MdDiagnosis *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);

  if (error != NULL && data->error == NULL)
    data->error = g_error_copy (error);
  if (--data->pending > 0)
    return;

  if (data->cancelled_id != 0)
    g_clear_signal_handler (&data->cancelled_id, g_task_get_cancellable (task));
  if (data->error != NULL)
    settle_unfinished (self);
  self->running = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  if (data->error != NULL)
    g_task_return_error (task, g_steal_pointer (&data->error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
boolean_step_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  step_done (task, error);
}

static void
webmail_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  md_check_webmail_run_finish (MD_CHECK (object), result, &error);
  step_done (task, error);
}

static void
maintenance_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  md_check_maintenance_run_finish (MD_CHECK (object), result, &error);
  step_done (task, error);
}

static void
rdap_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  md_check_rdap_run_finish (MD_CHECK (object), result, &error);
  step_done (task, error);
}

static void
dnsbl_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  md_check_dnsbl_run_finish (MD_CHECK (object), result, &error);
  step_done (task, error);
}

/* The webmail and the status page need only the provider. */
static void
start_web_checks (GTask *task)
{
  MdDiagnosis *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  data->web_started = TRUE;
  data->pending += 2;
  md_check_webmail_run_async (md_diagnosis_get_check (self, "webmail"), self->provider, data->session,
                              cancellable, webmail_cb, g_object_ref (task));
  md_check_maintenance_run_async (md_diagnosis_get_check (self, "maintenance"), self->provider, data->session,
                                  cancellable, maintenance_cb, g_object_ref (task));
}

/* The blocklists need the MX hosts' addresses, and a domain to speak of. */
static void
start_dnsbl (GTask *task)
{
  MdDiagnosis *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  MdCheck *check = md_diagnosis_get_check (self, "dnsbl");
  g_autoptr(GPtrArray) addresses = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *mx_addresses = md_mx_result_get_addresses (data->mx);

  if (!md_mx_result_get_domain_exists (data->mx) && self->sending_ip == NULL)
    {
      md_check_finish_no_domain (check, self->domain);
      return;
    }
  for (guint i = 0; i < mx_addresses->len; i++)
    g_ptr_array_add (addresses, g_object_ref (g_ptr_array_index (mx_addresses, i)));
  if (self->sending_ip != NULL)
    {
      GInetAddress *address = g_inet_address_new_from_string (self->sending_ip);

      if (address != NULL)
        g_ptr_array_add (addresses, address);
    }

  data->pending++;
  md_check_dnsbl_run_async (check, data->resolver, addresses, (const char * const *) self->dnsbl_zones,
                            self->timeout_ms, g_task_get_cancellable (task), dnsbl_cb, g_object_ref (task));
}

/* Gives each check waiting for the provider or the domain's existence its
 * verdict, as soon as what it needs is in. */
static void
advance (GTask *task)
{
  MdDiagnosis *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  gboolean exists;

  if (data->mx == NULL)
    return;
  exists = md_mx_result_get_domain_exists (data->mx);

  if (data->dmarc != NULL)
    {
      MdCheck *check = md_diagnosis_get_check (self, "dmarc");

      if (exists)
        md_check_dmarc_evaluate (check, data->dmarc, self->domain);
      else
        md_check_finish_no_domain (check, self->domain);
      g_clear_pointer (&data->dmarc, md_lookup_result_free);
    }

  if (!data->provider_known &&
      (data->autodiscover_done || self->forced_provider != NULL ||
       !md_dns_checks_provider_needs_autodiscover (data->mx)))
    {
      data->provider_known = TRUE;
      if (self->forced_provider == NULL)
        set_provider (self, md_dns_checks_detect_provider (data->mx, data->autodiscover));
      if (!data->web_started)
        start_web_checks (task);
    }
  if (!data->provider_known)
    return;

  if (data->autodiscover != NULL)
    {
      MdCheck *check = md_diagnosis_get_check (self, "autodiscover");

      if (exists)
        md_check_autodiscover_evaluate (check, data->autodiscover, self->domain, self->provider);
      else
        md_check_finish_no_domain (check, self->domain);
      g_clear_pointer (&data->autodiscover, md_lookup_result_free);
    }
  if (data->spf != NULL)
    {
      MdCheck *check = md_diagnosis_get_check (self, "spf");

      if (exists)
        md_check_spf_evaluate (check, data->spf, self->domain, self->provider);
      else
        md_check_finish_no_domain (check, self->domain);
      g_clear_pointer (&data->spf, md_lookup_result_free);
    }
  if (data->hosts_done && !data->mx_evaluated)
    {
      data->mx_evaluated = TRUE;
      md_check_mx_evaluate (md_diagnosis_get_check (self, "mx"), data->mx, self->domain, self->provider);
    }
}

static void
mx_hosts_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RunData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (md_check_mx_hosts_finish (MD_CHECK (object), result, &error))
    {
      data->hosts_done = TRUE;
      start_dnsbl (task);
      advance (task);
    }
  step_done (task, error);
}

static void
mx_lookup_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MdDiagnosis *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  data->mx = md_check_mx_lookup_finish (MD_CHECK (object), result, &error);
  if (data->mx != NULL)
    {
      if (md_mx_result_get_settled (data->mx))
        {
          data->hosts_done = TRUE;
          start_dnsbl (task);
        }
      else
        {
          data->pending++;
          md_check_mx_hosts_async (MD_CHECK (object), data->resolver, data->mx, self->timeout_ms,
                                   g_task_get_cancellable (task), mx_hosts_cb, g_object_ref (task));
        }
      advance (task);
    }
  step_done (task, error);
}

static void
autodiscover_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RunData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  data->autodiscover = md_check_autodiscover_lookup_finish (MD_CHECK (object), result, &error);
  if (data->autodiscover != NULL)
    {
      data->autodiscover_done = TRUE;
      advance (task);
    }
  step_done (task, error);
}

static void
spf_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RunData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  data->spf = md_check_spf_lookup_finish (MD_CHECK (object), result, &error);
  if (data->spf != NULL)
    advance (task);
  step_done (task, error);
}

static void
dmarc_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RunData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  data->dmarc = md_check_dmarc_lookup_finish (MD_CHECK (object), result, &error);
  if (data->dmarc != NULL)
    advance (task);
  step_done (task, error);
}

static void
cancelled_cb (GCancellable *cancellable,
              MdDiagnosis  *self)
{
  settle_unfinished (self);
}

void
md_diagnosis_run_async (MdDiagnosis         *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *data;

  g_return_if_fail (MD_IS_DIAGNOSIS (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (!self->running);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, md_diagnosis_run_async);
  data = g_new0 (RunData, 1);
  data->resolver = g_resolver_get_default ();
  data->session = md_http_session_new ();
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->checks)); i++)
    {
      g_autoptr(MdCheck) check = g_list_model_get_item (G_LIST_MODEL (self->checks), i);

      md_check_reset (check);
    }
  if (self->forced_provider == NULL)
    set_provider (self, NULL);
  self->running = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  if (cancellable != NULL)
    data->cancelled_id = g_signal_connect_object (cancellable, "cancelled", G_CALLBACK (cancelled_cb), self, 0);

  /* Everything that needs only the domain starts now; the rest follows
   * from advance() as the answers come in. */
  data->pending = 6;
  md_check_domain_run_async (md_diagnosis_get_check (self, "domain"), data->resolver, self->domain,
                             self->timeout_ms, cancellable, boolean_step_cb, g_object_ref (task));
  md_check_rdap_run_async (md_diagnosis_get_check (self, "rdap"), self->domain, data->session,
                           cancellable, rdap_cb, g_object_ref (task));
  md_check_mx_lookup_async (md_diagnosis_get_check (self, "mx"), data->resolver, self->domain,
                            self->forced_provider, self->timeout_ms, cancellable, mx_lookup_cb, g_object_ref (task));
  md_check_autodiscover_lookup_async (md_diagnosis_get_check (self, "autodiscover"), data->resolver,
                                      self->domain, self->timeout_ms, cancellable,
                                      autodiscover_cb, g_object_ref (task));
  md_check_spf_lookup_async (md_diagnosis_get_check (self, "spf"), data->resolver, self->domain,
                             self->timeout_ms, cancellable, spf_cb, g_object_ref (task));
  md_check_dmarc_lookup_async (md_diagnosis_get_check (self, "dmarc"), data->resolver, self->domain,
                               self->timeout_ms, cancellable, dmarc_cb, g_object_ref (task));
  if (self->forced_provider != NULL)
    start_web_checks (task);
}

gboolean
md_diagnosis_run_finish (MdDiagnosis   *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static int
compare_severity (gconstpointer a,
                  gconstpointer b)
{
  MdCheck *x = *(MdCheck **) a, *y = *(MdCheck **) b;

  return md_check_status_severity (md_check_get_status (y)) - md_check_status_severity (md_check_get_status (x));
}

GPtrArray *
md_diagnosis_dup_sorted_checks (MdDiagnosis *self)
{
  GPtrArray *sorted = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (MD_IS_DIAGNOSIS (self), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->checks)); i++)
    g_ptr_array_add (sorted, g_list_model_get_item (G_LIST_MODEL (self->checks), i));
  /* g_ptr_array_sort is a merge sort: equal checks keep the guides' order. */
  g_ptr_array_sort (sorted, compare_severity);

  return sorted;
}

MdCheckStatus
md_diagnosis_get_overall_status (MdDiagnosis *self)
{
  g_autoptr(GPtrArray) sorted = md_diagnosis_dup_sorted_checks (self);

  return sorted->len > 0 ? md_check_get_status (g_ptr_array_index (sorted, 0)) : MD_CHECK_STATUS_OK;
}

char *
md_diagnosis_to_text (MdDiagnosis *self)
{
  g_autoptr(GPtrArray) sorted = NULL;
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (MD_IS_DIAGNOSIS (self), NULL);

  sorted = md_diagnosis_dup_sorted_checks (self);
  g_string_append_printf (out, _("Mail Doctor report for %s"), md_diagnosis_get_display_domain (self));
  g_string_append_c (out, '\n');
  if (self->provider != NULL)
    {
      g_string_append_printf (out, _("Provider: %s"), md_provider_get_name (self->provider));
      g_string_append_c (out, '\n');
    }
  for (guint i = 0; i < sorted->len; i++)
    {
      MdCheck *check = g_ptr_array_index (sorted, i);
      g_auto(GStrv) evidence = md_check_dup_evidence (check);
      g_auto(GStrv) advice = md_check_dup_advice (check);
      g_auto(GStrv) records = md_check_dup_records (check);
      g_auto(GStrv) links = md_check_dup_links (check);

      g_string_append_printf (out, "\n[%s] %s: %s\n", md_check_status_get_label (md_check_get_status (check)),
                              md_check_get_title (check), md_check_get_summary (check) ? md_check_get_summary (check) : "");
      for (guint j = 0; evidence[j]; j++)
        g_string_append_printf (out, "    %s\n", evidence[j]);
      for (guint j = 0; advice[j]; j++)
        g_string_append_printf (out, "  → %s\n", advice[j]);
      for (guint j = 0; records[j]; j++)
        g_string_append_printf (out, "    %s\n", records[j]);
      for (guint j = 0; links[j]; j++)
        g_string_append_printf (out, "    %s\n", links[j]);
    }

  return g_string_free (out, FALSE);
}

static void
add_strv (JsonBuilder *builder,
          const char  *name,
          GStrv        strv)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
}

/* The schema is documented in docs/check-report-json.md. */
JsonNode *
md_diagnosis_to_json (MdDiagnosis *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) sorted = NULL;

  g_return_val_if_fail (MD_IS_DIAGNOSIS (self), NULL);

  sorted = md_diagnosis_dup_sorted_checks (self);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "domain");
  json_builder_add_string_value (builder, self->domain);
  json_builder_set_member_name (builder, "provider");
  if (self->provider != NULL)
    json_builder_add_string_value (builder, md_provider_get_id (self->provider));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, md_check_status_to_id (md_diagnosis_get_overall_status (self)));
  json_builder_set_member_name (builder, "checks");
  json_builder_begin_array (builder);
  for (guint i = 0; i < sorted->len; i++)
    {
      MdCheck *check = g_ptr_array_index (sorted, i);
      g_auto(GStrv) evidence = md_check_dup_evidence (check);
      g_auto(GStrv) advice = md_check_dup_advice (check);
      g_auto(GStrv) records = md_check_dup_records (check);
      g_auto(GStrv) links = md_check_dup_links (check);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, md_check_get_id (check));
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, md_check_status_to_id (md_check_get_status (check)));
      json_builder_set_member_name (builder, "summary");
      json_builder_add_string_value (builder, md_check_get_summary (check));
      add_strv (builder, "evidence", evidence);
      add_strv (builder, "advice", advice);
      add_strv (builder, "records", records);
      add_strv (builder, "links", links);
      json_builder_set_member_name (builder, "elapsed_ms");
      json_builder_add_int_value (builder, md_check_get_elapsed_ms (check));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
