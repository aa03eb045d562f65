/* md-dns-checks.c — the checks that ask the DNS: domain, MX, autodiscover,
 * SPF, DMARC, blocklists
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "md-dns.h"
#include "md-dns-checks.h"
#include "md-spf.h"

#define SPF_MAX_LOOKUPS 10
#define SPF_MAX_VOID_LOOKUPS 2
#define SPF_MAX_DEPTH 10

struct _MdLookupResult
{
  /* autodiscover */
  MdDnsAnswer *srv;
  MdDnsAnswer *cname;
  /* spf */
  MdDnsAnswer *txt;
  GPtrArray   *spf_records;    /* char *: the v=spf1 records of the domain */
  GPtrArray   *tree;           /* char *: one line per term, indented by depth */
  GPtrArray   *includes;       /* char *: every domain included, at any depth */
  GPtrArray   *failures;       /* char *: look-ups inside the tree that failed */
  guint        lookups;
  guint        void_lookups;
  char        *lookup_at_fault;
  char        *void_at_fault;
};

void
md_lookup_result_free (MdLookupResult *result)
{
  if (result == NULL)
    return;
  md_dns_answer_free (result->srv);
  md_dns_answer_free (result->cname);
  md_dns_answer_free (result->txt);
  g_clear_pointer (&result->spf_records, g_ptr_array_unref);
  g_clear_pointer (&result->tree, g_ptr_array_unref);
  g_clear_pointer (&result->includes, g_ptr_array_unref);
  g_clear_pointer (&result->failures, g_ptr_array_unref);
  g_free (result->lookup_at_fault);
  g_free (result->void_at_fault);
  g_free (result);
}

void
md_mx_result_free (MdMxResult *result)
{
  if (result == NULL)
    return;
  g_clear_object (&result->provider);
  g_clear_pointer (&result->hosts, g_ptr_array_unref);
  g_clear_pointer (&result->addresses, g_ptr_array_unref);
  g_free (result);
}

static gboolean
answer_failed (const MdDnsAnswer *answer)
{
  return answer->outcome == MD_DNS_FAILED || answer->outcome == MD_DNS_TIMED_OUT;
}

static void
finish_could_not_check (MdCheck           *check,
                        const MdDnsAnswer *answer,
                        const char        *type)
{
  g_autofree char *line = md_dns_answer_describe (answer, type);

  md_check_add_evidence (check, line);
  md_check_add_advice (check, _("The DNS did not answer: check your Internet connection and try again. "
                                "This says nothing about your domain yet."));
  md_check_finish (check, MD_CHECK_STATUS_UNKNOWN,
                   answer->outcome == MD_DNS_TIMED_OUT
                   ? _("Could not check: the DNS did not answer in time")
                   : _("Could not check: the DNS look-up failed"));
}

/* Collects the answers of several look-ups started at once. */
typedef struct {
  MdCheck     *check;
  GResolver   *resolver;
  char        *domain;
  guint        timeout_ms;
  MdProvider  *provider;
  guint        pending;
  MdDnsAnswer *answers[4];
  GHashTable  *per_host;        /* host → MdDnsAnswer * (addresses) */
  GHashTable  *cnames;          /* host → MdDnsAnswer * */
  GPtrArray   *hosts;
  MdLookupResult *lookup;
  GHashTable  *visited;
  const char * const *zones;
  GPtrArray   *listed;
  GPtrArray   *refused;
  guint        clean;
  gboolean     returned;
} CheckData;

static void
check_data_free (CheckData *data)
{
  g_clear_object (&data->check);
  g_clear_object (&data->resolver);
  g_clear_object (&data->provider);
  g_free (data->domain);
  for (guint i = 0; i < G_N_ELEMENTS (data->answers); i++)
    md_dns_answer_free (data->answers[i]);
  g_clear_pointer (&data->per_host, g_hash_table_unref);
  g_clear_pointer (&data->cnames, g_hash_table_unref);
  g_clear_pointer (&data->hosts, g_ptr_array_unref);
  g_clear_pointer (&data->lookup, md_lookup_result_free);
  g_clear_pointer (&data->visited, g_hash_table_unref);
  g_clear_pointer (&data->listed, g_ptr_array_unref);
  g_clear_pointer (&data->refused, g_ptr_array_unref);
  g_free (data);
}

static GTask *
check_task_new (MdCheck             *check,
                GResolver           *resolver,
                const char          *domain,
                guint                timeout_ms,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data,
                gpointer             source_tag)
{
  GTask *task = g_task_new (check, cancellable, callback, user_data);
  CheckData *data = g_new0 (CheckData, 1);

  data->check = g_object_ref (check);
  data->resolver = resolver ? g_object_ref (resolver) : NULL;
  data->domain = g_strdup (domain);
  data->timeout_ms = timeout_ms;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) check_data_free);
  md_check_start (check);

  return task;
}

/* Stores a look-up's answer in @slot; TRUE when it was the last one
 * pending and the task is still to be answered. A cancel answers at once. */
static gboolean
collect (GTask        *task,
         GAsyncResult *result,
         MdDnsAnswer **slot)
{
  CheckData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  MdDnsAnswer *answer = md_dns_lookup_finish (result, &error);

  data->pending--;
  if (answer == NULL)
    {
      if (!data->returned)
        {
          data->returned = TRUE;
          g_task_return_error (task, g_steal_pointer (&error));
        }
      return FALSE;
    }
  if (data->returned)
    {
      md_dns_answer_free (answer);
      return FALSE;
    }
  md_dns_answer_free (*slot);
  *slot = answer;

  return data->pending == 0;
}

/* ---- domain ------------------------------------------------------------ */

static void
domain_answer_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data);

typedef struct {
  GTask *task;
  guint  slot;
} SlotRef;

static SlotRef *
slot_ref (GTask *task,
          guint  slot)
{
  SlotRef *ref = g_new (SlotRef, 1);

  ref->task = g_object_ref (task);
  ref->slot = slot;

  return ref;
}

