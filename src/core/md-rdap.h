/* md-rdap.h — RDAP client: the IANA bootstrap (shipped, cached, refreshed)
 * and the domain object of a registry, parsed with json-glib.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "md-http.h"

G_BEGIN_DECLS

#define MD_RDAP_ERROR (md_rdap_error_quark ())

typedef enum {
  MD_RDAP_ERROR_INVALID,       /* not JSON, or not an RDAP domain object */
  MD_RDAP_ERROR_NOT_FOUND,     /* the registry answered 404 */
  MD_RDAP_ERROR_RATE_LIMITED,  /* the registry answered 429 */
  MD_RDAP_ERROR_HTTP,          /* any other answer than 2xx */
} MdRdapError;

/* Status values that take a domain out of the DNS, or are about to. */
typedef enum {
  MD_RDAP_FLAG_NONE              = 0,
  MD_RDAP_FLAG_CLIENT_HOLD       = 1 << 0,
  MD_RDAP_FLAG_SERVER_HOLD       = 1 << 1,
  MD_RDAP_FLAG_REDEMPTION_PERIOD = 1 << 2,
  MD_RDAP_FLAG_PENDING_DELETE    = 1 << 3,
  MD_RDAP_FLAG_PENDING_RESTORE   = 1 << 4,
  MD_RDAP_FLAG_INACTIVE          = 1 << 5,
} MdRdapFlags;

typedef enum {
  MD_RDAP_BOOTSTRAP_SHIPPED,     /* the snapshot in the application */
  MD_RDAP_BOOTSTRAP_CACHED,      /* a copy fetched earlier */
  MD_RDAP_BOOTSTRAP_DOWNLOADED,  /* fetched just now */
} MdRdapBootstrapSource;

typedef struct _MdRdapBootstrap MdRdapBootstrap;

typedef struct {
  char       *ldh_name;
  char       *handle;
  GStrv       status;             /* as the registry wrote them */
  MdRdapFlags flags;
  GDateTime  *registration;       /* each date NULL when not published */
  GDateTime  *expiration;
  GDateTime  *last_changed;
  GDateTime  *deletion;
  char       *registrar;          /* NULL when not published */
  char       *registrar_iana_id;
  char       *registrar_url;
  GStrv       nameservers;        /* lower case, never NULL */
} MdRdapDomain;

GQuark                 md_rdap_error_quark               (void);

MdRdapFlags            md_rdap_status_to_flag            (const char             *status);

MdRdapDomain          *md_rdap_domain_parse              (const char             *data,
                                                          gsize                   length,
                                                          GError                **error);
void                   md_rdap_domain_free               (MdRdapDomain           *domain);

MdRdapBootstrap       *md_rdap_bootstrap_parse           (const char             *data,
                                                          gsize                   length,
                                                          GError                **error);
MdRdapBootstrap       *md_rdap_bootstrap_new_shipped     (void);
const char            *md_rdap_bootstrap_lookup          (MdRdapBootstrap        *self,
                                                          const char             *domain);
const char            *md_rdap_bootstrap_get_publication (MdRdapBootstrap        *self);
MdRdapBootstrapSource  md_rdap_bootstrap_get_source      (MdRdapBootstrap        *self);
void                   md_rdap_bootstrap_free            (MdRdapBootstrap        *self);

/* Loads the freshest bootstrap: the cached copy or the shipped one, fetched
 * again when the cached copy is missing or a week old. Never fails but for
 * cancellation: an offline refresh keeps the local copy. */
void                   md_rdap_bootstrap_load_async      (SoupSession            *session,
                                                          GCancellable           *cancellable,
                                                          GAsyncReadyCallback     callback,
                                                          gpointer                user_data);
MdRdapBootstrap       *md_rdap_bootstrap_load_finish     (GAsyncResult           *result,
                                                          GError                **error);

/* Where people can look up a domain of @tld (without its dot) when its
 * registry has no RDAP service: the registry's own site, or IANA's entry. */
char                  *md_rdap_registry_url              (const char             *tld);

/* The query URL of @domain (an A-label name) at the registry's @base_url. */
char                  *md_rdap_domain_url                (const char             *base_url,
                                                          const char             *domain);
/* The domain object of a registry's answer; fails with MD_RDAP_ERROR. */
MdRdapDomain          *md_rdap_domain_from_response      (const MdHttpResponse   *response,
                                                          GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdRdapDomain, md_rdap_domain_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdRdapBootstrap, md_rdap_bootstrap_free)

G_END_DECLS
