/* md-dns.c — DNS look-ups through GResolver, with a timeout and an outcome
 * that tells "no such name" from "no such record" from "could not ask"
 *
 * GLib 2.74's resolver has no timeout of its own (glibc gives up after
 * 5 s × attempts): each look-up here races a timer and is abandoned, not
 * waited for, when the timer wins.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <arpa/nameser.h>
#include <glib/gi18n.h>
#include <netdb.h>
#include <netinet/in.h>
#include <resolv.h>
#include <string.h>

#include "md-dns.h"

typedef struct {
  char                *name;
  GCancellable        *inner;       /* cancelled by the timer or the caller */
  GSource             *timer;
  gulong               cancelled_id;
  GCancellable        *outer;
  gint64               started;
  gboolean             timed_out;
  gboolean             returned;    /* raw: answered before the worker ended */
} Lookup;

static void
lookup_free (Lookup *lookup)
{
  if (lookup->timer != NULL)
    {
      g_source_destroy (lookup->timer);
      g_source_unref (lookup->timer);
    }
  if (lookup->outer != NULL)
    g_cancellable_disconnect (lookup->outer, lookup->cancelled_id);
  g_clear_object (&lookup->outer);
  g_clear_object (&lookup->inner);
  g_free (lookup->name);
  g_free (lookup);
}

void
md_dns_answer_free (MdDnsAnswer *answer)
{
  if (answer == NULL)
    return;
  g_list_free_full (answer->records, (GDestroyNotify) g_variant_unref);
  g_list_free_full (answer->addresses, g_object_unref);
  g_free (answer->cname);
  g_free (answer->name);
  g_free (answer->message);
  g_free (answer);
}

/* One line for the evidence list: "example.fr MX: no answer in time (timed out)". */
char *
md_dns_answer_describe (const MdDnsAnswer *answer,
                        const char        *type)
{
  g_return_val_if_fail (answer != NULL, NULL);

  switch (answer->outcome)
    {
    case MD_DNS_OK:
      return g_strdup_printf ("%s %s: %s", answer->name, type, _("answered"));
    case MD_DNS_NOT_FOUND:
      return g_strdup_printf ("%s %s: %s", answer->name, type,
                              answer->no_such_name ? _("no such name (NXDOMAIN)") : _("no such record"));
    case MD_DNS_TIMED_OUT:
      return g_strdup_printf ("%s %s: %s", answer->name, type, _("no answer in time (timed out)"));
    case MD_DNS_FAILED:
    default:
      return g_strdup_printf ("%s %s: %s (%s)", answer->name, type, _("the look-up failed"),
                              answer->message ? answer->message : "?");
    }
}

static MdDnsAnswer *
answer_new (Lookup *lookup)
{
  MdDnsAnswer *answer = g_new0 (MdDnsAnswer, 1);

  answer->name = g_strdup (lookup->name);
  answer->elapsed_ms = (g_get_monotonic_time () - lookup->started) / 1000;

  return answer;
}

static void
return_error (GTask  *task,
              GError *error)
{
  Lookup *lookup = g_task_get_task_data (task);
  MdDnsAnswer *answer;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !lookup->timed_out)
    {
      g_task_return_error (task, g_error_copy (error));
      return;
    }

  answer = answer_new (lookup);
  if (lookup->timed_out)
    {
      answer->outcome = MD_DNS_TIMED_OUT;
      answer->message = g_strdup (_("timed out"));
    }
  else if (g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND))
    {
      answer->outcome = MD_DNS_NOT_FOUND;
      answer->message = g_strdup (error->message);
    }
  else
    {
      answer->outcome = MD_DNS_FAILED;
      answer->message = g_strdup (error->message);
    }
  g_task_return_pointer (task, answer, (GDestroyNotify) md_dns_answer_free);
}

static void
records_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GList *records = g_resolver_lookup_records_finish (G_RESOLVER (object), result, &error);
  MdDnsAnswer *answer;

  if (g_task_return_error_if_cancelled (task))
    {
      g_list_free_full (records, (GDestroyNotify) g_variant_unref);
      return;
    }
  if (error != NULL)
    {
      return_error (task, error);
      return;
    }
  answer = answer_new (g_task_get_task_data (task));
  answer->records = records;
  g_task_return_pointer (task, answer, (GDestroyNotify) md_dns_answer_free);
}

