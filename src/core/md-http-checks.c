/* md-http-checks.c — the checks that ask web servers: registration (RDAP),
 * webmail reachability and the provider's maintenance status.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "md-http-checks.h"
#include "md-provider.h"
#include "md-rdap.h"
#include "md-status-page.h"

#define EXPIRY_WARNING_DAYS 30
#define SLOW_WEBMAIL_MS     3000

typedef struct {
  MdCheck     *check;
  SoupSession *session;
  MdProvider  *provider;
  char        *domain;
  char        *url;
} CheckData;

static void
check_data_free (CheckData *data)
{
  g_clear_object (&data->check);
  g_clear_object (&data->session);
  g_clear_object (&data->provider);
  g_free (data->domain);
  g_free (data->url);
  g_free (data);
}

static GTask *
check_task_new (MdCheck             *check,
                MdProvider          *provider,
                SoupSession         *session,
                GCancellable        *cancellable,
                gpointer             source_tag,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  GTask *task;
  CheckData *data;

  task = g_task_new (check, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  data = g_new0 (CheckData, 1);
  data->check = g_object_ref (check);
  data->session = g_object_ref (session);
  data->provider = provider != NULL ? g_object_ref (provider) : NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) check_data_free);

  md_check_start (check);
  return task;
}

static void
check_return (GTask         *task,
              MdCheckStatus  status,
              const char    *summary)
{
  CheckData *data = g_task_get_task_data (task);

  md_check_finish (data->check, status, summary);
  g_task_return_boolean (task, TRUE);
}

/* Returns TRUE, having ended the task, when the caller cancelled. */
static gboolean
check_return_if_cancelled (GTask                *task,
                           const MdHttpResponse *response)
{
  CheckData *data = g_task_get_task_data (task);
  GError *error = response != NULL ? response->error : NULL;

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      && !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return FALSE;

  md_check_finish (data->check, MD_CHECK_STATUS_UNKNOWN, _("The check was cancelled"));
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The check was cancelled"));
  return TRUE;
}

static void
add_evidence_printf (MdCheck    *check,
                     const char *format,
                     ...) G_GNUC_PRINTF (2, 3);

static void
add_evidence_printf (MdCheck    *check,
                     const char *format,
                     ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  md_check_add_evidence (check, text);
}

static void
add_response_evidence (MdCheck              *check,
                       const MdHttpResponse *response)
{
  g_autofree char *line = md_http_response_describe (response);

  md_check_add_evidence (check, line);
}

static char *
format_date (GDateTime *date_time)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (date_time);

  /* %x is the locale's own way of writing a date. */
  return g_date_time_format (local, "%x");
}

static char *
format_date_time (GDateTime *date_time)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (date_time);

  return g_date_time_format (local, "%x %H:%M");
}

/* Why a request got no usable answer, in words for a summary. */
static char *
describe_failure (const MdHttpResponse *response)
{
  if (response->tls_errors != 0 || response->error->domain == G_TLS_ERROR)
    {
      g_autofree char *reasons = md_http_describe_tls_errors (response->tls_errors);

      /* Translators: %s lists reasons, e.g. “it has expired” */
      return g_strdup_printf (_("its certificate was rejected: %s"), reasons);
    }

  return g_strdup (response->error->message);
}

static const char *
provider_name (MdProvider *provider)
{
  return provider != NULL ? md_provider_get_name (provider) : NULL;
}

/* --- Registration (RDAP) ------------------------------------------------ */

