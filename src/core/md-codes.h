/* md-codes.h — the knowledge base: SMTP reply codes, enhanced status codes
 * and bounce reasons.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Class of a reply code or enhanced status code, from its first digit. */
typedef enum {
  MD_CODE_CLASS_UNKNOWN = 0,
  MD_CODE_CLASS_POSITIVE_PRELIMINARY,  /* 1xx */
  MD_CODE_CLASS_SUCCESS,               /* 2xx, 2.x.x */
  MD_CODE_CLASS_INTERMEDIATE,          /* 3xx */
  MD_CODE_CLASS_TEMPORARY,             /* 4xx, 4.x.x */
  MD_CODE_CLASS_PERMANENT,             /* 5xx, 5.x.x */
} MdCodeClass;

/* Where a code comes from, when it is not plain RFC 5321 / RFC 3463. */
typedef enum {
  MD_CODE_ORIGIN_STANDARD = 0,
  MD_CODE_ORIGIN_CLIENT,     /* produced by the mail program, not a server (101, 111) */
  MD_CODE_ORIGIN_VENDOR,     /* outside the standards: one vendor's extension (GroupWise 420,
                              * Exchange 432/449…), or, with vendor NULL, a code some servers use */
  MD_CODE_ORIGIN_PROVIDER,   /* a provider's documented meaning (Gmail, Microsoft 365…) */
  MD_CODE_ORIGIN_DERIVED,    /* not in the base: meaning built from the digits */
} MdCodeOrigin;

/* The bounce reason vocabulary (Sisimai's taxonomy, see shared/bounces/README.md). */
typedef enum {
  MD_REASON_UNDEFINED = 0,
  MD_REASON_AUTHFAILURE,
  MD_REASON_BADREPUTATION,
  MD_REASON_BLOCKED,
  MD_REASON_CONTENTERROR,
  MD_REASON_DELIVERED,
  MD_REASON_EXCEEDLIMIT,
  MD_REASON_EXPIRED,
  MD_REASON_FEEDBACK,
  MD_REASON_FILTERED,
  MD_REASON_HASMOVED,
  MD_REASON_HOSTUNKNOWN,
  MD_REASON_MAILBOXFULL,
  MD_REASON_MAILERERROR,
  MD_REASON_MESGTOOBIG,
  MD_REASON_NETWORKERROR,
  MD_REASON_NORELAYING,
  MD_REASON_NOTACCEPT,
  MD_REASON_NOTCOMPLIANTRFC,
  MD_REASON_ONHOLD,
  MD_REASON_POLICYVIOLATION,
  MD_REASON_REJECTED,
  MD_REASON_REQUIREPTR,
  MD_REASON_SECURITYERROR,
  MD_REASON_SPAMDETECTED,
  MD_REASON_SPEEDING,
  MD_REASON_SUSPEND,
  MD_REASON_SYNTAXERROR,
  MD_REASON_SYSTEMERROR,
  MD_REASON_SYSTEMFULL,
  MD_REASON_TOOMANYCONN,
  MD_REASON_USERUNKNOWN,
  MD_REASON_VACATION,
  MD_REASON_VIRUSDETECTED,
  MD_REASON_LAST
} MdReason;

/* Who has to do something about a bounce. */
typedef enum {
  MD_ACTOR_NOBODY = 0,       /* temporary: wait, the server retries */
  MD_ACTOR_SENDER,
  MD_ACTOR_SENDER_ADMIN,
  MD_ACTOR_RECIPIENT,
  MD_ACTOR_RECIPIENT_ADMIN,
} MdActor;

/* An entry of the knowledge base. The strings are untranslated (N_()):
 * pass them through _() / g_dgettext() when presenting them. */
typedef struct {
  const char   *code;      /* "550", "5.1.1" */
  MdCodeClass   klass;
  MdCodeOrigin  origin;
  const char   *vendor;    /* "Gmail", "Microsoft 365", "GroupWise"… or NULL; not translated */
  const char   *title;     /* a few words */
  const char   *meaning;   /* what it means, one or two sentences */
  const char   *advice;    /* what to do */
  MdReason      reason;    /* the usual reason behind this code, or MD_REASON_UNDEFINED */
} MdCodeInfo;

/* Look-ups. They return a static entry, or NULL when the code is not in the base. */
const MdCodeInfo *md_codes_lookup_reply      (guint        reply_code);
const MdCodeInfo *md_codes_lookup_enhanced   (const char  *enhanced_code);

/* The IANA registry's meaning only, whatever the providers say. */
const MdCodeInfo *md_codes_lookup_standard   (const char  *enhanced_code);

/* One provider's documented meaning of an enhanced code (exact code, then a
 * documented range), vendor compared without case ("Gmail", "Microsoft 365",
 * "Yahoo"); any provider's when vendor is NULL. md_codes_lookup_enhanced()
 * gives a provider's meaning only where it is the one people meet (5.7.26,
 * 4.2.1…); this finds the others too (Yahoo's 5.7.9, Microsoft's 5.1.10…). */
const MdCodeInfo *md_codes_lookup_provider   (const char  *enhanced_code,
                                              const char  *vendor);

/* Always return a description: the base's entry, or one derived from the digits
 * (class, subject digit, second digit of a reply code) for a code the base lacks.
 * Unlike the look-ups, the strings are already translated and owned by the
 * returned copy: free it with md_code_info_free(). */
MdCodeInfo       *md_codes_describe_reply    (guint        reply_code);
MdCodeInfo       *md_codes_describe_enhanced (const char  *enhanced_code);
/* As md_codes_describe_enhanced(), but the vendor's own meaning first when it
 * documents the code (vendor may be NULL). */
MdCodeInfo       *md_codes_describe_enhanced_for (const char *enhanced_code,
                                                  const char *vendor);
void              md_code_info_free          (MdCodeInfo  *info);

MdCodeClass       md_code_class_from_digit   (char         digit);
const char       *md_code_class_to_string    (MdCodeClass  klass);   /* translated */

/* Reasons: machine name ("userunknown"), translated title and explanation. */
const char       *md_reason_to_id            (MdReason     reason);
MdReason          md_reason_from_id          (const char  *id);
const char       *md_reason_get_title        (MdReason     reason);  /* translated */
const char       *md_reason_get_explanation  (MdReason     reason);  /* translated */
const char       *md_reason_get_advice       (MdReason     reason);  /* translated */
MdActor           md_reason_get_actor        (MdReason     reason,
                                              gboolean     permanent);
gboolean          md_reason_is_hard_bounce   (MdReason     reason,
                                              gboolean     permanent);

const char       *md_actor_to_id             (MdActor      actor);   /* "sender"… */
const char       *md_actor_get_label         (MdActor      actor);   /* translated */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdCodeInfo, md_code_info_free)

G_END_DECLS
