/* test-http-checks.c — the RDAP, webmail and maintenance checks against real
 * HTTP and HTTPS servers on 127.0.0.1, with certificates made for the run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "md-check.h"
#include "md-http-checks.h"
#include "md-json.h"
#include "md-provider.h"
#include "md-rdap.h"
#include "md-status-page.h"
#include "md-test-language.h"

/* The servers live for the whole run; each test points the checks at them. */
static char *work_dir;
static char *cache_file;
static SoupServer *plain_server;
static SoupServer *tls_server;
static SoupServer *wrong_name_server;
static SoupServer *self_signed_server;
static SoupServer *expired_server;
static char *plain_url;       /* http://127.0.0.1:PORT */
static char *tls_url;         /* https://127.0.0.1:PORT, trusted */
static char *wrong_name_url;
static char *self_signed_url;
static char *expired_url;
static char *refused_url;     /* nothing listens there */
static GPtrArray *paused;     /* requests the "slow" server never answers */
static guint bootstrap_hits;

/* --- Fixtures, shaped like real registries' answers --------------------- */

static char *
date_in_days (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%dT%H:%M:%SZ");
}

/* Verisign (.com, .net): upper-case names, spaced status values, registrar
 * with its IANA ID and an abuse contact nested inside. */
static char *
verisign_domain (const char *name,
                 const char *status,
                 int         expires_in_days)
{
  g_autofree char *upper = g_ascii_strup (name, -1);
  g_autofree char *expiry = date_in_days (expires_in_days);

  return g_strdup_printf (
    "{\"objectClassName\":\"domain\",\"handle\":\"2138514_DOMAIN_COM-VRSN\",\"ldhName\":\"%s\","
    "\"links\":[{\"value\":\"https://rdap.verisign.com/com/v1/domain/%s\",\"rel\":\"self\","
    "\"href\":\"https://rdap.verisign.com/com/v1/domain/%s\",\"type\":\"application/rdap+json\"}],"
    "\"status\":[%s],"
    "\"entities\":[{\"objectClassName\":\"entity\",\"handle\":\"433\",\"roles\":[\"registrar\"],"
    "\"publicIds\":[{\"type\":\"IANA Registrar ID\",\"identifier\":\"433\"}],"
    "\"vcardArray\":[\"vcard\",[[\"version\",{},\"text\",\"4.0\"],[\"fn\",{},\"text\",\"OVH sas\"]]],"
    "\"entities\":[{\"objectClassName\":\"entity\",\"roles\":[\"abuse\"],\"vcardArray\":[\"vcard\","
    "[[\"version\",{},\"text\",\"4.0\"],[\"fn\",{},\"text\",\"\"],"
    "[\"tel\",{\"type\":\"voice\"},\"uri\",\"tel:+33.972101007\"],[\"email\",{},\"text\",\"abuse@ovh.net\"]]]}]}],"
    "\"events\":[{\"eventAction\":\"registration\",\"eventDate\":\"2009-03-02T11:20:41Z\"},"
    "{\"eventAction\":\"expiration\",\"eventDate\":\"%s\"},"
    "{\"eventAction\":\"last changed\",\"eventDate\":\"2024-02-01T09:00:00Z\"},"
    "{\"eventAction\":\"last update of RDAP database\",\"eventDate\":\"2024-06-04T18:00:00Z\"}],"
    "\"secureDNS\":{\"delegationSigned\":false},"
    "\"nameservers\":[{\"objectClassName\":\"nameserver\",\"ldhName\":\"DNS200.ANYCAST.ME\"},"
    "{\"objectClassName\":\"nameserver\",\"ldhName\":\"NS200.ANYCAST.ME\"}],"
    "\"rdapConformance\":[\"rdap_level_0\",\"icann_rdap_technical_implementation_guide_0\","
    "\"icann_rdap_response_profile_0\"],"
    "\"notices\":[{\"title\":\"Terms of Use\",\"description\":[\"Service subject to Terms of Use.\"],"
    "\"links\":[{\"href\":\"https://www.verisign.com/domain-names/registration-data-access-protocol/terms-service/index.xhtml\","
    "\"type\":\"text/html\"}]}]}",
    upper, name, name, status, expiry);
}

/* AFNIC (.fr): lower-case names, a registrar with a URL in its vCard, an
 * anonymised registrant, a port43 member. */
static char *
afnic_domain (const char *name,
              const char *status,
              int         expires_in_days,
              const char *extra_events)
{
  g_autofree char *expiry = date_in_days (expires_in_days);

  return g_strdup_printf (
    "{\"rdapConformance\":[\"rdap_level_0\"],"
    "\"notices\":[{\"title\":\"Terms of use\",\"description\":[\"AFNIC terms of use\"]}],"
    "\"objectClassName\":\"domain\",\"handle\":\"DOM000012345678-FRNIC\",\"ldhName\":\"%s\","
    "\"status\":[%s],"
    "\"events\":[{\"eventAction\":\"registration\",\"eventDate\":\"2006-05-10T13:59:42Z\"},"
    "{\"eventAction\":\"expiration\",\"eventDate\":\"%s\"},"
    "{\"eventAction\":\"last changed\",\"eventDate\":\"2024-03-12T08:41:09.123Z\"}%s],"
    "\"entities\":[{\"objectClassName\":\"entity\",\"handle\":\"OVH\",\"roles\":[\"registrar\"],"
    "\"vcardArray\":[\"vcard\",[[\"version\",{},\"text\",\"4.0\"],[\"fn\",{},\"text\",\"OVH\"],"
    "[\"adr\",{},\"text\",[\"\",\"\",\"2 rue Kellermann\",\"Roubaix\",\"\",\"59100\",\"FR\"]],"
    "[\"url\",{},\"uri\",\"https://www.ovhcloud.com/\"]]]},"
    "{\"objectClassName\":\"entity\",\"handle\":\"ANO00-FRNIC\",\"roles\":[\"registrant\"],"
    "\"vcardArray\":[\"vcard\",[[\"version\",{},\"text\",\"4.0\"],[\"fn\",{},\"text\",\"\"]]]}],"
    "\"nameservers\":[{\"objectClassName\":\"nameserver\",\"ldhName\":\"dns110.ovh.net\"},"
    "{\"objectClassName\":\"nameserver\",\"ldhName\":\"ns110.ovh.net\"}],"
    "\"secureDNS\":{\"delegationSigned\":false},\"port43\":\"whois.nic.fr\"}",
    name, status, expiry, extra_events);
}

/* DENIC-like: EPP's camelCase status values, no expiry date, no registrar,
 * a date with an offset instead of Z. */
static char *
denic_like_domain (const char *name,
                   const char *status)
{
  return g_strdup_printf (
    "{\"objectClassName\":\"domain\",\"handle\":\"%s\",\"ldhName\":\"%s\",\"unicodeName\":\"%s\","
    "\"status\":[%s],"
    "\"events\":[{\"eventAction\":\"last changed\",\"eventDate\":\"2023-11-20T10:12:13+01:00\"}],"
    "\"nameservers\":[{\"objectClassName\":\"nameserver\",\"ldhName\":\"ns1.beispiel.de\"}],"
    "\"rdapConformance\":[\"rdap_level_0\"]}",
    name, name, name, status);
}