static void
rdap_add_flag_advice (MdCheck      *check,
                      MdRdapDomain *domain,
                      const char   *registrar)
{
  if (domain->flags & MD_RDAP_FLAG_CLIENT_HOLD)
    {
      g_autofree char *text =
        g_strdup_printf (_("Your registrar (%s) has suspended the domain. This is most often "
                           "an unpaid renewal, an owner e-mail address that was never "
                           "confirmed, or a complaint. Contact them to have the hold lifted."),
                         registrar);

      md_check_add_advice (check, text);
    }
  if (domain->flags & MD_RDAP_FLAG_SERVER_HOLD)
    md_check_add_advice (check,
                         _("The registry itself has suspended the domain, usually for a legal "
                           "or administrative reason. Your registrar can tell you why and what "
                           "the registry needs to lift it."));
  if (domain->flags & MD_RDAP_FLAG_REDEMPTION_PERIOD)
    md_check_add_advice (check,
                         _("The domain expired and was deleted, but it can still be restored "
                           "during the redemption period (usually 30 days), for an extra fee. "
                           "Ask your registrar to restore it now: mail comes back once the "
                           "domain is in the DNS again."));
  if (domain->flags & MD_RDAP_FLAG_PENDING_DELETE)
    md_check_add_advice (check,
                         _("The domain is about to be deleted and released to the public; it "
                           "can usually no longer be restored. Contact your registrar at once, "
                           "and be ready to register the name again as soon as it is free."));
  if (domain->flags & MD_RDAP_FLAG_INACTIVE)
    md_check_add_advice (check,
                         _("The registry has no name servers for the domain, so it is not "
                           "published in the DNS. Set the name servers of your DNS host at "
                           "your registrar."));
  if (domain->flags & MD_RDAP_FLAG_PENDING_RESTORE)
    md_check_add_advice (check,
                         _("Your registrar has asked for the domain to be restored. Mail "
                           "should work again once the restore is complete, usually within a "
                           "few days."));
}

static void
rdap_add_evidence (MdCheck      *check,
                   MdRdapDomain *domain)
{
  if (domain->status[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", domain->status);

      add_evidence_printf (check, _("Status at the registry: %s"), joined);
    }
  else
    md_check_add_evidence (check, _("Status at the registry: not published"));

  if (domain->registration != NULL)
    {
      g_autofree char *date = format_date (domain->registration);

      add_evidence_printf (check, _("Registered on %s"), date);
    }

  if (domain->expiration != NULL)
    {
      g_autofree char *date = format_date (domain->expiration);

      add_evidence_printf (check, _("Expires on %s"), date);
    }
  else
    md_check_add_evidence (check, _("Expiry date: not published by the registry"));

  if (domain->last_changed != NULL)
    {
      g_autofree char *date = format_date (domain->last_changed);

      add_evidence_printf (check, _("Last changed on %s"), date);
    }

  if (domain->deletion != NULL)
    {
      g_autofree char *date = format_date (domain->deletion);

      add_evidence_printf (check, _("To be deleted on %s"), date);
    }

  if (domain->registrar != NULL && domain->registrar_iana_id != NULL)
    add_evidence_printf (check, _("Registrar: %s (IANA ID %s)"),
                         domain->registrar, domain->registrar_iana_id);
  else if (domain->registrar != NULL)
    add_evidence_printf (check, _("Registrar: %s"), domain->registrar);

  if (domain->nameservers[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", domain->nameservers);

      add_evidence_printf (check, _("Name servers at the registry: %s"), joined);
    }
}

static void
rdap_evaluate (GTask        *task,
               MdRdapDomain *domain)
{
  CheckData *data = g_task_get_task_data (task);
  MdCheck *check = data->check;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *summary = NULL;
  g_autofree char *expiry = NULL;
  const char *name = data->domain;
  const char *registrar;
  /* Every branch below but the last two means that mail stops. */
  MdCheckStatus status = MD_CHECK_STATUS_ERROR;
  GTimeSpan left = 0;

  rdap_add_evidence (check, domain);

  registrar = domain->registrar != NULL ? domain->registrar : _("your registrar");
  if (domain->registrar_url != NULL)
    md_check_add_link (check, domain->registrar_url);

  if (domain->expiration != NULL)
    {
      expiry = format_date (domain->expiration);
      left = g_date_time_difference (domain->expiration, now);
    }

  rdap_add_flag_advice (check, domain, registrar);

  /* The most serious finding names the summary. */
  if (domain->flags & MD_RDAP_FLAG_SERVER_HOLD)
    summary = g_strdup_printf (_("The registry has suspended %s (server hold): mail to it stops"), name);
  else if (domain->flags & MD_RDAP_FLAG_CLIENT_HOLD)
    summary = g_strdup_printf (_("The registrar has suspended %s (client hold): mail to it stops"), name);
  else if (domain->flags & MD_RDAP_FLAG_PENDING_DELETE)
    summary = g_strdup_printf (_("%s is about to be deleted (pending delete): mail to it stops"), name);
  else if (domain->flags & MD_RDAP_FLAG_REDEMPTION_PERIOD)
    summary = g_strdup_printf (_("%s has expired and is in its redemption period: mail to it stops"), name);
  else if (domain->flags & MD_RDAP_FLAG_INACTIVE)
    summary = g_strdup_printf (_("%s has no name servers at the registry: mail to it stops"), name);
  else if (expiry != NULL && left <= 0)
    {
      summary = g_strdup_printf (_("%s expired on %s: renew it now"), name, expiry);
      md_check_add_advice (check,
                           _("Renew the domain with your registrar now: most registries allow a "
                             "short grace period in which a renewal restores everything."));
    }
  else if (domain->flags & MD_RDAP_FLAG_PENDING_RESTORE)
    {
      status = MD_CHECK_STATUS_WARNING;
      summary = g_strdup_printf (_("%s is being restored after its expiry"), name);
    }
  else if (expiry != NULL && left < EXPIRY_WARNING_DAYS * G_TIME_SPAN_DAY)
    {
      int days = (int) (left / G_TIME_SPAN_DAY);

      status = MD_CHECK_STATUS_WARNING;
      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%s expires in %d day, on %s",
                                              "%s expires in %d days, on %s",
                                              days),
                                 name, days, expiry);
      md_check_add_advice (check,
                           _("Renew the domain soon, or check with your registrar that automatic "
                             "renewal is on and that the payment method on file is still valid."));
    }
  else
    {
      status = MD_CHECK_STATUS_OK;
      if (expiry != NULL)
        summary = g_strdup_printf (_("%s is registered until %s"), name, expiry);
      else
        summary = g_strdup_printf (_("%s is registered; its registry publishes no expiry date"), name);
    }

  check_return (task, status, summary);
}