static void
domain_answer_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SlotRef *ref = user_data;
  g_autoptr(GTask) task = ref->task;
  CheckData *data = g_task_get_task_data (task);
  MdDnsAnswer *soa, *ns;
  guint slot = ref->slot;

  g_free (ref);
  if (!collect (task, result, &data->answers[slot]))
    return;

  soa = data->answers[0];
  ns = data->answers[1];

  if (ns->outcome == MD_DNS_OK)
    {
      guint n = 0;

      for (GList *l = ns->records; l; l = l->next, n++)
        {
          const char *host;
          g_autofree char *line = NULL;

          g_variant_get (l->data, "(&s)", &host);
          line = g_strdup_printf ("%s NS %s", data->domain, host);
          md_check_add_evidence (data->check, line);
        }
      if (soa->outcome == MD_DNS_OK)
        {
          const char *mname, *rname;
          guint32 serial, refresh, retry, expire, ttl;
          g_autofree char *line = NULL;

          g_variant_get (soa->records->data, "(&s&suuuuu)", &mname, &rname, &serial, &refresh, &retry, &expire, &ttl);
          line = g_strdup_printf ("%s SOA %s %s %u", data->domain, mname, rname, serial);
          md_check_add_evidence (data->check, line);
        }
      {
        g_autofree char *summary = g_strdup_printf (ngettext ("The domain exists and is served by %u name server",
                                                              "The domain exists and is served by %u name servers", n), n);
        md_check_finish (data->check, MD_CHECK_STATUS_OK, summary);
      }
    }
  else if (soa->outcome == MD_DNS_OK)
    {
      g_autofree char *line = md_dns_answer_describe (ns, "NS");

      md_check_add_evidence (data->check, line);
      md_check_finish (data->check, MD_CHECK_STATUS_OK, _("The domain exists"));
    }
  else if (answer_failed (soa) && answer_failed (ns))
    finish_could_not_check (data->check, soa, "SOA");
  else
    {
      g_autofree char *line = md_dns_answer_describe (soa, "SOA");

      md_check_add_evidence (data->check, line);
      md_check_add_advice (data->check,
                           _("Check the spelling of the domain. If it is right, the domain may have expired "
                             "or never been registered: look at it in your registrar’s control panel."));
      md_check_finish (data->check, MD_CHECK_STATUS_ERROR, _("The domain does not exist in the DNS"));
    }

  g_task_return_boolean (task, TRUE);
}

void
md_check_domain_run_async (MdCheck             *check,
                           GResolver           *resolver,
                           const char          *domain,
                           guint                timeout_ms,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = check_task_new (check, resolver, domain, timeout_ms, cancellable,
                                          callback, user_data, md_check_domain_run_async);
  CheckData *data = g_task_get_task_data (task);

  data->pending = 2;
  md_dns_lookup_records_async (resolver, domain, G_RESOLVER_RECORD_SOA, timeout_ms, cancellable,
                               domain_answer_cb, slot_ref (task, 0));
  md_dns_lookup_records_async (resolver, domain, G_RESOLVER_RECORD_NS, timeout_ms, cancellable,
                               domain_answer_cb, slot_ref (task, 1));
}