#define STATUSPAGE_HEAD \
  "{\"page\":{\"id\":\"kctbh9vrtdwd\",\"name\":\"Example Mail\",\"url\":\"https://status.example.test\"," \
  "\"time_zone\":\"Etc/UTC\",\"updated_at\":\"2024-06-04T18:00:00.000Z\"}," \
  "\"components\":[{\"id\":\"c1\",\"name\":\"Webmail\",\"status\":\"%s\",\"group\":false}," \
  "{\"id\":\"c2\",\"name\":\"SMTP\",\"status\":\"operational\",\"group\":false}],"

static char *
statuspage (const char *webmail_state,
            const char *incidents,
            const char *maintenances,
            const char *indicator,
            const char *description)
{
  g_autofree char *head = g_strdup_printf (STATUSPAGE_HEAD, webmail_state);

  return g_strdup_printf ("%s\"incidents\":[%s],\"scheduled_maintenances\":[%s],"
                          "\"status\":{\"indicator\":\"%s\",\"description\":\"%s\"}}",
                          head, incidents, maintenances, indicator, description);
}

static char *
incident (const char *name,
          const char *status,
          const char *impact)
{
  g_autofree char *started = date_in_days (-1);

  return g_strdup_printf (
    "{\"id\":\"inc1\",\"name\":\"%s\",\"status\":\"%s\",\"impact\":\"%s\","
    "\"created_at\":\"%s\",\"started_at\":\"%s\",\"shortlink\":\"https://stspg.io/inc1\","
    "\"incident_updates\":[{\"id\":\"u2\",\"status\":\"%s\",\"body\":\"We are looking into it.\"},"
    "{\"id\":\"u1\",\"status\":\"investigating\",\"body\":\"First report.\"}]}",
    name, status, impact, started, started, status);
}

static char *
maintenance (const char *name,
             const char *status,
             int         starts_in_days,
             int         ends_in_days)
{
  g_autofree char *starts = date_in_days (starts_in_days);
  g_autofree char *ends = date_in_days (ends_in_days);

  return g_strdup_printf (
    "{\"id\":\"m1\",\"name\":\"%s\",\"status\":\"%s\",\"impact\":\"maintenance\","
    "\"scheduled_for\":\"%s\",\"scheduled_until\":\"%s\",\"shortlink\":\"https://stspg.io/m1\","
    "\"incident_updates\":[]}",
    name, status, starts, ends);
}

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *content_type,
         char              *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE, body, strlen (body));
}

static void
respond_big (SoupServerMessage *msg,
             gboolean           chunked)
{
  gsize size = 2 * 1024 * 1024;

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  if (!chunked)
    {
      char *body = g_malloc (size);

      memset (body, ' ', size);
      body[0] = '{';
      body[size - 1] = '}';
      soup_server_message_set_response (msg, "application/rdap+json", SOUP_MEMORY_TAKE, body, size);
      return;
    }

  soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg),
                                     SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                         "application/json", NULL);
  for (gsize sent = 0; sent < size; sent += 64 * 1024)
    {
      char *chunk = g_malloc (64 * 1024);

      memset (chunk, sent == 0 ? '[' : ' ', 64 * 1024);
      soup_message_body_append (soup_server_message_get_response_body (msg),
                                SOUP_MEMORY_TAKE, chunk, 64 * 1024);
    }
  soup_message_body_complete (soup_server_message_get_response_body (msg));
}

static void
serve_rdap (SoupServerMessage *msg,
            const char        *name)
{
  g_autofree char *label = g_strndup (name, strcspn (name, "."));
  const char *rdap = "application/rdap+json";

  if (g_str_equal (label, "active"))
    respond (msg, 200, rdap, verisign_domain (name, "\"client delete prohibited\",\"client transfer prohibited\"", 400));
  else if (g_str_equal (label, "expiring"))
    respond (msg, 200, rdap, verisign_domain (name, "\"client transfer prohibited\"", 10));
  else if (g_str_equal (label, "expired"))
    respond (msg, 200, rdap, verisign_domain (name, "\"client transfer prohibited\"", -3));
  else if (g_str_equal (label, "hold"))
    respond (msg, 200, rdap, verisign_domain (name, "\"client hold\",\"client transfer prohibited\"", 200));
  else if (g_str_equal (label, "afnic"))
    respond (msg, 200, rdap, afnic_domain (name, "\"active\"", 200, ""));
  else if (g_str_equal (label, "redemption"))
    respond (msg, 200, rdap, afnic_domain (name, "\"redemption period\"", -20, ""));
  else if (g_str_equal (label, "deleting"))
    {
      g_autofree char *deletion = date_in_days (4);
      g_autofree char *events = g_strdup_printf (",{\"eventAction\":\"deletion\",\"eventDate\":\"%s\"}",
                                                 deletion);

      respond (msg, 200, rdap, afnic_domain (name, "\"pending delete\"", -40, events));
    }
  else if (g_str_equal (label, "beispiel"))
    respond (msg, 200, rdap, denic_like_domain (name, "\"active\""));
  else if (g_str_equal (label, "camelhold"))
    respond (msg, 200, rdap, denic_like_domain (name, "\"serverHold\",\"clientTransferProhibited\""));
  else if (g_str_equal (label, "camelredemption"))
    respond (msg, 200, rdap, denic_like_domain (name, "\"redemptionPeriod\""));
  else if (g_str_equal (label, "camelpending"))
    respond (msg, 200, rdap, denic_like_domain (name, "\"pendingDelete\",\"inactive\""));
  else if (g_str_equal (label, "entity"))
    respond (msg, 200, rdap, g_strdup ("{\"objectClassName\":\"entity\",\"handle\":\"X\"}"));
  else if (g_str_equal (label, "invalid"))
    respond (msg, 200, rdap, g_strdup ("{\"objectClassName\":\"domain\",\"ldhName\":"));
  else if (g_str_equal (label, "broken"))
    respond (msg, 500, "text/html", g_strdup ("<h1>Internal Server Error</h1>"));
  else if (g_str_equal (label, "throttled"))
    respond (msg, 429, rdap, g_strdup ("{\"errorCode\":429,\"title\":\"Too Many Requests\"}"));
  else if (g_str_equal (label, "big"))
    respond_big (msg, FALSE);
  else if (g_str_equal (label, "bigchunked"))
    respond_big (msg, TRUE);
  else if (g_str_equal (label, "slow"))
    {
      soup_server_message_pause (msg);
      g_ptr_array_add (paused, g_object_ref (msg));
    }
  else
    respond (msg, 404, rdap, g_strdup ("{\"errorCode\":404,\"title\":\"Not Found\","
                                       "\"description\":[\"The domain was not found.\"]}"));
}