static void
rdap_return_failure (GTask                *task,
                     const MdHttpResponse *response,
                     const GError         *error)
{
  CheckData *data = g_task_get_task_data (task);
  g_autofree char *summary = NULL;

  if (g_error_matches (error, MD_RDAP_ERROR, MD_RDAP_ERROR_NOT_FOUND))
    {
      summary = g_strdup_printf (_("The registry has no record of %s: it is not registered"),
                                 data->domain);
      md_check_add_advice (data->check,
                           _("Check the spelling of the domain. If it was yours, it may have been "
                             "deleted after it expired: ask your registrar whether it can be "
                             "registered again."));
      check_return (task, MD_CHECK_STATUS_ERROR, summary);
      return;
    }

  if (g_error_matches (error, MD_RDAP_ERROR, MD_RDAP_ERROR_INVALID))
    summary = g_strdup_printf (_("Could not read the registry's answer: %s"), error->message);
  else if (response->error != NULL)
    {
      g_autofree char *reason = describe_failure (response);

      summary = g_strdup_printf (_("Could not ask the registry: %s"), reason);
    }
  else
    summary = g_strdup_printf (_("Could not ask the registry: %s"), error->message);

  check_return (task, MD_CHECK_STATUS_UNKNOWN, summary);
}

static void
on_rdap_fetched (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CheckData *data = g_task_get_task_data (task);
  g_autoptr(MdHttpResponse) response = md_http_fetch_finish (result);
  g_autoptr(MdRdapDomain) domain = NULL;
  g_autoptr(GError) error = NULL;

  if (check_return_if_cancelled (task, response))
    return;

  add_response_evidence (data->check, response);

  domain = md_rdap_domain_from_response (response, &error);
  if (domain == NULL)
    rdap_return_failure (task, response, error);
  else
    rdap_evaluate (task, domain);
}