gboolean
md_check_domain_run_finish (MdCheck       *check,
                            GAsyncResult  *result,
                            GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- MX ---------------------------------------------------------------- */

static char *
mx_record_line (const char *domain,
                guint       priority,
                const char *host)
{
  return g_strdup_printf ("%s. 3600 IN MX %u %s.", domain, priority, host);
}

static void
add_expected_mx_records (MdCheck    *check,
                         MdProvider *provider,
                         const char *domain)
{
  g_autoptr(GPtrArray) expected = NULL;

  if (provider == NULL)
    return;
  expected = md_provider_dup_expected_mx (provider, domain);
  for (guint i = 0; i < expected->len; i++)
    {
      MdProviderMx *mx = g_ptr_array_index (expected, i);
      g_autofree char *line = mx_record_line (domain, mx->priority, mx->host);

      md_check_add_record (check, line);
    }
}

static MdProvider *
provider_of_host (const char *host)
{
  const char *hosts[] = { host, NULL };

  return md_provider_detect (hosts);
}

/* Compares the MX set with what the provider expects. */
static void
evaluate_mx (CheckData *data,
             MdDnsAnswer *mx)
{
  MdCheck *check = data->check;
  MdCheckStatus status = MD_CHECK_STATUS_OK;
  g_autofree char *summary = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  gboolean foreign = FALSE, legacy = FALSE;

#define WORSEN(s) G_STMT_START { if (md_check_status_severity (s) > md_check_status_severity (status)) status = (s); } G_STMT_END

  for (guint i = 0; i < data->hosts->len; i++)
    {
      const char *host = g_ptr_array_index (data->hosts, i);
      MdDnsAnswer *addresses = g_hash_table_lookup (data->per_host, host);
      MdDnsAnswer *cname = g_hash_table_lookup (data->cnames, host);

      if (g_hostname_is_ip_address (host))
        {
          g_autofree char *advice = g_strdup_printf (_("The MX record “%s” is an IP address; an MX record must name a server (RFC 5321). "
                                                       "Replace it with the server’s name."), host);
          md_check_add_advice (check, advice);
          WORSEN (MD_CHECK_STATUS_ERROR);
          continue;
        }
      if (cname != NULL && cname->outcome == MD_DNS_OK)
        {
          g_autofree char *line = g_strdup_printf ("%s CNAME %s", host, cname->cname);
          g_autofree char *advice = g_strdup_printf (_("The MX host %s is an alias (CNAME) of %s. An MX record must point at the "
                                                       "server’s own name (RFC 2181): some senders will refuse to deliver."),
                                                     host, cname->cname);
          md_check_add_evidence (check, line);
          md_check_add_advice (check, advice);
          WORSEN (MD_CHECK_STATUS_ERROR);
        }
      if (addresses != NULL && addresses->outcome == MD_DNS_OK)
        {
          for (GList *l = addresses->addresses; l; l = l->next)
            {
              g_autofree char *ip = g_inet_address_to_string (l->data);
              g_autofree char *line = g_strdup_printf ("%s → %s", host, ip);

              md_check_add_evidence (check, line);
            }
        }
      else if (addresses != NULL && addresses->outcome == MD_DNS_NOT_FOUND)
        {
          g_autofree char *advice = g_strdup_printf (_("The MX host %s has no address: mail for you cannot be delivered to it."), host);
          md_check_add_advice (check, advice);
          WORSEN (MD_CHECK_STATUS_ERROR);
        }
      else if (addresses != NULL)
        {
          g_autofree char *line = md_dns_answer_describe (addresses, "A/AAAA");
          md_check_add_evidence (check, line);
          WORSEN (MD_CHECK_STATUS_UNKNOWN);
        }

      if (data->provider != NULL)
        {
          MdProvider *owner = provider_of_host (host);

          if (md_provider_is_legacy_mx (data->provider, host))
            legacy = TRUE;
          else if (!md_provider_matches_host (data->provider, host) &&
                   !md_provider_is_alternative_mx (data->provider, host))
            {
              g_autofree char *advice = owner != NULL
                ? g_strdup_printf (_("The MX host %s belongs to %s, not to %s: mail is split between two providers."),
                                   host, md_provider_get_name (owner), md_provider_get_name (data->provider))
                : g_strdup_printf (_("The MX host %s does not belong to %s: it may be a former host’s server."),
                                   host, md_provider_get_name (data->provider));
              md_check_add_advice (check, advice);
              foreign = TRUE;
            }
        }
    }

  if (data->provider != NULL)
    {
      gboolean alternative = FALSE;

      for (guint i = 0; i < data->hosts->len; i++)
        alternative |= md_provider_is_alternative_mx (data->provider, g_ptr_array_index (data->hosts, i));

      expected = md_provider_dup_expected_mx (data->provider, data->domain);
      if (!alternative)
        for (guint i = 0; i < expected->len; i++)
          {
            MdProviderMx *want = g_ptr_array_index (expected, i);
            gboolean found = FALSE;

            for (GList *l = mx->records; l; l = l->next)
              {
                guint16 priority;
                const char *host;

                g_variant_get (l->data, "(q&s)", &priority, &host);
                if (g_ascii_strcasecmp (host, want->host) == 0)
                  {
                    found = TRUE;
                    if (priority != want->priority)
                      g_string_append_printf (problems, _("%s has priority %u instead of %u. "), host, priority, want->priority);
                  }
              }
            if (!found)
              g_string_append_printf (problems, _("%s is missing. "), want->host);
          }
    }

  if (foreign)
    {
      WORSEN (MD_CHECK_STATUS_ERROR);
      summary = g_strdup_printf (_("The MX records do not point at %s’s servers"), md_provider_get_name (data->provider));
      md_check_add_advice (check, _("Replace the MX records in your domain’s DNS zone with the ones below. "
                                    "The change takes effect within a few hours."));
      add_expected_mx_records (check, data->provider, data->domain);
    }
  else if (legacy)
    {
      WORSEN (MD_CHECK_STATUS_WARNING);
      summary = g_strdup (_("The MX records use former server names that still work for now"));
      md_check_add_advice (check, _("Your provider has new server names: update the MX records to the ones below before the old ones stop."));
      add_expected_mx_records (check, data->provider, data->domain);
    }
  else if (problems->len > 0)
    {
      WORSEN (MD_CHECK_STATUS_WARNING);
      summary = g_strdup (_("The MX records are incomplete"));
      md_check_add_advice (check, problems->str);
      add_expected_mx_records (check, data->provider, data->domain);
    }

  if (summary == NULL)
    {
      if (status == MD_CHECK_STATUS_ERROR)
        summary = g_strdup (_("Some MX records are not usable"));
      else if (status == MD_CHECK_STATUS_UNKNOWN)
        summary = g_strdup (_("Could not check the addresses of every MX host"));
      else if (data->provider != NULL)
        summary = g_strdup_printf (_("The MX records point at %s"), md_provider_get_name (data->provider));
      else
        {
          summary = g_strdup (_("The MX records point at servers Mail Doctor does not know"));
          md_check_add_advice (check, _("If your e-mail is hosted by one of the providers Mail Doctor knows, choose it "
                                        "and check again: these servers may be a former host’s."));
          WORSEN (MD_CHECK_STATUS_WARNING);
        }
    }

#undef WORSEN
  md_check_finish (check, status, summary);
}

static MdMxResult *
mx_result_new (CheckData *data,
               gboolean   domain_exists)
{
  MdMxResult *result = g_new0 (MdMxResult, 1);

  result->domain_exists = domain_exists;
  result->provider = data->provider ? g_object_ref (data->provider) : NULL;
  result->hosts = g_ptr_array_new_with_free_func (g_free);
  result->addresses = g_ptr_array_new_with_free_func (g_object_unref);
  if (data->hosts != NULL)
    for (guint i = 0; i < data->hosts->len; i++)
      {
        const char *host = g_ptr_array_index (data->hosts, i);
        MdDnsAnswer *addresses = g_hash_table_lookup (data->per_host, host);

        g_ptr_array_add (result->hosts, g_strdup (host));
        if (addresses != NULL)
          for (GList *l = addresses->addresses; l; l = l->next)
            g_ptr_array_add (result->addresses, g_object_ref (l->data));
      }

  return result;
}

static void
mx_host_answer_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  SlotRef *ref = user_data;
  g_autoptr(GTask) task = ref->task;
  CheckData *data = g_task_get_task_data (task);
  const char *host = g_ptr_array_index (data->hosts, ref->slot / 2);
  GHashTable *table = ref->slot % 2 == 0 ? data->per_host : data->cnames;
  MdDnsAnswer *answer = NULL;
  gboolean last;

  g_free (ref);
  last = collect (task, result, &answer);
  if (answer != NULL)
    g_hash_table_replace (table, g_strdup (host), answer);
  if (!last)
    return;

  evaluate_mx (data, data->answers[0]);
  g_task_return_pointer (task, mx_result_new (data, TRUE), (GDestroyNotify) md_mx_result_free);
}

