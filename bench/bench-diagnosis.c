/* bench-diagnosis.c — the whole diagnosis against a real DNS server whose
 * every answer comes 100 ms late, beside the same questions asked one after
 * another
 *
 * The wall time of a diagnosis should follow the depth of what waits for
 * what (MX → the MX hosts' addresses → the blocklists: 3 round trips), not
 * the number of questions. Target: at most 4 × the delay.
 *
 * Run it inside the DNS runner, with dnsmasq moved off port 53 so that the
 * proxy in this program can take it:
 *
 *   MD_DNS_PORT=5353 sh tests/dns/run-with-dns.sh tests/dns/scenarios.conf \
 *     build/bench/bench-diagnosis [DOMAIN [RUNS [DELAY-MS]]]
 *
 * DOMAIN defaults to ok-mxplan.test (five MX hosts, an SPF include, three
 * blocklists), RUNS to 10, DELAY-MS to 100. The web checks go to a closed
 * port on 127.0.0.1 (answered at once) unless MD_RDAP_BASE_URL,
 * MD_WEBMAIL_URL and MD_STATUS_API_URL say otherwise.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <stdlib.h>
#include <string.h>

#include "md-diagnosis.h"

/* As many lists as the engine asks by default: one listing, one refusal,
 * one where nothing is listed. */
static const char * const blocklists[] = { "bl.test", "refuse.test", "parent.test", NULL };

/* ---- the proxy: UDP on 127.0.0.1:53, each answer held back ------------- */

typedef struct {
  GMainContext   *context;
  GMainLoop      *loop;
  GSocket        *listener;
  GSocketAddress *upstream;
  guint           delay_ms;
  GMutex          lock;
  GPtrArray      *questions;   /* GBytes: every query forwarded, as sent */
} Proxy;

typedef struct {
  Proxy          *proxy;
  GSocket        *socket;      /* to the upstream, one per question */
  GSocketAddress *client;
  GSource        *source;
  GBytes         *answer;
} Pending;

static void
pending_free (Pending *pending)
{
  if (pending->source != NULL)
    {
      g_source_destroy (pending->source);
      g_source_unref (pending->source);
    }
  g_clear_object (&pending->socket);
  g_clear_object (&pending->client);
  g_clear_pointer (&pending->answer, g_bytes_unref);
  g_free (pending);
}

static gboolean
send_late (gpointer data)
{
  Pending *pending = data;
  gsize size;
  const char *bytes = g_bytes_get_data (pending->answer, &size);

  g_socket_send_to (pending->proxy->listener, pending->client, bytes, size, NULL, NULL);
  pending_free (pending);

  return G_SOURCE_REMOVE;
}

static gboolean
upstream_answered (GSocket      *socket,
                   GIOCondition  condition,
                   gpointer      data)
{
  Pending *pending = data;
  char buffer[4096];
  gssize len = g_socket_receive (socket, buffer, sizeof buffer, NULL, NULL);
  GSource *timer;

  g_clear_pointer (&pending->source, g_source_unref);
  if (len <= 0)
    {
      g_clear_object (&pending->socket);
      pending_free (pending);
      return G_SOURCE_REMOVE;
    }
  pending->answer = g_bytes_new (buffer, len);
  timer = g_timeout_source_new (pending->proxy->delay_ms);
  g_source_set_callback (timer, send_late, pending, NULL);
  g_source_attach (timer, pending->proxy->context);
  g_source_unref (timer);

  return G_SOURCE_REMOVE;
}

