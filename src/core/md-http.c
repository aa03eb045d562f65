/* md-http.c — bounded HTTP(S) requests: a timeout, cancellation, a body size
 * cap and the certificate errors seen, plus the test-only endpoint overrides.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "md-http.h"

#define READ_CHUNK_SIZE 16384

/* The one place where the test-only environment is read. */
const char *
md_http_get_override (MdHttpOverride which)
{
  static const char * const names[] = {
    [MD_HTTP_OVERRIDE_RDAP_BOOTSTRAP_URL] = "MD_RDAP_BOOTSTRAP_URL",
    [MD_HTTP_OVERRIDE_RDAP_BASE_URL] = "MD_RDAP_BASE_URL",
    [MD_HTTP_OVERRIDE_STATUS_API_URL] = "MD_STATUS_API_URL",
    [MD_HTTP_OVERRIDE_WEBMAIL_URL] = "MD_WEBMAIL_URL",
    [MD_HTTP_OVERRIDE_TLS_CA_FILE] = "MD_TLS_CA_FILE",
  };
  const char *value;

  g_return_val_if_fail (which < G_N_ELEMENTS (names), NULL);

  value = g_getenv (names[which]);
  return value != NULL && *value != '\0' ? value : NULL;
}

SoupSession *
md_http_session_new (void)
{
  SoupSession *session;
  const char *ca_file;

  session = soup_session_new_with_options ("timeout", MD_HTTP_TIMEOUT_SECONDS,
                                           "idle-timeout", 30,
                                           "user-agent", PACKAGE_NAME "/" PACKAGE_VERSION " ",
                                           NULL);

  /* Tests trust a CA of their own; verification itself is never turned off. */
  ca_file = md_http_get_override (MD_HTTP_OVERRIDE_TLS_CA_FILE);
  if (ca_file != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GTlsDatabase) database = g_tls_file_database_new (ca_file, &error);

      if (database != NULL)
        soup_session_set_tls_database (session, database);
      else
        g_warning ("MD_TLS_CA_FILE: %s", error->message);
    }

  return session;
}

void
md_http_response_free (MdHttpResponse *response)
{
  if (response == NULL)
    return;

  g_free (response->url);
  g_free (response->final_url);
  g_free (response->reason);
  g_free (response->content_type);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_object (&response->peer_certificate);
  g_clear_error (&response->error);
  g_free (response);
}

gboolean
md_http_response_is_success (const MdHttpResponse *response)
{
  g_return_val_if_fail (response != NULL, FALSE);

  return response->error == NULL && SOUP_STATUS_IS_SUCCESSFUL (response->status);
}

char *
md_http_describe_tls_errors (GTlsCertificateFlags flags)
{
  static const struct {
    GTlsCertificateFlags flag;
    const char *text;
  } reasons[] = {
    { G_TLS_CERTIFICATE_UNKNOWN_CA, N_("it is not signed by a known certificate authority") },
    { G_TLS_CERTIFICATE_BAD_IDENTITY, N_("it was issued for another server name") },
    { G_TLS_CERTIFICATE_NOT_ACTIVATED, N_("it is not valid yet") },
    { G_TLS_CERTIFICATE_EXPIRED, N_("it has expired") },
    { G_TLS_CERTIFICATE_REVOKED, N_("it has been revoked") },
    { G_TLS_CERTIFICATE_INSECURE, N_("it uses an insecure algorithm") },
    { G_TLS_CERTIFICATE_GENERIC_ERROR, N_("it could not be verified") },
  };
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    if (flags & reasons[i].flag)
      g_ptr_array_add (parts, (gpointer) _(reasons[i].text));

  if (parts->len == 0)
    g_ptr_array_add (parts, (gpointer) _("it could not be verified"));
  g_ptr_array_add (parts, NULL);

  /* Translators: joins the reasons why a certificate was rejected */
  return g_strjoinv (_("; "), (char **) parts->pdata);
}

char *
md_http_response_describe (const MdHttpResponse *response)
{
  g_return_val_if_fail (response != NULL, NULL);

  if (response->error != NULL)
    /* Translators: evidence line: URL, error message, time in milliseconds */
    return g_strdup_printf (_("%s: no answer: %s (%u ms)"),
                            response->url, response->error->message,
                            (guint) response->elapsed_ms);

  /* Translators: evidence line: URL, HTTP status code and phrase, time in milliseconds */
  return g_strdup_printf (_("%s: HTTP %u %s (%u ms)"),
                          response->final_url, response->status,
                          response->reason != NULL ? response->reason : "",
                          (guint) response->elapsed_ms);
}