static void
serve_status (SoupServerMessage *msg,
              const char        *name)
{
  const char *json = "application/json";

  if (g_str_equal (name, "clear.json"))
    {
      g_autofree char *old = incident ("Slow webmail last week", "resolved", "minor");
      g_autofree char *done = maintenance ("Storage upgrade", "completed", -10, -9);

      respond (msg, 200, json, statuspage ("operational", old, done, "none", "All Systems Operational"));
    }
  else if (g_str_equal (name, "incident.json"))
    {
      g_autofree char *open = incident ("Delays on incoming mail", "identified", "major");

      respond (msg, 200, json, statuspage ("major_outage", open, "", "major", "Partial System Outage"));
    }
  else if (g_str_equal (name, "minor.json"))
    {
      g_autofree char *open = incident ("Some users cannot log in", "investigating", "minor");

      respond (msg, 200, json, statuspage ("degraded_performance", open, "", "minor", "Minor Service Outage"));
    }
  else if (g_str_equal (name, "maintenance.json"))
    {
      g_autofree char *work = maintenance ("Webmail upgrade", "in_progress", -1, 1);

      respond (msg, 200, json, statuspage ("under_maintenance", "", work, "maintenance", "Service Under Maintenance"));
    }
  else if (g_str_equal (name, "late-maintenance.json"))
    {
      /* Still "scheduled" though its window has begun. */
      g_autofree char *work = maintenance ("Mailbox migration", "scheduled", -1, 1);

      respond (msg, 200, json, statuspage ("operational", "", work, "none", "All Systems Operational"));
    }
  else if (g_str_equal (name, "upcoming.json"))
    {
      g_autofree char *work = maintenance ("Antispam upgrade", "scheduled", 3, 4);

      respond (msg, 200, json, statuspage ("operational", "", work, "none", "All Systems Operational"));
    }
  else if (g_str_equal (name, "invalid.json"))
    respond (msg, 200, json, g_strdup ("<html>Status</html>"));
  else if (g_str_equal (name, "other.json"))
    respond (msg, 200, json, g_strdup ("{\"status\":\"ok\"}"));
  else
    respond (msg, 404, "text/html", g_strdup ("<h1>Not Found</h1>"));
}

static void
serve (SoupServer        *server,
       SoupServerMessage *msg,
       const char        *path,
       GHashTable        *query,
       gpointer           user_data)
{
  if (g_str_has_prefix (path, "/rdap/domain/"))
    serve_rdap (msg, path + strlen ("/rdap/domain/"));
  else if (g_str_has_prefix (path, "/status/"))
    serve_status (msg, path + strlen ("/status/"));
  else if (g_str_equal (path, "/bootstrap/dns.json"))
    {
      bootstrap_hits++;
      respond (msg, 200, "application/json",
               g_strdup_printf ("{\"description\":\"test bootstrap\",\"publication\":\"2099-01-01T00:00:00Z\","
                                "\"services\":[[[\"test\",\"example\"],[\"ftp://127.0.0.1/\",\"%s/rdap/\"]]],"
                                "\"version\":\"1.0\"}", plain_url));
    }
  else if (g_str_equal (path, "/webmail/"))
    respond (msg, 200, "text/html", g_strdup ("<html><title>Webmail</title><form>…</form></html>"));
  else if (g_str_equal (path, "/webmail/broken"))
    respond (msg, 503, "text/html", g_strdup ("<h1>Service Unavailable</h1>"));
  else if (g_str_equal (path, "/webmail/to-http"))
    {
      g_autofree char *target = g_strdup_printf ("%s/webmail/", plain_url);

      soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, target);
    }
  else if (g_str_equal (path, "/webmail/slow"))
    {
      soup_server_message_pause (msg);
      g_ptr_array_add (paused, g_object_ref (msg));
    }
  else
    respond (msg, 404, "text/html", g_strdup ("<h1>Not Found</h1>"));
}

static SoupServer *
start_server (const char  *certificate_name,
              char       **url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoslist(GUri) uris = NULL;
  SoupServer *server;

  if (certificate_name != NULL)
    {
      g_autofree char *pem = g_strdup_printf ("%s/%s.pem", work_dir, certificate_name);
      g_autofree char *key = g_strdup_printf ("%s/%s.key", work_dir, certificate_name);

      certificate = g_tls_certificate_new_from_files (pem, key, &error);
      g_assert_no_error (error);
    }

  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, serve, NULL, NULL);
  soup_server_listen_local (server, 0,
                            SOUP_SERVER_LISTEN_IPV4_ONLY
                            | (certificate != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0),
                            &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (server);
  g_assert_nonnull (uris);
  *url = g_strdup_printf ("%s://127.0.0.1:%d", g_uri_get_scheme (uris->data),
                          g_uri_get_port (uris->data));
  return server;
}

static char *
closed_port_url (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  guint16 port;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, any, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);

  return g_strdup_printf ("http://127.0.0.1:%u", port);
}

/* --- Running a check ---------------------------------------------------- */

typedef enum {
  RUN_RDAP,
  RUN_WEBMAIL,
  RUN_MAINTENANCE,
} RunKind;

typedef struct {
  RunKind   kind;
  gboolean  done;
  gboolean  returned;
  GError   *error;
} Run;

static void
on_check_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Run *run = user_data;

  switch (run->kind)
    {
    case RUN_RDAP:
      run->returned = md_check_rdap_run_finish (MD_CHECK (object), result, &run->error);
      break;
    case RUN_WEBMAIL:
      run->returned = md_check_webmail_run_finish (MD_CHECK (object), result, &run->error);
      break;
    case RUN_MAINTENANCE:
      run->returned = md_check_maintenance_run_finish (MD_CHECK (object), result, &run->error);
      break;
    default:
      g_assert_not_reached ();
    }
  run->done = TRUE;
}

static SoupSession *
test_session (guint timeout_seconds)
{
  SoupSession *session = md_http_session_new ();

  if (timeout_seconds > 0)
    soup_session_set_timeout (session, timeout_seconds);
  return session;
}

/* Runs one check to its end; returns it, with the time it took. */
static MdCheck *
run_check_full (RunKind        kind,
                const char    *domain,
                MdProvider    *provider,
                guint          timeout_seconds,
                GCancellable  *cancellable,
                gint64        *elapsed_ms,
                GError       **error)
{
  static const char * const ids[] = { "rdap", "webmail", "maintenance" };
  g_autoptr(SoupSession) session = test_session (timeout_seconds);
  MdCheck *check = md_check_new (ids[kind], ids[kind]);
  Run run = { kind, FALSE, FALSE, NULL };
  gint64 started = g_get_monotonic_time ();

  switch (kind)
    {
    case RUN_RDAP:
      md_check_rdap_run_async (check, domain, session, cancellable, on_check_done, &run);
      break;
    case RUN_WEBMAIL:
      md_check_webmail_run_async (check, provider, session, cancellable, on_check_done, &run);
      break;
    case RUN_MAINTENANCE:
      md_check_maintenance_run_async (check, provider, session, cancellable, on_check_done, &run);
      break;
    default:
      g_assert_not_reached ();
    }

  while (!run.done)
    g_main_context_iteration (NULL, TRUE);

  if (elapsed_ms != NULL)
    *elapsed_ms = (g_get_monotonic_time () - started) / 1000;
  g_assert_true (run.returned == (run.error == NULL));
  if (error != NULL)
    *error = run.error;
  else
    g_assert_no_error (run.error);

  /* The check is never left running, whatever happened. */
  g_assert_cmpint (md_check_get_status (check), !=, MD_CHECK_STATUS_RUNNING);
  g_assert_cmpint (md_check_get_status (check), !=, MD_CHECK_STATUS_PENDING);
  g_assert_nonnull (md_check_get_summary (check));
  return check;
}

static MdCheck *
run_check (RunKind     kind,
           const char *domain)
{
  return run_check_full (kind, domain, NULL, 0, NULL, NULL, NULL);
}

static gboolean
strv_has (GStrv       strv,
          const char *needle)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    if (strstr (strv[i], needle) != NULL)
      return TRUE;
  return FALSE;
}