static gboolean
client_asked (GSocket      *socket,
              GIOCondition  condition,
              gpointer      data)
{
  Proxy *proxy = data;
  char buffer[4096];
  GSocketAddress *client = NULL;
  gssize len = g_socket_receive_from (socket, &client, buffer, sizeof buffer, NULL, NULL);
  Pending *pending;

  if (len <= 0)
    {
      g_clear_object (&client);
      return G_SOURCE_CONTINUE;
    }

  g_mutex_lock (&proxy->lock);
  g_ptr_array_add (proxy->questions, g_bytes_new (buffer, len));
  g_mutex_unlock (&proxy->lock);

  pending = g_new0 (Pending, 1);
  pending->proxy = proxy;
  pending->client = client;
  pending->socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, NULL);
  g_socket_set_blocking (pending->socket, FALSE);
  g_socket_send_to (pending->socket, proxy->upstream, buffer, len, NULL, NULL);
  pending->source = g_socket_create_source (pending->socket, G_IO_IN, NULL);
  g_source_set_callback (pending->source, (GSourceFunc) (GCallback) upstream_answered, pending, NULL);
  g_source_attach (pending->source, proxy->context);

  return G_SOURCE_CONTINUE;
}

static gpointer
proxy_thread (gpointer data)
{
  Proxy *proxy = data;
  GSource *source;

  g_main_context_push_thread_default (proxy->context);
  source = g_socket_create_source (proxy->listener, G_IO_IN, NULL);
  g_source_set_callback (source, (GSourceFunc) (GCallback) client_asked, proxy, NULL);
  g_source_attach (source, proxy->context);
  g_main_loop_run (proxy->loop);
  g_source_destroy (source);
  g_source_unref (source);
  g_main_context_pop_thread_default (proxy->context);

  return NULL;
}

/* ---- the measures ---------------------------------------------------------- */

static void
run_done (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  if (!md_diagnosis_run_finish (MD_DIAGNOSIS (object), result, &error))
    g_error ("The diagnosis failed: %s", error->message);
  *done = TRUE;
}

