/* fuzz-bounce.c — libFuzzer target over the bounce analyzer: scan, parse, classify, report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "md-bounce-report.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(MdBounceReport) report = md_bounce_report_new_from_bytes (bytes);
  g_autoptr(JsonNode) json = md_bounce_report_to_json (report, NULL);
  g_autofree char *text = md_bounce_report_to_text (report);
  const MdCodeSpan *findings;
  guint n = 0;

  /* Every span lies inside the input and holds its code's characters. */
  findings = md_bounce_report_get_findings (report, &n);
  for (guint i = 0; i < n; i++)
    {
      if (findings[i].offset + findings[i].length > size ||
          memcmp (data + findings[i].offset, findings[i].code, findings[i].length) != 0)
        __builtin_trap ();
    }

  /* Every string handed to the UI is valid UTF-8. */
  if (!g_utf8_validate (text, -1, NULL) || !g_utf8_validate (md_bounce_report_get_headline (report), -1, NULL))
    __builtin_trap ();
  for (guint i = 0; i < md_bounce_report_get_n_recipients (report); i++)
    {
      const MdBounceRecipient *r = md_bounce_report_get_recipient (report, i);

      if ((r->recipient != NULL && !g_utf8_validate (r->recipient, -1, NULL)) ||
          (r->diagnostic != NULL && !g_utf8_validate (r->diagnostic, -1, NULL)))
        __builtin_trap ();
    }

  return 0;
}
