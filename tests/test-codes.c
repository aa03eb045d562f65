/* test-codes.c — the knowledge base: every code of the seeds and of the IANA
 * registry, the tables' order, derived meanings, provider codes and ranges,
 * reasons, French
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "md-codes.h"
#include "md-codes-private.h"
#include "md-test-language.h"

/* Every reply code the seeds name, plus the login codes of RFC 4954. */
static const guint seed_reply_codes[] = {
  101, 111, 120, 130, 211, 214, 220, 221, 235, 250, 251, 252, 334, 354, 420, 421, 422, 431, 432,
  441, 442, 446, 447, 449, 450, 451, 452, 454, 455, 471, 500, 501, 502, 503, 504, 510, 511, 512,
  513, 521, 523, 530, 534, 535, 538, 541, 550, 551, 552, 553, 554, 555, 556,
};

static void
assert_filled (const MdCodeInfo *info)
{
  g_assert_nonnull (info);
  g_assert_nonnull (info->code);
  g_assert_true (info->title != NULL && *info->title);
  g_assert_true (info->meaning != NULL && *info->meaning);
  g_assert_true (info->advice != NULL && *info->advice);
  g_assert_cmpint (info->reason, <, MD_REASON_LAST);
}

static void
test_seed_reply_codes (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (seed_reply_codes); i++)
    {
      const MdCodeInfo *info = md_codes_lookup_reply (seed_reply_codes[i]);
      g_autofree char *number = g_strdup_printf ("%u", seed_reply_codes[i]);

      assert_filled (info);
      g_assert_cmpstr (info->code, ==, number);
      g_assert_cmpint (info->klass, ==, md_code_class_from_digit (number[0]));
      g_assert_cmpint (info->origin, !=, MD_CODE_ORIGIN_DERIVED);
    }

  /* Client-side and vendor codes say so; RFC 5321 ones do not. */
  g_assert_cmpint (md_codes_lookup_reply (101)->origin, ==, MD_CODE_ORIGIN_CLIENT);
  g_assert_cmpint (md_codes_lookup_reply (111)->origin, ==, MD_CODE_ORIGIN_CLIENT);
  g_assert_cmpstr (md_codes_lookup_reply (420)->vendor, ==, "GroupWise");
  g_assert_cmpstr (md_codes_lookup_reply (432)->vendor, ==, "Exchange");
  g_assert_cmpstr (md_codes_lookup_reply (449)->vendor, ==, "Exchange");
  g_assert_cmpint (md_codes_lookup_reply (449)->origin, ==, MD_CODE_ORIGIN_VENDOR);
  g_assert_cmpint (md_codes_lookup_reply (550)->origin, ==, MD_CODE_ORIGIN_STANDARD);
  g_assert_null (md_codes_lookup_reply (550)->vendor);
  g_assert_cmpint (md_codes_lookup_reply (541)->origin, ==, MD_CODE_ORIGIN_VENDOR);
  g_assert_null (md_codes_lookup_reply (541)->vendor);

  /* RFC 5321: every 4xx is temporary, whatever a seed says. */
  for (guint i = 0; i < G_N_ELEMENTS (seed_reply_codes); i++)
    if (seed_reply_codes[i] / 100 == 4)
      g_assert_cmpint (md_codes_lookup_reply (seed_reply_codes[i])->klass, ==, MD_CODE_CLASS_TEMPORARY);

  g_assert_cmpint (md_codes_lookup_reply (550)->reason, ==, MD_REASON_UNDEFINED);
  g_assert_cmpint (md_codes_lookup_reply (552)->reason, ==, MD_REASON_MAILBOXFULL);
  g_assert_cmpint (md_codes_lookup_reply (556)->reason, ==, MD_REASON_NOTACCEPT);
  g_assert_null (md_codes_lookup_reply (0));
  g_assert_null (md_codes_lookup_reply (599));
  g_assert_null (md_codes_lookup_reply (G_MAXUINT));
}

