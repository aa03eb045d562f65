/* md-codes.c — the knowledge base: look-ups of SMTP reply codes, enhanced
 * status codes and bounce reasons
 *
 * The tables live in md-codes-reply.c, md-codes-enhanced.c and
 * md-codes-reason.c; they are static, sorted and searched with bsearch(), so
 * a look-up allocates nothing. Sentences are marked with N_() there and
 * translated here, when a description is made.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "md-codes-private.h"

MdCodeClass
md_code_class_from_digit (char digit)
{
  switch (digit)
    {
    case '1': return MD_CODE_CLASS_POSITIVE_PRELIMINARY;
    case '2': return MD_CODE_CLASS_SUCCESS;
    case '3': return MD_CODE_CLASS_INTERMEDIATE;
    case '4': return MD_CODE_CLASS_TEMPORARY;
    case '5': return MD_CODE_CLASS_PERMANENT;
    default: return MD_CODE_CLASS_UNKNOWN;
    }
}

const char *
md_code_class_to_string (MdCodeClass klass)
{
  switch (klass)
    {
    case MD_CODE_CLASS_POSITIVE_PRELIMINARY: return _("In progress");
    case MD_CODE_CLASS_SUCCESS: return _("Success");
    case MD_CODE_CLASS_INTERMEDIATE: return _("Waiting for more");
    case MD_CODE_CLASS_TEMPORARY: return _("Temporary failure");
    case MD_CODE_CLASS_PERMANENT: return _("Permanent failure");
    case MD_CODE_CLASS_UNKNOWN:
    default: return _("Unknown");
    }
}

/* An enhanced code taken apart. */
typedef struct {
  guint klass;     /* 2, 4 or 5 */
  guint subject;
  guint detail;
} Enhanced;

/* Parses "5.1.1": the class digit, then subject and detail of one to three
 * digits each, and nothing else. */
static gboolean
parse_enhanced (const char *code,
                Enhanced   *out)
{
  const char *p = code;
  guint values[2] = { 0, 0 };

  if (code == NULL || (p[0] != '2' && p[0] != '4' && p[0] != '5') || p[1] != '.')
    return FALSE;
  p += 2;
  for (guint i = 0; i < 2; i++)
    {
      guint digits = 0;

      while (g_ascii_isdigit (*p) && digits < 3)
        {
          values[i] = values[i] * 10 + (guint) (*p - '0');
          p++;
          digits++;
        }
      if (digits == 0 || g_ascii_isdigit (*p))
        return FALSE;
      if (i == 0 && *p++ != '.')
        return FALSE;
    }
  if (*p != '\0')
    return FALSE;
  out->klass = (guint) (code[0] - '0');
  out->subject = values[0];
  out->detail = values[1];

  return TRUE;
}

static int
compare_uint (guint a,
              guint b)
{
  return (a > b) - (a < b);
}

static int
compare_reply (const void *key,
               const void *member)
{
  const MdReplyEntry *entry = member;

  return compare_uint (*(const guint *) key, entry->number);
}

static int
compare_enhanced (const void *key,
                  const void *member)
{
  const Enhanced *code = key;
  const MdEnhancedEntry *entry = member;
  int cmp = compare_uint (code->subject, entry->subject);

  return cmp != 0 ? cmp : compare_uint (code->detail, entry->detail);
}

static int
compare_provider (const void *key,
                  const void *member)
{
  const Enhanced *code = key;
  const MdProviderEntry *entry = member;
  int cmp = compare_uint (code->klass, entry->klass);

  if (cmp == 0)
    cmp = compare_uint (code->subject, entry->subject);

  return cmp != 0 ? cmp : compare_uint (code->detail, entry->detail);
}

const MdCodeInfo *
md_codes_lookup_reply (guint reply_code)
{
  const MdReplyEntry *entry;

  entry = bsearch (&reply_code, md_reply_codes, md_n_reply_codes,
                   sizeof (MdReplyEntry), compare_reply);

  return entry != NULL ? &entry->info : NULL;
}

