/* md-cli-analyze.c — `mail-doctor analyze [FILE…|-] [--json]`: explain bounces on the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exit status (documented in --help):
 *   0  delivered, nothing wrong
 *   1  a temporary failure: the server keeps trying
 *   2  a permanent failure, or a delivery the server gave up on
 *   3  no bounce found in any input
 *   4  usage error or an input could not be read
 * With several files, the worst one decides: 4, then 2, 1, 0, and 3 only
 * when no file was a bounce.
 */

#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "md-bounce-report.h"
#include "md-cli.h"

#define EXIT_USAGE       4
#define MAX_INPUT_BYTES  (512 * 1024 * 1024)

static GBytes *
read_stdin (GError **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 buffer[65536];
  size_t n;

  while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
    {
      if (data->len + n > MAX_INPUT_BYTES)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, _("The input is larger than 512 MB"));
          return NULL;
        }
      g_byte_array_append (data, buffer, n);
    }

  if (ferror (stdin))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not read standard input"));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static GBytes *
read_input (const char  *path,
            GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;

  if (g_str_equal (path, "-"))
    return read_stdin (error);

  file = g_file_new_for_commandline_arg (path);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, _("This is a folder, not a file"));
      return NULL;
    }
  if (g_file_info_get_size (info) > MAX_INPUT_BYTES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, _("The file is larger than 512 MB"));
      return NULL;
    }

  return g_file_load_bytes (file, NULL, NULL, error);
}

/* Worst first: read error, permanent, temporary, delivered, not a bounce. */
static int
rank (int status)
{
  switch (status)
    {
    case EXIT_USAGE:
      return 4;
    case MD_BOUNCE_OUTCOME_PERMANENT:
      return 3;
    case MD_BOUNCE_OUTCOME_TEMPORARY:
      return 2;
    case MD_BOUNCE_OUTCOME_DELIVERED:
      return 1;
    case MD_BOUNCE_OUTCOME_NOT_BOUNCE:
    default:
      return 0;
    }
}

int
md_cli_analyze (int    argc,
                char **argv)
{
  gboolean json = FALSE;
  g_auto(GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { "json", 'j', 0, G_OPTION_ARG_NONE, &json, N_("Print the reports as JSON"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *parameters = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_auto(GStrv) args = NULL;
  const char *stdin_only[] = { "-", NULL };
  const char * const *inputs;
  int result = MD_BOUNCE_OUTCOME_NOT_BOUNCE;

  g_return_val_if_fail (argc >= 1, EXIT_USAGE);

  /* The usage line shows the program's name: the verb goes with the parameters. */
  parameters = g_strdup_printf ("analyze %s", _("[FILE…|-]"));
  context = g_option_context_new (parameters);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Explain bounce messages: every SMTP code found, the reason, "
                                  "who must act and what to do. With no FILE, or when FILE is -, "
                                  "read standard input."));
  g_option_context_set_description (context,
                                    _("Exit status:\n"
                                      "  0  delivered, nothing wrong\n"
                                      "  1  a temporary failure: the sending server keeps trying\n"
                                      "  2  a permanent failure, or a delivery the sending server gave up on\n"
                                      "  3  no bounce found\n"
                                      "  4  usage error, or an input could not be read\n"
                                      "With several files, the worst outcome decides."));

  /* GOptionContext wants to own and rearrange the vector. */
  args = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);

  if (!g_option_context_parse_strv (context, &args, &error))
    {
      g_printerr ("mail-doctor analyze: %s\n", error->message);
      return EXIT_USAGE;
    }

  if (files == NULL || files[0] == NULL)
    {
      if (isatty (STDIN_FILENO))
        {
          g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

          g_printerr ("%s", help);
          return EXIT_USAGE;
        }
      inputs = stdin_only;
    }
  else
    inputs = (const char * const *) files;

  if (json)
    {
      builder = json_builder_new ();
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "schema");
      json_builder_add_string_value (builder, "mail-doctor/bounce-report");
      json_builder_set_member_name (builder, "version");
      json_builder_add_int_value (builder, 1);
      json_builder_set_member_name (builder, "reports");
      json_builder_begin_array (builder);
    }

  for (guint i = 0; inputs[i] != NULL; i++)
    {
      const char *path = inputs[i];
      g_autoptr(GError) read_error = NULL;
      g_autoptr(GBytes) bytes = read_input (path, &read_error);
      g_autoptr(MdBounceReport) report = NULL;
      g_autofree char *display = g_filename_display_name (path);
      int status;

      if (bytes == NULL)
        {
          /* Translators: "mail-doctor analyze: cannot read FILE: REASON" */
          g_printerr (_("mail-doctor analyze: cannot read %s: %s\n"), display, read_error->message);
          if (json)
            {
              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "path");
              json_builder_add_string_value (builder, display);
              json_builder_set_member_name (builder, "error");
              json_builder_add_string_value (builder, read_error->message);
              json_builder_end_object (builder);
            }
          status = EXIT_USAGE;
        }
      else
        {
          report = md_bounce_report_new_from_bytes (bytes);
          status = md_bounce_report_get_outcome (report);

          if (json)
            json_builder_add_value (builder, md_bounce_report_to_json (report, display));
          else
            {
              g_autofree char *text = md_bounce_report_to_text (report);

              if (inputs[1] != NULL)
                g_print ("%s==> %s <==\n", i > 0 ? "\n" : "", display);
              g_print ("%s", text);
            }
        }

      if (i == 0 || rank (status) > rank (result))
        result = status;
    }

  if (json)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
    }

  return result;
}