/* No MX: does the domain exist at all, and has it an address to fall back on? */
static void
mx_fallback_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SlotRef *ref = user_data;
  g_autoptr(GTask) task = ref->task;
  CheckData *data = g_task_get_task_data (task);
  guint slot = ref->slot;
  MdDnsAnswer *soa, *address;

  g_free (ref);
  if (!collect (task, result, &data->answers[slot]))
    return;

  soa = data->answers[1];
  address = data->answers[2];
  {
    g_autofree char *line = md_dns_answer_describe (data->answers[0], "MX");

    md_check_add_evidence (data->check, line);
  }

  if (soa->outcome == MD_DNS_NOT_FOUND && address->outcome == MD_DNS_NOT_FOUND)
    {
      md_check_add_advice (data->check, _("Check the spelling of the domain, and its registration: a domain that does not "
                                          "exist receives no mail at all."));
      md_check_finish (data->check, MD_CHECK_STATUS_ERROR, _("The domain does not exist, so it has no MX records"));
      g_task_return_pointer (task, mx_result_new (data, FALSE), (GDestroyNotify) md_mx_result_free);
      return;
    }
  if (answer_failed (soa) && answer_failed (address))
    {
      finish_could_not_check (data->check, soa, "SOA");
      g_task_return_pointer (task, mx_result_new (data, TRUE), (GDestroyNotify) md_mx_result_free);
      return;
    }

  md_check_add_advice (data->check, _("Add MX records that name your provider’s mail servers."));
  add_expected_mx_records (data->check, data->provider, data->domain);
  if (address->outcome == MD_DNS_OK)
    {
      md_check_add_advice (data->check, _("Without MX records, senders try the domain’s own address (RFC 5321 §5.1): "
                                          "that is a web server, which usually does not take mail."));
      md_check_finish (data->check, MD_CHECK_STATUS_WARNING,
                       _("The domain has no MX records: mail falls back to its web address"));
    }
  else
    md_check_finish (data->check, MD_CHECK_STATUS_ERROR, _("The domain has no MX records: nobody can send you mail"));

  g_task_return_pointer (task, mx_result_new (data, TRUE), (GDestroyNotify) md_mx_result_free);
}

static void
mx_answer_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CheckData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GPtrArray) host_list = g_ptr_array_new ();
  MdDnsAnswer *mx;

  if (!collect (task, result, &data->answers[0]))
    return;
  mx = data->answers[0];

  if (mx->outcome == MD_DNS_NOT_FOUND)
    {
      data->pending = 2;
      md_dns_lookup_records_async (data->resolver, data->domain, G_RESOLVER_RECORD_SOA, data->timeout_ms,
                                   cancellable, mx_fallback_cb, slot_ref (task, 1));
      md_dns_lookup_address_async (data->resolver, data->domain, data->timeout_ms,
                                   cancellable, mx_fallback_cb, slot_ref (task, 2));
      return;
    }
  if (answer_failed (mx))
    {
      finish_could_not_check (data->check, mx, "MX");
      g_task_return_pointer (task, mx_result_new (data, TRUE), (GDestroyNotify) md_mx_result_free);
      return;
    }

  data->hosts = g_ptr_array_new_with_free_func (g_free);
  for (GList *l = mx->records; l; l = l->next)
    {
      guint16 priority;
      const char *host;
      g_autofree char *line = NULL;

      g_variant_get (l->data, "(q&s)", &priority, &host);
      line = g_strdup_printf ("%s MX %u %s", data->domain, priority, *host ? host : ".");
      md_check_add_evidence (data->check, line);
      if (*host == '\0' || g_str_equal (host, "."))
        {
          md_check_add_advice (data->check, _("A “null MX” record (RFC 7505) says this domain receives no e-mail at all. "
                                              "If you expect mail, replace it with your provider’s MX records."));
          add_expected_mx_records (data->check, data->provider, data->domain);
          md_check_finish (data->check, MD_CHECK_STATUS_ERROR, _("The domain declares that it accepts no e-mail (null MX)"));
          g_task_return_pointer (task, mx_result_new (data, TRUE), (GDestroyNotify) md_mx_result_free);
          return;
        }
      g_ptr_array_add (data->hosts, g_ascii_strdown (host, -1));
      g_ptr_array_add (host_list, g_ptr_array_index (data->hosts, data->hosts->len - 1));
    }
  g_ptr_array_add (host_list, NULL);

  if (data->provider == NULL)
    {
      MdProvider *detected = md_provider_detect ((const char * const *) host_list->pdata);

      data->provider = detected ? g_object_ref (detected) : NULL;
    }

  data->per_host = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) md_dns_answer_free);
  data->cnames = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) md_dns_answer_free);
  data->pending = 0;
  for (guint i = 0; i < data->hosts->len; i++)
    if (!g_hostname_is_ip_address (g_ptr_array_index (data->hosts, i)))
      data->pending += 2;
  if (data->pending == 0)
    {
      evaluate_mx (data, mx);
      g_task_return_pointer (task, mx_result_new (data, TRUE), (GDestroyNotify) md_mx_result_free);
      return;
    }
  for (guint i = 0; i < data->hosts->len; i++)
    {
      const char *host = g_ptr_array_index (data->hosts, i);

      if (g_hostname_is_ip_address (host))
        continue;
      md_dns_lookup_address_async (data->resolver, host, data->timeout_ms, cancellable,
                                   mx_host_answer_cb, slot_ref (task, 2 * i));
      md_dns_lookup_cname_async (host, data->timeout_ms, cancellable,
                                 mx_host_answer_cb, slot_ref (task, 2 * i + 1));
    }
}

void
md_check_mx_run_async (MdCheck             *check,
                       GResolver           *resolver,
                       const char          *domain,
                       MdProvider          *forced_provider,
                       guint                timeout_ms,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task = check_task_new (check, resolver, domain, timeout_ms, cancellable,
                                callback, user_data, md_check_mx_run_async);
  CheckData *data = g_task_get_task_data (task);

  data->provider = forced_provider ? g_object_ref (forced_provider) : NULL;
  data->pending = 1;
  md_dns_lookup_records_async (resolver, domain, G_RESOLVER_RECORD_MX, timeout_ms, cancellable,
                               mx_answer_cb, task);
}

MdMxResult *
md_check_mx_run_finish (MdCheck       *check,
                        GAsyncResult  *result,
                        GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- autodiscover ------------------------------------------------------ */

static MdLookupResult *
lookup_result_new (void)
{
  MdLookupResult *result = g_new0 (MdLookupResult, 1);

  result->spf_records = g_ptr_array_new_with_free_func (g_free);
  result->tree = g_ptr_array_new_with_free_func (g_free);
  result->includes = g_ptr_array_new_with_free_func (g_free);
  result->failures = g_ptr_array_new_with_free_func (g_free);

  return result;
}

static void
autodiscover_answer_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  SlotRef *ref = user_data;
  g_autoptr(GTask) task = ref->task;
  CheckData *data = g_task_get_task_data (task);
  MdLookupResult *lookup;
  guint slot = ref->slot;

  g_free (ref);
  if (!collect (task, result, &data->answers[slot]))
    return;

  lookup = lookup_result_new ();
  lookup->srv = g_steal_pointer (&data->answers[0]);
  lookup->cname = g_steal_pointer (&data->answers[1]);
  g_task_return_pointer (task, lookup, (GDestroyNotify) md_lookup_result_free);
}

