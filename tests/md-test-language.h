/* md-test-language.h — switch the tests' language, where the C library allows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Binds the catalog meson built ($MD_LOCALEDIR) and makes gettext speak
 * LANGUAGE ("fr", "en") for every string translated from now on. FALSE,
 * with the reason in *why, when this machine cannot: the test then skips. */
gboolean md_test_language_set (const char  *language,
                               const char **why);

G_END_DECLS