static void
rdap_query (GTask      *task,
            const char *base_url)
{
  CheckData *data = g_task_get_task_data (task);

  data->url = md_rdap_domain_url (base_url, data->domain);
  md_http_fetch_async (data->session, data->url,
                       "application/rdap+json, application/json;q=0.9",
                       MD_HTTP_FETCH_DEFAULT, g_task_get_cancellable (task),
                       on_rdap_fetched, task);
}

/* No RDAP service: say so, and send people where they can look. */
static void
rdap_return_no_service (GTask *task)
{
  CheckData *data = g_task_get_task_data (task);
  g_autofree char *registry = NULL;
  g_autofree char *summary = NULL;
  const char *tld;

  tld = strrchr (data->domain, '.');
  tld = tld != NULL ? tld + 1 : data->domain;
  registry = md_rdap_registry_url (tld);
  summary = g_strdup_printf (_("The registry of .%s offers no RDAP service: check the registration on its website"),
                             tld);

  md_check_add_link (data->check, registry);
  md_check_add_advice (data->check,
                       _("Look the domain up on its registry's website, or in your registrar's "
                         "control panel: check that it is active and when it expires."));
  check_return (task, MD_CHECK_STATUS_UNKNOWN, summary);
}

static void
on_bootstrap_loaded (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CheckData *data = g_task_get_task_data (task);
  g_autoptr(MdRdapBootstrap) bootstrap = NULL;
  g_autoptr(GDateTime) published_date = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *publication = NULL;
  const char *published;
  const char *base_url;

  bootstrap = md_rdap_bootstrap_load_finish (result, &error);
  if (bootstrap == NULL)
    {
      if (!check_return_if_cancelled (task, NULL))
        check_return (task, MD_CHECK_STATUS_UNKNOWN, error->message);
      return;
    }

  published = md_rdap_bootstrap_get_publication (bootstrap);
  published_date = published != NULL ? g_date_time_new_from_iso8601 (published, NULL) : NULL;
  publication = published_date != NULL ? format_date (published_date)
                                        : g_strdup (published != NULL ? published : "?");
  switch (md_rdap_bootstrap_get_source (bootstrap))
    {
    case MD_RDAP_BOOTSTRAP_DOWNLOADED:
      add_evidence_printf (data->check, _("IANA RDAP bootstrap downloaded now (published %s)"),
                           publication);
      break;
    case MD_RDAP_BOOTSTRAP_CACHED:
      add_evidence_printf (data->check, _("IANA RDAP bootstrap from the cache (published %s)"),
                           publication);
      break;
    case MD_RDAP_BOOTSTRAP_SHIPPED:
    default:
      add_evidence_printf (data->check, _("IANA RDAP bootstrap shipped with the application (published %s)"),
                           publication);
      break;
    }

  base_url = md_rdap_bootstrap_lookup (bootstrap, data->domain);
  if (base_url != NULL)
    {
      rdap_query (g_steal_pointer (&task), base_url);
      return;
    }

  rdap_return_no_service (task);
}

/* Lower-case A-labels without the final dot; NULL for an address. */
static char *
normalize_name (const char *name)
{
  g_autofree char *ascii = g_hostname_to_ascii (name);
  gsize length;

  if (ascii == NULL || *ascii == '\0' || g_hostname_is_ip_address (ascii))
    return NULL;

  length = strlen (ascii);
  if (ascii[length - 1] == '.')
    ascii[length - 1] = '\0';

  return g_ascii_strdown (ascii, -1);
}

/* The registered name under the public suffix: RDAP knows nothing of
 * hosts. NULL for a public suffix or a single label. */
static char *
registered_domain (const char *name)
{
  g_autoptr(GError) error = NULL;
  const char *base;

  base = soup_tld_get_base_domain (name, &error);

  /* A TLD missing from the public suffix list: its default rule ("*")
   * makes the last two labels the registered name. */
  if (g_error_matches (error, SOUP_TLD_ERROR, SOUP_TLD_ERROR_NO_BASE_DOMAIN))
    {
      const char *tld = strrchr (name, '.');

      if (tld == NULL || tld == name)
        return NULL;
      base = g_strrstr_len (name, tld - name, ".");
      base = base != NULL ? base + 1 : name;
    }

  return g_strdup (base);
}

