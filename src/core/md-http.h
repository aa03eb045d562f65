/* md-http.h — bounded HTTP(S) requests: a timeout, cancellation, a body size
 * cap and the certificate errors seen, plus the test-only endpoint overrides.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define MD_HTTP_TIMEOUT_SECONDS 5
#define MD_HTTP_MAX_BODY_SIZE   (1024 * 1024)

/* Endpoints a test may redirect to loopback; see md-http-checks.h. */
typedef enum {
  MD_HTTP_OVERRIDE_RDAP_BOOTSTRAP_URL,
  MD_HTTP_OVERRIDE_RDAP_BASE_URL,
  MD_HTTP_OVERRIDE_STATUS_API_URL,
  MD_HTTP_OVERRIDE_WEBMAIL_URL,
  MD_HTTP_OVERRIDE_TLS_CA_FILE,
} MdHttpOverride;

typedef enum {
  MD_HTTP_FETCH_DEFAULT   = 0,
  MD_HTTP_FETCH_SKIP_BODY = 1 << 0,  /* the status and headers are enough */
} MdHttpFetchFlags;

typedef struct {
  char                 *url;          /* as requested */
  char                 *final_url;    /* after redirects */
  guint                 status;       /* 0 when no response came */
  char                 *reason;
  char                 *content_type;
  GBytes               *body;         /* NULL without a response or with SKIP_BODY */
  gint64                elapsed_ms;   /* until the response headers, or the failure */
  GTlsCertificate      *peer_certificate;
  GTlsCertificateFlags  tls_errors;   /* why the certificate was rejected, if it was */
  GError               *error;        /* NULL when a response came, whatever its status */
} MdHttpResponse;

const char     *md_http_get_override        (MdHttpOverride         which);
SoupSession    *md_http_session_new         (void);

void            md_http_fetch_async         (SoupSession           *session,
                                             const char            *url,
                                             const char            *accept,
                                             MdHttpFetchFlags       flags,
                                             GCancellable          *cancellable,
                                             GAsyncReadyCallback    callback,
                                             gpointer               user_data);
MdHttpResponse *md_http_fetch_finish        (GAsyncResult          *result);

void            md_http_response_free       (MdHttpResponse        *response);
gboolean        md_http_response_is_success (const MdHttpResponse  *response);
char           *md_http_response_describe   (const MdHttpResponse  *response);
char           *md_http_describe_tls_errors (GTlsCertificateFlags   flags);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdHttpResponse, md_http_response_free)

G_END_DECLS
