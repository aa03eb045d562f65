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
#include "md-domain.h"
#include "md-spf.h"

#define SPF_MAX_LOOKUPS 10
#define SPF_MAX_VOID_LOOKUPS 2
#define SPF_MAX_DEPTH 10
/* Receivers stop long before: past this many records, the count is over 10
 * anyway, and a record cannot make the check ask without end. */
#define SPF_MAX_FETCHES 50

struct _MdMxResult
{
  gboolean     domain_exists;
  gboolean     settled;
  MdDnsAnswer *mx;
  GPtrArray   *hosts;       /* char *, lower case, in the order of the answer */
  GHashTable  *per_host;    /* host → MdDnsAnswer * (addresses) */
  GHashTable  *cnames;      /* host → MdDnsAnswer * */
  GPtrArray   *addresses;   /* GInetAddress, each once */
};

typedef struct _SpfNode SpfNode;
struct _SpfNode
{
  char      *text;
  char      *where;         /* the path to the term: "include:a → mx" */
  gboolean   costs_lookup;
  gboolean   is_void;       /* an include whose name gave no answer at all */
  GPtrArray *children;      /* SpfNode */
};

struct _MdLookupResult
{
  /* autodiscover */
  MdDnsAnswer *srv;
  MdDnsAnswer *cname;
  /* spf and dmarc */
  MdDnsAnswer *txt;
  GPtrArray   *records;        /* char *: the v=spf1 (or v=DMARC1) records of the domain */
  /* dmarc, when the domain has no record of its own */
  char        *policy_domain;  /* the organisational domain, whose record was asked */
  MdDnsAnswer *policy_txt;
  SpfNode     *tree;           /* the terms of the SPF record, includes followed */
  GPtrArray   *problems;       /* char *: what is wrong inside the tree, translated */
  GPtrArray   *includes;       /* char *: every domain included, at any depth */
  GPtrArray   *failures;       /* char *: look-ups inside the tree that failed */
  guint        lookups;
  guint        void_lookups;
  char        *lookup_at_fault;
  char        *void_at_fault;
  gboolean     allows_all;     /* "+all" in the domain's own record */
};

static SpfNode *
spf_node_add (SpfNode    *parent,
              const char *text)
{
  SpfNode *node = g_new0 (SpfNode, 1);

  node->text = g_strdup (text);
  if (parent != NULL)
    {
      if (parent->children == NULL)
        parent->children = g_ptr_array_new ();
      g_ptr_array_add (parent->children, node);
    }

  return node;
}

static void
spf_node_free (SpfNode *node)
{
  if (node == NULL)
    return;
  for (guint i = 0; node->children != NULL && i < node->children->len; i++)
    spf_node_free (g_ptr_array_index (node->children, i));
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_free (node->text);
  g_free (node->where);
  g_free (node);
}

/* One evidence line per term, indented by its depth in the tree. */
static void
spf_node_render (SpfNode   *node,
                 guint      depth,
                 GPtrArray *lines)
{
  for (guint i = 0; node->children != NULL && i < node->children->len; i++)
    {
      SpfNode *child = g_ptr_array_index (node->children, i);

      g_ptr_array_add (lines, g_strdup_printf ("%*s%s", (int) (depth + 1) * 2, "", child->text));
      spf_node_render (child, depth + 1, lines);
    }
}

/* Counts the look-ups in the order a receiver makes them (depth first,
 * left to right), so that the term named at fault is the one at which a
 * receiver gives up, whatever order the answers came in. */
static void
spf_node_tally (SpfNode        *node,
                MdLookupResult *lookup)
{
  if (node->costs_lookup && ++lookup->lookups > SPF_MAX_LOOKUPS && lookup->lookup_at_fault == NULL)
    lookup->lookup_at_fault = g_strdup (node->where);
  if (node->is_void && ++lookup->void_lookups > SPF_MAX_VOID_LOOKUPS && lookup->void_at_fault == NULL)
    lookup->void_at_fault = g_strdup (node->where);
  for (guint i = 0; node->children != NULL && i < node->children->len; i++)
    spf_node_tally (g_ptr_array_index (node->children, i), lookup);
}

static MdLookupResult *
lookup_result_new (void)
{
  MdLookupResult *result = g_new0 (MdLookupResult, 1);

  result->records = g_ptr_array_new_with_free_func (g_free);
  result->tree = spf_node_add (NULL, "");
  result->problems = g_ptr_array_new_with_free_func (g_free);
  result->includes = g_ptr_array_new_with_free_func (g_free);
  result->failures = g_ptr_array_new_with_free_func (g_free);

  return result;
}

void
md_lookup_result_free (MdLookupResult *result)
{
  if (result == NULL)
    return;
  md_dns_answer_free (result->srv);
  md_dns_answer_free (result->cname);
  md_dns_answer_free (result->txt);
  g_clear_pointer (&result->records, g_ptr_array_unref);
  g_free (result->policy_domain);
  md_dns_answer_free (result->policy_txt);
  g_clear_pointer (&result->tree, spf_node_free);
  g_clear_pointer (&result->problems, g_ptr_array_unref);
  g_clear_pointer (&result->includes, g_ptr_array_unref);
  g_clear_pointer (&result->failures, g_ptr_array_unref);
  g_free (result->lookup_at_fault);
  g_free (result->void_at_fault);
  g_free (result);
}

static MdMxResult *
mx_result_new (void)
{
  MdMxResult *result = g_new0 (MdMxResult, 1);

  result->domain_exists = TRUE;
  result->hosts = g_ptr_array_new_with_free_func (g_free);
  result->per_host = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) md_dns_answer_free);
  result->cnames = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) md_dns_answer_free);
  result->addresses = g_ptr_array_new_with_free_func (g_object_unref);

  return result;
}

void
md_mx_result_free (MdMxResult *result)
{
  if (result == NULL)
    return;
  md_dns_answer_free (result->mx);
  g_clear_pointer (&result->hosts, g_ptr_array_unref);
  g_clear_pointer (&result->per_host, g_hash_table_unref);
  g_clear_pointer (&result->cnames, g_hash_table_unref);
  g_clear_pointer (&result->addresses, g_ptr_array_unref);
  g_free (result);
}

gboolean
md_mx_result_get_domain_exists (MdMxResult *result)
{
  g_return_val_if_fail (result != NULL, TRUE);
  return result->domain_exists;
}

gboolean
md_mx_result_get_settled (MdMxResult *result)
{
  g_return_val_if_fail (result != NULL, TRUE);
  return result->settled;
}

GPtrArray *
md_mx_result_get_hosts (MdMxResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  return result->hosts;
}

GPtrArray *
md_mx_result_get_addresses (MdMxResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  return result->addresses;
}

/* Sentences are built of translated pieces that end with their separator
 * ("; " in English, " ; " in French): this drops what ends the last one. */
