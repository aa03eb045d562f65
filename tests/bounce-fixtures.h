/* bounce-fixtures.h — the bounce fixtures of tests/bounces/ and their expected verdicts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One line of tests/bounces/expected.tsv; NULL where the file says "-". */
typedef struct {
  char  *file;
  guint  index;        /* from 1 */
  char  *recipient;
  char  *status;
  guint  reply_code;   /* 0 for "-" */
  char  *reason;
  int    permanent;    /* 1, 0, or -1 for "-" */
} BounceExpectation;

GPtrArray *bounce_expectations_load    (void);
GPtrArray *bounce_expectations_files   (GPtrArray   *expectations);
GBytes    *bounce_fixture_load         (const char  *file);
GBytes    *bounce_with_line_ends       (GBytes      *bytes,
                                        const char  *line_end);

G_END_DECLS
