/* fuzz-dns-txt.c — libFuzzer target over the SPF and DMARC parsers: TXT
 * records are whatever a domain's owner (or an attacker) publishes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "md-spf.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
check_spf (const char *text)
{
  g_autoptr(MdSpfRecord) record = md_spf_parse (text);

  g_assert_true (md_spf_is_spf (text) || record->errors->len == 1);
  for (guint i = 0; i < record->terms->len; i++)
    {
      MdSpfTerm *term = g_ptr_array_index (record->terms, i);

      g_assert_nonnull (term->text);
      g_assert_true (g_utf8_validate (term->text, -1, NULL));
      g_assert_nonnull (strchr ("+-~?", term->qualifier));
      g_assert_true (term->kind >= MD_SPF_ALL && term->kind <= MD_SPF_EXP);
      g_assert_true (term->value == NULL || *term->value != '\0');
      md_spf_kind_costs_lookup (term->kind);
    }
  for (guint i = 0; i < record->errors->len; i++)
    g_assert_true (g_utf8_validate (g_ptr_array_index (record->errors, i), -1, NULL));
}

static void
check_dmarc (const char *text)
{
  g_autoptr(MdDmarcRecord) record = md_dmarc_parse (text);

  g_assert_true (md_dmarc_is_dmarc (text) || record->errors->len == 1);
  g_assert_cmpint (record->percent, >=, 0);
  g_assert_cmpint (record->percent, <=, 100);
  /* A record without errors always has a policy the check can name. */
  g_assert_true (record->errors->len > 0 || record->policy != NULL);
  g_assert_true (record->policy == NULL || g_str_equal (record->policy, "none") ||
                 g_str_equal (record->policy, "quarantine") || g_str_equal (record->policy, "reject"));
  for (guint i = 0; i < record->aggregate_reports->len; i++)
    g_assert_nonnull (strchr (g_ptr_array_index (record->aggregate_reports, i), ':'));
  for (guint i = 0; i < record->errors->len; i++)
    g_assert_true (g_utf8_validate (g_ptr_array_index (record->errors, i), -1, NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* A TXT record is made of 255-byte strings joined: a few kilobytes at most. */
  g_autofree char *text = g_strndup ((const char *) data, MIN (size, 65536));
  g_autofree char *spf = g_strconcat ("v=spf1 ", text, NULL);
  g_autofree char *dmarc = g_strconcat ("v=DMARC1; ", text, NULL);

  /* As published, and behind each version tag so that the terms are read. */
  check_spf (text);
  check_spf (spf);
  check_dmarc (text);
  check_dmarc (dmarc);

  return 0;
}