void
md_check_rdap_run_async (MdCheck             *check,
                         const char          *domain,
                         SoupSession         *session,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *name = NULL;
  CheckData *data;
  const char *base_url;

  g_return_if_fail (MD_IS_CHECK (check));
  g_return_if_fail (domain != NULL);
  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = check_task_new (check, NULL, session, cancellable, md_check_rdap_run_async,
                         callback, user_data);
  data = g_task_get_task_data (task);

  name = normalize_name (domain);
  data->domain = name != NULL ? registered_domain (name) : NULL;
  if (data->domain == NULL)
    {
      g_autofree char *summary =
        g_strdup_printf (_("“%s” is not a domain name that can be registered"), domain);

      check_return (task, MD_CHECK_STATUS_UNKNOWN, summary);
      return;
    }

  if (!g_str_equal (name, data->domain))
    add_evidence_printf (check, _("Registered name: %s"), data->domain);

  base_url = md_http_get_override (MD_HTTP_OVERRIDE_RDAP_BASE_URL);
  if (base_url != NULL)
    rdap_query (g_steal_pointer (&task), base_url);
  else
    md_rdap_bootstrap_load_async (session, cancellable, on_bootstrap_loaded,
                                  g_steal_pointer (&task));
}

gboolean
md_check_rdap_run_finish (MdCheck       *check,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (MD_IS_CHECK (check), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, check), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == md_check_rdap_run_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- Webmail ------------------------------------------------------------ */

static void
webmail_add_certificate_evidence (MdCheck         *check,
                                  GTlsCertificate *certificate)
{
  g_autofree char *subject = NULL;
  g_autofree char *issuer = NULL;
  g_autoptr(GDateTime) not_after = NULL;
  g_autofree char *until = NULL;

  if (certificate == NULL)
    return;

  g_object_get (certificate,
                "subject-name", &subject,
                "issuer-name", &issuer,
                "not-valid-after", &not_after,
                NULL);
  if (not_after != NULL)
    until = format_date (not_after);

  /* Translators: certificate subject, issuer and expiry date */
  add_evidence_printf (check, _("Certificate: %s, issued by %s, valid until %s"),
                       subject != NULL ? subject : "?",
                       issuer != NULL ? issuer : "?",
                       until != NULL ? until : "?");
}

static void
webmail_add_next_steps (CheckData *data)
{
  const char *reset = data->provider != NULL
    ? md_provider_get_password_reset_url (data->provider) : NULL;

  md_check_add_advice (data->check,
                       _("Log in to the webmail and send yourself a message. If it arrives, the "
                         "service works and the settings of your mail program are the likely "
                         "cause."));
  if (reset != NULL)
    {
      md_check_add_advice (data->check,
                           _("Cannot log in to the webmail? Check the address and the password, "
                             "then reset the password if needed: your mail programs will need "
                             "the new one too."));
      md_check_add_link (data->check, reset);
    }
}

static void
on_webmail_fetched (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CheckData *data = g_task_get_task_data (task);
  g_autoptr(MdHttpResponse) response = md_http_fetch_finish (result);
  g_autofree char *summary = NULL;
  MdCheckStatus status;
  GError *error = response->error;

  if (check_return_if_cancelled (task, response))
    return;

  add_response_evidence (data->check, response);
  webmail_add_certificate_evidence (data->check, response->peer_certificate);

  if (error != NULL && (response->tls_errors != 0 || error->domain == G_TLS_ERROR))
    {
      g_autofree char *reasons = md_http_describe_tls_errors (response->tls_errors);

      /* A certificate error is a finding, never something to go past. */
      status = MD_CHECK_STATUS_ERROR;
      summary = g_strdup_printf (_("The webmail's certificate is rejected: %s"), reasons);
      add_evidence_printf (data->check, _("TLS error: %s"), error->message);
      md_check_add_advice (data->check,
                           _("Do not go past the browser's warning. If it only happens on one "
                             "network (an office, a hotel, an antivirus that inspects secure "
                             "connections), that network is the cause. Otherwise tell the "
                             "provider's support; if the webmail is on your own server, renew "
                             "or reinstall its certificate for this exact name."));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      status = MD_CHECK_STATUS_ERROR;
      summary = g_strdup_printf (_("The webmail does not answer: %s"), error->message);
    }
  else if (g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND))
    {
      status = MD_CHECK_STATUS_ERROR;
      summary = g_strdup_printf (_("The webmail's server name does not exist: %s"), error->message);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    {
      status = MD_CHECK_STATUS_ERROR;
      summary = g_strdup_printf (_("The webmail refuses connections: %s"), error->message);
    }
  else if (error != NULL)
    {
      /* No network, a proxy, a failing resolver: our side may be the cause. */
      status = MD_CHECK_STATUS_UNKNOWN;
      summary = g_strdup_printf (_("Could not reach the webmail: %s"), error->message);
    }
  else if (SOUP_STATUS_IS_SERVER_ERROR (response->status))
    {
      status = MD_CHECK_STATUS_ERROR;
      summary = g_strdup_printf (_("The webmail server is failing (HTTP %u %s)"),
                                 response->status, response->reason);
      md_check_add_advice (data->check,
                           _("The provider's webmail is in trouble: look for an incident on its "
                             "status page, and try again later."));
    }
  else if (response->status == SOUP_STATUS_NOT_FOUND || response->status == SOUP_STATUS_GONE)
    {
      status = MD_CHECK_STATUS_WARNING;
      summary = g_strdup_printf (_("The webmail address answers “page not found” (HTTP %u)"),
                                 response->status);
    }
  else if (SOUP_STATUS_IS_CLIENT_ERROR (response->status)
           && response->status != SOUP_STATUS_UNAUTHORIZED)
    {
      status = MD_CHECK_STATUS_WARNING;
      summary = g_strdup_printf (_("The webmail answers with an error (HTTP %u %s)"),
                                 response->status, response->reason);
    }
  else if (g_str_has_prefix (data->url, "https:")
           && g_str_has_prefix (response->final_url, "http:"))
    {
      status = MD_CHECK_STATUS_WARNING;
      summary = g_strdup (_("The webmail sends you to a page that is not encrypted"));
      md_check_add_advice (data->check,
                           _("Do not type your password on a page whose address starts with "
                             "http:. Tell the provider's support."));
    }
  else if (response->elapsed_ms > SLOW_WEBMAIL_MS)
    {
      status = MD_CHECK_STATUS_WARNING;
      summary = g_strdup_printf (_("The webmail answers, but slowly (%u ms)"),
                                 (guint) response->elapsed_ms);
      webmail_add_next_steps (data);
    }
  else
    {
      status = MD_CHECK_STATUS_OK;
      summary = g_strdup_printf (_("The webmail answers with a valid certificate (%u ms)"),
                                 (guint) response->elapsed_ms);
      webmail_add_next_steps (data);
    }

  check_return (task, status, summary);
}

void
md_check_webmail_run_async (MdCheck             *check,
                            MdProvider          *provider,
                            SoupSession         *session,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CheckData *data;
  const char *url;

  g_return_if_fail (MD_IS_CHECK (check));
  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = check_task_new (check, provider, session, cancellable, md_check_webmail_run_async,
                         callback, user_data);
  data = g_task_get_task_data (task);

  url = md_http_get_override (MD_HTTP_OVERRIDE_WEBMAIL_URL);
  if (url == NULL && provider != NULL)
    url = md_provider_get_webmail_url (provider);

  if (url == NULL)
    {
      g_autofree char *summary = provider != NULL
        ? g_strdup_printf (_("No webmail address is known for %s"), provider_name (provider))
        : g_strdup (_("No webmail to test: the provider is not known"));

      check_return (task, MD_CHECK_STATUS_UNKNOWN, summary);
      return;
    }

  data->url = g_strdup (url);
  md_check_add_link (check, url);
  md_http_fetch_async (session, url, NULL, MD_HTTP_FETCH_SKIP_BODY, cancellable,
                       on_webmail_fetched, g_steal_pointer (&task));
}

gboolean
md_check_webmail_run_finish (MdCheck       *check,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (MD_IS_CHECK (check), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, check), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == md_check_webmail_run_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- Maintenance (status page) ------------------------------------------ */

static void
maintenance_add_event_evidence (MdCheck       *check,
                                MdStatusEvent *event,
                                gboolean       maintenance)
{
  g_autofree char *starts = event->starts != NULL ? format_date_time (event->starts) : NULL;
  g_autofree char *ends = event->ends != NULL ? format_date_time (event->ends) : NULL;
  const char *state = event->status != NULL ? event->status : "?";

  if (maintenance)
    /* Translators: maintenance name, its state, start and end */
    add_evidence_printf (check, _("Maintenance: %s (%s), from %s to %s"),
                         event->name, state, starts != NULL ? starts : "?",
                         ends != NULL ? ends : "?");
  else
    /* Translators: incident name, its state, when it started */
    add_evidence_printf (check, _("Incident: %s (%s), since %s"),
                         event->name, state, starts != NULL ? starts : "?");

  if (event->latest_update != NULL)
    add_evidence_printf (check, _("Latest update: %s"), event->latest_update);
  if (event->shortlink != NULL)
    md_check_add_link (check, event->shortlink);
}

static void
maintenance_evaluate (GTask           *task,
                      MdStatusSummary *page)
{
  CheckData *data = g_task_get_task_data (task);
  MdCheck *check = data->check;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *summary = NULL;
  MdStatusEvent *ongoing = NULL;
  MdStatusEvent *upcoming = NULL;
  MdStatusImpact worst = page->indicator;
  guint n_upcoming = 0;
  MdCheckStatus status;

  if (page->description != NULL)
    add_evidence_printf (check, _("The status page says: %s"), page->description);

  for (guint i = 0; i < page->incidents->len; i++)
    {
      MdStatusEvent *incident = g_ptr_array_index (page->incidents, i);

      maintenance_add_event_evidence (check, incident, FALSE);
      worst = MAX (worst, incident->impact);
    }

  for (guint i = 0; i < page->maintenances->len; i++)
    {
      MdStatusEvent *maintenance = g_ptr_array_index (page->maintenances, i);

      maintenance_add_event_evidence (check, maintenance, TRUE);
      if (md_status_event_is_in_progress (maintenance, now))
        {
          if (ongoing == NULL)
            ongoing = maintenance;
        }
      else if (n_upcoming++ == 0)
        upcoming = maintenance;
    }

  for (guint i = 0; page->degraded[i] != NULL; i++)
    add_evidence_printf (check, _("Component affected: %s"), page->degraded[i]);

  if (page->incidents->len > 0)
    {
      MdStatusEvent *first = g_ptr_array_index (page->incidents, 0);

      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u open incident: %s",
                                              "%u open incidents, including: %s",
                                              page->incidents->len),
                                 page->incidents->len, first->name);
      md_check_add_advice (check,
                           _("The provider is dealing with an incident. If it concerns e-mail, "
                             "wait for it to be resolved before changing your settings, and "
                             "follow it on the status page."));
    }
  else if (ongoing != NULL)
    {
      summary = g_strdup_printf (_("Maintenance in progress: %s"), ongoing->name);
      md_check_add_advice (check,
                           _("Planned work is under way: mail may be slow or unavailable until "
                             "it ends. Try again afterwards before changing anything."));
    }
  else if (worst > MD_STATUS_IMPACT_NONE || page->under_maintenance || page->degraded[0] != NULL)
    summary = g_strdup_printf (_("The status page reports a problem: %s"),
                               page->description != NULL ? page->description : "?");
  else if (upcoming != NULL)
    {
      g_autofree char *when = upcoming->starts != NULL ? format_date_time (upcoming->starts) : g_strdup ("?");

      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "No incident; %u maintenance is planned: %s, on %s",
                                              "No incident; %u maintenances are planned, the first: %s, on %s",
                                              n_upcoming),
                                 n_upcoming, upcoming->name, when);
    }
  else
    summary = g_strdup (_("No incident and no maintenance reported"));

  if (worst >= MD_STATUS_IMPACT_MAJOR)
    status = MD_CHECK_STATUS_ERROR;
  else if (page->incidents->len > 0 || ongoing != NULL || worst > MD_STATUS_IMPACT_NONE
           || page->under_maintenance || page->degraded[0] != NULL)
    status = MD_CHECK_STATUS_WARNING;
  else
    status = MD_CHECK_STATUS_OK;

  check_return (task, status, summary);
}