static void
string_chomp (GString    *text,
              const char *separators)
{
  while (text->len > 0 && (g_ascii_isspace (text->str[text->len - 1]) ||
                           strchr (separators, text->str[text->len - 1]) != NULL))
    g_string_truncate (text, text->len - 1);
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
  /* Offline, every look-up fails at once: say what to fix, not what failed. */
  if (!g_network_monitor_get_network_available (g_network_monitor_get_default ()))
    {
      md_check_add_advice (check, _("This computer has no network connection: connect it to the Internet, then "
                                    "check again. This says nothing about your domain."));
      md_check_finish (check, MD_CHECK_STATUS_UNKNOWN, _("Could not check: no network connection"));
      return;
    }
  if (answer->outcome == MD_DNS_TIMED_OUT)
    md_check_add_advice (check, _("The DNS did not answer in time: check your Internet connection and try again. "
                                  "This says nothing about your domain yet."));
  else
    md_check_add_advice (check, _("The DNS reported a failure instead of an answer: the domain’s name servers may be "
                                  "down or wrongly set up, or your connection’s DNS may have a problem. Try again "
                                  "later; this says nothing about the records themselves."));
  md_check_finish (check, MD_CHECK_STATUS_UNKNOWN,
                   answer->outcome == MD_DNS_TIMED_OUT
                   ? _("Could not check: the DNS did not answer in time")
                   : _("Could not check: the DNS look-up failed"));
}

void
md_check_finish_no_domain (MdCheck    *check,
                           const char *domain)
{
  g_autofree char *line = NULL;

  g_return_if_fail (MD_IS_CHECK (check));
  g_return_if_fail (domain != NULL);

  line = g_strdup_printf ("%s: %s", domain, _("no such name (NXDOMAIN)"));
  md_check_add_evidence (check, line);
  md_check_add_advice (check, _("Nothing can be checked under a domain that does not exist: see “Domain name” first."));
  md_check_finish (check, MD_CHECK_STATUS_UNKNOWN, _("Not checked: the domain does not exist"));
}

/* Gathers the answers of several look-ups started at once. */
typedef struct {
  MdCheck        *check;
  GResolver      *resolver;
  char           *domain;
  guint           timeout_ms;
  MdProvider     *provider;
  guint           pending;
  gboolean        returned;
  MdDnsAnswer    *answers[3];
  MdMxResult     *mx;           /* look-up: owned (owns_mx); hosts step: the caller's */
  gboolean        owns_mx;
  GHashTable     *per_host;
  GHashTable     *cnames;
  MdLookupResult *lookup;
  guint           n_fetches;
  GPtrArray      *listed;
  GPtrArray      *refused;
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
  g_clear_pointer (&data->lookup, md_lookup_result_free);
  g_clear_pointer (&data->listed, g_ptr_array_unref);
  g_clear_pointer (&data->refused, g_ptr_array_unref);
  /* Still here when the look-up was cancelled before it returned. */
  if (data->owns_mx)
    g_clear_pointer (&data->mx, md_mx_result_free);
  g_free (data);
}

