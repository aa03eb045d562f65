/* md-dns.h — DNS look-ups through GResolver, with a timeout and an outcome
 * that tells "no such name" from "no such record" from "could not ask"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MD_DNS_DEFAULT_TIMEOUT_MS 5000

typedef enum {
  MD_DNS_OK = 0,
  MD_DNS_NOT_FOUND,   /* NXDOMAIN or no record of that type: GResolver says both alike */
  MD_DNS_FAILED,      /* SERVFAIL, REFUSED, no network */
  MD_DNS_TIMED_OUT,
} MdDnsOutcome;

typedef struct {
  MdDnsOutcome  outcome;
  char         *name;
  GList        *records;    /* GVariant, for record look-ups */
  GList        *addresses;  /* GInetAddress, for address look-ups */
  char         *cname;      /* for CNAME look-ups */
  char         *message;    /* why it failed, for the evidence */
  gint64        elapsed_ms;
} MdDnsAnswer;

void         md_dns_answer_free          (MdDnsAnswer         *answer);
char        *md_dns_answer_describe      (const MdDnsAnswer   *answer,
                                          const char          *type);

void         md_dns_lookup_records_async (GResolver           *resolver,
                                          const char          *name,
                                          GResolverRecordType  type,
                                          guint                timeout_ms,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
void         md_dns_lookup_address_async (GResolver           *resolver,
                                          const char          *name,
                                          guint                timeout_ms,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
/* GResolver has no CNAME type: this asks the same system resolver directly. */
void         md_dns_lookup_cname_async   (const char          *name,
                                          guint                timeout_ms,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
/* Fails only when cancelled; every DNS outcome is in the answer. */
MdDnsAnswer *md_dns_lookup_finish        (GAsyncResult        *result,
                                          GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdDnsAnswer, md_dns_answer_free)

G_END_DECLS
