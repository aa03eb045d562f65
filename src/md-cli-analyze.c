/* md-cli-analyze.c — `mail-doctor analyze` (being written)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "md-cli.h"

int
md_cli_analyze (int    argc,
           char **argv)
{
  return 4;
}