static GTask *
check_task_new (MdCheck             *check,
                GResolver           *resolver,
                const char          *domain,
                guint                timeout_ms,
                gboolean             start,
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
  if (start)
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

static char *
strip_dot (const char *host)
{
  char *lower = g_ascii_strdown (host, -1);
  gsize len = strlen (lower);

  if (len > 0 && lower[len - 1] == '.')
    lower[len - 1] = '\0';

  return lower;
}

/* ---- domain ------------------------------------------------------------ */

static void
domain_answer_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SlotRef *ref = user_data;
  g_autoptr(GTask) task = ref->task;
  CheckData *data = g_task_get_task_data (task);
  MdCheck *check = data->check;
  MdDnsAnswer *name, *ns;
  guint slot = ref->slot;
  guint n_servers = 0;

  g_free (ref);
  if (!collect (task, result, &data->answers[slot]))
    return;

  name = data->answers[0];
  ns = data->answers[1];

  if (name->outcome == MD_DNS_NOT_FOUND && ns->outcome != MD_DNS_OK)
    {
      g_autofree char *line = md_dns_answer_describe (name, "SOA");

      md_check_add_evidence (check, line);
      md_check_add_advice (check,
                           _("Check the spelling of the domain. If it is right, the domain may have expired "
                             "or never been registered: look at it in your registrar’s control panel."));
      md_check_finish (check, MD_CHECK_STATUS_ERROR, _("The domain does not exist in the DNS"));
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (answer_failed (name) && ns->outcome != MD_DNS_OK)
    {
      finish_could_not_check (check, name, "SOA");
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (name->outcome == MD_DNS_OK && name->records != NULL)
    {
      const char *mname, *rname;
      guint32 serial, refresh, retry, expire, ttl;
      g_autofree char *line = NULL;

      g_variant_get (name->records->data, "(&s&suuuuu)", &mname, &rname, &serial, &refresh, &retry, &expire, &ttl);
      line = g_strdup_printf ("%s SOA %s %s %u", data->domain, mname, rname, serial);
      md_check_add_evidence (check, line);
    }
  else if (name->outcome == MD_DNS_OK)
    {
      g_autofree char *line = g_strdup_printf (_("%s has no zone of its own: it is a name inside its parent domain’s zone"),
                                               data->domain);
      md_check_add_evidence (check, line);
    }
  else
    {
      g_autofree char *line = md_dns_answer_describe (name, "SOA");
      md_check_add_evidence (check, line);
    }

  if (ns->outcome == MD_DNS_OK)
    for (GList *l = ns->records; l; l = l->next, n_servers++)
      {
        const char *host;
        g_autofree char *line = NULL;

        g_variant_get (l->data, "(&s)", &host);
        line = g_strdup_printf ("%s NS %s", data->domain, host);
        md_check_add_evidence (check, line);
      }
  else
    {
      g_autofree char *line = md_dns_answer_describe (ns, "NS");
      md_check_add_evidence (check, line);
    }

  if (n_servers > 0)
    {
      g_autofree char *summary = g_strdup_printf (ngettext ("The domain exists and is served by %u name server",
                                                            "The domain exists and is served by %u name servers",
                                                            n_servers), n_servers);
      md_check_finish (check, MD_CHECK_STATUS_OK, summary);
    }
  else
    md_check_finish (check, MD_CHECK_STATUS_OK, _("The domain exists"));

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
  g_autoptr(GTask) task = NULL;
  CheckData *data;

  g_return_if_fail (MD_IS_CHECK (check));
  g_return_if_fail (G_IS_RESOLVER (resolver));
  g_return_if_fail (domain != NULL);

  task = check_task_new (check, resolver, domain, timeout_ms, TRUE, cancellable,
                         callback, user_data, md_check_domain_run_async);
  data = g_task_get_task_data (task);
  data->pending = 2;
  md_dns_lookup_name_async (domain, timeout_ms, cancellable, domain_answer_cb, slot_ref (task, 0));
  md_dns_lookup_records_async (resolver, domain, G_RESOLVER_RECORD_NS, timeout_ms, cancellable,
                               domain_answer_cb, slot_ref (task, 1));
}

gboolean
md_check_domain_run_finish (MdCheck       *check,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, check), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- MX: the records ------------------------------------------------- */

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

static void
return_mx_result (GTask *task)
{
  CheckData *data = g_task_get_task_data (task);

  data->returned = TRUE;
  g_task_return_pointer (task, g_steal_pointer (&data->mx), (GDestroyNotify) md_mx_result_free);
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
  MdCheck *check = data->check;
  guint slot = ref->slot;
  MdDnsAnswer *name, *address;

  g_free (ref);
  if (!collect (task, result, &data->answers[slot]))
    return;

  name = data->answers[1];
  address = data->answers[2];
  data->mx->settled = TRUE;
  {
    g_autofree char *line = md_dns_answer_describe (data->mx->mx, "MX");

    md_check_add_evidence (check, line);
  }

  if (name->no_such_name && address->outcome != MD_DNS_OK)
    {
      g_autofree char *line = md_dns_answer_describe (name, "SOA");

      md_check_add_evidence (check, line);
      md_check_add_advice (check, _("Check the spelling of the domain, and its registration: a domain that does not "
                                    "exist receives no mail at all."));
      md_check_finish (check, MD_CHECK_STATUS_ERROR, _("The domain does not exist, so it has no MX records"));
      data->mx->domain_exists = FALSE;
      return_mx_result (task);
      return;
    }
  if (answer_failed (address) || (name->outcome != MD_DNS_OK && address->outcome != MD_DNS_OK))
    {
      /* Without knowing whether the domain exists, or whether it has an
       * address to fall back on, "no MX" would be a guess. */
      finish_could_not_check (check, answer_failed (address) ? address : name, answer_failed (address) ? "A/AAAA" : "SOA");
      return_mx_result (task);
      return;
    }

  md_check_add_advice (check, _("Add MX records that name your provider’s mail servers."));
  add_expected_mx_records (check, data->provider, data->domain);
  if (address->outcome == MD_DNS_OK)
    {
      for (GList *l = address->addresses; l; l = l->next)
        {
          g_autofree char *ip = g_inet_address_to_string (l->data);
          g_autofree char *line = g_strdup_printf ("%s → %s", data->domain, ip);

          md_check_add_evidence (check, line);
        }
      md_check_add_advice (check, _("Without MX records, senders try the domain’s own address (RFC 5321 §5.1): "
                                    "that is a web server, which usually does not take mail."));
      md_check_finish (check, MD_CHECK_STATUS_WARNING,
                       _("The domain has no MX records: mail falls back to its web address"));
    }
  else
    md_check_finish (check, MD_CHECK_STATUS_ERROR, _("The domain has no MX records: nobody can send you mail"));

  return_mx_result (task);
}

static void
mx_answer_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CheckData *data = g_task_get_task_data (task);
  MdCheck *check = data->check;
  GCancellable *cancellable = g_task_get_cancellable (task);
  gboolean has_null_mx = FALSE;
  MdDnsAnswer *mx;

  if (!collect (task, result, &data->answers[0]))
    return;
  mx = data->mx->mx = g_steal_pointer (&data->answers[0]);

  if (mx->outcome == MD_DNS_NOT_FOUND)
    {
      data->pending = 2;
      md_dns_lookup_name_async (data->domain, data->timeout_ms, cancellable, mx_fallback_cb, slot_ref (task, 1));
      md_dns_lookup_address_async (data->resolver, data->domain, data->timeout_ms, cancellable, mx_fallback_cb, slot_ref (task, 2));
      return;
    }
  if (answer_failed (mx))
    {
      data->mx->settled = TRUE;
      finish_could_not_check (check, mx, "MX");
      return_mx_result (task);
      return;
    }

  for (GList *l = mx->records; l; l = l->next)
    {
      guint16 priority;
      const char *host;
      g_autofree char *line = NULL;

      g_variant_get (l->data, "(q&s)", &priority, &host);
      line = g_strdup_printf ("%s MX %u %s", data->domain, priority, *host ? host : ".");
      md_check_add_evidence (check, line);
      if (*host == '\0' || g_str_equal (host, "."))
        has_null_mx = TRUE;
      else
        g_ptr_array_add (data->mx->hosts, strip_dot (host));
    }

  if (has_null_mx)
    {
      if (data->mx->hosts->len == 0)
        {
          md_check_add_advice (check, _("A “null MX” record (RFC 7505) says this domain receives no e-mail at all. "
                                        "If you expect mail, replace it with your provider’s MX records."));
          add_expected_mx_records (check, data->provider, data->domain);
          md_check_finish (check, MD_CHECK_STATUS_ERROR, _("The domain declares that it accepts no e-mail (null MX)"));
        }
      else
        {
          md_check_add_advice (check, _("A “null MX” record (RFC 7505) says that the domain receives no e-mail, yet "
                                        "other MX records say where to send it: RFC 7505 forbids the mix, and senders "
                                        "may refuse to deliver. Remove the null MX record (the one whose server is “.”)."));
          md_check_finish (check, MD_CHECK_STATUS_ERROR, _("A null MX record stands beside other MX records"));
        }
      data->mx->settled = TRUE;
      g_ptr_array_set_size (data->mx->hosts, 0);
    }

  return_mx_result (task);
}

void
md_check_mx_lookup_async (MdCheck             *check,
                          GResolver           *resolver,
                          const char          *domain,
                          MdProvider          *forced_provider,
                          guint                timeout_ms,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;
  CheckData *data;

  g_return_if_fail (MD_IS_CHECK (check));
  g_return_if_fail (G_IS_RESOLVER (resolver));
  g_return_if_fail (domain != NULL);

  task = check_task_new (check, resolver, domain, timeout_ms, TRUE, cancellable,
                         callback, user_data, md_check_mx_lookup_async);
  data = g_task_get_task_data (task);
  data->provider = forced_provider ? g_object_ref (forced_provider) : NULL;
  data->mx = mx_result_new ();
  data->owns_mx = TRUE;
  data->pending = 1;
  md_dns_lookup_records_async (resolver, domain, G_RESOLVER_RECORD_MX, timeout_ms, cancellable,
                               mx_answer_cb, task);
}

MdMxResult *
md_check_mx_lookup_finish (MdCheck       *check,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, check), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- MX: the hosts ----------------------------------------------------- */

static void
add_address_once (GPtrArray    *addresses,
                  GInetAddress *address)
{
  for (guint i = 0; i < addresses->len; i++)
    if (g_inet_address_equal (g_ptr_array_index (addresses, i), address))
      return;
  g_ptr_array_add (addresses, g_object_ref (address));
}

static void
mx_host_answer_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  SlotRef *ref = user_data;
  g_autoptr(GTask) task = ref->task;
  CheckData *data = g_task_get_task_data (task);
  MdDnsAnswer *answer = NULL;
  guint slot = ref->slot;

  g_free (ref);
  if (!collect (task, result, &answer) && answer == NULL)
    return;

  /* The hosts are the caller's, and still there: the task is not answered. */
  g_hash_table_replace (slot % 2 == 0 ? data->per_host : data->cnames,
                        g_strdup (g_ptr_array_index (data->mx->hosts, slot / 2)), answer);
  if (data->pending > 0)
    return;

  for (guint i = 0; i < data->mx->hosts->len; i++)
    {
      const char *host = g_ptr_array_index (data->mx->hosts, i);
      MdDnsAnswer *addresses = g_hash_table_lookup (data->per_host, host);

      for (GList *l = addresses ? addresses->addresses : NULL; l; l = l->next)
        add_address_once (data->mx->addresses, l->data);
    }
  g_hash_table_unref (data->mx->per_host);
  data->mx->per_host = g_steal_pointer (&data->per_host);
  g_hash_table_unref (data->mx->cnames);
  data->mx->cnames = g_steal_pointer (&data->cnames);
  data->returned = TRUE;
  g_task_return_boolean (task, TRUE);
}

