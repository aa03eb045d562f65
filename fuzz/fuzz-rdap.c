/* fuzz-rdap.c — libFuzzer target over the parsers of what web servers send:
 * RDAP domain objects, the IANA RDAP bootstrap and Statuspage summaries.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>

#include "md-rdap.h"
#include "md-status-page.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const names[] = { "example.com", "a.b.example.co.uk", "fr", "", "." };
  const char *text = (const char *) data;
  g_autoptr(MdRdapDomain) domain = NULL;
  g_autoptr(MdRdapBootstrap) bootstrap = NULL;
  g_autoptr(MdStatusSummary) summary = NULL;

  domain = md_rdap_domain_parse (text, size, NULL);
  if (domain != NULL)
    {
      /* Everything the checks read must be there and readable. */
      g_assert_nonnull (domain->ldh_name);
      g_assert_nonnull (domain->status);
      g_assert_nonnull (domain->nameservers);
      for (guint i = 0; domain->status[i] != NULL; i++)
        md_rdap_status_to_flag (domain->status[i]);
    }

  bootstrap = md_rdap_bootstrap_parse (text, size, NULL);
  if (bootstrap != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      md_rdap_bootstrap_lookup (bootstrap, names[i]);

  summary = md_status_summary_parse (text, size, NULL);
  if (summary != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      for (guint i = 0; i < summary->maintenances->len; i++)
        md_status_event_is_in_progress (g_ptr_array_index (summary->maintenances, i), now);
      for (guint i = 0; i < summary->incidents->len; i++)
        g_assert_nonnull (((MdStatusEvent *) g_ptr_array_index (summary->incidents, i))->name);
      g_assert_nonnull (summary->degraded);
    }

  return 0;
}