void
md_check_autodiscover_lookup_async (MdCheck             *check,
                                    GResolver           *resolver,
                                    const char          *domain,
                                    guint                timeout_ms,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = check_task_new (check, resolver, domain, timeout_ms, cancellable,
                                          callback, user_data, md_check_autodiscover_lookup_async);
  CheckData *data = g_task_get_task_data (task);
  g_autofree char *srv_name = g_strconcat ("_autodiscover._tcp.", domain, NULL);
  g_autofree char *cname_name = g_strconcat ("autodiscover.", domain, NULL);

  data->pending = 2;
  md_dns_lookup_records_async (resolver, srv_name, G_RESOLVER_RECORD_SRV, timeout_ms, cancellable,
                               autodiscover_answer_cb, slot_ref (task, 0));
  md_dns_lookup_cname_async (cname_name, timeout_ms, cancellable, autodiscover_answer_cb, slot_ref (task, 1));
}

MdLookupResult *
md_check_autodiscover_lookup_finish (MdCheck       *check,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
host_in (const char * const *hosts,
         const char         *host)
{
  g_autofree char *lower = g_ascii_strdown (host, -1);
  gsize len = strlen (lower);

  if (len > 0 && lower[len - 1] == '.')
    lower[len - 1] = '\0';

  return hosts != NULL && g_strv_contains (hosts, lower);
}

void
md_check_autodiscover_evaluate (MdCheck        *check,
                                MdLookupResult *lookup,
                                const char     *domain,
                                MdProvider     *provider)
{
  gboolean wanted = provider != NULL && md_provider_has_autodiscover (provider);
  const char * const *targets = wanted ? md_provider_get_autodiscover_targets (provider) : NULL;
  guint16 want_port = wanted ? md_provider_get_autodiscover_port (provider) : 443;
  MdCheckStatus status = MD_CHECK_STATUS_OK;
  g_autofree char *summary = NULL;
  g_autofree char *record = NULL;

  g_return_if_fail (MD_IS_CHECK (check));
  g_return_if_fail (lookup != NULL);

  if (wanted && targets[0] != NULL)
    record = g_strdup_printf ("_autodiscover._tcp.%s. 3600 IN SRV 0 0 %u %s.", domain, want_port, targets[0]);

  if (lookup->srv->outcome == MD_DNS_OK)
    {
      for (GList *l = lookup->srv->records; l; l = l->next)
        {
          guint16 priority, weight, port;
          const char *target;
          g_autofree char *line = NULL;
          g_autoptr(GString) wrong = g_string_new (NULL);

          g_variant_get (l->data, "(qqq&s)", &priority, &weight, &port, &target);
          line = g_strdup_printf ("_autodiscover._tcp.%s SRV %u %u %u %s", domain, priority, weight, port, target);
          md_check_add_evidence (check, line);
          if (!wanted)
            continue;
          if (priority != 0)
            g_string_append_printf (wrong, _("the priority is %u instead of 0; "), priority);
          if (weight != 0)
            g_string_append_printf (wrong, _("the weight is %u instead of 0; "), weight);
          if (port != want_port)
            g_string_append_printf (wrong, _("the port is %u instead of %u; "), port, want_port);
          if (!host_in (targets, target))
            g_string_append_printf (wrong, _("the target is %s instead of %s; "), target, targets[0]);
          if (wrong->len > 0)
            {
              g_autofree char *advice = NULL;

              g_string_truncate (wrong, wrong->len - 2);
              advice = g_strdup_printf (_("The autodiscover SRV record is wrong: %s. Outlook will not find your "
                                          "server by itself. Replace it with the record below."), wrong->str);
              md_check_add_advice (check, advice);
              status = MD_CHECK_STATUS_ERROR;
              summary = g_strdup (_("The autodiscover SRV record is wrong"));
            }
        }
      if (summary == NULL)
        summary = g_strdup (wanted ? _("The autodiscover SRV record is right")
                                   : _("An autodiscover SRV record is published"));
    }
  else if (answer_failed (lookup->srv))
    {
      finish_could_not_check (check, lookup->srv, "SRV");
      return;
    }
  else if (wanted)
    {
      status = MD_CHECK_STATUS_ERROR;
      summary = g_strdup (_("The autodiscover SRV record is missing"));
      md_check_add_advice (check, _("Without it, Outlook and other Exchange programs cannot set up the account by "
                                    "themselves. Add the record below to your DNS zone."));
    }
  else
    summary = g_strdup (_("No autodiscover record, and none is needed for this offer"));

  if (lookup->cname != NULL && lookup->cname->outcome == MD_DNS_OK)
    {
      g_autofree char *line = g_strdup_printf ("autodiscover.%s CNAME %s", domain, lookup->cname->cname);

      md_check_add_evidence (check, line);
      if (wanted && !host_in (targets, lookup->cname->cname))
        {
          g_autofree char *advice = g_strdup_printf (_("autodiscover.%s is an alias of %s. Outlook asks that name before "
                                                       "the SRV record, so it takes precedence: remove the alias or point "
                                                       "it at your provider."), domain, lookup->cname->cname);
          md_check_add_advice (check, advice);
          if (status == MD_CHECK_STATUS_OK)
            {
              status = MD_CHECK_STATUS_WARNING;
              g_free (summary);
              summary = g_strdup (_("An autodiscover alias overrides the SRV record"));
            }
        }
    }

  if (record != NULL && status != MD_CHECK_STATUS_OK)
    md_check_add_record (check, record);
  md_check_finish (check, status, summary);
}

/* The TXT strings of an answer that @match accepts, each joined into one
 * record (a record may be split into 255-byte strings) and made valid UTF-8. */
static GPtrArray *
txt_records_matching (MdDnsAnswer *txt,
                      gboolean   (*match) (const char *record))
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);

  for (GList *l = txt->outcome == MD_DNS_OK ? txt->records : NULL; l; l = l->next)
    {
      g_autofree char **strings = NULL;
      g_autofree char *joined = NULL;

      g_variant_get (l->data, "(^a&s)", &strings);
      joined = g_strjoinv ("", strings);
      if (match (joined))
        g_ptr_array_add (found, g_utf8_make_valid (joined, -1));
    }

  return found;
}