void
md_check_mx_hosts_async (MdCheck             *check,
                         GResolver           *resolver,
                         MdMxResult          *mx,
                         guint                timeout_ms,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CheckData *data;

  g_return_if_fail (MD_IS_CHECK (check));
  g_return_if_fail (G_IS_RESOLVER (resolver));
  g_return_if_fail (mx != NULL);

  task = check_task_new (check, resolver, NULL, timeout_ms, FALSE, cancellable,
                         callback, user_data, md_check_mx_hosts_async);
  data = g_task_get_task_data (task);
  data->mx = mx;
  data->per_host = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) md_dns_answer_free);
  data->cnames = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) md_dns_answer_free);

  for (guint i = 0; i < mx->hosts->len; i++)
    {
      const char *host = g_ptr_array_index (mx->hosts, i);

      if (g_hostname_is_ip_address (host))
        continue;
      data->pending += 2;
      md_dns_lookup_address_async (resolver, host, timeout_ms, cancellable,
                                   mx_host_answer_cb, slot_ref (task, 2 * i));
      md_dns_lookup_cname_async (host, timeout_ms, cancellable, mx_host_answer_cb, slot_ref (task, 2 * i + 1));
    }

  if (data->pending == 0)
    {
      data->returned = TRUE;
      g_task_return_boolean (task, TRUE);
    }
}

gboolean
md_check_mx_hosts_finish (MdCheck       *check,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, check), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- MX: the verdict --------------------------------------------------- */

static MdProvider *
provider_of_host (const char *host)
{
  const char *hosts[] = { host, NULL };

  return md_provider_detect (hosts);
}

#define WORSEN(s) G_STMT_START { \
    if (md_check_status_severity (s) > md_check_status_severity (status)) status = (s); \
  } G_STMT_END

void
md_check_mx_evaluate (MdCheck    *check,
                      MdMxResult *mx,
                      const char *domain,
                      MdProvider *provider)
{
  MdCheckStatus status = MD_CHECK_STATUS_OK;
  g_autofree char *summary = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  gboolean foreign = FALSE, legacy = FALSE, alternative;
  guint n_alternatives = 0;

  g_return_if_fail (MD_IS_CHECK (check));
  g_return_if_fail (mx != NULL);
  g_return_if_fail (domain != NULL);

  if (mx->settled)
    return;

  for (guint i = 0; i < mx->hosts->len; i++)
    {
      const char *host = g_ptr_array_index (mx->hosts, i);
      MdDnsAnswer *addresses = g_hash_table_lookup (mx->per_host, host);
      MdDnsAnswer *cname = g_hash_table_lookup (mx->cnames, host);

      if (g_hostname_is_ip_address (host))
        {
          g_autofree char *advice = g_strdup_printf (_("The MX record “%s” is an IP address; an MX record must name a server (RFC 5321). "
                                                       "Replace it with the server’s name."), host);
          md_check_add_advice (check, advice);
          WORSEN (MD_CHECK_STATUS_ERROR);
          if (summary == NULL)
            summary = g_strdup (_("An MX record is an IP address instead of a server name"));
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
          if (summary == NULL)
            summary = g_strdup (_("An MX record points at an alias (CNAME)"));
        }
      else if (cname != NULL && answer_failed (cname))
        {
          g_autofree char *line = md_dns_answer_describe (cname, "CNAME");
          md_check_add_evidence (check, line);
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
          g_autofree char *line = md_dns_answer_describe (addresses, "A/AAAA");
          g_autofree char *advice = g_strdup_printf (_("The MX host %s has no address: mail for you cannot be delivered to it."), host);

          md_check_add_evidence (check, line);
          md_check_add_advice (check, advice);
          WORSEN (MD_CHECK_STATUS_ERROR);
          if (summary == NULL)
            summary = g_strdup (_("An MX host has no address"));
        }
      else if (addresses != NULL)
        {
          g_autofree char *line = md_dns_answer_describe (addresses, "A/AAAA");
          md_check_add_evidence (check, line);
          WORSEN (MD_CHECK_STATUS_UNKNOWN);
        }

      if (provider != NULL)
        {
          if (md_provider_is_legacy_mx (provider, host))
            legacy = TRUE;
          else if (md_provider_is_alternative_mx (provider, host))
            n_alternatives++;
          else if (!md_provider_matches_host (provider, host))
            {
              MdProvider *owner = provider_of_host (host);
              g_autofree char *advice = owner != NULL && owner != provider
                ? g_strdup_printf (_("The MX host %s belongs to %s, not to %s: mail is split between two providers."),
                                   host, md_provider_get_name (owner), md_provider_get_name (provider))
                : g_strdup_printf (_("The MX host %s does not belong to %s: it may be a former host’s server."),
                                   host, md_provider_get_name (provider));
              md_check_add_advice (check, advice);
              foreign = TRUE;
            }
        }
    }

  /* A set made only of the provider's alternative hosts is another way to
   * receive mail, not an incomplete usual set. */
  alternative = mx->hosts->len > 0 && n_alternatives == mx->hosts->len;
  if (provider != NULL && !alternative)
    {
      g_autoptr(GPtrArray) expected = md_provider_dup_expected_mx (provider, domain);

      for (guint i = 0; i < expected->len; i++)
        {
          MdProviderMx *want = g_ptr_array_index (expected, i);
          gboolean found = FALSE;

          for (GList *l = mx->mx->records; l; l = l->next)
            {
              guint16 priority;
              const char *host;
              g_autofree char *bare = NULL;

              g_variant_get (l->data, "(q&s)", &priority, &host);
              bare = strip_dot (host);
              if (g_str_equal (bare, want->host))
                {
                  found = TRUE;
                  if (priority != want->priority)
                    g_string_append_printf (problems, _("%s has priority %u instead of %u. "), bare, priority, want->priority);
                }
            }
          if (!found)
            g_string_append_printf (problems, _("%s is missing. "), want->host);
        }
    }
  else if (provider != NULL)
    {
      g_autofree char *advice = g_strdup_printf (_("These MX hosts are one of the sets %s accepts beside its usual one "
                                                   "(below): right for some offers only, so check your provider’s guide."),
                                                 md_provider_get_name (provider));
      md_check_add_advice (check, advice);
      add_expected_mx_records (check, provider, domain);
    }

  if (foreign)
    {
      WORSEN (MD_CHECK_STATUS_ERROR);
      g_free (summary);
      summary = g_strdup_printf (_("The MX records do not point at %s’s servers"), md_provider_get_name (provider));
      md_check_add_advice (check, _("Replace the MX records in your domain’s DNS zone with the ones below. "
                                    "The change takes effect within a few hours."));
      add_expected_mx_records (check, provider, domain);
    }
  else if (legacy)
    {
      WORSEN (MD_CHECK_STATUS_WARNING);
      if (summary == NULL)
        summary = g_strdup (_("The MX records use former server names that still work for now"));
      md_check_add_advice (check, _("Your provider has new server names: update the MX records to the ones below before the old ones stop."));
      add_expected_mx_records (check, provider, domain);
    }
  else if (problems->len > 0)
    {
      WORSEN (MD_CHECK_STATUS_WARNING);
      if (summary == NULL)
        summary = g_strdup (_("The MX records are incomplete"));
      string_chomp (problems, "");
      md_check_add_advice (check, problems->str);
      add_expected_mx_records (check, provider, domain);
    }

  if (summary == NULL)
    {
      if (status == MD_CHECK_STATUS_UNKNOWN)
        summary = g_strdup (_("Could not check the addresses of every MX host"));
      else if (provider != NULL)
        summary = g_strdup_printf (_("The MX records point at %s"), md_provider_get_name (provider));
      else
        {
          summary = g_strdup (_("The MX records point at servers Mail Doctor does not know"));
          md_check_add_advice (check, _("If your e-mail is hosted by one of the providers Mail Doctor knows, choose it "
                                        "and check again: these servers may be a former host’s."));
          WORSEN (MD_CHECK_STATUS_WARNING);
        }
    }

  md_check_finish (check, status, summary);
}

