/* md-dns-checks.h — the checks that ask the DNS: domain, MX, autodiscover,
 * SPF, DMARC, blocklists
 *
 * Each fills an MdCheck. Those whose verdict depends on the provider (known
 * only once the MX records are in) are split in two: the look-ups start at
 * once, and _evaluate() finishes the check when the provider is known.
 * The _finish functions fail only when cancelled.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "md-check.h"
#include "md-provider.h"

G_BEGIN_DECLS

typedef struct {
  gboolean    domain_exists;   /* FALSE only when the DNS said the name does not exist */
  MdProvider *provider;        /* detected from the MX hosts, or forced; may be NULL */
  GPtrArray  *hosts;           /* char *: the MX hosts */
  GPtrArray  *addresses;       /* GInetAddress: their addresses */
} MdMxResult;

typedef struct _MdLookupResult MdLookupResult;

void            md_mx_result_free                (MdMxResult           *result);
void            md_lookup_result_free            (MdLookupResult       *result);

void            md_check_domain_run_async        (MdCheck              *check,
                                                  GResolver            *resolver,
                                                  const char           *domain,
                                                  guint                 timeout_ms,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean        md_check_domain_run_finish       (MdCheck              *check,
                                                  GAsyncResult         *result,
                                                  GError              **error);

void            md_check_mx_run_async            (MdCheck              *check,
                                                  GResolver            *resolver,
                                                  const char           *domain,
                                                  MdProvider           *forced_provider,
                                                  guint                 timeout_ms,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
MdMxResult     *md_check_mx_run_finish           (MdCheck              *check,
                                                  GAsyncResult         *result,
                                                  GError              **error);

void            md_check_autodiscover_lookup_async (MdCheck            *check,
                                                    GResolver          *resolver,
                                                    const char         *domain,
                                                    guint               timeout_ms,
                                                    GCancellable       *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer            user_data);
MdLookupResult *md_check_autodiscover_lookup_finish (MdCheck           *check,
                                                     GAsyncResult      *result,
                                                     GError           **error);
void            md_check_autodiscover_evaluate   (MdCheck              *check,
                                                  MdLookupResult       *lookup,
                                                  const char           *domain,
                                                  MdProvider           *provider);

void            md_check_spf_lookup_async        (MdCheck              *check,
                                                  GResolver            *resolver,
                                                  const char           *domain,
                                                  guint                 timeout_ms,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
MdLookupResult *md_check_spf_lookup_finish       (MdCheck              *check,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void            md_check_spf_evaluate            (MdCheck              *check,
                                                  MdLookupResult       *lookup,
                                                  const char           *domain,
                                                  MdProvider           *provider);

void            md_check_dmarc_run_async         (MdCheck              *check,
                                                  GResolver            *resolver,
                                                  const char           *domain,
                                                  guint                 timeout_ms,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean        md_check_dmarc_run_finish        (MdCheck              *check,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* @addresses: GInetAddress; @zones: the DNSBL zones to ask. */
void            md_check_dnsbl_run_async         (MdCheck              *check,
                                                  GResolver            *resolver,
                                                  GPtrArray            *addresses,
                                                  const char * const   *zones,
                                                  guint                 timeout_ms,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean        md_check_dnsbl_run_finish        (MdCheck              *check,
                                                  GAsyncResult         *result,
                                                  GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdMxResult, md_mx_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdLookupResult, md_lookup_result_free)

G_END_DECLS