/* ---- DMARC ------------------------------------------------------------- */

static void
dmarc_answer_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CheckData *data = g_task_get_task_data (task);
  MdCheck *check = data->check;
  g_autofree char *record = NULL;
  g_autoptr(MdDmarcRecord) dmarc = NULL;
  g_autoptr(GPtrArray) found = NULL;
  MdDnsAnswer *txt;

  if (!collect (task, result, &data->answers[0]))
    return;
  txt = data->answers[0];
  record = g_strdup_printf ("_dmarc.%s. 3600 IN TXT \"v=DMARC1; p=none; rua=mailto:postmaster@%s\"",
                            data->domain, data->domain);

  if (answer_failed (txt))
    {
      finish_could_not_check (check, txt, "TXT");
      g_task_return_boolean (task, TRUE);
      return;
    }

  found = txt_records_matching (txt, md_dmarc_is_dmarc);
  if (found->len == 0)
    {
      md_check_add_advice (check, _("Publish a DMARC record: receivers then know what to do with mail that pretends "
                                    "to come from you, and send you reports. Start with the policy “none”."));
      md_check_add_record (check, record);
      md_check_finish (check, MD_CHECK_STATUS_WARNING, _("No DMARC record"));
    }
  else if (found->len > 1)
    {
      for (guint i = 0; i < found->len; i++)
        md_check_add_evidence (check, g_ptr_array_index (found, i));
      md_check_add_advice (check, _("Several DMARC records make all of them void (RFC 7489): keep exactly one."));
      md_check_finish (check, MD_CHECK_STATUS_ERROR, _("There are several DMARC records"));
    }
  else
    {
      md_check_add_evidence (check, g_ptr_array_index (found, 0));
      dmarc = md_dmarc_parse (g_ptr_array_index (found, 0));
      for (guint i = 0; i < dmarc->errors->len; i++)
        md_check_add_advice (check, g_ptr_array_index (dmarc->errors, i));
      for (guint i = 0; i < dmarc->aggregate_reports->len; i++)
        {
          g_autofree char *line = g_strdup_printf (_("Reports go to %s"), (char *) g_ptr_array_index (dmarc->aggregate_reports, i));
          md_check_add_evidence (check, line);
        }
      if (dmarc->errors->len > 0)
        {
          md_check_add_record (check, record);
          md_check_finish (check, MD_CHECK_STATUS_ERROR, _("The DMARC record has errors"));
        }
      else
        {
          g_autofree char *summary = g_strdup_printf (_("DMARC policy: %s"), dmarc->policy);

          if (g_str_equal (dmarc->policy, "none"))
            md_check_add_advice (check, _("The policy “none” only observes. Once the reports show that all your "
                                          "mail passes, consider “quarantine”."));
          md_check_finish (check, MD_CHECK_STATUS_OK, summary);
        }
    }

  g_task_return_boolean (task, TRUE);
}

void
md_check_dmarc_run_async (MdCheck             *check,
                          GResolver           *resolver,
                          const char          *domain,
                          guint                timeout_ms,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task = check_task_new (check, resolver, domain, timeout_ms, cancellable,
                                callback, user_data, md_check_dmarc_run_async);
  g_autofree char *name = g_strconcat ("_dmarc.", domain, NULL);

  ((CheckData *) g_task_get_task_data (task))->pending = 1;
  md_dns_lookup_records_async (resolver, name, G_RESOLVER_RECORD_TXT, timeout_ms, cancellable,
                               dmarc_answer_cb, task);
}

gboolean
md_check_dmarc_run_finish (MdCheck       *check,
                           GAsyncResult  *result,
                           GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- SPF --------------------------------------------------------------- */

typedef struct {
  GTask *task;
  char  *domain;
  char  *path;     /* how we got here: "include:a → include:b" */
  guint  depth;
} SpfFetch;

static void spf_fetch (GTask *task, const char *domain, const char *path, guint depth);

static void
spf_walk (GTask      *task,
          const char *record_text,
          const char *path,
          guint       depth)
{
  CheckData *data = g_task_get_task_data (task);
  MdLookupResult *lookup = data->lookup;
  g_autoptr(MdSpfRecord) record = md_spf_parse (record_text);
  g_autofree char *indent = g_strnfill (depth * 2, ' ');

  for (guint i = 0; i < record->errors->len; i++)
    {
      g_autofree char *line = g_strdup_printf ("%s! %s", indent, (char *) g_ptr_array_index (record->errors, i));
      g_ptr_array_add (lookup->tree, g_steal_pointer (&line));
    }

  for (guint i = 0; i < record->terms->len; i++)
    {
      MdSpfTerm *term = g_ptr_array_index (record->terms, i);
      g_autofree char *where = path[0] ? g_strdup_printf ("%s → %s", path, term->text) : g_strdup (term->text);

      g_ptr_array_add (lookup->tree, g_strdup_printf ("%s%s", indent, term->text));
      if (!md_spf_kind_costs_lookup (term->kind))
        continue;
      lookup->lookups++;
      if (lookup->lookups > SPF_MAX_LOOKUPS && lookup->lookup_at_fault == NULL)
        lookup->lookup_at_fault = g_strdup (where);
      if ((term->kind == MD_SPF_INCLUDE || term->kind == MD_SPF_REDIRECT) && term->value != NULL)
        {
          g_ptr_array_add (lookup->includes, g_strdup (term->value));
          if (depth < SPF_MAX_DEPTH && !g_hash_table_contains (data->visited, term->value))
            {
              g_hash_table_add (data->visited, g_strdup (term->value));
              spf_fetch (task, term->value, where, depth + 1);
            }
        }
    }
}

static void
spf_txt_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  SpfFetch *fetch = user_data;
  g_autoptr(GTask) task = fetch->task;
  CheckData *data = g_task_get_task_data (task);
  MdDnsAnswer *answer = NULL;
  gboolean last = collect (task, result, &answer);

  if (answer != NULL && !data->returned)
    {
      MdLookupResult *lookup = data->lookup;

      if (fetch->depth == 0)
        {
          lookup->txt = answer;
          answer = NULL;
          g_ptr_array_unref (lookup->spf_records);
          lookup->spf_records = txt_records_matching (lookup->txt, md_spf_is_spf);
          if (lookup->spf_records->len == 1)
            spf_walk (task, g_ptr_array_index (lookup->spf_records, 0), "", 1);
        }
      else
        {
          g_autoptr(GPtrArray) records = txt_records_matching (answer, md_spf_is_spf);

          if (answer_failed (answer))
            g_ptr_array_add (lookup->failures, md_dns_answer_describe (answer, "TXT"));
          else if (records->len != 1)
            {
              /* A name that gives nothing is a "void look-up" (RFC 7208 §4.6.4). */
              lookup->void_lookups++;
              if (lookup->void_lookups > SPF_MAX_VOID_LOOKUPS && lookup->void_at_fault == NULL)
                lookup->void_at_fault = g_strdup (fetch->path);
              g_ptr_array_add (lookup->tree, g_strdup_printf ("%*s! %s: %s", fetch->depth * 2, "", fetch->domain,
                                                              _("no SPF record")));
            }
          else
            spf_walk (task, g_ptr_array_index (records, 0), fetch->path, fetch->depth + 1);
        }
      last = data->pending == 0;
    }
  md_dns_answer_free (answer);
  g_free (fetch->domain);
  g_free (fetch->path);
  g_free (fetch);

  if (last && !data->returned)
    {
      data->returned = TRUE;
      g_task_return_pointer (task, g_steal_pointer (&data->lookup), (GDestroyNotify) md_lookup_result_free);
    }
}