/* ---- provider ---------------------------------------------------------- */

MdProvider *
md_dns_checks_detect_provider (MdMxResult     *mx,
                               MdLookupResult *autodiscover)
{
  g_autoptr(GPtrArray) hosts = g_ptr_array_new ();
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (mx != NULL, NULL);

  for (guint i = 0; i < mx->hosts->len; i++)
    g_ptr_array_add (hosts, g_ptr_array_index (mx->hosts, i));
  g_ptr_array_add (hosts, NULL);

  if (autodiscover != NULL && autodiscover->srv != NULL && autodiscover->srv->outcome == MD_DNS_OK)
    for (GList *l = autodiscover->srv->records; l; l = l->next)
      {
        guint16 priority, weight, port;
        const char *target;

        g_variant_get (l->data, "(qqq&s)", &priority, &weight, &port, &target);
        g_ptr_array_add (targets, strip_dot (target));
      }
  g_ptr_array_add (targets, NULL);

  return md_provider_detect_full ((const char * const *) hosts->pdata, (const char * const *) targets->pdata);
}

gboolean
md_dns_checks_provider_needs_autodiscover (MdMxResult *mx)
{
  g_autoptr(GPtrArray) hosts = g_ptr_array_new ();

  g_return_val_if_fail (mx != NULL, FALSE);

  for (guint i = 0; i < mx->hosts->len; i++)
    g_ptr_array_add (hosts, g_ptr_array_index (mx->hosts, i));
  g_ptr_array_add (hosts, NULL);

  return md_provider_detect_needs_autodiscover ((const char * const *) hosts->pdata);
}

/* ---- autodiscover ------------------------------------------------------ */

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
  data->returned = TRUE;
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
  g_autoptr(GTask) task = NULL;
  g_autofree char *srv_name = NULL;
  g_autofree char *cname_name = NULL;
  CheckData *data;

  g_return_if_fail (MD_IS_CHECK (check));
  g_return_if_fail (G_IS_RESOLVER (resolver));
  g_return_if_fail (domain != NULL);

  task = check_task_new (check, resolver, domain, timeout_ms, TRUE, cancellable,
                         callback, user_data, md_check_autodiscover_lookup_async);
  data = g_task_get_task_data (task);
  srv_name = g_strconcat ("_autodiscover._tcp.", domain, NULL);
  cname_name = g_strconcat ("autodiscover.", domain, NULL);
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
  g_return_val_if_fail (g_task_is_valid (result, check), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
host_in (const char * const *hosts,
         const char         *host)
{
  g_autofree char *bare = strip_dot (host);

  return hosts != NULL && g_strv_contains (hosts, bare);
}

void
md_check_autodiscover_evaluate (MdCheck        *check,
                                MdLookupResult *lookup,
                                const char     *domain,
                                MdProvider     *provider)
{
  gboolean wanted = provider != NULL && md_provider_has_autodiscover (provider);
  const char * const *targets = wanted ? md_provider_get_autodiscover_targets (provider) : NULL;
  /* A provider naming no target (a private server) takes the customer's own. */
  gboolean any_target = wanted && targets[0] == NULL;
  guint16 want_port = wanted ? md_provider_get_autodiscover_port (provider) : 443;
  MdCheckStatus status = MD_CHECK_STATUS_OK;
  g_autofree char *summary = NULL;
  g_autofree char *record = NULL;

  g_return_if_fail (MD_IS_CHECK (check));
  g_return_if_fail (lookup != NULL);
  g_return_if_fail (domain != NULL);

  if (wanted && !any_target)
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
          if (!any_target && !host_in (targets, target))
            g_string_append_printf (wrong, _("the target is %s instead of %s; "), target, targets[0]);
          if (wrong->len > 0)
            {
              g_autofree char *advice = NULL;

              string_chomp (wrong, ";");
              advice = g_strdup_printf (_("The autodiscover SRV record is wrong: %s. Outlook will not find your "
                                          "server by itself. Replace it with the record below."), wrong->str);
              md_check_add_advice (check, advice);
              status = MD_CHECK_STATUS_ERROR;
              g_free (summary);
              summary = g_strdup (_("The autodiscover SRV record is wrong"));
            }
        }
      if (any_target)
        md_check_add_advice (check, _("The target of the autodiscover record must be your own Exchange server’s name "
                                      "(the name on its certificate)."));
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
      if (any_target)
        md_check_add_advice (check, _("Its target is your own Exchange server’s name (the name on its certificate), "
                                      "with priority 0, weight 0 and port 443."));
    }
  else
    summary = g_strdup (_("No autodiscover record, and none is needed for this offer"));

  if (lookup->cname != NULL && lookup->cname->outcome == MD_DNS_OK)
    {
      g_autofree char *line = g_strdup_printf ("autodiscover.%s CNAME %s", domain, lookup->cname->cname);

      md_check_add_evidence (check, line);
      if (wanted && !any_target && !host_in (targets, lookup->cname->cname))
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
  else if (lookup->cname != NULL && answer_failed (lookup->cname))
    {
      g_autofree char *line = md_dns_answer_describe (lookup->cname, "CNAME");
      md_check_add_evidence (check, line);
    }

  if (record != NULL && status != MD_CHECK_STATUS_OK)
    md_check_add_record (check, record);
  md_check_finish (check, status, summary);
}

/* ---- SPF --------------------------------------------------------------- */

typedef struct {
  GTask   *task;
  char    *domain;
  char    *path;       /* how we got here: "include:a → include:b" */
  char    *ancestors;  /* the domains on the way, each between newlines */
  SpfNode *node;       /* where its terms go in the tree */
  guint    depth;
} SpfFetch;

static void spf_fetch (GTask *task, const char *domain, const char *path, const char *ancestors,
                       SpfNode *node, guint depth);

static void
spf_problem (MdLookupResult *lookup,
             const char     *path,
             const char     *problem)
{
  g_ptr_array_add (lookup->problems, *path ? g_strdup_printf ("%s: %s", path, problem) : g_strdup (problem));
}