static void
on_status_fetched (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CheckData *data = g_task_get_task_data (task);
  g_autoptr(MdHttpResponse) response = md_http_fetch_finish (result);
  g_autoptr(MdStatusSummary) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;

  if (check_return_if_cancelled (task, response))
    return;

  add_response_evidence (data->check, response);

  if (response->error != NULL)
    {
      g_autofree char *reason = describe_failure (response);

      summary = g_strdup_printf (_("Could not read the status page: %s"), reason);
      check_return (task, MD_CHECK_STATUS_UNKNOWN, summary);
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (response->status))
    {
      summary = g_strdup_printf (_("Could not read the status page: it answered HTTP %u %s"),
                                 response->status, response->reason);
      check_return (task, MD_CHECK_STATUS_UNKNOWN, summary);
      return;
    }

  page = md_status_summary_parse (response->body != NULL ? g_bytes_get_data (response->body, NULL) : NULL,
                                  response->body != NULL ? g_bytes_get_size (response->body) : 0,
                                  &error);
  if (page == NULL)
    {
      summary = g_strdup_printf (_("Could not read the status page: %s"), error->message);
      check_return (task, MD_CHECK_STATUS_UNKNOWN, summary);
      return;
    }

  if (page->page_url != NULL && data->provider == NULL)
    md_check_add_link (data->check, page->page_url);

  maintenance_evaluate (task, page);
}

