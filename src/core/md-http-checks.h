/* md-http-checks.h — the checks that ask web servers: registration (RDAP),
 * webmail reachability and the provider's maintenance status.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "md-check.h"
#include "md-http.h"
#include "md-provider.h"

G_BEGIN_DECLS

/* Every request made here has a timeout (MD_HTTP_TIMEOUT_SECONDS unless the
 * session says otherwise), honours the cancellable, and refuses a body larger
 * than MD_HTTP_MAX_BODY_SIZE.
 *
 * Test-only redirection, read in one place (md_http_get_override()), so that tests
 * can point every request at servers they run on 127.0.0.1:
 *
 *   MD_RDAP_BOOTSTRAP_URL  URL of the IANA dns.json bootstrap, fetched instead
 *                          of https://data.iana.org/rdap/dns.json when the
 *                          cached copy (in the user cache directory) is
 *                          missing or older than a week: point XDG_CACHE_HOME
 *                          at an empty directory to force the fetch.
 *   MD_RDAP_BASE_URL       RDAP base URL used for every TLD (skips the
 *                          bootstrap); "<base>domain/<name>" is requested.
 *   MD_STATUS_API_URL      Statuspage summary URL used instead of the
 *                          provider's (…/api/v2/summary.json).
 *   MD_WEBMAIL_URL         webmail URL probed instead of the provider's.
 *   MD_TLS_CA_FILE         PEM file of the certificate authorities that
 *                          sessions from md_http_session_new() trust instead
 *                          of the system's. Certificates are still verified:
 *                          this only changes whom they must chain to.
 *
 * The session should come from md_http_session_new(). The _finish functions
 * fail only when the check was cancelled; every other outcome, a failed
 * request included, is a status of @check. */
void         md_check_rdap_run_async         (MdCheck              *check,
                                              const char           *domain,
                                              SoupSession          *session,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean     md_check_rdap_run_finish        (MdCheck              *check,
                                              GAsyncResult         *result,
                                              GError              **error);
void         md_check_webmail_run_async      (MdCheck              *check,
                                              MdProvider           *provider,
                                              SoupSession          *session,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean     md_check_webmail_run_finish     (MdCheck              *check,
                                              GAsyncResult         *result,
                                              GError              **error);
void         md_check_maintenance_run_async  (MdCheck              *check,
                                              MdProvider           *provider,
                                              SoupSession          *session,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean     md_check_maintenance_run_finish (MdCheck              *check,
                                              GAsyncResult         *result,
                                              GError              **error);

G_END_DECLS
