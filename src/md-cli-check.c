/* md-cli-check.c — `mail-doctor check` (being written)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "md-cli.h"

int
md_cli_check (int    argc,
           char **argv)
{
  return 4;
}