static const MdCodeInfo *
lookup_registry (const Enhanced *code)
{
  const MdEnhancedEntry *entry;

  entry = bsearch (code, md_enhanced_codes, md_n_enhanced_codes,
                   sizeof (MdEnhancedEntry), compare_enhanced);
  if (entry == NULL)
    return NULL;

  /* infos[] holds classes 2, 4 and 5. */
  return &entry->infos[code->klass == 2 ? 0 : code->klass == 4 ? 1 : 2];
}

/* Several providers may document the same code: the entries are adjacent. */
static const MdProviderEntry *
lookup_provider_exact (const Enhanced *code,
                       const char     *vendor,
                       gboolean        preferred_only)
{
  const MdProviderEntry *hit;
  const MdProviderEntry *end = md_provider_codes + md_n_provider_codes;

  hit = bsearch (code, md_provider_codes, md_n_provider_codes,
                 sizeof (MdProviderEntry), compare_provider);
  if (hit == NULL)
    return NULL;
  while (hit > md_provider_codes && compare_provider (code, hit - 1) == 0)
    hit--;
  for (; hit < end && compare_provider (code, hit) == 0; hit++)
    {
      if (preferred_only && !hit->preferred)
        continue;
      if (vendor == NULL || g_ascii_strcasecmp (vendor, hit->info.vendor) == 0)
        return hit;
    }

  return NULL;
}

static const MdProviderRange *
lookup_provider_range (const Enhanced *code,
                       const char     *vendor)
{
  for (gsize i = 0; i < md_n_provider_ranges; i++)
    {
      const MdProviderRange *r = &md_provider_ranges[i];

      if (r->klass == code->klass && r->subject == code->subject &&
          code->detail >= r->detail_min && code->detail <= r->detail_max &&
          (vendor == NULL || g_ascii_strcasecmp (vendor, r->info.vendor) == 0))
        return r;
    }

  return NULL;
}

const MdCodeInfo *
md_codes_lookup_enhanced (const char *enhanced_code)
{
  const MdProviderEntry *provider;
  const MdProviderRange *range;
  const MdCodeInfo *info;
  Enhanced code;

  if (!parse_enhanced (enhanced_code, &code))
    return NULL;

  if ((provider = lookup_provider_exact (&code, NULL, TRUE)) != NULL)
    return &provider->info;
  if ((info = lookup_registry (&code)) != NULL)
    return info;
  if ((provider = lookup_provider_exact (&code, NULL, FALSE)) != NULL)
    return &provider->info;
  if ((range = lookup_provider_range (&code, NULL)) != NULL)
    return &range->info;

  return NULL;
}

const MdCodeInfo *
md_codes_lookup_standard (const char *enhanced_code)
{
  Enhanced code;

  if (!parse_enhanced (enhanced_code, &code))
    return NULL;

  return lookup_registry (&code);
}

const MdCodeInfo *
md_codes_lookup_provider (const char *enhanced_code,
                          const char *vendor)
{
  const MdProviderEntry *provider;
  const MdProviderRange *range;
  Enhanced code;

  if (!parse_enhanced (enhanced_code, &code))
    return NULL;

  if ((provider = lookup_provider_exact (&code, vendor, FALSE)) != NULL)
    return &provider->info;
  if ((range = lookup_provider_range (&code, vendor)) != NULL)
    return &range->info;

  return NULL;
}

void
md_code_info_free (MdCodeInfo *info)
{
  if (info == NULL)
    return;
  g_free ((char *) info->code);
  g_free ((char *) info->vendor);
  g_free ((char *) info->title);
  g_free ((char *) info->meaning);
  g_free ((char *) info->advice);
  g_free (info);
}

/* The copy keeps the code as asked ("5.7.620"), not the entry's ("5.7.606-5.7.649"). */
static MdCodeInfo *
info_copy_translated (const MdCodeInfo *info,
                      const char       *code)
{
  MdCodeInfo *copy = g_new0 (MdCodeInfo, 1);

  copy->code = g_strdup (code);
  copy->klass = info->klass;
  copy->origin = info->origin;
  copy->vendor = g_strdup (info->vendor);
  copy->reason = info->reason;
  copy->title = g_strdup (info->title != NULL ? _(info->title) : NULL);
  copy->meaning = g_strdup (info->meaning != NULL ? _(info->meaning) : NULL);
  copy->advice = g_strdup (info->advice != NULL ? _(info->advice) : NULL);

  return copy;
}

