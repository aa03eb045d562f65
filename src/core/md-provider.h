/* md-provider.h — what a mail provider expects of a domain, loaded from data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct {
  guint16  priority;
  char    *host;       /* "{domain-dashed}" already expanded */
} MdProviderMx;

typedef struct {
  const char *protocol;  /* "imap", "pop", "smtp" */
  const char *host;
  guint16     port;
  const char *security;  /* "ssl", "starttls" */
} MdProviderServer;

#define MD_TYPE_PROVIDER (md_provider_get_type ())

G_DECLARE_FINAL_TYPE (MdProvider, md_provider, MD, PROVIDER, GObject)

/* Every known provider, loaded once from the resource on first use. */
GPtrArray          *md_provider_get_all                 (void);
MdProvider         *md_provider_lookup                  (const char          *id);
MdProvider         *md_provider_detect                  (const char * const  *mx_hosts);
MdProvider         *md_provider_detect_full             (const char * const  *mx_hosts,
                                                         const char * const  *autodiscover_targets);
gboolean            md_provider_detect_needs_autodiscover (const char * const *mx_hosts);
MdProvider         *md_provider_new_from_json           (const char          *json,
                                                         gssize               length,
                                                         GError             **error);
GPtrArray          *md_provider_parse_all               (const char          *json,
                                                         gssize               length,
                                                         GError             **error);

const char         *md_provider_get_id                  (MdProvider          *self);
const char         *md_provider_get_name                (MdProvider          *self);
const char         *md_provider_get_webmail_url         (MdProvider          *self);
const char         *md_provider_get_control_panel_url   (MdProvider          *self);
const char         *md_provider_get_password_reset_url  (MdProvider          *self);
const char         *md_provider_get_status_page_url     (MdProvider          *self);
const char         *md_provider_get_status_api_url      (MdProvider          *self);
const char         *md_provider_get_spf_include         (MdProvider          *self);

/* The MX set the provider expects for @domain, priority order; free with g_ptr_array_unref. */
GPtrArray          *md_provider_dup_expected_mx         (MdProvider          *self,
                                                         const char          *domain);
gboolean            md_provider_is_legacy_mx            (MdProvider          *self,
                                                         const char          *host);
gboolean            md_provider_is_alternative_mx       (MdProvider          *self,
                                                         const char          *host);
gboolean            md_provider_matches_host            (MdProvider          *self,
                                                         const char          *host);

gboolean            md_provider_has_autodiscover        (MdProvider          *self);
guint16             md_provider_get_autodiscover_port   (MdProvider          *self);
const char * const *md_provider_get_autodiscover_targets (MdProvider         *self);

const MdProviderServer *md_provider_get_servers         (MdProvider          *self,
                                                         guint               *n_servers);

void                md_provider_mx_free                 (MdProviderMx        *mx);

G_END_DECLS