#define assert_check(check, status, summary_part) G_STMT_START {                      \
  const char *__summary = md_check_get_summary (check);                              \
  if (md_check_get_status (check) != (status) || strstr (__summary, (summary_part)) == NULL) \
    g_error ("check %s: %s “%s”, expected %s with “%s”",                             \
             md_check_get_id (check), md_check_status_to_id (md_check_get_status (check)), \
             __summary, md_check_status_to_id (status), (summary_part));             \
} G_STMT_END

#define assert_evidence(check, part) G_STMT_START {                                   \
  g_auto(GStrv) __evidence = md_check_dup_evidence (check);                          \
  if (!strv_has (__evidence, (part)))                                                \
    {                                                                                \
      g_autofree char *__all = g_strjoinv ("\n  ", __evidence);                      \
      g_error ("check %s: no evidence with “%s” in:\n  %s",                          \
               md_check_get_id (check), (part), __all);                              \
    }                                                                                \
} G_STMT_END

#define assert_link(check, part) G_STMT_START {                                       \
  g_auto(GStrv) __links = md_check_dup_links (check);                                \
  g_assert_true (strv_has (__links, (part)));                                        \
} G_STMT_END

#define assert_advice(check, part) G_STMT_START {                                     \
  g_auto(GStrv) __advice = md_check_dup_advice (check);                              \
  g_assert_true (strv_has (__advice, (part)));                                       \
} G_STMT_END

static void
use_rdap_server (const char *base)
{
  g_autofree char *url = g_strdup_printf ("%s/rdap/", base);

  g_setenv ("MD_RDAP_BASE_URL", url, TRUE);
}

/* --- Parsers, without a server ------------------------------------------ */