static double
diagnose (const char   *domain,
          MdDiagnosis **out)
{
  g_autoptr(GError) error = NULL;
  MdDiagnosis *diagnosis = md_diagnosis_new (domain, &error);
  gboolean done = FALSE;
  gint64 start;

  if (diagnosis == NULL)
    g_error ("%s", error->message);
  md_diagnosis_set_dnsbl_zones (diagnosis, blocklists);
  start = g_get_monotonic_time ();
  md_diagnosis_run_async (diagnosis, NULL, run_done, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  if (out != NULL)
    *out = diagnosis;
  else
    g_object_unref (diagnosis);

  return (g_get_monotonic_time () - start) / 1000.0;
}

/* The same questions through the same proxy, each waiting for the last. */
static double
ask_one_by_one (GPtrArray *questions,
                guint     *n_answered)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) server = g_inet_socket_address_new (loopback, 53);
  gint64 start = g_get_monotonic_time ();

  *n_answered = 0;
  g_socket_set_timeout (socket, 5);
  for (guint i = 0; i < questions->len; i++)
    {
      gsize size;
      const char *bytes = g_bytes_get_data (g_ptr_array_index (questions, i), &size);
      char buffer[4096];

      g_socket_send_to (socket, server, bytes, size, NULL, NULL);
      if (g_socket_receive (socket, buffer, sizeof buffer, NULL, NULL) > 0)
        (*n_answered)++;
    }

  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  const char *domain = argc > 1 ? argv[1] : "ok-mxplan.test";
  guint runs = argc > 2 ? (guint) atoi (argv[2]) : 10;
  guint delay_ms = argc > 3 ? (guint) atoi (argv[3]) : 100;
  const char *upstream_port = g_getenv ("MD_DNS_PORT");
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) listen_address = g_inet_socket_address_new (loopback, 53);
  g_autoptr(GPtrArray) questions = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MdDiagnosis) last = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  GListModel *checks;
  Proxy proxy = { 0, };
  GThread *thread;
  double cold, sequential, median, target = 4.0 * delay_ms;
  guint n_answered;

  if (upstream_port == NULL || g_str_equal (upstream_port, "53") || runs == 0)
    {
      g_printerr ("Run inside the DNS runner with dnsmasq on another port:\n"
                  "  MD_DNS_PORT=5353 sh tests/dns/run-with-dns.sh tests/dns/scenarios.conf %s [DOMAIN [RUNS [DELAY-MS]]]\n",
                  argv[0]);
      return 2;
    }
  g_setenv ("MD_RDAP_BASE_URL", "http://127.0.0.1:9/", FALSE);
  g_setenv ("MD_WEBMAIL_URL", "http://127.0.0.1:9/", FALSE);
  g_setenv ("MD_STATUS_API_URL", "http://127.0.0.1:9/", FALSE);

  proxy.delay_ms = delay_ms;
  proxy.context = g_main_context_new ();
  proxy.loop = g_main_loop_new (proxy.context, FALSE);
  proxy.questions = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  proxy.upstream = g_inet_socket_address_new (loopback, (guint16) atoi (upstream_port));
  g_mutex_init (&proxy.lock);
  proxy.listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, &error);
  if (proxy.listener == NULL || !g_socket_bind (proxy.listener, listen_address, TRUE, &error))
    g_error ("Cannot listen on 127.0.0.1:53: %s", error->message);
  g_socket_set_blocking (proxy.listener, FALSE);
  thread = g_thread_new ("dns-proxy", proxy_thread, &proxy);

  /* The first run also starts threads and loads the provider data. */
  cold = diagnose (domain, NULL);
  for (guint i = 0; i < runs; i++)
    {
      double elapsed;

      g_mutex_lock (&proxy.lock);
      g_ptr_array_set_size (proxy.questions, 0);
      g_mutex_unlock (&proxy.lock);
      g_clear_object (&last);
      elapsed = diagnose (domain, &last);
      g_array_append_val (times, elapsed);
    }
  g_mutex_lock (&proxy.lock);
  questions = g_ptr_array_ref (proxy.questions);
  proxy.questions = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_mutex_unlock (&proxy.lock);
  sequential = ask_one_by_one (questions, &n_answered);

  g_array_sort (times, compare_doubles);
  median = g_array_index (times, double, times->len / 2);

  g_print ("Diagnosis of %s, every DNS answer delayed %u ms (%u runs)\n\n", domain, delay_ms, runs);
  g_print ("  %-44s %8.0f ms\n", "first run (threads start, data loads)", cold);
  g_print ("  %-44s %8.0f ms   (min %.0f, max %.0f)\n", "whole diagnosis, median", median,
           g_array_index (times, double, 0), g_array_index (times, double, times->len - 1));
  g_print ("  %-44s %8.0f ms   (%u questions, %u answered)\n", "the same questions one after another",
           sequential, questions->len, n_answered);
  g_print ("  %-44s %8.1f x\n", "speed-up", sequential / median);
  g_print ("  %-44s %8.0f ms   %s\n\n", "target: 4 x the delay", target, median <= target ? "met" : "NOT MET");

  g_print ("Time each check took in the last run (provider: %s):\n",
           md_diagnosis_get_provider (last) ? md_provider_get_id (md_diagnosis_get_provider (last)) : "none");
  checks = md_diagnosis_get_checks (last);
  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(MdCheck) check = g_list_model_get_item (checks, i);

      g_print ("  %-14s %-8s %6" G_GINT64_FORMAT " ms  %s\n", md_check_get_id (check),
               md_check_status_to_id (md_check_get_status (check)), md_check_get_elapsed_ms (check),
               md_check_get_summary (check));
    }

  g_main_loop_quit (proxy.loop);
  g_main_context_wakeup (proxy.context);
  g_thread_join (thread);
  g_main_loop_unref (proxy.loop);
  g_main_context_unref (proxy.context);
  g_object_unref (proxy.listener);
  g_object_unref (proxy.upstream);
  g_ptr_array_unref (proxy.questions);
  g_mutex_clear (&proxy.lock);

  return median <= target ? 0 : 1;
}