static void
spf_fetch (GTask      *task,
           const char *domain,
           const char *path,
           guint       depth)
{
  CheckData *data = g_task_get_task_data (task);
  SpfFetch *fetch = g_new0 (SpfFetch, 1);

  fetch->task = g_object_ref (task);
  fetch->domain = g_strdup (domain);
  fetch->path = g_strdup (path);
  fetch->depth = depth;
  data->pending++;
  md_dns_lookup_records_async (data->resolver, domain, G_RESOLVER_RECORD_TXT, data->timeout_ms,
                               g_task_get_cancellable (task), spf_txt_cb, fetch);
}

void
md_check_spf_lookup_async (MdCheck             *check,
                           GResolver           *resolver,
                           const char          *domain,
                           guint                timeout_ms,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = check_task_new (check, resolver, domain, timeout_ms, cancellable,
                                          callback, user_data, md_check_spf_lookup_async);
  CheckData *data = g_task_get_task_data (task);

  data->lookup = lookup_result_new ();
  data->visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (data->visited, g_strdup (domain));
  spf_fetch (task, domain, "", 0);
}

MdLookupResult *
md_check_spf_lookup_finish (MdCheck       *check,
                            GAsyncResult  *result,
                            GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
md_check_spf_evaluate (MdCheck        *check,
                       MdLookupResult *lookup,
                       const char     *domain,
                       MdProvider     *provider)
{
  const char *include = provider ? md_provider_get_spf_include (provider) : NULL;
  g_autofree char *record = g_strdup_printf ("%s. 3600 IN TXT \"v=spf1 %s%s ~all\"", domain,
                                             include ? "include:" : "mx", include ? include : "");
  gboolean has_include = FALSE;
  g_autofree char *summary = NULL;
  MdCheckStatus status = MD_CHECK_STATUS_OK;

  g_return_if_fail (MD_IS_CHECK (check));
  g_return_if_fail (lookup != NULL);

  if (answer_failed (lookup->txt))
    {
      finish_could_not_check (check, lookup->txt, "TXT");
      return;
    }
  for (guint i = 0; i < lookup->spf_records->len; i++)
    md_check_add_evidence (check, g_ptr_array_index (lookup->spf_records, i));

  if (lookup->spf_records->len == 0)
    {
      md_check_add_advice (check, _("Without SPF, receivers cannot tell your real mail from forgeries and often file "
                                    "it as spam. Publish the record below."));
      md_check_add_record (check, record);
      md_check_finish (check, MD_CHECK_STATUS_WARNING, _("No SPF record"));
      return;
    }
  if (lookup->spf_records->len > 1)
    {
      md_check_add_advice (check, _("A domain must have exactly one SPF record: with two, receivers treat both as broken "
                                    "(RFC 7208 §3.2). Merge them into one."));
      md_check_finish (check, MD_CHECK_STATUS_ERROR, _("There are two SPF records"));
      return;
    }

  for (guint i = 0; i < lookup->tree->len; i++)
    md_check_add_evidence (check, g_ptr_array_index (lookup->tree, i));
  for (guint i = 0; i < lookup->failures->len; i++)
    md_check_add_evidence (check, g_ptr_array_index (lookup->failures, i));
  for (guint i = 0; i < lookup->includes->len && include != NULL; i++)
    has_include |= g_ascii_strcasecmp (g_ptr_array_index (lookup->includes, i), include) == 0;

  for (guint i = 0; i < lookup->tree->len; i++)
    if (strstr (g_ptr_array_index (lookup->tree, i), "! ") != NULL && status == MD_CHECK_STATUS_OK)
      {
        status = MD_CHECK_STATUS_ERROR;
        summary = g_strdup (_("The SPF record has errors"));
      }

  if (lookup->lookups > SPF_MAX_LOOKUPS)
    {
      g_autofree char *advice = g_strdup_printf (_("SPF allows at most %u DNS look-ups; this one needs %u. The limit is "
                                                   "passed at “%s”: remove includes you no longer use, or replace them "
                                                   "with ip4:/ip6: ranges."),
                                                 SPF_MAX_LOOKUPS, lookup->lookups, lookup->lookup_at_fault);
      md_check_add_advice (check, advice);
      status = MD_CHECK_STATUS_ERROR;
      g_free (summary);
      summary = g_strdup_printf (_("SPF needs %u DNS look-ups, more than the 10 allowed"), lookup->lookups);
    }
  if (lookup->void_lookups > SPF_MAX_VOID_LOOKUPS)
    {
      g_autofree char *advice = g_strdup_printf (_("%u names in the SPF record give no answer (at most 2 may); the last "
                                                   "one is at “%s”."), lookup->void_lookups, lookup->void_at_fault);
      md_check_add_advice (check, advice);
      status = MD_CHECK_STATUS_ERROR;
      if (summary == NULL)
        summary = g_strdup (_("The SPF record names domains that do not answer"));
    }
  if (lookup->failures->len > 0 && status == MD_CHECK_STATUS_OK)
    {
      status = MD_CHECK_STATUS_UNKNOWN;
      summary = g_strdup (_("Could not read every part of the SPF record"));
    }
  if (include != NULL && !has_include)
    {
      g_autofree char *advice = g_strdup_printf (_("The SPF record does not include “include:%s”: mail you send through "
                                                   "%s may be refused as forged. Add it."), include,
                                                 md_provider_get_name (provider));
      md_check_add_advice (check, advice);
      md_check_add_record (check, record);
      if (status == MD_CHECK_STATUS_OK)
        {
          status = MD_CHECK_STATUS_WARNING;
          summary = g_strdup_printf (_("SPF does not allow %s’s servers"), md_provider_get_name (provider));
        }
    }

  if (summary == NULL)
    summary = g_strdup_printf (ngettext ("SPF is valid (%u DNS look-up of 10)",
                                         "SPF is valid (%u DNS look-ups of 10)", lookup->lookups), lookup->lookups);
  md_check_finish (check, status, summary);
}

/* ---- blocklists -------------------------------------------------------- */

typedef struct {
  GTask *task;
  char  *ip;
  char  *zone;
} DnsblQuery;

static void
dnsbl_answer_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  DnsblQuery *query = user_data;
  g_autoptr(GTask) task = query->task;
  CheckData *data = g_task_get_task_data (task);
  MdDnsAnswer *answer = NULL;
  gboolean last = collect (task, result, &answer);

  if (answer != NULL)
    {
      g_autofree char *where = g_strdup_printf ("%s @ %s", query->ip, query->zone);

      if (answer->outcome == MD_DNS_NOT_FOUND)
        {
          g_autofree char *line = g_strdup_printf (_("%s: not listed"), where);
          md_check_add_evidence (data->check, line);
          data->clean++;
        }
      else if (answer->outcome == MD_DNS_OK)
        {
          g_autofree char *code = g_inet_address_to_string (answer->addresses->data);
          g_autofree char *line = NULL;

          /* 127.255.255.x is a list refusing to answer (a public resolver,
           * or too many queries): that is no verdict at all. */
          if (g_str_has_prefix (code, "127.255.255."))
            {
              line = g_strdup_printf (_("%s: the list refused to answer (%s)"), where, code);
              g_ptr_array_add (data->refused, g_strdup (query->zone));
            }
          else
            {
              line = g_strdup_printf (_("%s: LISTED (%s)"), where, code);
              g_ptr_array_add (data->listed, g_steal_pointer (&where));
            }
          md_check_add_evidence (data->check, line);
        }
      else
        {
          g_autofree char *line = md_dns_answer_describe (answer, "A");
          md_check_add_evidence (data->check, line);
          g_ptr_array_add (data->refused, g_strdup (query->zone));
        }
      md_dns_answer_free (answer);
    }
  g_free (query->ip);
  g_free (query->zone);
  g_free (query);
  if (!last)
    return;

  if (data->listed->len > 0)
    {
      for (guint i = 0; i < data->listed->len; i++)
        {
          g_autofree char *advice = g_strdup_printf (_("%s: ask your provider to have this address removed from the "
                                                       "list; until then, mail from it may be refused."),
                                                     (char *) g_ptr_array_index (data->listed, i));
          md_check_add_advice (data->check, advice);
        }
      md_check_finish (data->check, MD_CHECK_STATUS_ERROR,
                       _("A mail server address is on a blocklist"));
    }
  else if (data->refused->len > 0)
    {
      md_check_add_advice (data->check, _("Some blocklists did not give an answer; this is not a listing. "
                                          "Try again later or from another network."));
      md_check_finish (data->check, MD_CHECK_STATUS_UNKNOWN,
                       _("Could not check every blocklist"));
    }
  else
    md_check_finish (data->check, MD_CHECK_STATUS_OK, _("No mail server address is on the blocklists"));

  g_task_return_boolean (task, TRUE);
}