void
md_check_maintenance_run_async (MdCheck             *check,
                                MdProvider          *provider,
                                SoupSession         *session,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const char *api_url;
  const char *page_url;

  g_return_if_fail (MD_IS_CHECK (check));
  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = check_task_new (check, provider, session, cancellable, md_check_maintenance_run_async,
                         callback, user_data);

  api_url = md_http_get_override (MD_HTTP_OVERRIDE_STATUS_API_URL);
  if (api_url == NULL && provider != NULL)
    api_url = md_provider_get_status_api_url (provider);
  page_url = provider != NULL ? md_provider_get_status_page_url (provider) : NULL;

  if (page_url != NULL)
    md_check_add_link (check, page_url);

  if (api_url == NULL)
    {
      g_autofree char *summary = NULL;

      if (page_url != NULL)
        {
          summary = g_strdup_printf (_("%s publishes no status feed to read: see its status page"),
                                     provider_name (provider));
          md_check_add_advice (check,
                               _("Open the provider's status page and look for an incident or "
                                 "planned work on e-mail."));
        }
      else if (provider != NULL)
        summary = g_strdup_printf (_("No status page is known for %s"), provider_name (provider));
      else
        summary = g_strdup (_("No status page to read: the provider is not known"));

      check_return (task, MD_CHECK_STATUS_UNKNOWN, summary);
      return;
    }

  md_http_fetch_async (session, api_url, "application/json", MD_HTTP_FETCH_DEFAULT,
                       cancellable, on_status_fetched, g_steal_pointer (&task));
}

gboolean
md_check_maintenance_run_finish (MdCheck       *check,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (MD_IS_CHECK (check), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, check), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == md_check_maintenance_run_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