typedef struct {
  SoupSession      *session;
  SoupMessage      *message;
  MdHttpResponse   *response;
  MdHttpFetchFlags  flags;
  GCancellable     *caller_cancellable;
  GCancellable     *cancellable;  /* cancelled by the caller's or by the timer */
  gulong            cancelled_id;
  GSource          *timeout_source;
  gboolean          timed_out;
  guint             timeout_seconds;
  gint64            started;
  GInputStream     *stream;
  GByteArray       *buffer;
} FetchData;

static void
fetch_data_stop_watching (FetchData *data)
{
  if (data->timeout_source != NULL)
    {
      g_source_destroy (data->timeout_source);
      g_clear_pointer (&data->timeout_source, g_source_unref);
    }
  if (data->cancelled_id != 0)
    {
      g_cancellable_disconnect (data->caller_cancellable, data->cancelled_id);
      data->cancelled_id = 0;
    }
}

static void
fetch_data_free (FetchData *data)
{
  fetch_data_stop_watching (data);
  g_clear_object (&data->caller_cancellable);
  g_clear_object (&data->cancellable);
  g_clear_object (&data->message);
  g_clear_object (&data->session);
  g_clear_object (&data->stream);
  g_clear_pointer (&data->buffer, g_byte_array_unref);
  md_http_response_free (data->response);
  g_free (data);
}

static void
forward_cancellation (GCancellable *caller_cancellable,
                      GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

static gboolean
on_timeout (gpointer user_data)
{
  FetchData *data = user_data;

  data->timed_out = TRUE;
  g_cancellable_cancel (data->cancellable);
  g_clear_pointer (&data->timeout_source, g_source_unref);
  return G_SOURCE_REMOVE;
}

static gboolean
on_accept_certificate (SoupMessage          *message,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  FetchData *data = user_data;

  /* Only to remember why: a rejected certificate is a finding, never accepted. */
  data->response->tls_errors |= errors;
  g_set_object (&data->response->peer_certificate, certificate);
  return FALSE;
}

static void
fetch_complete (GTask  *task,
                GError *error)
{
  FetchData *data = g_task_get_task_data (task);
  MdHttpResponse *response = data->response;

  fetch_data_stop_watching (data);

  if (response->elapsed_ms == 0)
    response->elapsed_ms = (g_get_monotonic_time () - data->started) / 1000;

  if (error != NULL)
    {
      gboolean timed_out = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT)
        || (data->timed_out && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
            && !g_cancellable_is_cancelled (data->caller_cancellable));

      g_clear_pointer (&response->body, g_bytes_unref);
      if (timed_out)
        response->error = g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                                       g_dngettext (GETTEXT_PACKAGE,
                                                    "No complete answer within %u second",
                                                    "No complete answer within %u seconds",
                                                    data->timeout_seconds),
                                       data->timeout_seconds);
      else
        response->error = g_error_copy (error);
    }

  if (response->peer_certificate == NULL && data->message != NULL)
    {
      GTlsCertificate *certificate = soup_message_get_tls_peer_certificate (data->message);

      if (certificate != NULL)
        response->peer_certificate = g_object_ref (certificate);
    }

  data->response = NULL;
  g_task_return_pointer (task, response, (GDestroyNotify) md_http_response_free);
}

static void
on_closed (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  /* The response is already complete; a failing close changes nothing. */
  g_input_stream_close_finish (G_INPUT_STREAM (object), result, NULL);
  fetch_complete (task, NULL);
}

static void read_next (GTask *task);

static void
on_read (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize size;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (bytes == NULL)
    {
      fetch_complete (task, error);
      return;
    }

  size = g_bytes_get_size (bytes);
  if (size == 0)
    {
      data->response->body = g_byte_array_free_to_bytes (g_steal_pointer (&data->buffer));
      g_input_stream_close_async (data->stream, G_PRIORITY_DEFAULT, data->cancellable,
                                  on_closed, g_steal_pointer (&task));
      return;
    }

  if (data->buffer->len + size > MD_HTTP_MAX_BODY_SIZE)
    {
      g_autoptr(GError) too_large =
        g_error_new (G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                     _("The answer is larger than %u KiB and was refused"),
                     (guint) (MD_HTTP_MAX_BODY_SIZE / 1024));

      fetch_complete (task, too_large);
      return;
    }

  g_byte_array_append (data->buffer, g_bytes_get_data (bytes, NULL), size);
  read_next (g_steal_pointer (&task));
}

