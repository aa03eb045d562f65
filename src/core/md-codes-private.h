/* md-codes-private.h — the knowledge base's tables, shared by md-codes*.c and its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "md-codes.h"

G_BEGIN_DECLS

/* The class of a reply code, from its number, as a constant expression. */
#define MD_REPLY_CLASS(n) \
  ((n) >= 600 ? MD_CODE_CLASS_UNKNOWN : \
   (n) >= 500 ? MD_CODE_CLASS_PERMANENT : \
   (n) >= 400 ? MD_CODE_CLASS_TEMPORARY : \
   (n) >= 300 ? MD_CODE_CLASS_INTERMEDIATE : \
   (n) >= 200 ? MD_CODE_CLASS_SUCCESS : \
   (n) >= 100 ? MD_CODE_CLASS_POSITIVE_PRELIMINARY : MD_CODE_CLASS_UNKNOWN)

/* A reply code: the number to search on, and the entry handed out. */
typedef struct {
  guint       number;
  MdCodeInfo  info;
} MdReplyEntry;

#define MD_REPLY(n, origin, vendor, reason, title, meaning, advice) \
  { n, { #n, MD_REPLY_CLASS (n), MD_CODE_ORIGIN_##origin, vendor, title, meaning, advice, reason } }

/* An enhanced status code of the IANA registry, written once as "X.s.d"; the
 * entry of each class (2, 4, 5) is spelled out at compile time so that a
 * look-up hands out a static entry with the right code and class. A success
 * code always reports a delivery, whatever its subject. */
typedef struct {
  guint       subject;
  guint       detail;
  MdCodeInfo  infos[3];   /* classes 2, 4 and 5 */
} MdEnhancedEntry;

#define MD_ENHANCED_CLASS(c, klass, s, d, reason, title, meaning, advice) \
  { #c "." #s "." #d, klass, MD_CODE_ORIGIN_STANDARD, NULL, title, meaning, advice, reason }

#define MD_ENHANCED(s, d, reason, title, meaning, advice) \
  { s, d, { MD_ENHANCED_CLASS (2, MD_CODE_CLASS_SUCCESS, s, d, MD_REASON_DELIVERED, title, meaning, advice), \
            MD_ENHANCED_CLASS (4, MD_CODE_CLASS_TEMPORARY, s, d, reason, title, meaning, advice), \
            MD_ENHANCED_CLASS (5, MD_CODE_CLASS_PERMANENT, s, d, reason, title, meaning, advice) } }

/* A provider's documented meaning of one code of one class. When `preferred`
 * is set it is also the code's default meaning, ahead of the registry's: the
 * provider's use is the one people meet. Otherwise it is only given to
 * whoever asks for that provider (md_codes_lookup_provider()). */
typedef struct {
  guint       klass;
  guint       subject;
  guint       detail;
  gboolean    preferred;
  MdCodeInfo  info;
} MdProviderEntry;

#define MD_PROVIDER(c, s, d, vendor, preferred, reason, title, meaning, advice) \
  { c, s, d, preferred, { #c "." #s "." #d, (c) == 5 ? MD_CODE_CLASS_PERMANENT : MD_CODE_CLASS_TEMPORARY, \
                          MD_CODE_ORIGIN_PROVIDER, vendor, title, meaning, advice, reason } }

/* A family of provider codes documented as a range of details. */
typedef struct {
  guint       klass;
  guint       subject;
  guint       detail_min;
  guint       detail_max;
  MdCodeInfo  info;
} MdProviderRange;

#define MD_PROVIDER_RANGE(c, s, min, max, vendor, reason, title, meaning, advice) \
  { c, s, min, max, { #c "." #s "." #min "-" #c "." #s "." #max, \
                      (c) == 5 ? MD_CODE_CLASS_PERMANENT : MD_CODE_CLASS_TEMPORARY, \
                      MD_CODE_ORIGIN_PROVIDER, vendor, title, meaning, advice, reason } }

/* A bounce reason; indexed by MdReason. */
typedef struct {
  const char *id;
  MdActor     actor;       /* when permanent; a temporary failure waits */
  const char *title;
  const char *explanation;
  const char *advice;
} MdReasonEntry;

/* Sorted by number (md-codes-reply.c). */
extern const MdReplyEntry    md_reply_codes[];
extern const gsize           md_n_reply_codes;

/* Sorted by subject, then detail (md-codes-enhanced.c). */
extern const MdEnhancedEntry md_enhanced_codes[];
extern const gsize           md_n_enhanced_codes;

/* Sorted by class, subject, then detail; the ranges do not overlap. */
extern const MdProviderEntry md_provider_codes[];
extern const gsize           md_n_provider_codes;
extern const MdProviderRange md_provider_ranges[];
extern const gsize           md_n_provider_ranges;

/* MD_REASON_LAST entries (md-codes-reason.c). */
extern const MdReasonEntry   md_reasons[];

G_END_DECLS