static void
address_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GList *addresses = g_resolver_lookup_by_name_finish (G_RESOLVER (object), result, &error);
  MdDnsAnswer *answer;

  if (g_task_return_error_if_cancelled (task))
    {
      g_resolver_free_addresses (addresses);
      return;
    }
  if (error != NULL)
    {
      return_error (task, error);
      return;
    }
  answer = answer_new (g_task_get_task_data (task));
  answer->addresses = addresses;
  g_task_return_pointer (task, answer, (GDestroyNotify) md_dns_answer_free);
}

/* The look-ups GResolver cannot make (CNAME, the answer's code) and the
 * many blocklist questions go to the same system resolver through
 * res_nquery() in threads of their own: the GTask pool GResolver shares has
 * ten threads before it grows by one every 100 ms, and a diagnosis asks
 * fifteen blocklist questions at once. */
#define RAW_POOL_MAX_THREADS 32

typedef struct {
  GTask        *worker;
  GCancellable *inner;     /* cancelled on a timeout or a cancel */
  char         *name;
  ns_type       type;      /* ns_t_cname, ns_t_soa, ns_t_a or ns_t_txt */
  guint         timeout_ms;
  gint64        started;
} RawJob;

static void
raw_set_failure (MdDnsAnswer *answer,
                 int          h_errno_value)
{
  switch (h_errno_value)
    {
    case HOST_NOT_FOUND:
      answer->outcome = MD_DNS_NOT_FOUND;
      answer->no_such_name = TRUE;
      answer->message = g_strdup (_("no such name (NXDOMAIN)"));
      break;
    case NO_DATA:
      answer->outcome = MD_DNS_NOT_FOUND;
      answer->message = g_strdup (_("no record of this type"));
      break;
    case TRY_AGAIN:
      answer->outcome = MD_DNS_FAILED;
      answer->message = g_strdup (_("the server failed or did not answer"));
      break;
    case NO_RECOVERY:
    default:
      answer->outcome = MD_DNS_FAILED;
      answer->message = g_strdup (_("the server refused the question or could not answer it"));
      break;
    }
}

static gboolean
read_name (ns_msg       *msg,
           const guchar *at,
           char         *out,
           gsize         out_len)
{
  return ns_name_uncompress (ns_msg_base (*msg), ns_msg_end (*msg), at, out, out_len) >= 0;
}

/* A TXT record as GResolver gives it, "(as)", but each string made valid
 * UTF-8: GLib 2.74 hands TXT bytes as they come to g_variant_new_strv(),
 * which crashes on a record that is not UTF-8. */
static GVariant *
raw_read_txt (const guchar *p,
              const guchar *end)
{
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);

  while (p < end)
    {
      gsize length = *p++;

      if (length > (gsize) (end - p))
        break;
      g_ptr_array_add (strings, g_utf8_make_valid ((const char *) p, length));
      p += length;
    }
  g_ptr_array_add (strings, NULL);

  return g_variant_ref_sink (g_variant_new ("(^as)", (char **) strings->pdata));
}

/* The answer section of a CNAME, SOA, A or TXT question about @name. */
static void
raw_read_answer (MdDnsAnswer  *answer,
                 ns_type       type,
                 const guchar *buffer,
                 int           len)
{
  ns_msg msg;

  if (ns_initparse (buffer, len, &msg) != 0)
    {
      answer->outcome = MD_DNS_FAILED;
      answer->message = g_strdup (_("the answer could not be read"));
      return;
    }

  /* The name exists; for SOA, it is a zone's top only if the SOA is its own. */
  answer->outcome = type == ns_t_soa ? MD_DNS_OK : MD_DNS_NOT_FOUND;
  for (int i = 0; i < ns_msg_count (msg, ns_s_an); i++)
    {
      ns_rr rr;
      char target[NS_MAXDNAME];
      char rname[NS_MAXDNAME];

      if (ns_parserr (&msg, ns_s_an, i, &rr) != 0 || ns_rr_type (rr) != type)
        continue;
      /* A and TXT records may come at the end of a chain of aliases. */
      if (type == ns_t_txt)
        {
          answer->outcome = MD_DNS_OK;
          answer->records = g_list_append (answer->records,
                                           raw_read_txt (ns_rr_rdata (rr), ns_rr_rdata (rr) + ns_rr_rdlen (rr)));
          continue;
        }
      if (type == ns_t_a)
        {
          if (ns_rr_rdlen (rr) == 4)
            {
              answer->outcome = MD_DNS_OK;
              answer->addresses = g_list_append (answer->addresses,
                                                 g_inet_address_new_from_bytes (ns_rr_rdata (rr), G_SOCKET_FAMILY_IPV4));
            }
          continue;
        }
      if (g_ascii_strcasecmp (ns_rr_name (rr), answer->name) != 0)
        continue;
      if (!read_name (&msg, ns_rr_rdata (rr), target, sizeof target))
        continue;

      if (type == ns_t_cname)
        {
          answer->outcome = MD_DNS_OK;
          answer->cname = g_ascii_strdown (target, -1);
          return;
        }
      else
        {
          const guchar *p = ns_rr_rdata (rr);
          const guchar *end = p + ns_rr_rdlen (rr);
          int skip = dn_skipname (p, end);
          guint32 numbers[5];

          if (skip < 0)
            continue;
          p += skip;
          if (!read_name (&msg, p, rname, sizeof rname) || (skip = dn_skipname (p, end)) < 0 ||
              end - (p + skip) < 20)
            continue;
          p += skip;
          for (guint n = 0; n < 5; n++, p += 4)
            numbers[n] = ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
          answer->records = g_list_prepend (answer->records,
                                            g_variant_ref_sink (g_variant_new ("(ssuuuuu)", target, rname,
                                                                               numbers[0], numbers[1], numbers[2],
                                                                               numbers[3], numbers[4])));
          return;
        }
    }
}

