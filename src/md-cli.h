/* md-cli.h — the command-line face of Mail Doctor: `check` and `analyze`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Each verb gets its own argv: argv[0] is the verb's name. They return the
 * process exit status and never need a display. */
int md_cli_check   (int    argc,
                    char **argv);
int md_cli_analyze (int    argc,
                    char **argv);

G_END_DECLS