static void
spf_walk (GTask      *task,
          const char *record_text,
          const char *path,
          const char *ancestors,
          SpfNode    *node,
          guint       depth)
{
  CheckData *data = g_task_get_task_data (task);
  MdLookupResult *lookup = data->lookup;
  g_autoptr(MdSpfRecord) record = md_spf_parse (record_text);
  gboolean has_all = FALSE;

  for (guint i = 0; i < record->errors->len; i++)
    {
      const char *error = g_ptr_array_index (record->errors, i);
      g_autofree char *line = g_strdup_printf ("! %s", error);

      spf_node_add (node, line);
      spf_problem (lookup, path, error);
    }

  for (guint i = 0; i < record->terms->len; i++)
    has_all |= ((MdSpfTerm *) g_ptr_array_index (record->terms, i))->kind == MD_SPF_ALL;

  for (guint i = 0; i < record->terms->len; i++)
    {
      MdSpfTerm *term = g_ptr_array_index (record->terms, i);
      g_autofree char *where = *path ? g_strdup_printf ("%s → %s", path, term->text) : g_strdup (term->text);
      SpfNode *child;

      /* RFC 7208 §6.1: "redirect=" is ignored when the record has "all". */
      if (term->kind == MD_SPF_REDIRECT && has_all)
        continue;
      child = spf_node_add (node, term->text);
      child->where = g_strdup (where);
      child->costs_lookup = md_spf_kind_costs_lookup (term->kind);
      if (depth == 0 && term->kind == MD_SPF_ALL && term->qualifier == '+')
        lookup->allows_all = TRUE;
      if ((term->kind != MD_SPF_INCLUDE && term->kind != MD_SPF_REDIRECT) || term->value == NULL)
        continue;
      g_ptr_array_add (lookup->includes, g_strdup (term->value));
      /* A macro ("%{i}") names a different domain for every sender. */
      if (strchr (term->value, '%') != NULL)
        spf_node_add (child, _("(a macro: depends on the sender, not followed)"));
      else
        {
          /* A name included twice in different branches is counted twice,
           * as receivers do (RFC 7208 §4.6.4); only a name that includes
           * itself, directly or not, is a loop. */
          g_autofree char *needle = g_strdup_printf ("\n%s\n", term->value);

          if (strstr (ancestors, needle) != NULL)
            {
              g_autofree char *problem = g_strdup_printf (_("“%s” includes itself: receivers reject the record (a “permerror”)."),
                                                          term->value);
              g_autofree char *line = g_strdup_printf ("! %s", problem);

              spf_node_add (child, line);
              spf_problem (lookup, where, problem);
            }
          else if (depth < SPF_MAX_DEPTH && data->n_fetches < SPF_MAX_FETCHES)
            {
              g_autofree char *below = g_strconcat (ancestors, term->value, "\n", NULL);

              spf_fetch (task, term->value, where, below, child, depth + 1);
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

  if (answer != NULL)
    {
      MdLookupResult *lookup = data->lookup;
      g_autoptr(GPtrArray) records = txt_records_matching (answer, md_spf_is_spf);

      if (fetch->depth == 0)
        {
          lookup->txt = g_steal_pointer (&answer);
          g_ptr_array_extend_and_steal (lookup->records, g_steal_pointer (&records));
          if (lookup->records->len == 1)
            spf_walk (task, g_ptr_array_index (lookup->records, 0), "", fetch->ancestors, lookup->tree, 0);
        }
      else if (answer_failed (answer))
        {
          g_ptr_array_add (lookup->failures, md_dns_answer_describe (answer, "TXT"));
          spf_node_add (fetch->node, _("(could not be read)"));
        }
      else if (records->len == 1)
        spf_walk (task, g_ptr_array_index (records, 0), fetch->path, fetch->ancestors, fetch->node, fetch->depth);
      else
        {
          /* Either way the include is broken: a "permerror" (RFC 7208 §5.2). */
          const char *problem = records->len == 0 ? _("no SPF record there") : _("several SPF records there");
          g_autofree char *line = g_strdup_printf ("! %s", problem);

          spf_node_add (fetch->node, line);
          spf_problem (lookup, fetch->path, problem);
          /* A name that gives nothing at all is a "void look-up" (§4.6.4). */
          fetch->node->is_void = answer->outcome == MD_DNS_NOT_FOUND || answer->records == NULL;
        }
      last = data->pending == 0;
    }
  md_dns_answer_free (answer);
  g_free (fetch->domain);
  g_free (fetch->path);
  g_free (fetch->ancestors);
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
           const char *ancestors,
           SpfNode    *node,
           guint       depth)
{
  CheckData *data = g_task_get_task_data (task);
  SpfFetch *fetch = g_new0 (SpfFetch, 1);

  data->n_fetches++;
  fetch->task = g_object_ref (task);
  fetch->domain = g_strdup (domain);
  fetch->path = g_strdup (path);
  fetch->ancestors = g_strdup (ancestors);
  fetch->node = node;
  fetch->depth = depth;
  data->pending++;
  md_dns_lookup_txt_async (domain, data->timeout_ms, g_task_get_cancellable (task), spf_txt_cb, fetch);
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
  g_autoptr(GTask) task = NULL;
  g_autofree char *ancestors = NULL;
  CheckData *data;

  g_return_if_fail (MD_IS_CHECK (check));
  g_return_if_fail (G_IS_RESOLVER (resolver));
  g_return_if_fail (domain != NULL);

  task = check_task_new (check, resolver, domain, timeout_ms, TRUE, cancellable,
                         callback, user_data, md_check_spf_lookup_async);
  data = g_task_get_task_data (task);
  data->lookup = lookup_result_new ();
  ancestors = g_strdup_printf ("\n%s\n", domain);
  spf_fetch (task, domain, "", ancestors, data->lookup->tree, 0);
}

MdLookupResult *
md_check_spf_lookup_finish (MdCheck       *check,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, check), NULL);
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
  g_autoptr(GPtrArray) tree = g_ptr_array_new_with_free_func (g_free);
  gboolean has_include = FALSE;
  g_autofree char *summary = NULL;
  MdCheckStatus status = MD_CHECK_STATUS_OK;

  g_return_if_fail (MD_IS_CHECK (check));
  g_return_if_fail (lookup != NULL);
  g_return_if_fail (domain != NULL);

  if (answer_failed (lookup->txt))
    {
      finish_could_not_check (check, lookup->txt, "TXT");
      return;
    }
  for (guint i = 0; i < lookup->records->len; i++)
    md_check_add_evidence (check, g_ptr_array_index (lookup->records, i));

  if (lookup->records->len == 0)
    {
      g_autofree char *line = md_dns_answer_describe (lookup->txt, "TXT");

      md_check_add_evidence (check, line);
      md_check_add_advice (check, _("Without SPF, receivers cannot tell your real mail from forgeries and often file "
                                    "it as spam. Publish the record below."));
      md_check_add_record (check, record);
      md_check_finish (check, MD_CHECK_STATUS_WARNING, _("No SPF record"));
      return;
    }
  if (lookup->records->len > 1)
    {
      md_check_add_advice (check, _("A domain must have exactly one SPF record: with two, receivers treat both as broken "
                                    "(RFC 7208 §3.2). Merge them into one."));
      g_autofree char *how_many = g_strdup_printf (ngettext ("There are %u SPF records", "There are %u SPF records",
                                                             lookup->records->len),
                                                   lookup->records->len);

      md_check_finish (check, MD_CHECK_STATUS_ERROR, how_many);
      return;
    }

  spf_node_tally (lookup->tree, lookup);
  spf_node_render (lookup->tree, 0, tree);
  for (guint i = 0; i < tree->len; i++)
    md_check_add_evidence (check, g_ptr_array_index (tree, i));
  for (guint i = 0; i < lookup->failures->len; i++)
    md_check_add_evidence (check, g_ptr_array_index (lookup->failures, i));
  for (guint i = 0; i < lookup->includes->len && include != NULL; i++)
    has_include |= g_ascii_strcasecmp (g_ptr_array_index (lookup->includes, i), include) == 0;

  if (lookup->problems->len > 0)
    {
      for (guint i = 0; i < lookup->problems->len; i++)
        md_check_add_advice (check, g_ptr_array_index (lookup->problems, i));
      md_check_add_advice (check, _("Receivers treat an SPF record with errors as if there were none at all "
                                    "(a “permerror”): correct the terms above."));
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
                                                   "one allowed is passed at “%s”."),
                                                 lookup->void_lookups, lookup->void_at_fault);
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
  if (lookup->allows_all)
    {
      md_check_add_advice (check, _("“+all” lets any server in the world send mail in your name: end the record "
                                    "with “~all” or “-all” instead."));
      if (status == MD_CHECK_STATUS_OK)
        {
          status = MD_CHECK_STATUS_WARNING;
          summary = g_strdup (_("SPF allows every server (+all)"));
        }
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

/* ---- DMARC ------------------------------------------------------------- */

static void
dmarc_return (GTask *task)
{
  CheckData *data = g_task_get_task_data (task);

  data->returned = TRUE;
  g_task_return_pointer (task, g_steal_pointer (&data->lookup), (GDestroyNotify) md_lookup_result_free);
}

/* The organisational domain's answer, for a subdomain without a record. */
static void
dmarc_policy_answer_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CheckData *data = g_task_get_task_data (task);
  MdLookupResult *lookup = data->lookup;

  if (!collect (task, result, &data->answers[1]))
    return;

  lookup->policy_txt = g_steal_pointer (&data->answers[1]);
  g_ptr_array_extend_and_steal (lookup->records, txt_records_matching (lookup->policy_txt, md_dmarc_is_dmarc));
  dmarc_return (task);
}

static void
dmarc_answer_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CheckData *data = g_task_get_task_data (task);
  MdLookupResult *lookup;
  g_autofree char *organizational = NULL;

  if (!collect (task, result, &data->answers[0]))
    return;

  lookup = data->lookup = lookup_result_new ();
  lookup->txt = g_steal_pointer (&data->answers[0]);
  g_ptr_array_extend_and_steal (lookup->records, txt_records_matching (lookup->txt, md_dmarc_is_dmarc));

  /* A subdomain without a record of its own falls under its
   * organisational domain's (RFC 7489 §6.6.3). */
  if (lookup->records->len == 0 && !answer_failed (lookup->txt))
    organizational = md_domain_organizational (data->domain);
  if (organizational != NULL && !g_str_equal (organizational, data->domain))
    {
      g_autofree char *name = g_strconcat ("_dmarc.", organizational, NULL);

      lookup->policy_domain = g_steal_pointer (&organizational);
      data->pending = 1;
      md_dns_lookup_txt_async (name, data->timeout_ms, g_task_get_cancellable (task),
                               dmarc_policy_answer_cb, g_object_ref (task));
      return;
    }

  dmarc_return (task);
}