/* Runs in a thread of the pool: res_nquery() cannot be interrupted. */
static void
raw_job_run (gpointer data,
             gpointer user_data)
{
  RawJob *job = data;
  MdDnsAnswer *answer = g_new0 (MdDnsAnswer, 1);
  struct __res_state state;
  guchar buffer[4096];
  int len;

  answer->name = g_strdup (job->name);
  memset (&state, 0, sizeof state);
  /* Waiting for a free thread, it may have been given up already: then it
   * must not hold a thread that a live question needs. */
  if (g_cancellable_is_cancelled (job->inner))
    {
      answer->outcome = MD_DNS_TIMED_OUT;
      answer->message = g_strdup (_("timed out"));
    }
  else if (res_ninit (&state) != 0)
    {
      answer->outcome = MD_DNS_FAILED;
      answer->message = g_strdup (_("the system resolver could not start"));
    }
  else
    {
      /* One try, a little longer than the look-up may take (so that its
       * own timer tells the time-out): resolv.conf's timing (5 s, twice,
       * per server) would keep the thread long after. */
      state.retrans = (int) (job->timeout_ms / 1000) + 1;
      state.retry = 1;
      len = res_nquery (&state, job->name, ns_c_in, job->type, buffer, sizeof buffer);
      /* NODATA to an SOA question: the name exists, below its zone's top. */
      if (len < 0 && job->type == ns_t_soa && state.res_h_errno == NO_DATA)
        answer->outcome = MD_DNS_OK;
      else if (len < 0)
        raw_set_failure (answer, state.res_h_errno);
      else
        raw_read_answer (answer, job->type, buffer, MIN (len, (int) sizeof buffer));
      res_nclose (&state);
    }
  answer->elapsed_ms = (g_get_monotonic_time () - job->started) / 1000;

  g_task_return_pointer (job->worker, answer, (GDestroyNotify) md_dns_answer_free);
  g_object_unref (job->worker);
  g_object_unref (job->inner);
  g_free (job->name);
  g_free (job);
}

static GThreadPool *
raw_pool (void)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    {
      GThreadPool *created = g_thread_pool_new (raw_job_run, NULL, RAW_POOL_MAX_THREADS, FALSE, NULL);

      g_once_init_leave (&pool, created);
    }

  return pool;
}

static gboolean
timer_cb (gpointer user_data)
{
  GTask *task = user_data;
  Lookup *lookup = g_task_get_task_data (task);

  /* Cancelling may answer the task and free @lookup: touch it no more. */
  lookup->timed_out = TRUE;
  g_clear_pointer (&lookup->timer, g_source_unref);
  g_cancellable_cancel (lookup->inner);

  return G_SOURCE_REMOVE;
}

static void
outer_cancelled_cb (GCancellable *outer,
                    GCancellable *inner)
{
  g_cancellable_cancel (inner);
}

static GTask *
lookup_task_new (const char          *name,
                 guint                timeout_ms,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  Lookup *lookup = g_new0 (Lookup, 1);
  GTask *task;

  lookup->name = g_strdup (name);
  lookup->inner = g_cancellable_new ();
  lookup->started = g_get_monotonic_time ();

  /* The caller's cancellable cancels the task; the inner one, which the
   * timer cancels too, stops the look-up itself. */
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, md_dns_lookup_finish);
  g_task_set_task_data (task, lookup, (GDestroyNotify) lookup_free);
  g_task_set_check_cancellable (task, FALSE);

  if (cancellable != NULL)
    {
      lookup->outer = g_object_ref (cancellable);
      lookup->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (outer_cancelled_cb),
                                                    lookup->inner, NULL);
    }

  lookup->timer = g_timeout_source_new (timeout_ms > 0 ? timeout_ms : MD_DNS_DEFAULT_TIMEOUT_MS);
  g_source_set_callback (lookup->timer, timer_cb, task, NULL);
  g_source_attach (lookup->timer, g_main_context_get_thread_default ());

  return task;
}

