/* test-codes.c — the knowledge base: every code of the seeds and of the IANA
 * registry, derived meanings, provider ranges, reasons, French
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "md-codes.h"

/* Every reply code the providers' guides name. */
static const guint seed_reply_codes[] = {
  101, 111, 120, 130, 211, 214, 220, 221, 250, 251, 252, 354, 420, 421, 422, 431, 432, 441, 442,
  446, 447, 449, 450, 451, 452, 455, 471, 500, 501, 502, 503, 504, 510, 511, 512, 513, 523, 530,
  541, 550, 551, 552, 553, 554, 555,
};

static void
test_seed_reply_codes (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (seed_reply_codes); i++)
    {
      const MdCodeInfo *info = md_codes_lookup_reply (seed_reply_codes[i]);
      char first = '0' + seed_reply_codes[i] / 100;

      g_assert_nonnull (info);
      g_assert_cmpint (info->klass, ==, md_code_class_from_digit (first));
      g_assert_true (info->title != NULL && *info->title);
      g_assert_true (info->meaning != NULL && *info->meaning);
      g_assert_true (info->advice != NULL && *info->advice);
    }

  /* Client-side and vendor codes say so. */
  g_assert_cmpint (md_codes_lookup_reply (111)->origin, ==, MD_CODE_ORIGIN_CLIENT);
  g_assert_cmpstr (md_codes_lookup_reply (420)->vendor, ==, "GroupWise");
  g_assert_cmpstr (md_codes_lookup_reply (449)->vendor, ==, "Exchange");
  g_assert_cmpint (md_codes_lookup_reply (450)->klass, ==, MD_CODE_CLASS_TEMPORARY);
}

static void
test_iana_registry (void)
{
  const char *path = g_getenv ("MD_IANA_CSV");
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  guint checked = 0;

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
      for (guint c = 0; c < G_N_ELEMENTS (classes); c++)
        {
          g_autofree char *code = g_strndup (lines[i], strcspn (lines[i], ","));
          const MdCodeInfo *info;

          code[0] = classes[c];
          info = md_codes_lookup_enhanced (code);
          if (info == NULL)
            g_error ("%s from the IANA registry is not in the knowledge base", code);
          g_assert_cmpint (info->klass, ==, md_code_class_from_digit (classes[c]));
          g_assert_true (info->title != NULL && *info->title);
          g_assert_true (info->meaning != NULL && *info->meaning);
          checked++;
        }
    }
  g_assert_cmpuint (checked, >=, 3 * 80);
}