void
md_check_dmarc_lookup_async (MdCheck             *check,
                             GResolver           *resolver,
                             const char          *domain,
                             guint                timeout_ms,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  g_autofree char *name = NULL;

  g_return_if_fail (MD_IS_CHECK (check));
  g_return_if_fail (G_IS_RESOLVER (resolver));
  g_return_if_fail (domain != NULL);

  task = check_task_new (check, resolver, domain, timeout_ms, TRUE, cancellable,
                         callback, user_data, md_check_dmarc_lookup_async);
  name = g_strconcat ("_dmarc.", domain, NULL);
  ((CheckData *) g_task_get_task_data (task))->pending = 1;
  md_dns_lookup_txt_async (name, timeout_ms, cancellable, dmarc_answer_cb, task);
}

MdLookupResult *
md_check_dmarc_lookup_finish (MdCheck       *check,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, check), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
md_check_dmarc_evaluate (MdCheck        *check,
                         MdLookupResult *lookup,
                         const char     *domain)
{
  g_autofree char *record = NULL;
  g_autoptr(MdDmarcRecord) dmarc = NULL;
  g_autofree char *summary = NULL;
  const char *policy;

  g_return_if_fail (MD_IS_CHECK (check));
  g_return_if_fail (lookup != NULL);
  g_return_if_fail (domain != NULL);

  record = g_strdup_printf ("_dmarc.%s. 3600 IN TXT \"v=DMARC1; p=none; rua=mailto:postmaster@%s\"", domain, domain);
  if (answer_failed (lookup->txt))
    {
      finish_could_not_check (check, lookup->txt, "TXT");
      return;
    }
  if (lookup->policy_txt != NULL && answer_failed (lookup->policy_txt))
    {
      g_autofree char *line = md_dns_answer_describe (lookup->txt, "TXT");

      md_check_add_evidence (check, line);
      finish_could_not_check (check, lookup->policy_txt, "TXT");
      return;
    }

  if (lookup->records->len == 0)
    {
      g_autofree char *line = md_dns_answer_describe (lookup->txt, "TXT");

      md_check_add_evidence (check, line);
      if (lookup->policy_txt != NULL)
        {
          g_autofree char *policy_line = md_dns_answer_describe (lookup->policy_txt, "TXT");

          md_check_add_evidence (check, policy_line);
        }
      md_check_add_advice (check, _("Publish a DMARC record: receivers then know what to do with mail that pretends "
                                    "to come from you, and send you reports. Start with the policy “none”."));
      md_check_add_record (check, record);
      md_check_finish (check, MD_CHECK_STATUS_WARNING, _("No DMARC record"));
      return;
    }
  if (lookup->policy_domain != NULL)
    {
      g_autofree char *line = g_strdup_printf (_("No DMARC record at _dmarc.%s: the record of %s, "
                                                 "its organisational domain, applies."),
                                               domain, lookup->policy_domain);

      md_check_add_evidence (check, line);
      /* A fix goes into that record. */
      g_free (record);
      record = g_strdup_printf ("_dmarc.%s. 3600 IN TXT \"v=DMARC1; p=none; rua=mailto:postmaster@%s\"",
                                lookup->policy_domain, lookup->policy_domain);
    }
  for (guint i = 0; i < lookup->records->len; i++)
    md_check_add_evidence (check, g_ptr_array_index (lookup->records, i));
  if (lookup->records->len > 1)
    {
      md_check_add_advice (check, _("Several DMARC records make all of them void (RFC 7489): keep exactly one."));
      md_check_finish (check, MD_CHECK_STATUS_ERROR, _("There are several DMARC records"));
      return;
    }

  dmarc = md_dmarc_parse (g_ptr_array_index (lookup->records, 0));
  for (guint i = 0; i < dmarc->aggregate_reports->len; i++)
    {
      g_autofree char *line = g_strdup_printf (_("Reports go to %s"), (char *) g_ptr_array_index (dmarc->aggregate_reports, i));
      md_check_add_evidence (check, line);
    }
  for (guint i = 0; i < dmarc->failure_reports->len; i++)
    {
      g_autofree char *line = g_strdup_printf (_("Failure reports go to %s"), (char *) g_ptr_array_index (dmarc->failure_reports, i));
      md_check_add_evidence (check, line);
    }
  if (dmarc->errors->len > 0)
    {
      for (guint i = 0; i < dmarc->errors->len; i++)
        md_check_add_advice (check, g_ptr_array_index (dmarc->errors, i));
      md_check_add_record (check, record);
      md_check_finish (check, MD_CHECK_STATUS_ERROR, _("The DMARC record has errors"));
      return;
    }

  /* Subdomains follow "sp=" where the organisational domain has one. */
  policy = lookup->policy_domain != NULL && dmarc->subdomain_policy != NULL ? dmarc->subdomain_policy : dmarc->policy;
  if (g_str_equal (policy, "none"))
    md_check_add_advice (check, _("The policy “none” only observes. Once the reports show that all your "
                                  "mail passes, consider “quarantine”."));
  if (dmarc->percent < 100)
    {
      g_autofree char *advice = g_strdup_printf (_("The policy applies to %d %% of failing mail only (pct=%d)."),
                                                 dmarc->percent, dmarc->percent);
      md_check_add_advice (check, advice);
    }
  if (dmarc->aggregate_reports->len == 0)
    md_check_add_advice (check, _("Add “rua=mailto:…” to receive the reports that show who sends mail in your name."));
  if (lookup->policy_domain != NULL)
    summary = g_strdup_printf (_("DMARC policy: %s, from %s"), policy, lookup->policy_domain);
  else
    summary = g_strdup_printf (_("DMARC policy: %s"), policy);
  md_check_finish (check, MD_CHECK_STATUS_OK, summary);
}