void
md_dns_lookup_records_async (GResolver           *resolver,
                             const char          *name,
                             GResolverRecordType  type,
                             guint                timeout_ms,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (G_IS_RESOLVER (resolver));
  g_return_if_fail (name != NULL);

  task = lookup_task_new (name, timeout_ms, cancellable, callback, user_data);
  g_resolver_lookup_records_async (resolver, name, type, ((Lookup *) g_task_get_task_data (task))->inner, records_cb, task);
}

void
md_dns_lookup_address_async (GResolver           *resolver,
                             const char          *name,
                             guint                timeout_ms,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autofree char *absolute = NULL;
  GTask *task;

  g_return_if_fail (G_IS_RESOLVER (resolver));
  g_return_if_fail (name != NULL);

  /* A final dot keeps the system resolver from trying the search domains
   * of resolv.conf, one of which may answer for any name. */
  absolute = g_str_has_suffix (name, ".") ? g_strdup (name) : g_strconcat (name, ".", NULL);
  task = lookup_task_new (name, timeout_ms, cancellable, callback, user_data);
  g_resolver_lookup_by_name_async (resolver, absolute, ((Lookup *) g_task_get_task_data (task))->inner, address_cb, task);
}

static void
raw_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Lookup *lookup = g_task_get_task_data (task);
  MdDnsAnswer *answer = g_task_propagate_pointer (G_TASK (result), NULL);

  if (lookup->returned || g_task_return_error_if_cancelled (task))
    {
      md_dns_answer_free (answer);
      return;
    }
  lookup->returned = TRUE;
  g_task_return_pointer (task, answer, (GDestroyNotify) md_dns_answer_free);
}

/* res_nquery() cannot be interrupted: on a timeout or a cancel, answer now
 * and let the worker finish on its own. */
static void
raw_cancelled_cb (GCancellable *inner,
                  GTask        *task)
{
  Lookup *lookup = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (lookup->returned)
    return;
  lookup->returned = TRUE;
  g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
  if (!g_task_return_error_if_cancelled (task))
    return_error (task, error);
}

static void
raw_lookup_async (const char          *name,
                  ns_type              type,
                  guint                timeout_ms,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  GTask *task = lookup_task_new (name, timeout_ms, cancellable, callback, user_data);
  Lookup *lookup = g_task_get_task_data (task);
  RawJob *job = g_new0 (RawJob, 1);

  /* The job may outlive a timed-out task: it has its own copy of the name. */
  job->name = g_strdup (name);
  job->type = type;
  job->inner = g_object_ref (lookup->inner);
  job->timeout_ms = timeout_ms > 0 ? timeout_ms : MD_DNS_DEFAULT_TIMEOUT_MS;
  job->started = lookup->started;
  job->worker = g_task_new (NULL, NULL, raw_done_cb, task);
  g_task_set_source_tag (job->worker, raw_lookup_async);

  g_signal_connect_object (lookup->inner, "cancelled", G_CALLBACK (raw_cancelled_cb), task, 0);
  if (g_cancellable_is_cancelled (lookup->inner))
    raw_cancelled_cb (lookup->inner, task);

  g_thread_pool_push (raw_pool (), job, NULL);
}

void
md_dns_lookup_cname_async (const char          *name,
                           guint                timeout_ms,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (name != NULL);

  raw_lookup_async (name, ns_t_cname, timeout_ms, cancellable, callback, user_data);
}

void
md_dns_lookup_txt_async (const char          *name,
                         guint                timeout_ms,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (name != NULL);

  raw_lookup_async (name, ns_t_txt, timeout_ms, cancellable, callback, user_data);
}

void
md_dns_lookup_a_async (const char          *name,
                       guint                timeout_ms,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (name != NULL);

  raw_lookup_async (name, ns_t_a, timeout_ms, cancellable, callback, user_data);
}

void
md_dns_lookup_name_async (const char          *name,
                          guint                timeout_ms,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (name != NULL);

  raw_lookup_async (name, ns_t_soa, timeout_ms, cancellable, callback, user_data);
}

MdDnsAnswer *
md_dns_lookup_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