static void
test_seed_enhanced_codes (void)
{
  static const struct { const char *code; MdReason reason; } cases[] = {
    { "4.3.1", MD_REASON_SYSTEMFULL }, { "4.3.2", MD_REASON_SYSTEMERROR }, { "4.4.1", MD_REASON_NETWORKERROR },
    { "4.4.2", MD_REASON_NETWORKERROR }, { "4.4.7", MD_REASON_EXPIRED }, { "5.1.0", MD_REASON_UNDEFINED },
    { "5.1.1", MD_REASON_USERUNKNOWN }, { "5.2.2", MD_REASON_MAILBOXFULL }, { "5.2.3", MD_REASON_MESGTOOBIG },
    { "5.4.4", MD_REASON_HOSTUNKNOWN }, { "5.5.3", MD_REASON_EXCEEDLIMIT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const MdCodeInfo *info = md_codes_lookup_enhanced (cases[i].code);

      g_assert_nonnull (info);
      g_assert_cmpstr (md_reason_to_id (info->reason), ==, md_reason_to_id (cases[i].reason));
    }
}

static void
test_provider_codes (void)
{
  const MdCodeInfo *info = md_codes_lookup_enhanced ("5.7.26");

  g_assert_cmpstr (info->vendor, ==, "Gmail");
  g_assert_cmpint (info->reason, ==, MD_REASON_AUTHFAILURE);

  /* Inside and at the edges of a documented range; just outside it. */
  g_assert_cmpstr (md_codes_lookup_enhanced ("5.7.606")->vendor, ==, "Microsoft 365");
  g_assert_cmpstr (md_codes_lookup_enhanced ("5.7.620")->vendor, ==, "Microsoft 365");
  g_assert_cmpint (md_codes_lookup_enhanced ("5.7.649")->reason, ==, MD_REASON_BLOCKED);
  g_assert_null (md_codes_lookup_enhanced ("5.7.650"));
  g_assert_cmpint (md_codes_lookup_enhanced ("4.7.650")->reason, ==, MD_REASON_SPEEDING);
}

static void
test_derived_meanings (void)
{
  g_autoptr(MdCodeInfo) reply = md_codes_describe_reply (558);
  g_autoptr(MdCodeInfo) enhanced = md_codes_describe_enhanced ("4.9.99");
  g_autoptr(MdCodeInfo) known = md_codes_describe_enhanced ("5.1.1");

  g_assert_cmpint (reply->origin, ==, MD_CODE_ORIGIN_DERIVED);
  g_assert_cmpint (reply->klass, ==, MD_CODE_CLASS_PERMANENT);
  g_assert_nonnull (strstr (reply->meaning, "mail system"));
  g_assert_cmpint (enhanced->klass, ==, MD_CODE_CLASS_TEMPORARY);
  g_assert_nonnull (strstr (enhanced->meaning, "unknown kind"));
  g_assert_cmpint (known->origin, ==, MD_CODE_ORIGIN_STANDARD);
  g_assert_cmpstr (known->code, ==, "5.1.1");

  /* Not codes at all. */
  g_assert_null (md_codes_lookup_enhanced ("5.1"));
  g_assert_null (md_codes_lookup_enhanced ("3.1.1"));
  g_assert_null (md_codes_lookup_enhanced ("5.1.1.1"));
  g_assert_null (md_codes_lookup_enhanced ("5.1234.1"));
  g_assert_null (md_codes_lookup_enhanced (""));
  g_assert_null (md_codes_lookup_reply (0));
}

static void
test_reasons (void)
{
  for (MdReason reason = 0; reason < MD_REASON_LAST; reason++)
    {
      const char *id = md_reason_to_id (reason);

      g_assert_true (id != NULL && *id);
      g_assert_cmpint (md_reason_from_id (id), ==, reason);
      g_assert_true (*md_reason_get_title (reason));
      g_assert_true (*md_reason_get_explanation (reason));
      g_assert_true (*md_reason_get_advice (reason));
      /* A temporary failure is retried: nobody has to act yet. */
      g_assert_cmpint (md_reason_get_actor (reason, FALSE), ==, MD_ACTOR_NOBODY);
    }
  g_assert_true (md_reason_is_hard_bounce (MD_REASON_USERUNKNOWN, TRUE));
  g_assert_false (md_reason_is_hard_bounce (MD_REASON_USERUNKNOWN, FALSE));
  g_assert_false (md_reason_is_hard_bounce (MD_REASON_MAILBOXFULL, TRUE));
  g_assert_cmpint (md_reason_get_actor (MD_REASON_MAILBOXFULL, TRUE), ==, MD_ACTOR_RECIPIENT);
}

static void
test_french (void)
{
  const char *localedir = g_getenv ("MD_LOCALEDIR");
  g_autoptr(MdCodeInfo) info = NULL;

  if (localedir == NULL)
    {
      g_test_skip ("MD_LOCALEDIR is not set");
      return;
    }
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_setenv ("LANGUAGE", "fr", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  textdomain (GETTEXT_PACKAGE);

  info = md_codes_describe_enhanced ("5.2.2");
  g_assert_cmpstr (info->title, ==, "Boîte aux lettres pleine");
  g_assert_cmpstr (md_reason_get_title (MD_REASON_USERUNKNOWN), ==, "Adresse inexistante");

  g_setenv ("LANGUAGE", "en", TRUE);
  textdomain (GETTEXT_PACKAGE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/md/codes/seed-reply-codes", test_seed_reply_codes);
  g_test_add_func ("/md/codes/iana-registry", test_iana_registry);
  g_test_add_func ("/md/codes/seed-enhanced-codes", test_seed_enhanced_codes);
  g_test_add_func ("/md/codes/provider-codes", test_provider_codes);
  g_test_add_func ("/md/codes/derived", test_derived_meanings);
  g_test_add_func ("/md/codes/reasons", test_reasons);
  g_test_add_func ("/md/codes/french", test_french);

  return g_test_run ();
}