void
md_check_dnsbl_run_async (MdCheck             *check,
                          GResolver           *resolver,
                          GPtrArray           *addresses,
                          const char * const  *zones,
                          guint                timeout_ms,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = check_task_new (check, resolver, NULL, timeout_ms, cancellable,
                                          callback, user_data, md_check_dnsbl_run_async);
  CheckData *data = g_task_get_task_data (task);

  data->listed = g_ptr_array_new_with_free_func (g_free);
  data->refused = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; addresses != NULL && i < addresses->len; i++)
    {
      GInetAddress *address = g_ptr_array_index (addresses, i);
      const guint8 *bytes;
      g_autofree char *ip = NULL;

      if (g_inet_address_get_family (address) != G_SOCKET_FAMILY_IPV4)
        continue;
      bytes = g_inet_address_to_bytes (address);
      ip = g_inet_address_to_string (address);
      for (guint z = 0; zones != NULL && zones[z] != NULL; z++)
        {
          DnsblQuery *query = g_new0 (DnsblQuery, 1);
          g_autofree char *name = g_strdup_printf ("%u.%u.%u.%u.%s", bytes[3], bytes[2], bytes[1], bytes[0], zones[z]);

          query->task = g_object_ref (task);
          query->ip = g_strdup (ip);
          query->zone = g_strdup (zones[z]);
          data->pending++;
          md_dns_lookup_address_async (resolver, name, timeout_ms, cancellable, dnsbl_answer_cb, query);
        }
    }

  if (data->pending == 0)
    {
      md_check_finish (check, MD_CHECK_STATUS_UNKNOWN, _("Could not check: no IPv4 address of a mail server to look up"));
      g_task_return_boolean (task, TRUE);
    }
}

gboolean
md_check_dnsbl_run_finish (MdCheck       *check,
                           GAsyncResult  *result,
                           GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