static const char *
class_meaning (MdCodeClass klass)
{
  switch (klass)
    {
    case MD_CODE_CLASS_SUCCESS: return _("The step succeeded.");
    case MD_CODE_CLASS_TEMPORARY: return _("A temporary failure: the sending server keeps trying for a while.");
    case MD_CODE_CLASS_PERMANENT: return _("A permanent failure: the message will not be delivered as it is.");
    case MD_CODE_CLASS_POSITIVE_PRELIMINARY:
    case MD_CODE_CLASS_INTERMEDIATE: return _("The server is waiting for the next step.");
    case MD_CODE_CLASS_UNKNOWN:
    default: return _("This is not a code of a known class.");
    }
}

static const char *
class_advice (MdCodeClass klass)
{
  switch (klass)
    {
    case MD_CODE_CLASS_TEMPORARY: return _("Wait: the message is retried automatically.");
    case MD_CODE_CLASS_PERMANENT: return _("Read the server's words after the code to know what to change.");
    default: return _("Nothing to do.");
    }
}

static MdCodeInfo *
info_new_derived (const char  *code,
                  MdCodeClass  klass,
                  const char  *meaning)
{
  MdCodeInfo *info = g_new0 (MdCodeInfo, 1);

  info->code = g_strdup (code);
  info->klass = klass;
  info->origin = MD_CODE_ORIGIN_DERIVED;
  info->reason = klass == MD_CODE_CLASS_SUCCESS ? MD_REASON_DELIVERED : MD_REASON_UNDEFINED;
  info->title = g_strdup (md_code_class_to_string (klass));
  info->meaning = g_strdup (meaning);
  info->advice = g_strdup (class_advice (klass));

  return info;
}

MdCodeInfo *
md_codes_describe_reply (guint reply_code)
{
  const MdCodeInfo *known = md_codes_lookup_reply (reply_code);
  g_autofree char *code = g_strdup_printf ("%u", reply_code);
  g_autofree char *meaning = NULL;
  MdCodeClass klass;
  const char *topic;

  if (known != NULL)
    return info_copy_translated (known, code);

  /* RFC 5321 §4.2.1: the second digit says what the reply is about. */
  switch ((reply_code / 10) % 10)
    {
    case 0: topic = _("about the syntax of a command"); break;
    case 1: topic = _("giving information"); break;
    case 2: topic = _("about the connection"); break;
    case 5: topic = _("about the mail system"); break;
    default: topic = _("of an unspecified kind"); break;
    }
  klass = MD_REPLY_CLASS (reply_code);
  /* Translators: the first %s is a class ("A temporary failure…"), the second what the code is about. */
  meaning = g_strdup_printf (_("%s This code is not in Mail Doctor's list; its digits say it is a reply %s."),
                             class_meaning (klass), topic);

  return info_new_derived (code, klass, meaning);
}

static MdCodeInfo *
describe_enhanced_derived (const char *enhanced_code)
{
  g_autofree char *meaning = NULL;
  Enhanced code;
  MdCodeClass klass;
  const char *topic;

  /* Not a code at all: no class, no subject. */
  if (!parse_enhanced (enhanced_code, &code))
    code = (Enhanced) { 0, G_MAXUINT, 0 };
  klass = code.klass != 0 ? md_code_class_from_digit ((char) ('0' + code.klass)) : MD_CODE_CLASS_UNKNOWN;

  /* RFC 3463 §3: the subject digit says where the problem lies. */
  switch (code.subject)
    {
    case 0: topic = _("a problem of another kind"); break;
    case 1: topic = _("an address problem"); break;
    case 2: topic = _("a mailbox problem"); break;
    case 3: topic = _("a mail system problem"); break;
    case 4: topic = _("a network or routing problem"); break;
    case 5: topic = _("a mail protocol problem"); break;
    case 6: topic = _("a message content problem"); break;
    case 7: topic = _("a security or policy problem"); break;
    default: topic = _("a problem of an unknown kind"); break;
    }
  /* Translators: the first %s is a class ("A temporary failure…"), the second a kind of problem. */
  meaning = g_strdup_printf (_("%s This code is not in Mail Doctor's list; its digits say it is %s."),
                             class_meaning (klass), topic);

  return info_new_derived (enhanced_code != NULL ? enhanced_code : "", klass, meaning);
}

