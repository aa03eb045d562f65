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

#include "md-dns.h"

typedef enum {
  KIND_RECORDS,
  KIND_ADDRESS,
  KIND_CNAME,
} LookupKind;

typedef struct {
  LookupKind           kind;
  GResolverRecordType  type;
  char                *name;
  GCancellable        *inner;       /* cancelled by the timer or the caller */
  GSource             *timer;
  gulong               cancelled_id;
  GCancellable        *outer;
  gint64               started;
  gboolean             timed_out;
  gboolean             returned;    /* CNAME: answered before the worker ended */
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

/* One line for the evidence list: "example.fr MX: timed out after 5 s". */
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
      return g_strdup_printf ("%s %s: %s", answer->name, type, _("no such record"));
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

/* Runs in a worker thread: res_query() is the system resolver GResolver uses. */
static void
cname_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Lookup *lookup = task_data;
  guchar buffer[4096];
  struct __res_state state = { 0, };
  MdDnsAnswer *answer = answer_new (lookup);
  ns_msg msg;
  int len;

  if (res_ninit (&state) != 0)
    {
      answer->outcome = MD_DNS_FAILED;
      answer->message = g_strdup (_("the system resolver could not start"));
      g_task_return_pointer (task, answer, (GDestroyNotify) md_dns_answer_free);
      return;
    }

  len = res_nquery (&state, lookup->name, ns_c_in, ns_t_cname, buffer, sizeof buffer);
  if (len < 0)
    {
      answer->outcome = state.res_h_errno == HOST_NOT_FOUND || state.res_h_errno == NO_DATA
                        ? MD_DNS_NOT_FOUND : MD_DNS_FAILED;
      answer->message = g_strdup (hstrerror (state.res_h_errno));
    }
  else if (ns_initparse (buffer, len, &msg) == 0)
    {
      answer->outcome = MD_DNS_NOT_FOUND;
      for (int i = 0; i < ns_msg_count (msg, ns_s_an); i++)
        {
          ns_rr rr;
          char target[NS_MAXDNAME];

          if (ns_parserr (&msg, ns_s_an, i, &rr) == 0 && ns_rr_type (rr) == ns_t_cname &&
              ns_name_uncompress (ns_msg_base (msg), ns_msg_end (msg), ns_rr_rdata (rr),
                                  target, sizeof target) >= 0)
            {
              answer->outcome = MD_DNS_OK;
              answer->cname = g_ascii_strdown (target, -1);
              break;
            }
        }
    }
  else
    {
      answer->outcome = MD_DNS_FAILED;
      answer->message = g_strdup (_("the answer could not be read"));
    }
  res_nclose (&state);

  g_task_return_pointer (task, answer, (GDestroyNotify) md_dns_answer_free);
}

static gboolean
timer_cb (gpointer user_data)
{
  GTask *task = user_data;
  Lookup *lookup = g_task_get_task_data (task);

  lookup->timed_out = TRUE;
  g_cancellable_cancel (lookup->inner);
  g_clear_pointer (&lookup->timer, g_source_unref);

  return G_SOURCE_REMOVE;
}

static void
outer_cancelled_cb (GCancellable *outer,
                    GCancellable *inner)
{
  g_cancellable_cancel (inner);
}

static GTask *
lookup_task_new (LookupKind           kind,
                 const char          *name,
                 GResolverRecordType  type,
                 guint                timeout_ms,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  Lookup *lookup = g_new0 (Lookup, 1);
  GTask *task;

  lookup->kind = kind;
  lookup->type = type;
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

  task = lookup_task_new (KIND_RECORDS, name, type, timeout_ms, cancellable, callback, user_data);
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
  GTask *task;

  g_return_if_fail (G_IS_RESOLVER (resolver));
  g_return_if_fail (name != NULL);

  task = lookup_task_new (KIND_ADDRESS, name, 0, timeout_ms, cancellable, callback, user_data);
  g_resolver_lookup_by_name_async (resolver, name, ((Lookup *) g_task_get_task_data (task))->inner, address_cb, task);
}

static void
cname_done_cb (GObject      *object,
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

/* res_query() cannot be interrupted: on a timeout or a cancel, answer now
 * and let the worker finish on its own. */
static void
cname_cancelled_cb (GCancellable *inner,
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

void
md_dns_lookup_cname_async (const char          *name,
                           guint                timeout_ms,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task, *worker;
  Lookup *lookup;

  g_return_if_fail (name != NULL);

  task = lookup_task_new (KIND_CNAME, name, 0, timeout_ms, cancellable, callback, user_data);
  lookup = g_task_get_task_data (task);

  /* The worker may outlive a timed-out task: it owns its own copy of the data. */
  g_signal_connect_object (lookup->inner, "cancelled", G_CALLBACK (cname_cancelled_cb), task, 0);
  worker = g_task_new (NULL, NULL, cname_done_cb, task);
  {
    Lookup *copy = g_new0 (Lookup, 1);

    copy->name = g_strdup (lookup->name);
    copy->started = lookup->started;
    g_task_set_task_data (worker, copy, (GDestroyNotify) lookup_free);
  }
  g_task_run_in_thread (worker, cname_thread);
  g_object_unref (worker);
}

MdDnsAnswer *
md_dns_lookup_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