/* The look-ups rely on bsearch(): an entry out of order would go missing. */
static void
test_tables_sorted (void)
{
  for (gsize i = 0; i < md_n_reply_codes; i++)
    {
      g_autofree char *number = g_strdup_printf ("%u", md_reply_codes[i].number);

      g_assert_cmpstr (md_reply_codes[i].info.code, ==, number);
      g_assert_cmpint (md_reply_codes[i].info.klass, ==, md_code_class_from_digit (number[0]));
      assert_filled (&md_reply_codes[i].info);
      if (i > 0)
        g_assert_cmpuint (md_reply_codes[i - 1].number, <, md_reply_codes[i].number);
      g_assert_true (md_codes_lookup_reply (md_reply_codes[i].number) == &md_reply_codes[i].info);
    }

  for (gsize i = 0; i < md_n_enhanced_codes; i++)
    {
      const MdEnhancedEntry *e = &md_enhanced_codes[i];

      if (i > 0)
        {
          const MdEnhancedEntry *prev = &md_enhanced_codes[i - 1];

          g_assert_true (prev->subject < e->subject ||
                         (prev->subject == e->subject && prev->detail < e->detail));
        }
      for (guint c = 0; c < 3; c++)
        {
          static const char classes[] = "245";
          g_autofree char *code = g_strdup_printf ("%c.%u.%u", classes[c], e->subject, e->detail);

          g_assert_cmpstr (e->infos[c].code, ==, code);
          g_assert_cmpint (e->infos[c].klass, ==, md_code_class_from_digit (classes[c]));
          g_assert_cmpint (e->infos[c].origin, ==, MD_CODE_ORIGIN_STANDARD);
          assert_filled (&e->infos[c]);
          g_assert_true (md_codes_lookup_standard (code) == &e->infos[c]);
        }
      /* A success code reports a delivery. */
      g_assert_cmpint (e->infos[0].reason, ==, MD_REASON_DELIVERED);
    }

  for (gsize i = 0; i < md_n_provider_codes; i++)
    {
      const MdProviderEntry *e = &md_provider_codes[i];
      g_autofree char *code = g_strdup_printf ("%u.%u.%u", e->klass, e->subject, e->detail);

      g_assert_cmpstr (e->info.code, ==, code);
      g_assert_cmpint (e->info.origin, ==, MD_CODE_ORIGIN_PROVIDER);
      g_assert_nonnull (e->info.vendor);
      assert_filled (&e->info);
      if (i > 0)
        {
          const MdProviderEntry *p = &md_provider_codes[i - 1];
          int order = p->klass != e->klass ? (p->klass < e->klass ? -1 : 1)
                    : p->subject != e->subject ? (p->subject < e->subject ? -1 : 1)
                    : p->detail != e->detail ? (p->detail < e->detail ? -1 : 1)
                    : strcmp (p->info.vendor, e->info.vendor);

          g_assert_cmpint (order, <, 0);
        }
      /* Every provider entry can be found for its provider. */
      g_assert_true (md_codes_lookup_provider (code, e->info.vendor) == &e->info);
      if (e->preferred)
        g_assert_true (md_codes_lookup_enhanced (code) == &e->info);
      else
        g_assert_nonnull (md_codes_lookup_standard (code));
    }

  for (gsize i = 0; i < md_n_provider_ranges; i++)
    {
      const MdProviderRange *r = &md_provider_ranges[i];

      g_assert_cmpuint (r->detail_min, <=, r->detail_max);
      g_assert_nonnull (r->info.vendor);
      assert_filled (&r->info);
      if (i > 0)
        {
          const MdProviderRange *p = &md_provider_ranges[i - 1];

          g_assert_true (p->klass < r->klass ||
                         (p->klass == r->klass && p->subject < r->subject) ||
                         (p->klass == r->klass && p->subject == r->subject && p->detail_max < r->detail_min));
        }
    }
}

static void
test_iana_registry (void)
{
  const char *path = g_getenv ("MD_IANA_CSV");
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  guint rows = 0;

  if (path == NULL || !g_file_get_contents (path, &contents, NULL, NULL))
    {
      g_test_skip ("MD_IANA_CSV does not point at the IANA registry (../shared/iana)");
      return;
    }

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      static const char classes[] = { '2', '4', '5' };

      if (!g_str_has_prefix (lines[i], "X."))
        continue;
      rows++;
      for (guint c = 0; c < G_N_ELEMENTS (classes); c++)
        {
          g_autofree char *code = g_strndup (lines[i], strcspn (lines[i], ","));
          const MdCodeInfo *info;

          code[0] = classes[c];
          info = md_codes_lookup_standard (code);
          if (info == NULL)
            g_error ("%s from the IANA registry is not in the knowledge base", code);
          g_assert_cmpstr (info->code, ==, code);
          g_assert_cmpint (info->klass, ==, md_code_class_from_digit (classes[c]));
          assert_filled (info);
          /* Whatever a provider says, the code is known. */
          g_assert_nonnull (md_codes_lookup_enhanced (code));
        }
    }
  g_assert_cmpuint (rows, ==, 81);
  g_assert_cmpuint (md_n_enhanced_codes, ==, rows);
}