MdCodeInfo *
md_codes_describe_enhanced (const char *enhanced_code)
{
  const MdCodeInfo *known = md_codes_lookup_enhanced (enhanced_code);

  if (known != NULL)
    return info_copy_translated (known, enhanced_code);

  return describe_enhanced_derived (enhanced_code);
}

MdCodeInfo *
md_codes_describe_enhanced_for (const char *enhanced_code,
                                const char *vendor)
{
  const MdCodeInfo *known = NULL;

  if (vendor != NULL)
    known = md_codes_lookup_provider (enhanced_code, vendor);
  if (known != NULL)
    return info_copy_translated (known, enhanced_code);

  return md_codes_describe_enhanced (enhanced_code);
}

const char *
md_reason_to_id (MdReason reason)
{
  g_return_val_if_fail (reason < MD_REASON_LAST, "undefined");

  return md_reasons[reason].id;
}

MdReason
md_reason_from_id (const char *id)
{
  for (guint i = 0; id != NULL && i < MD_REASON_LAST; i++)
    if (g_ascii_strcasecmp (md_reasons[i].id, id) == 0)
      return (MdReason) i;

  return MD_REASON_UNDEFINED;
}

const char *
md_reason_get_title (MdReason reason)
{
  g_return_val_if_fail (reason < MD_REASON_LAST, NULL);

  return _(md_reasons[reason].title);
}

const char *
md_reason_get_explanation (MdReason reason)
{
  g_return_val_if_fail (reason < MD_REASON_LAST, NULL);

  return _(md_reasons[reason].explanation);
}

const char *
md_reason_get_advice (MdReason reason)
{
  g_return_val_if_fail (reason < MD_REASON_LAST, NULL);

  return _(md_reasons[reason].advice);
}

MdActor
md_reason_get_actor (MdReason reason,
                     gboolean permanent)
{
  g_return_val_if_fail (reason < MD_REASON_LAST, MD_ACTOR_NOBODY);

  /* A temporary failure is retried by the sending server: nobody acts yet. */
  return permanent ? md_reasons[reason].actor : MD_ACTOR_NOBODY;
}

/* Hard bounces as the reference analyzer (Sisimai) counts them: the address
 * or its domain is gone for good, so sending again is pointless. */
gboolean
md_reason_is_hard_bounce (MdReason reason,
                          gboolean permanent)
{
  return permanent && (reason == MD_REASON_USERUNKNOWN || reason == MD_REASON_HOSTUNKNOWN ||
                       reason == MD_REASON_HASMOVED || reason == MD_REASON_NOTACCEPT);
}

const char *
md_actor_to_id (MdActor actor)
{
  switch (actor)
    {
    case MD_ACTOR_SENDER: return "sender";
    case MD_ACTOR_SENDER_ADMIN: return "sender-admin";
    case MD_ACTOR_RECIPIENT: return "recipient";
    case MD_ACTOR_RECIPIENT_ADMIN: return "recipient-admin";
    case MD_ACTOR_NOBODY:
    default: return "nobody";
    }
}

const char *
md_actor_get_label (MdActor actor)
{
  switch (actor)
    {
    case MD_ACTOR_SENDER: return _("You, the sender");
    case MD_ACTOR_SENDER_ADMIN: return _("Your e-mail provider or administrator");
    case MD_ACTOR_RECIPIENT: return _("The recipient");
    case MD_ACTOR_RECIPIENT_ADMIN: return _("The recipient's provider or administrator");
    case MD_ACTOR_NOBODY:
    default: return _("Nobody: wait, it is retried");
    }
}