static void
read_next (GTask *task)
{
  FetchData *data = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (data->stream, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   data->cancellable, on_read, task);
}

static void
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FetchData *data = g_task_get_task_data (task);
  MdHttpResponse *response = data->response;
  SoupMessageHeaders *headers;
  g_autoptr(GError) error = NULL;
  GUri *uri;
  goffset length;

  data->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  response->elapsed_ms = (g_get_monotonic_time () - data->started) / 1000;

  uri = soup_message_get_uri (data->message);
  if (uri != NULL)
    {
      g_free (response->final_url);
      response->final_url = g_uri_to_string (uri);
    }

  if (data->stream == NULL)
    {
      if (data->response->tls_errors == 0)
        data->response->tls_errors = soup_message_get_tls_peer_certificate_errors (data->message);
      fetch_complete (task, error);
      return;
    }

  response->status = soup_message_get_status (data->message);
  response->reason = g_strdup (soup_message_get_reason_phrase (data->message));
  headers = soup_message_get_response_headers (data->message);
  response->content_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));

  if (data->flags & MD_HTTP_FETCH_SKIP_BODY)
    {
      g_input_stream_close_async (data->stream, G_PRIORITY_DEFAULT, data->cancellable,
                                  on_closed, g_steal_pointer (&task));
      return;
    }

  /* A declared size over the cap is refused before reading a byte of it. */
  length = soup_message_headers_get_content_length (headers);
  if (length > MD_HTTP_MAX_BODY_SIZE)
    {
      g_autoptr(GError) too_large =
        g_error_new (G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                     _("The answer is larger than %u KiB and was refused"),
                     (guint) (MD_HTTP_MAX_BODY_SIZE / 1024));

      fetch_complete (task, too_large);
      return;
    }

  data->buffer = g_byte_array_new ();
  read_next (g_steal_pointer (&task));
}

void
md_http_fetch_async (SoupSession         *session,
                     const char          *url,
                     const char          *accept,
                     MdHttpFetchFlags     flags,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  FetchData *data;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, NULL, callback, user_data);
  g_task_set_source_tag (task, md_http_fetch_async);
  /* Cancellation is reported inside the response, like any other failure. */
  g_task_set_check_cancellable (task, FALSE);

  data = g_new0 (FetchData, 1);
  data->session = g_object_ref (session);
  data->flags = flags;
  data->started = g_get_monotonic_time ();
  data->response = g_new0 (MdHttpResponse, 1);
  data->response->url = g_strdup (url);
  data->response->final_url = g_strdup (url);
  data->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, data, (GDestroyNotify) fetch_data_free);

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, &error);
  if (uri != NULL
      && g_strcmp0 (g_uri_get_scheme (uri), "https") != 0
      && g_strcmp0 (g_uri_get_scheme (uri), "http") != 0)
    g_clear_pointer (&uri, g_uri_unref);
  if (uri == NULL)
    {
      g_autoptr(GError) invalid = g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                               _("“%s” is not a web address"), url);

      fetch_complete (task, invalid);
      return;
    }

  data->message = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
  if (accept != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (data->message),
                                  "Accept", accept);
  g_signal_connect (data->message, "accept-certificate",
                    G_CALLBACK (on_accept_certificate), data);

  if (cancellable != NULL)
    {
      data->caller_cancellable = g_object_ref (cancellable);
      data->cancelled_id = g_cancellable_connect (cancellable,
                                                  G_CALLBACK (forward_cancellation),
                                                  g_object_ref (data->cancellable),
                                                  g_object_unref);
    }

  /* GLib and libsoup bound single reads, not the whole exchange: this does. */
  data->timeout_seconds = soup_session_get_timeout (session);
  if (data->timeout_seconds == 0)
    data->timeout_seconds = MD_HTTP_TIMEOUT_SECONDS;
  /* Not _seconds(): that one may fire early, on a whole second. */
  data->timeout_source = g_timeout_source_new (data->timeout_seconds * 1000);
  g_source_set_callback (data->timeout_source, on_timeout, data, NULL);
  g_source_attach (data->timeout_source, g_main_context_get_thread_default ());

  soup_session_send_async (session, data->message, G_PRIORITY_DEFAULT, data->cancellable,
                           on_sent, g_steal_pointer (&task));
}

MdHttpResponse *
md_http_fetch_finish (GAsyncResult *result)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == md_http_fetch_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), NULL);
}
