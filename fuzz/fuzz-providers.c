/* fuzz-providers.c — libFuzzer target over the provider profiles parser
 * (the shape of data/providers.json) and what the checks ask of a profile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>

#include "md-provider.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const hosts[] = { "mx1.mail.ovh.net", "ex.mail.ovh.net", "aspmx.l.google.com", "", "." };
  g_autoptr(GPtrArray) providers = NULL;

  if (size > G_MAXSSIZE)
    return 0;

  providers = md_provider_parse_all ((const char *) data, (gssize) size, NULL);
  if (providers == NULL)
    return 0;

  for (guint i = 0; i < providers->len; i++)
    {
      MdProvider *provider = g_ptr_array_index (providers, i);
      g_autoptr(GPtrArray) expected = NULL;
      const char * const *targets;
      guint n_servers = 0;

      /* A parsed profile always has what every check relies on. */
      g_assert_nonnull (md_provider_get_id (provider));
      g_assert_nonnull (md_provider_get_name (provider));
      md_provider_get_webmail_url (provider);
      md_provider_get_control_panel_url (provider);
      md_provider_get_password_reset_url (provider);
      md_provider_get_status_page_url (provider);
      md_provider_get_status_api_url (provider);
      md_provider_get_spf_include (provider);

      expected = md_provider_dup_expected_mx (provider, "example.com");
      g_assert_nonnull (expected);

      for (guint j = 0; j < G_N_ELEMENTS (hosts); j++)
        {
          md_provider_is_legacy_mx (provider, hosts[j]);
          md_provider_is_alternative_mx (provider, hosts[j]);
          md_provider_matches_host (provider, hosts[j]);
        }

      if (md_provider_has_autodiscover (provider))
        md_provider_get_autodiscover_port (provider);
      targets = md_provider_get_autodiscover_targets (provider);
      for (guint j = 0; targets != NULL && targets[j] != NULL; j++)
        g_assert_nonnull (targets[j]);
      md_provider_get_servers (provider, &n_servers);
    }

  return 0;
}
