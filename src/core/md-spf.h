/* md-spf.h — parse SPF (RFC 7208) and DMARC (RFC 7489) records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  MD_SPF_ALL,
  MD_SPF_INCLUDE,
  MD_SPF_A,
  MD_SPF_MX,
  MD_SPF_PTR,
  MD_SPF_IP4,
  MD_SPF_IP6,
  MD_SPF_EXISTS,
  MD_SPF_REDIRECT,   /* a modifier, kept with the terms for counting */
  MD_SPF_EXP,
} MdSpfKind;

typedef struct {
  char       qualifier;  /* '+', '-', '~', '?' */
  MdSpfKind  kind;
  char      *value;      /* domain, network, or NULL */
  char      *text;       /* the term as written */
} MdSpfTerm;

typedef struct {
  GPtrArray *terms;      /* MdSpfTerm */
  GPtrArray *errors;     /* char *, translated */
} MdSpfRecord;

gboolean     md_spf_is_spf            (const char  *txt);
MdSpfRecord *md_spf_parse             (const char  *txt);
void         md_spf_record_free       (MdSpfRecord *record);
gboolean     md_spf_kind_costs_lookup (MdSpfKind    kind);

typedef struct {
  char      *policy;            /* none, quarantine, reject; NULL when missing */
  char      *subdomain_policy;
  int        percent;           /* 0–100, 100 by default */
  GPtrArray *aggregate_reports; /* rua addresses */
  GPtrArray *failure_reports;   /* ruf addresses */
  GPtrArray *errors;            /* char *, translated */
} MdDmarcRecord;

gboolean       md_dmarc_is_dmarc      (const char    *txt);
MdDmarcRecord *md_dmarc_parse         (const char    *txt);
void           md_dmarc_record_free   (MdDmarcRecord *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdSpfRecord, md_spf_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdDmarcRecord, md_dmarc_record_free)

G_END_DECLS
