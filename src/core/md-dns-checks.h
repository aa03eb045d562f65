/* md-dns-checks.h — the checks that ask the DNS: domain, MX, autodiscover,
 * SPF, DMARC, blocklists
 *
 * Each fills an MdCheck. Those whose verdict depends on the provider (known
 * only once the MX records and the autodiscover record are in) are split in
 * two: the look-ups start at once, and _evaluate() finishes the check when
 * the provider is known. The MX check has a step between the two: the
 * addresses and aliases of its hosts, which the blocklists then need.
 * The _finish functions fail only when cancelled.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "md-check.h"
#include "md-provider.h"

G_BEGIN_DECLS

typedef struct _MdMxResult MdMxResult;
typedef struct _MdLookupResult MdLookupResult;

void            md_mx_result_free                   (MdMxResult          *result);
/* FALSE only when the DNS said that the domain does not exist (NXDOMAIN). */
gboolean        md_mx_result_get_domain_exists      (MdMxResult          *result);
/* TRUE when the look-up already gave the check its verdict (no MX, null MX,
 * no answer): there are no hosts to look up nor anything to evaluate. */
gboolean        md_mx_result_get_settled            (MdMxResult          *result);
GPtrArray      *md_mx_result_get_hosts              (MdMxResult          *result);   /* char * */
GPtrArray      *md_mx_result_get_addresses          (MdMxResult          *result);   /* GInetAddress */
void            md_lookup_result_free               (MdLookupResult      *result);

/* The provider the MX hosts belong to; the autodiscover record, when it
 * names one of a provider's servers, tells apart offers with the same MX. */
MdProvider     *md_dns_checks_detect_provider       (MdMxResult          *mx,
                                                     MdLookupResult      *autodiscover);
gboolean        md_dns_checks_provider_needs_autodiscover (MdMxResult    *mx);

/* Finishes @check without a verdict: the domain does not exist. */
void            md_check_finish_no_domain           (MdCheck             *check,
                                                     const char          *domain);

void            md_check_domain_run_async           (MdCheck             *check,
                                                     GResolver           *resolver,
                                                     const char          *domain,
                                                     guint                timeout_ms,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean        md_check_domain_run_finish          (MdCheck             *check,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* @forced_provider: the provider the user chose, for the records to
 * suggest when there is no MX at all; may be NULL. */
void            md_check_mx_lookup_async            (MdCheck             *check,
                                                     GResolver           *resolver,
                                                     const char          *domain,
                                                     MdProvider          *forced_provider,
                                                     guint                timeout_ms,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
MdMxResult     *md_check_mx_lookup_finish           (MdCheck             *check,
                                                     GAsyncResult        *result,
                                                     GError             **error);
/* The addresses and aliases of the hosts of @mx, stored in @mx. */
void            md_check_mx_hosts_async             (MdCheck             *check,
                                                     GResolver           *resolver,
                                                     MdMxResult          *mx,
                                                     guint                timeout_ms,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean        md_check_mx_hosts_finish            (MdCheck             *check,
                                                     GAsyncResult        *result,
                                                     GError             **error);
void            md_check_mx_evaluate                (MdCheck             *check,
                                                     MdMxResult          *mx,
                                                     const char          *domain,
                                                     MdProvider          *provider);

void            md_check_autodiscover_lookup_async  (MdCheck             *check,
                                                     GResolver           *resolver,
                                                     const char          *domain,
                                                     guint                timeout_ms,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
MdLookupResult *md_check_autodiscover_lookup_finish (MdCheck             *check,
                                                     GAsyncResult        *result,
                                                     GError             **error);
void            md_check_autodiscover_evaluate      (MdCheck             *check,
                                                     MdLookupResult      *lookup,
                                                     const char          *domain,
                                                     MdProvider          *provider);

void            md_check_spf_lookup_async           (MdCheck             *check,
                                                     GResolver           *resolver,
                                                     const char          *domain,
                                                     guint                timeout_ms,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
MdLookupResult *md_check_spf_lookup_finish          (MdCheck             *check,
                                                     GAsyncResult        *result,
                                                     GError             **error);
void            md_check_spf_evaluate               (MdCheck             *check,
                                                     MdLookupResult      *lookup,
                                                     const char          *domain,
                                                     MdProvider          *provider);

void            md_check_dmarc_lookup_async         (MdCheck             *check,
                                                     GResolver           *resolver,
                                                     const char          *domain,
                                                     guint                timeout_ms,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
MdLookupResult *md_check_dmarc_lookup_finish        (MdCheck             *check,
                                                     GAsyncResult        *result,
                                                     GError             **error);
void            md_check_dmarc_evaluate             (MdCheck             *check,
                                                     MdLookupResult      *lookup,
                                                     const char          *domain);

/* @addresses: GInetAddress; @zones: the DNSBL zones to ask. */
void            md_check_dnsbl_run_async            (MdCheck             *check,
                                                     GResolver           *resolver,
                                                     GPtrArray           *addresses,
                                                     const char * const  *zones,
                                                     guint                timeout_ms,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean        md_check_dnsbl_run_finish           (MdCheck             *check,
                                                     GAsyncResult        *result,
                                                     GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdMxResult, md_mx_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdLookupResult, md_lookup_result_free)

G_END_DECLS