static void
test_seed_enhanced_codes (void)
{
  static const struct { const char *code; MdReason reason; } cases[] = {
    /* The Exchange guide's codes. */
    { "4.3.1", MD_REASON_SYSTEMFULL }, { "4.3.2", MD_REASON_SYSTEMERROR }, { "4.4.1", MD_REASON_NETWORKERROR },
    { "4.4.2", MD_REASON_NETWORKERROR }, { "4.4.7", MD_REASON_EXPIRED }, { "5.1.0", MD_REASON_UNDEFINED },
    { "5.1.1", MD_REASON_USERUNKNOWN }, { "5.2.2", MD_REASON_MAILBOXFULL }, { "5.2.3", MD_REASON_EXCEEDLIMIT },
    { "5.4.4", MD_REASON_HOSTUNKNOWN }, { "5.5.3", MD_REASON_EXCEEDLIMIT },
    /* Priors as the reference analyzer (Sisimai) names them. */
    { "5.0.0", MD_REASON_UNDEFINED }, { "5.1.2", MD_REASON_HOSTUNKNOWN }, { "5.1.6", MD_REASON_HASMOVED },
    { "5.1.10", MD_REASON_NOTACCEPT }, { "5.2.1", MD_REASON_SUSPEND }, { "5.3.4", MD_REASON_MESGTOOBIG },
    { "5.4.7", MD_REASON_EXPIRED }, { "5.7.1", MD_REASON_UNDEFINED }, { "5.7.13", MD_REASON_SUSPEND },
    { "5.7.25", MD_REASON_REQUIREPTR }, { "5.7.26", MD_REASON_AUTHFAILURE }, { "5.7.23", MD_REASON_AUTHFAILURE },
    { "2.1.5", MD_REASON_DELIVERED }, { "2.0.0", MD_REASON_DELIVERED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const MdCodeInfo *info = md_codes_lookup_enhanced (cases[i].code);

      g_assert_nonnull (info);
      g_assert_cmpstr (info->code, ==, cases[i].code);
      g_assert_cmpstr (md_reason_to_id (info->reason), ==, md_reason_to_id (cases[i].reason));
    }
}

static void
test_provider_codes (void)
{
  static const struct { const char *code; const char *vendor; MdReason reason; } cases[] = {
    { "5.7.26", "Gmail", MD_REASON_AUTHFAILURE }, { "4.7.26", "Gmail", MD_REASON_AUTHFAILURE },
    { "4.7.27", "Gmail", MD_REASON_AUTHFAILURE }, { "4.7.30", "Gmail", MD_REASON_AUTHFAILURE },
    { "4.7.32", "Gmail", MD_REASON_AUTHFAILURE }, { "4.7.28", "Gmail", MD_REASON_SPAMDETECTED },
    { "5.7.28", "Gmail", MD_REASON_SPAMDETECTED }, { "5.7.25", "Gmail", MD_REASON_REQUIREPTR },
    { "5.4.5", "Gmail", MD_REASON_SPEEDING }, { "4.2.1", "Gmail", MD_REASON_SPEEDING },
    { "5.2.1", "Gmail", MD_REASON_SUSPEND }, { "5.7.509", "Microsoft 365", MD_REASON_AUTHFAILURE },
    { "5.7.57", "Microsoft 365", MD_REASON_SECURITYERROR }, { "5.4.1", "Microsoft 365", MD_REASON_USERUNKNOWN },
    { "5.4.4", "Microsoft 365", MD_REASON_HOSTUNKNOWN }, { "4.7.650", "Microsoft 365", MD_REASON_BADREPUTATION },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const MdCodeInfo *info = md_codes_lookup_enhanced (cases[i].code);

      g_assert_nonnull (info);
      g_assert_cmpstr (info->vendor, ==, cases[i].vendor);
      g_assert_cmpint (info->origin, ==, MD_CODE_ORIGIN_PROVIDER);
      g_assert_cmpstr (md_reason_to_id (info->reason), ==, md_reason_to_id (cases[i].reason));
    }

  /* Where the registry's meaning is the one most servers mean, it stays the
   * default; the provider's is there for whoever knows the provider. */
  g_assert_null (md_codes_lookup_enhanced ("5.7.9")->vendor);
  g_assert_cmpint (md_codes_lookup_enhanced ("5.7.9")->reason, ==, MD_REASON_SECURITYERROR);
  g_assert_cmpint (md_codes_lookup_provider ("5.7.9", "Yahoo")->reason, ==, MD_REASON_AUTHFAILURE);
  g_assert_cmpstr (md_codes_lookup_provider ("5.7.9", "gmail")->vendor, ==, "Gmail");
  g_assert_cmpint (md_codes_lookup_provider ("5.1.10", "Microsoft 365")->reason, ==, MD_REASON_USERUNKNOWN);
  g_assert_cmpint (md_codes_lookup_provider ("5.7.1", "Gmail")->reason, ==, MD_REASON_BADREPUTATION);
  g_assert_cmpint (md_codes_lookup_provider ("5.7.1", "Yahoo")->reason, ==, MD_REASON_BLOCKED);
  g_assert_cmpint (md_codes_lookup_provider ("5.1.0", "Exchange")->reason, ==, MD_REASON_FILTERED);
  g_assert_null (md_codes_lookup_enhanced ("5.7.1")->vendor);
  g_assert_null (md_codes_lookup_provider ("5.1.1", "Gmail"));
  g_assert_null (md_codes_lookup_provider ("5.7.26", "Yahoo"));
  g_assert_null (md_codes_lookup_provider ("not a code", NULL));
  /* The registry's meaning stays reachable under a provider's. */
  g_assert_cmpint (md_codes_lookup_standard ("4.2.1")->reason, ==, MD_REASON_SUSPEND);
  g_assert_null (md_codes_lookup_standard ("4.2.1")->vendor);
  g_assert_null (md_codes_lookup_standard ("5.7.509"));
}

static void
test_provider_ranges (void)
{
  static const struct { const char *code; MdReason reason; } inside[] = {
    { "5.7.606", MD_REASON_BLOCKED }, { "5.7.620", MD_REASON_BLOCKED }, { "5.7.649", MD_REASON_BLOCKED },
    { "5.7.501", MD_REASON_SPAMDETECTED }, { "5.7.503", MD_REASON_SPAMDETECTED },
    { "5.7.700", MD_REASON_BLOCKED }, { "5.7.750", MD_REASON_BLOCKED },
    { "4.7.500", MD_REASON_SPEEDING }, { "4.7.651", MD_REASON_SPEEDING }, { "4.7.699", MD_REASON_SPEEDING },
  };
  static const char *outside[] = { "5.7.605", "5.7.650", "5.7.504", "5.7.699", "5.7.751", "4.7.499", "4.7.700", "5.6.620" };
  g_autoptr(MdCodeInfo) described = md_codes_describe_enhanced ("5.7.620");
  g_autoptr(MdCodeInfo) for_yahoo = md_codes_describe_enhanced_for ("5.7.9", "Yahoo");
  g_autoptr(MdCodeInfo) for_nobody = md_codes_describe_enhanced_for ("5.7.9", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (inside); i++)
    {
      const MdCodeInfo *info = md_codes_lookup_enhanced (inside[i].code);

      g_assert_nonnull (info);
      g_assert_cmpstr (info->vendor, ==, "Microsoft 365");
      g_assert_cmpint (info->reason, ==, inside[i].reason);
      g_assert_true (md_codes_lookup_provider (inside[i].code, "Microsoft 365") == info);
      g_assert_null (md_codes_lookup_provider (inside[i].code, "Gmail"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (outside); i++)
    g_assert_null (md_codes_lookup_enhanced (outside[i]));

  /* A description keeps the code asked for, not the range's. */
  g_assert_cmpstr (described->code, ==, "5.7.620");
  g_assert_cmpstr (described->vendor, ==, "Microsoft 365");
  g_assert_cmpint (described->origin, ==, MD_CODE_ORIGIN_PROVIDER);
  g_assert_cmpint (described->klass, ==, MD_CODE_CLASS_PERMANENT);
  g_assert_cmpstr (for_yahoo->vendor, ==, "Yahoo");
  g_assert_cmpint (for_yahoo->reason, ==, MD_REASON_AUTHFAILURE);
  g_assert_null (for_nobody->vendor);
  g_assert_cmpint (for_nobody->origin, ==, MD_CODE_ORIGIN_STANDARD);
}

static void
test_derived_meanings (void)
{
  static const struct { guint code; MdCodeClass klass; const char *topic; } replies[] = {
    { 599, MD_CODE_CLASS_PERMANENT, "unspecified" }, { 558, MD_CODE_CLASS_PERMANENT, "mail system" },
    { 409, MD_CODE_CLASS_TEMPORARY, "syntax" }, { 428, MD_CODE_CLASS_TEMPORARY, "connection" },
    { 219, MD_CODE_CLASS_SUCCESS, "information" }, { 396, MD_CODE_CLASS_INTERMEDIATE, "unspecified" },
    { 0, MD_CODE_CLASS_UNKNOWN, "syntax" }, { 650, MD_CODE_CLASS_UNKNOWN, "mail system" },
  };
  static const struct { const char *code; MdCodeClass klass; const char *topic; } enhanced[] = {
    { "4.9.99", MD_CODE_CLASS_TEMPORARY, "unknown kind" }, { "5.0.9", MD_CODE_CLASS_PERMANENT, "another kind" },
    { "5.1.99", MD_CODE_CLASS_PERMANENT, "address" }, { "4.2.9", MD_CODE_CLASS_TEMPORARY, "mailbox" },
    { "5.3.99", MD_CODE_CLASS_PERMANENT, "mail system" }, { "4.4.99", MD_CODE_CLASS_TEMPORARY, "network or routing" },
    { "5.5.99", MD_CODE_CLASS_PERMANENT, "protocol" }, { "5.6.99", MD_CODE_CLASS_PERMANENT, "content" },
    { "5.7.999", MD_CODE_CLASS_PERMANENT, "security or policy" }, { "2.8.1", MD_CODE_CLASS_SUCCESS, "unknown kind" },
    { "3.1.1", MD_CODE_CLASS_UNKNOWN, "unknown kind" }, { "", MD_CODE_CLASS_UNKNOWN, "unknown kind" },
  };
  g_autoptr(MdCodeInfo) known = md_codes_describe_enhanced ("5.1.1");
  g_autoptr(MdCodeInfo) known_reply = md_codes_describe_reply (550);

  for (guint i = 0; i < G_N_ELEMENTS (replies); i++)
    {
      g_autoptr(MdCodeInfo) info = md_codes_describe_reply (replies[i].code);
      g_autofree char *number = g_strdup_printf ("%u", replies[i].code);

      assert_filled (info);
      g_assert_cmpstr (info->code, ==, number);
      g_assert_cmpint (info->origin, ==, MD_CODE_ORIGIN_DERIVED);
      g_assert_cmpint (info->klass, ==, replies[i].klass);
      g_assert_null (info->vendor);
      g_assert_nonnull (strstr (info->meaning, replies[i].topic));
    }
  for (guint i = 0; i < G_N_ELEMENTS (enhanced); i++)
    {
      g_autoptr(MdCodeInfo) info = md_codes_describe_enhanced (enhanced[i].code);

      assert_filled (info);
      g_assert_cmpstr (info->code, ==, enhanced[i].code);
      g_assert_cmpint (info->origin, ==, MD_CODE_ORIGIN_DERIVED);
      g_assert_cmpint (info->klass, ==, enhanced[i].klass);
      g_assert_nonnull (strstr (info->meaning, enhanced[i].topic));
    }

  g_assert_cmpint (known->origin, ==, MD_CODE_ORIGIN_STANDARD);
  g_assert_cmpstr (known->code, ==, "5.1.1");
  g_assert_cmpint (known->reason, ==, MD_REASON_USERUNKNOWN);
  g_assert_cmpstr (known_reply->code, ==, "550");
  g_assert_cmpint (known_reply->origin, ==, MD_CODE_ORIGIN_STANDARD);

  /* Not codes at all. */
  g_assert_null (md_codes_lookup_enhanced ("5.1"));
  g_assert_null (md_codes_lookup_enhanced ("3.1.1"));
  g_assert_null (md_codes_lookup_enhanced ("5.1.1.1"));
  g_assert_null (md_codes_lookup_enhanced ("5.1.1 "));
  g_assert_null (md_codes_lookup_enhanced ("5.1234.1"));
  g_assert_null (md_codes_lookup_enhanced ("5..1"));
  g_assert_null (md_codes_lookup_enhanced (""));
  g_assert_null (md_codes_lookup_enhanced (NULL));
  g_assert_null (md_codes_lookup_standard ("x.1.1"));
}

static void
test_class_from_digit (void)
{
  static const struct { char digit; MdCodeClass klass; } cases[] = {
    { '1', MD_CODE_CLASS_POSITIVE_PRELIMINARY }, { '2', MD_CODE_CLASS_SUCCESS },
    { '3', MD_CODE_CLASS_INTERMEDIATE }, { '4', MD_CODE_CLASS_TEMPORARY }, { '5', MD_CODE_CLASS_PERMANENT },
    { '0', MD_CODE_CLASS_UNKNOWN }, { '6', MD_CODE_CLASS_UNKNOWN }, { 'X', MD_CODE_CLASS_UNKNOWN },
    { '\0', MD_CODE_CLASS_UNKNOWN },
  };
  GHashTable *names = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *name = md_code_class_to_string (cases[i].klass);

      g_assert_cmpint (md_code_class_from_digit (cases[i].digit), ==, cases[i].klass);
      g_assert_true (name != NULL && *name);
      g_hash_table_add (names, (gpointer) name);
    }
  /* Six classes, six different names. */
  g_assert_cmpuint (g_hash_table_size (names), ==, 6);
  g_hash_table_unref (names);
}

static void
test_reasons (void)
{
  static const char *sisimai[] = {
    "undefined", "authfailure", "badreputation", "blocked", "contenterror", "delivered", "exceedlimit",
    "expired", "feedback", "filtered", "hasmoved", "hostunknown", "mailboxfull", "mailererror",
    "mesgtoobig", "networkerror", "norelaying", "notaccept", "notcompliantrfc", "onhold",
    "policyviolation", "rejected", "requireptr", "securityerror", "spamdetected", "speeding", "suspend",
    "syntaxerror", "systemerror", "systemfull", "toomanyconn", "userunknown", "vacation", "virusdetected",
  };
  guint hard = 0;

  G_STATIC_ASSERT (G_N_ELEMENTS (sisimai) == MD_REASON_LAST);
  for (MdReason reason = 0; reason < MD_REASON_LAST; reason++)
    {
      const char *id = md_reason_to_id (reason);

      g_assert_cmpstr (id, ==, sisimai[reason]);
      g_assert_cmpint (md_reason_from_id (id), ==, reason);
      g_assert_true (*md_reason_get_title (reason));
      g_assert_true (*md_reason_get_explanation (reason));
      g_assert_true (*md_reason_get_advice (reason));
      g_assert_true (*md_actor_get_label (md_reason_get_actor (reason, TRUE)));
      /* A temporary failure is retried: nobody has to act yet. */
      g_assert_cmpint (md_reason_get_actor (reason, FALSE), ==, MD_ACTOR_NOBODY);
      g_assert_false (md_reason_is_hard_bounce (reason, FALSE));
      hard += md_reason_is_hard_bounce (reason, TRUE);
    }
  g_assert_cmpuint (hard, ==, 4);
  g_assert_true (md_reason_is_hard_bounce (MD_REASON_USERUNKNOWN, TRUE));
  g_assert_true (md_reason_is_hard_bounce (MD_REASON_HOSTUNKNOWN, TRUE));
  g_assert_true (md_reason_is_hard_bounce (MD_REASON_HASMOVED, TRUE));
  g_assert_true (md_reason_is_hard_bounce (MD_REASON_NOTACCEPT, TRUE));
  g_assert_cmpint (md_reason_from_id ("UserUnknown"), ==, MD_REASON_USERUNKNOWN);
  g_assert_cmpint (md_reason_from_id ("no such reason"), ==, MD_REASON_UNDEFINED);
  g_assert_cmpint (md_reason_from_id (NULL), ==, MD_REASON_UNDEFINED);

  g_assert_cmpint (md_reason_get_actor (MD_REASON_MAILBOXFULL, TRUE), ==, MD_ACTOR_RECIPIENT);
  g_assert_cmpint (md_reason_get_actor (MD_REASON_USERUNKNOWN, TRUE), ==, MD_ACTOR_SENDER);
  g_assert_cmpint (md_reason_get_actor (MD_REASON_AUTHFAILURE, TRUE), ==, MD_ACTOR_SENDER_ADMIN);
  g_assert_cmpint (md_reason_get_actor (MD_REASON_SYSTEMFULL, TRUE), ==, MD_ACTOR_RECIPIENT_ADMIN);
  g_assert_cmpstr (md_actor_to_id (MD_ACTOR_NOBODY), ==, "nobody");
  g_assert_cmpstr (md_actor_to_id (MD_ACTOR_SENDER), ==, "sender");
  g_assert_cmpstr (md_actor_to_id (MD_ACTOR_SENDER_ADMIN), ==, "sender-admin");
  g_assert_cmpstr (md_actor_to_id (MD_ACTOR_RECIPIENT), ==, "recipient");
  g_assert_cmpstr (md_actor_to_id (MD_ACTOR_RECIPIENT_ADMIN), ==, "recipient-admin");
}

/* gettext hands back its argument itself when it has no translation. */
static void
assert_translated (const char *msgid)
{
  if (msgid != NULL && _(msgid) == msgid)
    g_error ("no French for \"%s\"", msgid);
}

static void
assert_info_translated (const MdCodeInfo *info)
{
  assert_translated (info->title);
  assert_translated (info->meaning);
  assert_translated (info->advice);
}

static void
test_french (void)
{
  g_autoptr(MdCodeInfo) info = NULL;
  g_autoptr(MdCodeInfo) derived = NULL;
  g_autoptr(MdCodeInfo) reply = NULL;
  const char *why = NULL;

  if (!md_test_language_set ("fr", &why))
    {
      g_test_skip (why);
      return;
    }

  info = md_codes_describe_enhanced ("5.2.2");
  g_assert_cmpstr (info->title, ==, "Boîte aux lettres pleine");
  g_assert_cmpstr (md_reason_get_title (MD_REASON_USERUNKNOWN), ==, "Adresse inexistante");
  g_assert_cmpstr (md_code_class_to_string (MD_CODE_CLASS_PERMANENT), ==, "Échec définitif");
  derived = md_codes_describe_enhanced ("5.6.99");
  g_assert_nonnull (strstr (derived->meaning, "contenu"));
  reply = md_codes_describe_reply (550);
  g_assert_cmpstr (reply->title, !=, md_codes_lookup_reply (550)->title);

  /* Every sentence of every table. */
  for (gsize i = 0; i < md_n_reply_codes; i++)
    assert_info_translated (&md_reply_codes[i].info);
  for (gsize i = 0; i < md_n_enhanced_codes; i++)
    assert_info_translated (&md_enhanced_codes[i].infos[2]);
  for (gsize i = 0; i < md_n_provider_codes; i++)
    assert_info_translated (&md_provider_codes[i].info);
  for (gsize i = 0; i < md_n_provider_ranges; i++)
    assert_info_translated (&md_provider_ranges[i].info);
  for (MdReason reason = 0; reason < MD_REASON_LAST; reason++)
    {
      assert_translated (md_reasons[reason].title);
      assert_translated (md_reasons[reason].explanation);
      assert_translated (md_reasons[reason].advice);
    }

  md_test_language_set ("en", &why);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/md/codes/seed-reply-codes", test_seed_reply_codes);
  g_test_add_func ("/md/codes/tables-sorted", test_tables_sorted);
  g_test_add_func ("/md/codes/iana-registry", test_iana_registry);
  g_test_add_func ("/md/codes/seed-enhanced-codes", test_seed_enhanced_codes);
  g_test_add_func ("/md/codes/provider-codes", test_provider_codes);
  g_test_add_func ("/md/codes/provider-ranges", test_provider_ranges);
  g_test_add_func ("/md/codes/derived", test_derived_meanings);
  g_test_add_func ("/md/codes/class-from-digit", test_class_from_digit);
  g_test_add_func ("/md/codes/reasons", test_reasons);
  g_test_add_func ("/md/codes/french", test_french);

  return g_test_run ();
}