static void
test_rdap_status_flags (void)
{
  const struct {
    const char  *status;
    MdRdapFlags  flag;
  } cases[] = {
    { "client hold", MD_RDAP_FLAG_CLIENT_HOLD },
    { "clientHold", MD_RDAP_FLAG_CLIENT_HOLD },
    { "CLIENT_HOLD", MD_RDAP_FLAG_CLIENT_HOLD },
    { "server hold", MD_RDAP_FLAG_SERVER_HOLD },
    { "serverHold", MD_RDAP_FLAG_SERVER_HOLD },
    { "redemption period", MD_RDAP_FLAG_REDEMPTION_PERIOD },
    { "redemptionPeriod", MD_RDAP_FLAG_REDEMPTION_PERIOD },
    { "pending delete", MD_RDAP_FLAG_PENDING_DELETE },
    { "pendingDelete", MD_RDAP_FLAG_PENDING_DELETE },
    { "pending restore", MD_RDAP_FLAG_PENDING_RESTORE },
    { "inactive", MD_RDAP_FLAG_INACTIVE },
    { "active", MD_RDAP_FLAG_NONE },
    { "client transfer prohibited", MD_RDAP_FLAG_NONE },
    { "clientHoldish", MD_RDAP_FLAG_NONE },
    { "", MD_RDAP_FLAG_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (md_rdap_status_to_flag (cases[i].status), ==, cases[i].flag);
}

static void
test_rdap_parse_missing_fields (void)
{
  const char *minimal = "{\"objectClassName\":\"domain\",\"ldhName\":\"EXAMPLE.DE\","
                        "\"status\":[\"active\", 7, null],\"events\":[{\"eventAction\":\"expiration\"},"
                        "{\"eventDate\":\"2030-01-01T00:00:00Z\"},{\"eventAction\":\"expiration\","
                        "\"eventDate\":\"not a date\"}],\"entities\":[{\"roles\":[\"registrar\"],"
                        "\"vcardArray\":[\"vcard\"]},{\"roles\":\"registrar\"}],\"nameservers\":[{}, 3]}";
  g_autoptr(MdRdapDomain) domain = NULL;
  g_autoptr(GError) error = NULL;

  domain = md_rdap_domain_parse (minimal, strlen (minimal), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (domain->ldh_name, ==, "example.de");
  g_assert_cmpuint (g_strv_length (domain->status), ==, 1);
  g_assert_cmpint (domain->flags, ==, MD_RDAP_FLAG_NONE);
  g_assert_null (domain->expiration);
  g_assert_null (domain->registration);
  g_assert_null (domain->registrar);
  g_assert_cmpuint (g_strv_length (domain->nameservers), ==, 0);

  /* Not a domain, not JSON, too deep, not UTF-8, empty: refused, with a reason. */
  {
    const char *bad[] = { "{\"objectClassName\":\"entity\"}", "[1,2]", "{}", "{\"ldhName\":", "null", "" };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(GError) bad_error = NULL;

        g_assert_null (md_rdap_domain_parse (bad[i], strlen (bad[i]), &bad_error));
        g_assert_error (bad_error, MD_RDAP_ERROR, MD_RDAP_ERROR_INVALID);
        g_assert_cmpstr (bad_error->message, !=, "");
      }
  }
  {
    g_autoptr(GString) deep = g_string_new (NULL);
    g_autoptr(GError) deep_error = NULL;

    for (guint i = 0; i < 100000; i++)
      g_string_append_c (deep, '[');
    g_assert_null (md_rdap_domain_parse (deep->str, deep->len, &deep_error));
    g_assert_error (deep_error, MD_RDAP_ERROR, MD_RDAP_ERROR_INVALID);
    g_assert_nonnull (strstr (deep_error->message, "levels"));
  }
  {
    const char binary[] = "{\"ldhName\":\"\xff\xfe\"}";
    g_autoptr(GError) binary_error = NULL;

    g_assert_null (md_rdap_domain_parse (binary, sizeof binary - 1, &binary_error));
    g_assert_error (binary_error, MD_RDAP_ERROR, MD_RDAP_ERROR_INVALID);
  }
}

static void
test_rdap_bootstrap_shipped (void)
{
  g_autoptr(MdRdapBootstrap) bootstrap = md_rdap_bootstrap_new_shipped ();
  const char *bootstrap_json = "{\"services\":[[[\"uk\"],[\"https://rdap.nominet.uk/uk/\"]],"
                               "[[\"co.uk\"],[\"http://co.example/\",\"https://co.example/\"]],"
                               "[[\"x\"],[]],[\"junk\"],7]}";
  g_autoptr(MdRdapBootstrap) parsed = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (md_rdap_bootstrap_get_source (bootstrap), ==, MD_RDAP_BOOTSTRAP_SHIPPED);
  g_assert_nonnull (md_rdap_bootstrap_get_publication (bootstrap));
  g_assert_cmpstr (md_rdap_bootstrap_lookup (bootstrap, "example.com"), ==, "https://rdap.verisign.com/com/v1/");
  g_assert_cmpstr (md_rdap_bootstrap_lookup (bootstrap, "Example.NET."), ==, "https://rdap.verisign.com/net/v1/");
  g_assert_cmpstr (md_rdap_bootstrap_lookup (bootstrap, "example.fr"), ==, "https://rdap.nic.fr/");
  g_assert_cmpstr (md_rdap_bootstrap_lookup (bootstrap, "example.org"), !=, NULL);
  g_assert_cmpstr (md_rdap_bootstrap_lookup (bootstrap, "example.uk"), !=, NULL);
  g_assert_null (md_rdap_bootstrap_lookup (bootstrap, "example.de"));
  g_assert_null (md_rdap_bootstrap_lookup (bootstrap, "example.eu"));

  /* The longest label sequence wins; HTTPS is preferred; junk is skipped. */
  parsed = md_rdap_bootstrap_parse (bootstrap_json, strlen (bootstrap_json), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (md_rdap_bootstrap_lookup (parsed, "a.example.co.uk"), ==, "https://co.example/");
  g_assert_cmpstr (md_rdap_bootstrap_lookup (parsed, "example.org.uk"), ==, "https://rdap.nominet.uk/uk/");
  g_assert_null (md_rdap_bootstrap_lookup (parsed, "example.x"));
  g_assert_null (md_rdap_bootstrap_get_publication (parsed));

  g_assert_null (md_rdap_bootstrap_parse ("{\"services\":{}}", 15, &error) );
  g_assert_error (error, MD_RDAP_ERROR, MD_RDAP_ERROR_INVALID);
}

static void
test_registry_url (void)
{
  g_autofree char *de = md_rdap_registry_url ("DE");
  g_autofree char *other = md_rdap_registry_url ("zz");

  g_assert_cmpstr (de, ==, "https://www.denic.de/");
  g_assert_cmpstr (other, ==, "https://www.iana.org/domains/root/db/zz.html");
}

static void
test_status_page_parse (void)
{
  g_autofree char *open = incident ("Delays", "monitoring", "critical");
  g_autofree char *closed = incident ("Old", "postmortem", "major");
  g_autofree char *both = g_strdup_printf ("%s,%s,7,{}", closed, open);
  g_autofree char *work = maintenance ("Upgrade", "verifying", -1, 1);
  g_autofree char *body = statuspage ("partial_outage", both, work, "critical", "Major Outage");
  g_autoptr(MdStatusSummary) summary = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  MdStatusEvent *event;

  summary = md_status_summary_parse (body, strlen (body), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (summary->page_name, ==, "Example Mail");
  g_assert_cmpint (summary->indicator, ==, MD_STATUS_IMPACT_CRITICAL);
  /* The resolved one is left out; {} is an incident without a name. */
  g_assert_cmpuint (summary->incidents->len, ==, 2);
  event = g_ptr_array_index (summary->incidents, 0);
  g_assert_cmpstr (event->name, ==, "Delays");
  g_assert_cmpint (event->impact, ==, MD_STATUS_IMPACT_CRITICAL);
  g_assert_cmpstr (event->latest_update, ==, "We are looking into it.");
  g_assert_nonnull (event->starts);
  g_assert_cmpuint (summary->maintenances->len, ==, 1);
  g_assert_true (md_status_event_is_in_progress (g_ptr_array_index (summary->maintenances, 0), now));
  g_assert_cmpuint (g_strv_length (summary->degraded), ==, 1);
  g_assert_cmpstr (summary->degraded[0], ==, "Webmail: partial_outage");

  g_assert_null (md_status_summary_parse ("{\"page\":{}}", 11, &error) );
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

/* --- RDAP against a server ---------------------------------------------- */

static void
test_rdap_active (void)
{
  g_autoptr(MdCheck) check = NULL;

  use_rdap_server (plain_url);
  check = run_check (RUN_RDAP, "active.com");
  assert_check (check, MD_CHECK_STATUS_OK, "active.com is registered until");
  assert_evidence (check, "Registrar: OVH sas (IANA ID 433)");
  assert_evidence (check, "client transfer prohibited");
  assert_evidence (check, "dns200.anycast.me, ns200.anycast.me");
  assert_evidence (check, "/rdap/domain/active.com: HTTP 200");
  g_assert_cmpint (md_check_get_elapsed_ms (check), >=, 0);
}

static void
test_rdap_over_https (void)
{
  g_autoptr(MdCheck) check = NULL;
  g_autoptr(MdCheck) untrusted = NULL;

  /* Registries speak HTTPS: the test CA is trusted, verification stays on. */
  use_rdap_server (tls_url);
  check = run_check (RUN_RDAP, "Mail.Active.COM.");
  assert_check (check, MD_CHECK_STATUS_OK, "active.com is registered until");
  assert_evidence (check, "Registered name: active.com");

  use_rdap_server (self_signed_url);
  untrusted = run_check (RUN_RDAP, "active.com");
  assert_check (untrusted, MD_CHECK_STATUS_UNKNOWN, "certificate was rejected");
  assert_check (untrusted, MD_CHECK_STATUS_UNKNOWN, "not signed by a known certificate authority");
}

static void
test_rdap_expiring (void)
{
  g_autoptr(MdCheck) check = NULL;

  use_rdap_server (plain_url);
  check = run_check (RUN_RDAP, "expiring.com");
  assert_check (check, MD_CHECK_STATUS_WARNING, "expiring.com expires in 9 days");
  assert_advice (check, "automatic renewal");
}

static void
test_rdap_expired (void)
{
  g_autoptr(MdCheck) check = NULL;

  use_rdap_server (plain_url);
  check = run_check (RUN_RDAP, "expired.com");
  assert_check (check, MD_CHECK_STATUS_ERROR, "expired.com expired on");
  assert_advice (check, "Renew the domain");
}

static void
test_rdap_client_hold (void)
{
  g_autoptr(MdCheck) check = NULL;

  use_rdap_server (plain_url);
  check = run_check (RUN_RDAP, "hold.com");
  assert_check (check, MD_CHECK_STATUS_ERROR, "client hold");
  assert_evidence (check, "client hold, client transfer prohibited");
  assert_advice (check, "OVH sas");
}

static void
test_rdap_afnic (void)
{
  g_autoptr(MdCheck) check = NULL;

  use_rdap_server (plain_url);
  check = run_check (RUN_RDAP, "afnic.fr");
  assert_check (check, MD_CHECK_STATUS_OK, "afnic.fr is registered until");
  assert_evidence (check, "Registrar: OVH");
  assert_evidence (check, "Last changed on");
  assert_link (check, "https://www.ovhcloud.com/");
}

static void
test_rdap_redemption (void)
{
  g_autoptr(MdCheck) spaced = NULL;
  g_autoptr(MdCheck) camel = NULL;

  use_rdap_server (plain_url);
  spaced = run_check (RUN_RDAP, "redemption.fr");
  assert_check (spaced, MD_CHECK_STATUS_ERROR, "redemption period");
  assert_advice (spaced, "restore");

  camel = run_check (RUN_RDAP, "camelredemption.de");
  assert_check (camel, MD_CHECK_STATUS_ERROR, "redemption period");
}

static void
test_rdap_pending_delete (void)
{
  g_autoptr(MdCheck) spaced = NULL;
  g_autoptr(MdCheck) camel = NULL;

  use_rdap_server (plain_url);
  spaced = run_check (RUN_RDAP, "deleting.fr");
  assert_check (spaced, MD_CHECK_STATUS_ERROR, "pending delete");
  assert_evidence (spaced, "To be deleted on");

  camel = run_check (RUN_RDAP, "camelpending.de");
  assert_check (camel, MD_CHECK_STATUS_ERROR, "pending delete");
  assert_advice (camel, "name servers");
}

static void
test_rdap_denic_like (void)
{
  g_autoptr(MdCheck) active = NULL;
  g_autoptr(MdCheck) hold = NULL;

  use_rdap_server (plain_url);
  active = run_check (RUN_RDAP, "beispiel.de");
  assert_check (active, MD_CHECK_STATUS_OK, "beispiel.de is registered; its registry publishes no expiry date");
  assert_evidence (active, "Expiry date: not published");

  hold = run_check (RUN_RDAP, "camelhold.de");
  assert_check (hold, MD_CHECK_STATUS_ERROR, "server hold");
  assert_evidence (hold, "serverHold, clientTransferProhibited");
  assert_advice (hold, "registry itself");
}

static void
test_rdap_not_found (void)
{
  g_autoptr(MdCheck) check = NULL;

  use_rdap_server (plain_url);
  check = run_check (RUN_RDAP, "nobody.com");
  assert_check (check, MD_CHECK_STATUS_ERROR, "no record of nobody.com");
  assert_evidence (check, "HTTP 404");
}

static void
test_rdap_failures (void)
{
  const struct {
    const char *domain;
    const char *summary;
  } cases[] = {
    { "broken.com", "HTTP 500" },
    { "throttled.com", "refuses more requests" },
    { "invalid.com", "not valid JSON" },
    { "entity.com", "not an RDAP domain record" },
    { "big.com", "larger than 1024 KiB" },
    { "bigchunked.com", "larger than 1024 KiB" },
  };

  use_rdap_server (plain_url);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MdCheck) check = run_check (RUN_RDAP, cases[i].domain);

      /* Could not check: never "not registered", never "ok". */
      assert_check (check, MD_CHECK_STATUS_UNKNOWN, cases[i].summary);
    }
}

static void
test_rdap_refused (void)
{
  g_autoptr(MdCheck) check = NULL;

  use_rdap_server (refused_url);
  check = run_check (RUN_RDAP, "active.com");
  assert_check (check, MD_CHECK_STATUS_UNKNOWN, "Could not ask the registry");
  assert_evidence (check, "no answer");
}

static void
test_rdap_slow (void)
{
  g_autoptr(MdCheck) check = NULL;
  gint64 elapsed;

  use_rdap_server (plain_url);
  check = run_check_full (RUN_RDAP, "slow.com", NULL, 1, NULL, &elapsed, NULL);
  assert_check (check, MD_CHECK_STATUS_UNKNOWN, "No complete answer within 1 second");
  g_test_message ("RDAP server that never answers, 1 s timeout: check over in %" G_GINT64_FORMAT " ms", elapsed);
  g_assert_cmpint (elapsed, >=, 900);
  g_assert_cmpint (elapsed, <, 3000);
}

static void
test_rdap_bootstrap_refresh (void)
{
  g_autofree char *bootstrap_url = g_strdup_printf ("%s/bootstrap/dns.json", plain_url);
  g_autoptr(MdCheck) first = NULL;
  g_autoptr(MdCheck) second = NULL;
  g_autoptr(MdCheck) no_service = NULL;
  g_autofree char *cached = NULL;

  g_unsetenv ("MD_RDAP_BASE_URL");
  g_setenv ("MD_RDAP_BOOTSTRAP_URL", bootstrap_url, TRUE);
  g_unlink (cache_file);
  bootstrap_hits = 0;

  /* No cache: the bootstrap is fetched, used and kept. */
  first = run_check (RUN_RDAP, "mx.active.test");
  assert_check (first, MD_CHECK_STATUS_OK, "active.test is registered until");
  assert_evidence (first, "bootstrap downloaded now (published 01/01/99)");
  assert_evidence (first, "Registered name: active.test");
  g_assert_cmpuint (bootstrap_hits, ==, 1);

  /* The cache is written asynchronously. */
  for (guint i = 0; i < 500; i++)
    {
      g_clear_pointer (&cached, g_free);
      if (g_file_get_contents (cache_file, &cached, NULL, NULL) && strstr (cached, "/rdap/") != NULL)
        break;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_nonnull (strstr (cached, "/rdap/"));

  /* A fresh cache is used as it is. */
  second = run_check (RUN_RDAP, "afnic.example");
  assert_check (second, MD_CHECK_STATUS_OK, "afnic.example is registered until");
  assert_evidence (second, "bootstrap from the cache");
  g_assert_cmpuint (bootstrap_hits, ==, 1);

  /* A TLD without RDAP: said so, with a link to its registry. */
  no_service = run_check (RUN_RDAP, "example.de");
  assert_check (no_service, MD_CHECK_STATUS_UNKNOWN, "registry of .de offers no RDAP service");
  assert_link (no_service, "https://www.denic.de/");
  g_assert_cmpuint (bootstrap_hits, ==, 1);

  g_unsetenv ("MD_RDAP_BOOTSTRAP_URL");
}

static void
test_rdap_bootstrap_offline (void)
{
  g_autoptr(MdCheck) check = NULL;
  g_autofree char *bootstrap_url = g_strdup_printf ("%s/dns.json", refused_url);

  /* The refresh fails: the shipped snapshot is used, quietly. */
  g_unsetenv ("MD_RDAP_BASE_URL");
  g_setenv ("MD_RDAP_BOOTSTRAP_URL", bootstrap_url, TRUE);
  g_unlink (cache_file);

  check = run_check (RUN_RDAP, "example.eu");
  assert_check (check, MD_CHECK_STATUS_UNKNOWN, "registry of .eu offers no RDAP service");
  assert_evidence (check, "shipped with the application");
  assert_link (check, "https://eurid.eu/");
  g_assert_false (g_file_test (cache_file, G_FILE_TEST_EXISTS));

  g_unsetenv ("MD_RDAP_BOOTSTRAP_URL");
}

static void
test_rdap_not_a_domain (void)
{
  /* Nothing is asked about these: an address, a public suffix, one label. */
  const char *names[] = { "localhost", "192.0.2.1", "co.uk", "com", "", ".test" };

  use_rdap_server (plain_url);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(MdCheck) check = run_check (RUN_RDAP, names[i]);

      assert_check (check, MD_CHECK_STATUS_UNKNOWN, "not a domain name that can be registered");
    }
}

/* --- Webmail ------------------------------------------------------------ */

static MdCheck *
run_webmail (const char *base,
             const char *path)
{
  g_autofree char *url = g_strdup_printf ("%s%s", base, path);

  g_setenv ("MD_WEBMAIL_URL", url, TRUE);
  return run_check (RUN_WEBMAIL, NULL);
}

static void
test_webmail_ok (void)
{
  g_autoptr(MdCheck) check = run_webmail (tls_url, "/webmail/");

  assert_check (check, MD_CHECK_STATUS_OK, "The webmail answers with a valid certificate");
  assert_evidence (check, "HTTP 200");
  assert_evidence (check, "Certificate: CN=good");
  assert_evidence (check, "Mail Doctor Test CA");
  assert_link (check, "/webmail/");
  assert_advice (check, "send yourself a message");
}

static void
test_webmail_bad_certificates (void)
{
  const struct {
    const char **base;
    const char  *reason;
  } cases[] = {
    { (const char **) &wrong_name_url, "issued for another server name" },
    { (const char **) &self_signed_url, "not signed by a known certificate authority" },
    { (const char **) &expired_url, "has expired" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MdCheck) check = run_webmail (*cases[i].base, "/webmail/");

      /* The error as it is, never "ok", never bypassed. */
      assert_check (check, MD_CHECK_STATUS_ERROR, "certificate is rejected");
      assert_check (check, MD_CHECK_STATUS_ERROR, cases[i].reason);
      assert_evidence (check, "TLS error");
      assert_advice (check, "Do not go past");
    }
}

static void
test_webmail_http_errors (void)
{
  g_autoptr(MdCheck) broken = run_webmail (tls_url, "/webmail/broken");
  g_autoptr(MdCheck) missing = run_webmail (tls_url, "/webmail/nowhere");
  g_autoptr(MdCheck) downgraded = run_webmail (tls_url, "/webmail/to-http");

  assert_check (broken, MD_CHECK_STATUS_ERROR, "HTTP 503");
  assert_check (missing, MD_CHECK_STATUS_WARNING, "page not found");
  assert_check (downgraded, MD_CHECK_STATUS_WARNING, "not encrypted");
}

static void
test_webmail_refused (void)
{
  g_autoptr(MdCheck) check = run_webmail (refused_url, "/");

  assert_check (check, MD_CHECK_STATUS_ERROR, "refuses connections");
}

static void
test_webmail_slow (void)
{
  g_autoptr(MdCheck) check = NULL;
  g_autofree char *url = g_strdup_printf ("%s/webmail/slow", tls_url);
  gint64 elapsed;

  g_setenv ("MD_WEBMAIL_URL", url, TRUE);
  check = run_check_full (RUN_WEBMAIL, NULL, NULL, 1, NULL, &elapsed, NULL);
  assert_check (check, MD_CHECK_STATUS_ERROR, "does not answer");
  g_test_message ("webmail that never answers, 1 s timeout: check over in %" G_GINT64_FORMAT " ms", elapsed);
  g_assert_cmpint (elapsed, >=, 900);
  g_assert_cmpint (elapsed, <, 3000);
}

static gboolean
cancel_soon (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_webmail_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(MdCheck) check = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strdup_printf ("%s/webmail/slow", tls_url);
  gint64 elapsed;

  /* The default 5 s timeout, but the user stops after 100 ms. */
  g_setenv ("MD_WEBMAIL_URL", url, TRUE);
  g_timeout_add (100, cancel_soon, cancellable);
  check = run_check_full (RUN_WEBMAIL, NULL, NULL, 0, cancellable, &elapsed, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_test_message ("cancelled after 100 ms: check over in %" G_GINT64_FORMAT " ms", elapsed);
  g_assert_cmpint (md_check_get_status (check), ==, MD_CHECK_STATUS_UNKNOWN);
  g_assert_cmpint (elapsed, <, 1000);
}

static void
test_webmail_no_provider (void)
{
  g_autoptr(MdCheck) check = NULL;

  g_unsetenv ("MD_WEBMAIL_URL");
  check = run_check (RUN_WEBMAIL, NULL);
  assert_check (check, MD_CHECK_STATUS_UNKNOWN, "provider is not known");
}

static void
test_webmail_provider (void)
{
  MdProvider *exchange = md_provider_lookup ("ovh-exchange");
  g_autofree char *url = g_strdup_printf ("%s/webmail/", tls_url);
  g_autoptr(MdCheck) check = NULL;

  /* The provider's own data gives the next steps; the URL stays on loopback. */
  g_assert_nonnull (exchange);
  g_setenv ("MD_WEBMAIL_URL", url, TRUE);
  check = run_check_full (RUN_WEBMAIL, NULL, exchange, 0, NULL, NULL, NULL);
  assert_check (check, MD_CHECK_STATUS_OK, "valid certificate");
  assert_link (check, md_provider_get_password_reset_url (exchange));
  assert_advice (check, "reset the password");
}

/* --- Maintenance -------------------------------------------------------- */

static MdCheck *
run_status (const char *base,
            const char *name)
{
  g_autofree char *url = g_strdup_printf ("%s/status/%s", base, name);

  g_setenv ("MD_STATUS_API_URL", url, TRUE);
  return run_check (RUN_MAINTENANCE, NULL);
}

static void
test_status_clear (void)
{
  g_autoptr(MdCheck) check = run_status (tls_url, "clear.json");

  assert_check (check, MD_CHECK_STATUS_OK, "No incident and no maintenance reported");
  assert_evidence (check, "All Systems Operational");
  assert_link (check, "https://status.example.test");
}

static void
test_status_incident (void)
{
  g_autoptr(MdCheck) major = run_status (tls_url, "incident.json");
  g_autoptr(MdCheck) minor = run_status (plain_url, "minor.json");

  assert_check (major, MD_CHECK_STATUS_ERROR, "1 open incident: Delays on incoming mail");
  assert_evidence (major, "Incident: Delays on incoming mail (identified)");
  assert_evidence (major, "We are looking into it.");
  assert_evidence (major, "Webmail: major_outage");
  assert_link (major, "https://stspg.io/inc1");
  assert_advice (major, "incident");

  assert_check (minor, MD_CHECK_STATUS_WARNING, "1 open incident: Some users cannot log in");
}

static void
test_status_maintenance (void)
{
  g_autoptr(MdCheck) ongoing = run_status (tls_url, "maintenance.json");
  g_autoptr(MdCheck) late = run_status (tls_url, "late-maintenance.json");
  g_autoptr(MdCheck) upcoming = run_status (tls_url, "upcoming.json");

  assert_check (ongoing, MD_CHECK_STATUS_WARNING, "Maintenance in progress: Webmail upgrade");
  assert_evidence (ongoing, "Maintenance: Webmail upgrade (in_progress)");
  assert_check (late, MD_CHECK_STATUS_WARNING, "Maintenance in progress: Mailbox migration");
  assert_check (upcoming, MD_CHECK_STATUS_OK, "1 maintenance is planned: Antispam upgrade");
}

static void
test_status_failures (void)
{
  g_autoptr(MdCheck) invalid = run_status (tls_url, "invalid.json");
  g_autoptr(MdCheck) other = run_status (tls_url, "other.json");
  g_autoptr(MdCheck) missing = run_status (tls_url, "missing.json");
  g_autoptr(MdCheck) untrusted = run_status (wrong_name_url, "clear.json");
  g_autoptr(MdCheck) refused = run_status (refused_url, "clear.json");

  assert_check (invalid, MD_CHECK_STATUS_UNKNOWN, "not valid JSON");
  assert_check (other, MD_CHECK_STATUS_UNKNOWN, "not a Statuspage summary");
  assert_check (missing, MD_CHECK_STATUS_UNKNOWN, "HTTP 404");
  assert_check (untrusted, MD_CHECK_STATUS_UNKNOWN, "certificate was rejected");
  assert_check (refused, MD_CHECK_STATUS_UNKNOWN, "Could not read the status page");
}

static void
test_status_providers (void)
{
  MdProvider *ovh = md_provider_lookup ("ovh-mxplan");
  MdProvider *infomaniak = md_provider_lookup ("infomaniak");
  g_autofree char *api = g_strdup_printf ("%s/status/maintenance.json", tls_url);
  g_autoptr(MdCheck) link_only = NULL;
  g_autoptr(MdCheck) nothing = NULL;
  g_autoptr(MdCheck) with_api = NULL;

  g_assert_nonnull (ovh);
  g_assert_nonnull (infomaniak);

  /* A status page without a JSON API: a link, and no request at all. */
  g_unsetenv ("MD_STATUS_API_URL");
  link_only = run_check_full (RUN_MAINTENANCE, NULL, ovh, 0, NULL, NULL, NULL);
  assert_check (link_only, MD_CHECK_STATUS_UNKNOWN, "publishes no status feed");
  assert_check (link_only, MD_CHECK_STATUS_UNKNOWN, md_provider_get_name (ovh));
  assert_link (link_only, md_provider_get_status_page_url (ovh));
  g_assert_cmpint (md_check_get_elapsed_ms (link_only), <, 100);

  nothing = run_check_full (RUN_MAINTENANCE, NULL, infomaniak, 0, NULL, NULL, NULL);
  assert_check (nothing, MD_CHECK_STATUS_UNKNOWN, "No status page is known for Infomaniak");

  /* With an API, the provider's own page is still offered. */
  g_setenv ("MD_STATUS_API_URL", api, TRUE);
  with_api = run_check_full (RUN_MAINTENANCE, NULL, ovh, 0, NULL, NULL, NULL);
  assert_check (with_api, MD_CHECK_STATUS_WARNING, "Maintenance in progress");
  assert_link (with_api, md_provider_get_status_page_url (ovh));
}

static void
test_status_no_provider (void)
{
  g_autoptr(MdCheck) check = NULL;

  g_unsetenv ("MD_STATUS_API_URL");
  check = run_check (RUN_MAINTENANCE, NULL);
  assert_check (check, MD_CHECK_STATUS_UNKNOWN, "provider is not known");
}

/* --- Language ----------------------------------------------------------- */

/* The findings speak the user's language, certificate reasons included. */
static void
test_french (void)
{
  g_autoptr(MdCheck) check = NULL;
  const char *why = NULL;

  if (!md_test_language_set ("fr", &why))
    {
      g_test_skip (why);
      return;
    }
  check = run_webmail (wrong_name_url, "/webmail/");

  assert_check (check, MD_CHECK_STATUS_ERROR,
                "Le certificat du webmail est refusé : il a été émis pour un autre nom de serveur");
  assert_advice (check, "N’ignorez pas l’avertissement du navigateur");
}

/* --- Set-up ------------------------------------------------------------- */

static void
make_certificates (void)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "http", "make-certs.sh", NULL);
  const char *argv[] = { "sh", script, work_dir, NULL };
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("make-certs.sh failed: %s", err);
}

static gboolean
remove_tree (const char *path)
{
  const char *argv[] = { "rm", "-rf", path, NULL };

  return g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                       NULL, NULL, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const proxy_variables[] = {
    "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY",
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *ca_file = NULL;
  g_autofree char *cache_dir = NULL;
  int result;

  /* Loopback only: no proxy may take the requests elsewhere. */
  for (guint i = 0; i < G_N_ELEMENTS (proxy_variables); i++)
    g_unsetenv (proxy_variables[i]);

  work_dir = g_dir_make_tmp ("md-http-XXXXXX", &error);
  g_assert_no_error (error);
  /* Before anything asks GLib for the cache directory: it is read once. */
  cache_dir = g_build_filename (work_dir, "cache", NULL);
  g_setenv ("XDG_CACHE_HOME", cache_dir, TRUE);
  cache_file = g_build_filename (cache_dir, PACKAGE_NAME, "rdap-dns.json", NULL);

  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_init (&argc, &argv, NULL);

  make_certificates ();
  ca_file = g_build_filename (work_dir, "ca.pem", NULL);
  g_setenv ("MD_TLS_CA_FILE", ca_file, TRUE);

  paused = g_ptr_array_new_with_free_func (g_object_unref);
  plain_server = start_server (NULL, &plain_url);
  tls_server = start_server ("good", &tls_url);
  wrong_name_server = start_server ("wrong-name", &wrong_name_url);
  self_signed_server = start_server ("self-signed", &self_signed_url);
  expired_server = start_server ("expired", &expired_url);
  refused_url = closed_port_url ();

  g_test_add_func ("/md/http/rdap/status-flags", test_rdap_status_flags);
  g_test_add_func ("/md/http/rdap/missing-fields", test_rdap_parse_missing_fields);
  g_test_add_func ("/md/http/rdap/bootstrap-shipped", test_rdap_bootstrap_shipped);
  g_test_add_func ("/md/http/rdap/registry-url", test_registry_url);
  g_test_add_func ("/md/http/status-page/parse", test_status_page_parse);

  g_test_add_func ("/md/http/rdap/active", test_rdap_active);
  g_test_add_func ("/md/http/rdap/https", test_rdap_over_https);
  g_test_add_func ("/md/http/rdap/expiring", test_rdap_expiring);
  g_test_add_func ("/md/http/rdap/expired", test_rdap_expired);
  g_test_add_func ("/md/http/rdap/client-hold", test_rdap_client_hold);
  g_test_add_func ("/md/http/rdap/afnic", test_rdap_afnic);
  g_test_add_func ("/md/http/rdap/redemption", test_rdap_redemption);
  g_test_add_func ("/md/http/rdap/pending-delete", test_rdap_pending_delete);
  g_test_add_func ("/md/http/rdap/denic-like", test_rdap_denic_like);
  g_test_add_func ("/md/http/rdap/not-found", test_rdap_not_found);
  g_test_add_func ("/md/http/rdap/failures", test_rdap_failures);
  g_test_add_func ("/md/http/rdap/refused", test_rdap_refused);
  g_test_add_func ("/md/http/rdap/slow", test_rdap_slow);
  g_test_add_func ("/md/http/rdap/not-a-domain", test_rdap_not_a_domain);
  g_test_add_func ("/md/http/rdap/bootstrap-refresh", test_rdap_bootstrap_refresh);
  g_test_add_func ("/md/http/rdap/bootstrap-offline", test_rdap_bootstrap_offline);

  g_test_add_func ("/md/http/webmail/ok", test_webmail_ok);
  g_test_add_func ("/md/http/webmail/bad-certificates", test_webmail_bad_certificates);
  g_test_add_func ("/md/http/webmail/http-errors", test_webmail_http_errors);
  g_test_add_func ("/md/http/webmail/refused", test_webmail_refused);
  g_test_add_func ("/md/http/webmail/slow", test_webmail_slow);
  g_test_add_func ("/md/http/webmail/cancelled", test_webmail_cancelled);
  g_test_add_func ("/md/http/webmail/no-provider", test_webmail_no_provider);
  g_test_add_func ("/md/http/webmail/provider", test_webmail_provider);

  g_test_add_func ("/md/http/maintenance/clear", test_status_clear);
  g_test_add_func ("/md/http/maintenance/incident", test_status_incident);
  g_test_add_func ("/md/http/maintenance/maintenance", test_status_maintenance);
  g_test_add_func ("/md/http/maintenance/failures", test_status_failures);
  g_test_add_func ("/md/http/maintenance/no-provider", test_status_no_provider);
  g_test_add_func ("/md/http/maintenance/providers", test_status_providers);

  /* Last: glibc's gettext keeps the French catalog once it was used. */
  g_test_add_func ("/md/http/language/french", test_french);

  result = g_test_run ();

  /* Let the servers answer what they held, then close. */
  for (guint i = 0; i < paused->len; i++)
    {
      SoupServerMessage *msg = g_ptr_array_index (paused, i);

      soup_server_message_set_status (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
      soup_server_message_unpause (msg);
    }
  g_ptr_array_unref (paused);
  {
    SoupServer *servers[] = {
      plain_server, tls_server, wrong_name_server, self_signed_server, expired_server,
    };

    for (guint i = 0; i < G_N_ELEMENTS (servers); i++)
      {
        soup_server_disconnect (servers[i]);
        g_object_unref (servers[i]);
      }
  }

  remove_tree (work_dir);
  return result;
}
