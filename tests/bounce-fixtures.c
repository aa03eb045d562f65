/* bounce-fixtures.c — the bounce fixtures of tests/bounces/ and their expected verdicts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bounce-fixtures.h"

static void
expectation_free (gpointer data)
{
  BounceExpectation *e = data;

  g_free (e->file);
  g_free (e->recipient);
  g_free (e->status);
  g_free (e->reason);
  g_free (e);
}

static char *
field (const char *value)
{
  return g_str_equal (value, "-") ? NULL : g_strdup (value);
}

/* Reads tests/bounces/expected.tsv. */
GPtrArray *
bounce_expectations_load (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "bounces", "expected.tsv", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *expectations = g_ptr_array_new_with_free_func (expectation_free);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cols = NULL;
      BounceExpectation *e;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      cols = g_strsplit (lines[i], "\t", -1);
      g_assert_cmpuint (g_strv_length (cols), ==, 7);

      e = g_new0 (BounceExpectation, 1);
      e->file = g_strdup (cols[0]);
      e->index = (guint) g_ascii_strtoull (cols[1], NULL, 10);
      e->recipient = field (cols[2]);
      e->status = field (cols[3]);
      e->reply_code = g_str_equal (cols[4], "-") ? 0 : (guint) g_ascii_strtoull (cols[4], NULL, 10);
      e->reason = field (cols[5]);
      e->permanent = g_str_equal (cols[6], "-") ? -1 : (int) g_ascii_strtoll (cols[6], NULL, 10);
      g_ptr_array_add (expectations, e);
    }

  return expectations;
}

/* The distinct file names, in order; the strings belong to @expectations. */
GPtrArray *
bounce_expectations_files (GPtrArray *expectations)
{
  GPtrArray *files = g_ptr_array_new ();

  for (guint i = 0; i < expectations->len; i++)
    {
      BounceExpectation *e = g_ptr_array_index (expectations, i);

      if (e->index == 1)
        g_ptr_array_add (files, e->file);
    }

  return files;
}

GBytes *
bounce_fixture_load (const char *file)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "bounces", file, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

/* The same bytes with every LF made @line_end ("\r\n" or "\r"). */
GBytes *
bounce_with_line_ends (GBytes     *bytes,
                       const char *line_end)
{
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);
  GString *out = g_string_sized_new (length * 2);

  for (gsize i = 0; i < length; i++)
    {
      if (data[i] == '\n')
        g_string_append (out, line_end);
      else
        g_string_append_c (out, data[i]);
    }

  return g_string_free_to_bytes (out);
}