/* ---- blocklists -------------------------------------------------------- */

typedef struct {
  GTask    *task;
  char     *ip;      /* NULL for the probe */
  char     *zone;
  gboolean  probe;   /* the list's test entry, 127.0.0.2 (RFC 5782 §5) */
} DnsblQuery;

static void
dnsbl_answer_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  DnsblQuery *query = user_data;
  g_autoptr(GTask) task = query->task;
  CheckData *data = g_task_get_task_data (task);
  g_autoptr(MdDnsAnswer) answer = NULL;
  gboolean last = collect (task, result, &answer);

  if (answer != NULL && query->probe)
    {
      /* Every working list answers for its test entry: one that does not
       * is gone or misspelled, and its "not listed" answers mean nothing. */
      if (answer->outcome == MD_DNS_NOT_FOUND)
        {
          g_autofree char *line = g_strdup_printf (_("%s: no answer for the test entry 127.0.0.2, which every working list has"),
                                                   query->zone);
          g_autofree char *advice = g_strdup_printf (_("%s does not work as a blocklist: it may have closed, or its "
                                                       "name may be misspelled in the settings. Its answers say nothing."),
                                                     query->zone);

          md_check_add_evidence (data->check, line);
          md_check_add_advice (data->check, advice);
          g_ptr_array_add (data->refused, g_strdup (query->zone));
        }
    }
  else if (answer != NULL)
    {
      g_autofree char *where = g_strdup_printf ("%s @ %s", query->ip, query->zone);

      if (answer->outcome == MD_DNS_NOT_FOUND)
        {
          g_autofree char *line = g_strdup_printf (_("%s: not listed"), where);
          md_check_add_evidence (data->check, line);
        }
      else if (answer->outcome == MD_DNS_OK)
        {
          g_autofree char *code = g_inet_address_to_string (answer->addresses->data);
          g_autofree char *line = NULL;

          /* A listing is 127.0.0.x; 127.255.255.x is a list refusing to
           * answer (a public resolver, too many queries), and anything else
           * a list that is gone or broken: no verdict either way. */
          if (g_str_has_prefix (code, "127.") && !g_str_has_prefix (code, "127.255.255."))
            {
              line = g_strdup_printf (_("%s: LISTED (%s)"), where, code);
              g_ptr_array_add (data->listed, g_steal_pointer (&where));
            }
          else
            {
              line = g_strdup_printf (_("%s: the list refused to answer (%s)"), where, code);
              g_ptr_array_add (data->refused, g_strdup (query->zone));
            }
          md_check_add_evidence (data->check, line);
        }
      else
        {
          g_autofree char *line = md_dns_answer_describe (answer, "A");
          md_check_add_evidence (data->check, line);
          g_ptr_array_add (data->refused, g_strdup (query->zone));
        }
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

  data->returned = TRUE;
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
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) asked = g_ptr_array_new_with_free_func (g_object_unref);
  CheckData *data;

  g_return_if_fail (MD_IS_CHECK (check));
  g_return_if_fail (G_IS_RESOLVER (resolver));

  task = check_task_new (check, resolver, NULL, timeout_ms, TRUE, cancellable,
                         callback, user_data, md_check_dnsbl_run_async);
  data = g_task_get_task_data (task);
  data->listed = g_ptr_array_new_with_free_func (g_free);
  data->refused = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; addresses != NULL && i < addresses->len; i++)
    {
      GInetAddress *address = g_ptr_array_index (addresses, i);

      if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4)
        add_address_once (asked, address);
    }

  for (guint z = 0; asked->len > 0 && zones != NULL && zones[z] != NULL; z++)
    {
      DnsblQuery *query = g_new0 (DnsblQuery, 1);
      g_autofree char *name = g_strconcat ("2.0.0.127.", zones[z], NULL);

      query->task = g_object_ref (task);
      query->zone = g_strdup (zones[z]);
      query->probe = TRUE;
      data->pending++;
      md_dns_lookup_a_async (name, timeout_ms, cancellable, dnsbl_answer_cb, query);
    }

  for (guint i = 0; i < asked->len; i++)
    {
      GInetAddress *address = g_ptr_array_index (asked, i);
      const guint8 *bytes = g_inet_address_to_bytes (address);
      g_autofree char *ip = g_inet_address_to_string (address);

      for (guint z = 0; zones != NULL && zones[z] != NULL; z++)
        {
          DnsblQuery *query = g_new0 (DnsblQuery, 1);
          g_autofree char *name = g_strdup_printf ("%u.%u.%u.%u.%s", bytes[3], bytes[2], bytes[1], bytes[0], zones[z]);

          query->task = g_object_ref (task);
          query->ip = g_strdup (ip);
          query->zone = g_strdup (zones[z]);
          data->pending++;
          md_dns_lookup_a_async (name, timeout_ms, cancellable, dnsbl_answer_cb, query);
        }
    }

  if (data->pending == 0)
    {
      md_check_finish (check, MD_CHECK_STATUS_UNKNOWN,
                       asked->len == 0 ? _("Could not check: no IPv4 address of a mail server to look up")
                                       : _("Could not check: no blocklist to ask"));
      data->returned = TRUE;
      g_task_return_boolean (task, TRUE);
    }
}

gboolean
md_check_dnsbl_run_finish (MdCheck       *check,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, check), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
