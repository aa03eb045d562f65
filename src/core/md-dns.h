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
  GList        *records;       /* GVariant, for record and name look-ups */
  GList        *addresses;     /* GInetAddress, for address and A look-ups */
  char         *cname;         /* for CNAME look-ups */
  char         *message;       /* why it failed, for the evidence */
  gint64        elapsed_ms;
  gboolean      no_such_name;  /* NOT_FOUND because the name does not exist
                                * (NXDOMAIN); only CNAME, A and name look-ups,
                                * which read the answer's code, can tell */
} MdDnsAnswer;

void         md_dns_answer_free          (MdDnsAnswer              *answer);
char        *md_dns_answer_describe      (const MdDnsAnswer        *answer,
                                          const char               *type);

void         md_dns_lookup_records_async (GResolver                *resolver,
                                          const char               *name,
                                          GResolverRecordType       type,
                                          guint                     timeout_ms,
                                          GCancellable             *cancellable,
                                          GAsyncReadyCallback       callback,
                                          gpointer                  user_data);
void         md_dns_lookup_address_async (GResolver                *resolver,
                                          const char               *name,
                                          guint                     timeout_ms,
                                          GCancellable             *cancellable,
                                          GAsyncReadyCallback       callback,
                                          gpointer                  user_data);
/* GResolver has no CNAME type: this asks the same system resolver directly. */
void         md_dns_lookup_cname_async   (const char               *name,
                                          guint                     timeout_ms,
                                          GCancellable             *cancellable,
                                          GAsyncReadyCallback       callback,
                                          gpointer                  user_data);
/* The TXT records of @name, as md_dns_lookup_records_async() gives them
 * ("(as)"), but with every string made valid UTF-8, and NXDOMAIN told apart
 * from "no TXT record" (no_such_name). */
void         md_dns_lookup_txt_async     (const char               *name,
                                          guint                     timeout_ms,
                                          GCancellable             *cancellable,
                                          GAsyncReadyCallback       callback,
                                          gpointer                  user_data);
/* The IPv4 addresses of @name, from its A records, asked like CNAME look-ups:
 * for DNS blocklists, whose answers are A records, so that the many
 * questions of a diagnosis do not wait for GLib's few resolver threads. */
void         md_dns_lookup_a_async       (const char               *name,
                                          guint                     timeout_ms,
                                          GCancellable             *cancellable,
                                          GAsyncReadyCallback       callback,
                                          gpointer                  user_data);
/* Does @name exist? OK when it does, with its SOA record in the shape
 * GResolver gives ("(ssuuuuu)") when @name is the top of a zone; NOT_FOUND
 * with no_such_name set when the DNS answered NXDOMAIN. GResolver reports
 * "no such domain" and "no record of that type" alike: this tells them apart. */
void         md_dns_lookup_name_async    (const char               *name,
                                          guint                     timeout_ms,
                                          GCancellable             *cancellable,
                                          GAsyncReadyCallback       callback,
                                          gpointer                  user_data);
/* Fails only when cancelled; every DNS outcome is in the answer. */
MdDnsAnswer *md_dns_lookup_finish        (GAsyncResult             *result,
                                          GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdDnsAnswer, md_dns_answer_free)

G_END_DECLS
