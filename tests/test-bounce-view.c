/* test-bounce-view.c — the bounce paste box under Xvfb: highlight, findings, files, languages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "md-bounce-analysis.h"
#include "md-bounce-scanner.h"
#include "md-bounce-text.h"
#include "md-bounce-view.h"
#include "md-finding-row.h"
#include "md-test-ui.h"
#include "md-window.h"

/* ---- Making any bytes displayable, spans kept ---------------------------- */

static void
test_text_make_valid (void)
{
  static const char junk[] = "ok \xff\xfe then\0nul and \xc3\xa9t\xc3\xa9 \xe2\x82 cut";
  gsize length = 0;
  g_autofree char *valid = md_bounce_text_make_valid (junk, sizeof junk - 1, &length);

  g_assert_true (g_utf8_validate (valid, length, NULL));
  g_assert_cmpuint (strlen (valid), ==, length);
  /* One U+FFFD per bad byte: two for \xff\xfe, one for NUL, two for the cut sequence. */
  g_assert_cmpstr (valid, ==, "ok \xEF\xBF\xBD\xEF\xBF\xBD then\xEF\xBF\xBDnul and \xc3\xa9t\xc3\xa9 \xEF\xBF\xBD\xEF\xBF\xBD cut");

  g_free (valid);
  valid = md_bounce_text_make_valid ("", 0, &length);
  g_assert_cmpstr (valid, ==, "");
  g_assert_cmpuint (length, ==, 0);

  /* What g_bytes_get_data() gives for no bytes. */
  g_free (valid);
  valid = md_bounce_text_make_valid (NULL, 0, &length);
  g_assert_cmpstr (valid, ==, "");
  g_assert_cmpuint (length, ==, 0);
}

/* What GtkTextBuffer accepts is what g_utf8_validate() accepts: the fast
 * decoder must replace exactly the bytes it rejects. */
static char *
reference_make_valid (const char *data,
                      gsize       length)
{
  GString *out = g_string_new (NULL);
  gsize pos = 0;

  while (pos < length)
    {
      const char *end;

      g_utf8_validate (data + pos, length - pos, &end);
      g_string_append_len (out, data + pos, end - (data + pos));
      pos = end - data;
      if (pos < length)
        {
          g_string_append (out, "\xEF\xBF\xBD");
          pos++;
        }
    }

  return g_string_free (out, FALSE);
}

static void
test_text_make_valid_random (void)
{
  /* Lead bytes and continuation bytes of every kind, and some ASCII. */
  static const guchar alphabet[] = {
    0x00, 'a', '5', 0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED,
    0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0x90, 0x8F,
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);

  for (guint round = 0; round < 20000; round++)
    {
      guchar data[12];
      gsize length = g_rand_int_range (rand, 0, sizeof data + 1);
      g_autofree char *expected = NULL;
      g_autofree char *valid = NULL;
      gsize valid_length;
      gsize offsets[sizeof data + 1];
      gint64 chars[sizeof data + 1];

      for (gsize i = 0; i < length; i++)
        data[i] = alphabet[g_rand_int_range (rand, 0, G_N_ELEMENTS (alphabet))];

      expected = reference_make_valid ((const char *) data, length);
      valid = md_bounce_text_make_valid ((const char *) data, length, &valid_length);
      g_assert_cmpstr (valid, ==, expected);
      g_assert_cmpuint (valid_length, ==, strlen (expected));

      /* Every offset maps to a character of the valid text, in order. */
      for (gsize i = 0; i <= length; i++)
        offsets[i] = i;
      md_bounce_text_map_offsets ((const char *) data, length, offsets, length + 1, chars);
      g_assert_cmpint (chars[length], ==, g_utf8_strlen (valid, -1));
      for (gsize i = 1; i <= length; i++)
        g_assert_cmpint (chars[i], >=, chars[i - 1]);
      /* An ASCII byte, like the digits of a code, lands on itself. */
      for (gsize i = 0; i < length; i++)
        if (data[i] > 0 && data[i] < 0x80)
          g_assert_cmpint (g_utf8_get_char (g_utf8_offset_to_pointer (valid, chars[i])), ==, data[i]);
    }
}

static void
test_text_map_offsets (void)
{
  /* Codes after invalid bytes, a NUL, accents and CRLF must land on the same
   * characters of the displayed text. */
  static const char raw[] = "\xff\xc3\xa9t\xc3\xa9\0 550\r\n\xe2\x82\xac\xfe 5.1.1 x\xf0\x9f\x93\xa7 421";
  gsize raw_length = sizeof raw - 1;
  const char *codes[] = { "550", "5.1.1", "421" };
  gsize offsets[6];
  gint64 chars[6];
  g_autofree char *valid = md_bounce_text_make_valid (raw, raw_length, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      const char *found = NULL;

      for (gsize at = 0; at + strlen (codes[i]) <= raw_length && found == NULL; at++)
        if (memcmp (raw + at, codes[i], strlen (codes[i])) == 0)
          found = raw + at;
      g_assert_nonnull (found);
      /* Ends first, to check that the order given does not matter. */
      offsets[5 - 2 * i] = found - raw;
      offsets[4 - 2 * i] = found - raw + strlen (codes[i]);
    }

  md_bounce_text_map_offsets (raw, raw_length, offsets, G_N_ELEMENTS (offsets), chars);

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      const char *start = g_utf8_offset_to_pointer (valid, chars[5 - 2 * i]);
      const char *end = g_utf8_offset_to_pointer (valid, chars[4 - 2 * i]);

      g_assert_cmpint (end - start, ==, strlen (codes[i]));
      g_assert_cmpint (memcmp (start, codes[i], strlen (codes[i])), ==, 0);
    }

  /* Past the end maps to the end; inside a character to that character. */
  offsets[0] = raw_length + 10;
  offsets[1] = 2;  /* the second byte of "é" */
  md_bounce_text_map_offsets (raw, raw_length, offsets, 2, chars);
  g_assert_cmpint (chars[0], ==, g_utf8_strlen (valid, -1));
  g_assert_cmpint (chars[1], ==, 1);
}

static void
test_text_chunks (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gsize pos = 0;
  guint n_chunks = 0;

  /* Long lines without newline, multi-byte characters and CRLF line ends. */
  for (guint i = 0; i < 3000; i++)
    g_string_append (text, i % 7 == 0 ? "\xe2\x82\xac\xc3\xa9\r\n" : "\xf0\x9f\x93\xa7 550 5.1.1 ");

  while (pos < text->len)
    {
      gsize end = md_bounce_text_chunk_end (text->str, text->len, pos, 1000);

      g_assert_cmpuint (end, >, pos);
      g_assert_true (g_utf8_validate (text->str + pos, end - pos, NULL));
      g_assert_false (end < text->len && text->str[end - 1] == '\r' && text->str[end] == '\n');
      pos = end;
      n_chunks++;
    }

  g_assert_cmpuint (pos, ==, text->len);
  g_assert_cmpuint (n_chunks, >, 10);
  g_assert_cmpuint (md_bounce_text_chunk_end (text->str, text->len, text->len, 1000), ==, text->len);
  /* A one-byte chunk still ends after a whole character. */
  g_assert_cmpuint (md_bounce_text_chunk_end ("\xf0\x9f\x93\xa7x", 5, 0, 1), ==, 4);
}

/* A large paste is made valid piece by piece as it goes in: cut where the
 * chunks fall, random bytes must give the text made valid at once. */
static void
test_text_chunks_of_junk (void)
{
  static const guchar alphabet[] = {
    0x00, '\n', '\r', 'a', 0x80, 0xBF, 0xC2, 0xDF, 0xE0, 0xE2, 0xED, 0xF0, 0xF4, 0xFF, 0x82, 0xAC,
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);

  for (guint round = 0; round < 200; round++)
    {
      gsize length = g_rand_int_range (rand, 1, 4000);
      g_autofree guchar *data = g_malloc (length);
      g_autofree char *whole = NULL;
      g_autoptr(GString) pieces = g_string_new (NULL);
      gsize chunk_size = g_rand_int_range (rand, 1, 300);

      for (gsize i = 0; i < length; i++)
        data[i] = round % 2 == 0 ? g_rand_int_range (rand, 0, 256)
                                 : alphabet[g_rand_int_range (rand, 0, G_N_ELEMENTS (alphabet))];

      for (gsize pos = 0; pos < length;)
        {
          gsize end = md_bounce_text_chunk_end ((const char *) data, length, pos, chunk_size);
          gsize valid_length;
          g_autofree char *valid = md_bounce_text_make_valid ((const char *) data + pos, end - pos, &valid_length);

          g_assert_cmpuint (end, >, pos);
          g_string_append_len (pieces, valid, valid_length);
          pos = end;
        }

      whole = md_bounce_text_make_valid ((const char *) data, length, NULL);
      g_assert_cmpuint (pieces->len, ==, strlen (whole));
      g_assert_true (memcmp (pieces->str, whole, pieces->len) == 0);
    }
}

/* Binary junk can hold megabytes of continuation bytes: the chunks stay
 * near their size, and whole characters still go together. */
static void
test_text_chunks_of_continuation_bytes (void)
{
  gsize length = 1024 * 1024;
  g_autofree char *data = g_malloc (length);
  static const char mixed[] = "\xf0\x9f" "a" "\xc3\xa9" "\x80\x80\x80\x80";

  data[0] = 'A';
  memset (data + 1, 0x80, length - 1);
  for (gsize pos = 0; pos < length;)
    {
      gsize end = md_bounce_text_chunk_end (data, length, pos, 1000);

      g_assert_cmpuint (end, >, pos);
      g_assert_cmpuint (end - pos, <=, 1000 + 4096);
      pos = end;
    }

  /* A truncated lead byte at the start: the cut goes past its
   * continuation bytes only, never into the next character. */
  g_assert_cmpuint (md_bounce_text_chunk_end (mixed, sizeof mixed - 1, 0, 1), ==, 2);
  g_assert_cmpuint (md_bounce_text_chunk_end (mixed, sizeof mixed - 1, 2, 2), ==, 3);
  /* Continuation bytes far from any lead byte: cut where asked. */
  g_assert_cmpuint (md_bounce_text_chunk_end (mixed, sizeof mixed - 1, 5, 2), ==, 7);
}

/* ---- The view in the real window ----------------------------------------- */

static MdWindow *
open_window (int width,
             int height)
{
  GtkApplication *app = md_test_ui_get_app ();
  GtkWindow *window;

  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (app);
  g_assert_true (MD_IS_WINDOW (window));
  gtk_window_set_default_size (window, width, height);
  md_window_set_view (MD_WINDOW (window), "bounce");
  md_test_ui_iterate (300);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));

  return MD_WINDOW (window);
}

static void
close_window (MdWindow *window)
{
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (GTK_WINDOW (window));
  md_test_ui_iterate (100);
  g_assert_null (window);
}

static MdBounceView *
get_view (MdWindow *window)
{
  GtkWidget *view = md_test_ui_find_by_type (GTK_WIDGET (window), MD_TYPE_BOUNCE_VIEW);

  g_assert_nonnull (view);

  return MD_BOUNCE_VIEW (view);
}

static gboolean
view_is_idle (gpointer data)
{
  return !md_bounce_view_get_busy (data) && md_bounce_view_get_analysis (data) != NULL;
}

static void
wait_for_analysis (MdBounceView *view)
{
  g_assert_true (md_test_ui_wait_for (view_is_idle, view, 20000));
  /* Rows write their labels from an idle. */
  md_test_ui_iterate (50);
}

static GBytes *
load_example (void)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = g_resources_lookup_data (RESOURCE_PATH "/example-bounce.eml", 0, &error);

  g_assert_no_error (error);

  return bytes;
}

static const char *
stack_page (MdBounceView *view)
{
  GtkWidget *stack = md_test_ui_find_by_type (GTK_WIDGET (view), GTK_TYPE_STACK);

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static GPtrArray *
list_rows (GtkListBox *list,
           GType       type)
{
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list)); child; child = gtk_widget_get_next_sibling (child))
    if (g_type_is_a (G_OBJECT_TYPE (child), type))
      g_ptr_array_add (rows, child);

  return rows;
}

static MdFindingRow *
find_row (MdBounceView *view,
          const char   *code)
{
  return md_bounce_panel_lookup_finding (md_bounce_view_get_panel (view), code);
}

/* Every highlighted range, for the code tags (not the DSN field names). */
typedef struct {
  gint64 start;
  gint64 end;
  MdHighlightKind kind;
} Range;

static GArray *
tagged_ranges (MdBounceView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (md_bounce_view_get_text_view (view));
  MdBounceHighlighter *highlighter = md_bounce_view_get_highlighter (view);
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (Range));

  for (MdHighlightKind kind = MD_HIGHLIGHT_SUCCESS; kind < MD_HIGHLIGHT_N_KINDS; kind++)
    {
      GtkTextTag *tag = md_bounce_highlighter_get_tag (highlighter, kind);
      GtkTextIter iter;

      gtk_text_buffer_get_start_iter (buffer, &iter);
      if (!gtk_text_iter_starts_tag (&iter, tag) && !gtk_text_iter_forward_to_tag_toggle (&iter, tag))
        continue;

      do
        {
          Range range = { gtk_text_iter_get_offset (&iter), 0, kind };

          g_assert_true (gtk_text_iter_starts_tag (&iter, tag));
          gtk_text_iter_forward_to_tag_toggle (&iter, tag);
          range.end = gtk_text_iter_get_offset (&iter);
          g_array_append_val (ranges, range);
        }
      while (gtk_text_iter_forward_to_tag_toggle (&iter, tag));
    }

  return ranges;
}

static int
compare_ranges (gconstpointer a,
                gconstpointer b)
{
  const Range *x = a, *y = b;

  return (x->start > y->start) - (x->start < y->start);
}

static MdHighlightKind
kind_of (MdCodeClass klass)
{
  return klass == MD_CODE_CLASS_PERMANENT ? MD_HIGHLIGHT_PERMANENT
       : klass == MD_CODE_CLASS_TEMPORARY ? MD_HIGHLIGHT_TEMPORARY
       : klass == MD_CODE_CLASS_SUCCESS ? MD_HIGHLIGHT_SUCCESS
       : MD_HIGHLIGHT_OTHER;
}

/* The tags cover exactly what the scanner finds in @bytes, computed here
 * from the scanner itself, with the byte spans mapped independently. */
static guint
assert_tags_match_scanner (MdBounceView *view,
                           GBytes       *bytes)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (md_bounce_view_get_text_view (view));
  g_autoptr(GArray) ranges = tagged_ranges (view);
  g_autoptr(GArray) fields = NULL;
  g_autoptr(GArray) found = NULL;
  gsize length, previous_end = 0;
  gint64 previous_chars = 0;
  const char *data = g_bytes_get_data (bytes, &length);

  found = md_bounce_scan (data, length, &fields);

  g_array_sort (ranges, compare_ranges);
  g_assert_cmpuint (ranges->len, ==, found->len);

  for (guint i = 0; i < found->len; i++)
    {
      const MdCodeSpan *span = &g_array_index (found, MdCodeSpan, i);
      const Range *range = &g_array_index (ranges, Range, i);
      /* Codes are ASCII, which never belongs to a multi-byte sequence: the
       * text before each code is made valid on its own, piece by piece. */
      g_autofree char *piece = md_bounce_text_make_valid (data + previous_end, span->offset - previous_end, NULL);
      gint64 start = previous_chars + g_utf8_strlen (piece, -1);
      GtkTextIter a, b;
      g_autofree char *tagged = NULL;

      previous_end = span->offset + span->length;
      previous_chars = start + span->length;
      g_assert_cmpint (range->start, ==, start);
      g_assert_cmpint (range->end, ==, start + span->length);
      g_assert_cmpint (range->kind, ==, kind_of (span->klass));

      gtk_text_buffer_get_iter_at_offset (buffer, &a, range->start);
      gtk_text_buffer_get_iter_at_offset (buffer, &b, range->end);
      tagged = gtk_text_iter_get_text (&a, &b);
      g_assert_cmpstr (tagged, ==, span->code);
    }

  return found->len;
}

static void
test_needs_display (void)
{
  g_test_skip ("no display: run the UI tests under xvfb-run");
}

static void
test_empty_state (void)
{
  MdWindow *window = open_window (1000, 720);
  MdBounceView *view = get_view (window);

  g_assert_cmpstr (stack_page (view), ==, "empty");
  g_assert_nonnull (md_test_ui_find_label (GTK_WIDGET (view), "Paste a Bounce"));
  g_assert_null (md_bounce_view_get_analysis (view));
  g_free (md_test_ui_screenshot (GTK_WIDGET (window), "bounce-en-empty"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "bounce.example", NULL));
  wait_for_analysis (view);
  g_assert_cmpstr (stack_page (view), ==, "analysis");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "bounce.clear", NULL));
  md_test_ui_iterate (50);
  g_assert_cmpstr (stack_page (view), ==, "empty");
  g_assert_cmpint (gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (md_bounce_view_get_text_view (view))), ==, 0);

  close_window (window);
}

static void
test_example_highlight (void)
{
  MdWindow *window = open_window (1200, 800);
  MdBounceView *view = get_view (window);
  g_autoptr(GBytes) example = load_example ();
  MdBouncePanel *panel = md_bounce_view_get_panel (view);
  g_autoptr(GPtrArray) recipients = NULL;
  guint n_codes;

  gtk_widget_activate_action (GTK_WIDGET (view), "bounce.example", NULL);
  wait_for_analysis (view);

  n_codes = assert_tags_match_scanner (view, example);
  /* The example has at least a 550, a 552, 5.1.1, 5.2.2, 5.7.26 and 4.4.1. */
  g_assert_cmpuint (n_codes, >=, 10);
  g_assert_nonnull (find_row (view, "5.1.1"));
  g_assert_nonnull (find_row (view, "4.4.1"));
  g_assert_nonnull (find_row (view, "552"));
  g_assert_cmpint (md_finding_row_get_class (find_row (view, "4.4.1")), ==, MD_CODE_CLASS_TEMPORARY);

  /* One verdict per recipient of the DSN, in its order. */
  recipients = list_rows (md_bounce_panel_get_recipients_list (panel), ADW_TYPE_EXPANDER_ROW);
  g_assert_cmpuint (recipients->len, ==, 4);
  g_assert_cmpstr (adw_preferences_row_get_title (recipients->pdata[0]), ==, "j.dupont@laposte-demo.example");
  g_assert_cmpstr (adw_preferences_row_get_title (recipients->pdata[3]), ==, "contact@salle-des-fetes.example");
  g_assert_cmpstr (md_bounce_panel_get_page (panel), ==, "report");
  g_assert_nonnull (md_test_ui_find_label (GTK_WIDGET (view), "Permanent failure"));

  g_free (md_test_ui_screenshot (GTK_WIDGET (window), "bounce-en-example"));

  /* A recipient's row opens on what happened, who acts, what to do and the
   * server's own words, made when it is first opened. */
  g_assert_null (md_test_ui_find_label (GTK_WIDGET (view), "The server said"));
  adw_expander_row_set_expanded (recipients->pdata[2], TRUE);
  md_test_ui_iterate (300);
  g_assert_nonnull (md_test_ui_find_label (GTK_WIDGET (view), "The server said"));
  g_free (md_test_ui_screenshot (GTK_WIDGET (window), "bounce-en-recipient"));

  close_window (window);
}

static void
test_click_finding (void)
{
  MdWindow *window = open_window (1200, 800);
  MdBounceView *view = get_view (window);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (md_bounce_view_get_text_view (view));
  GtkListBox *list = md_bounce_panel_get_findings_list (md_bounce_view_get_panel (view));
  MdFindingRow *row;
  GtkTextIter start, end;
  gint64 first_start, first_end, second_start, second_end;
  g_autofree char *selected = NULL;

  gtk_widget_activate_action (GTK_WIDGET (view), "bounce.example", NULL);
  wait_for_analysis (view);

  row = find_row (view, "5.2.2");
  g_assert_nonnull (row);
  g_assert_cmpuint (md_finding_row_get_n_occurrences (row), >=, 2);
  g_assert_true (md_finding_row_get_occurrence (row, 0, &first_start, &first_end));
  g_assert_true (md_finding_row_get_occurrence (row, 1, &second_start, &second_end));

  /* A click on the row selects the code in the text... */
  g_signal_emit_by_name (list, "row-activated", row);
  md_test_ui_iterate (100);
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  g_assert_cmpint (gtk_text_iter_get_offset (&start), ==, first_start);
  g_assert_cmpint (gtk_text_iter_get_offset (&end), ==, first_end);
  selected = gtk_text_iter_get_text (&start, &end);
  g_assert_cmpstr (selected, ==, "5.2.2");
  g_assert_true (gtk_list_box_get_selected_row (list) == GTK_LIST_BOX_ROW (row));

  /* ...a second click the next place it occurs. */
  g_signal_emit_by_name (list, "row-activated", row);
  md_test_ui_iterate (100);
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  g_assert_cmpint (gtk_text_iter_get_offset (&start), ==, second_start);
  g_assert_cmpint (gtk_text_iter_get_offset (&end), ==, second_end);

  /* The cursor in a code in the text selects its row. */
  gtk_text_buffer_get_iter_at_offset (buffer, &start, md_bounce_analysis_find_code (md_bounce_view_get_analysis (view), first_start)->start + 1);
  row = find_row (view, "4.4.1");
  g_assert_true (md_finding_row_get_occurrence (row, 0, &first_start, NULL));
  gtk_text_buffer_get_iter_at_offset (buffer, &start, first_start + 1);
  gtk_text_buffer_place_cursor (buffer, &start);
  md_test_ui_iterate (50);
  g_assert_true (gtk_list_box_get_selected_row (list) == GTK_LIST_BOX_ROW (row));

  /* A code far down, in the DSN fields: the text scrolls to it. */
  g_signal_emit_by_name (list, "row-activated", row);
  md_test_ui_iterate (300);
  {
    GdkRectangle visible, location;

    g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
    gtk_text_view_get_visible_rect (md_bounce_view_get_text_view (view), &visible);
    gtk_text_view_get_iter_location (md_bounce_view_get_text_view (view), &start, &location);
    g_assert_cmpint (visible.y, >, 0);
    g_assert_cmpint (location.y, >=, visible.y);
    g_assert_cmpint (location.y + location.height, <=, visible.y + visible.height);
  }
  g_free (md_test_ui_screenshot (GTK_WIDGET (window), "bounce-en-selected"));

  close_window (window);
}

static gboolean
query_tooltip (GtkTextView *text_view,
               int          x,
               int          y,
               gboolean     keyboard_mode)
{
  GtkTooltip *tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  gboolean shown = FALSE;

  g_signal_emit_by_name (text_view, "query-tooltip", x, y, keyboard_mode, tooltip, &shown);
  g_object_unref (tooltip);

  return shown;
}

static void
test_tooltip (void)
{
  MdWindow *window = open_window (1200, 800);
  MdBounceView *view = get_view (window);
  GtkTextView *text_view = md_bounce_view_get_text_view (view);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  g_autoptr(MdCodeInfo) info = md_codes_describe_enhanced ("5.1.1");
  g_autofree char *title = g_markup_escape_text (info->title, -1);
  g_autofree char *markup = NULL;
  GdkRectangle location;
  GtkTextIter iter;
  gint64 start;
  int x, y;

  gtk_widget_activate_action (GTK_WIDGET (view), "bounce.example", NULL);
  wait_for_analysis (view);
  g_assert_true (md_finding_row_get_occurrence (find_row (view, "5.1.1"), 0, &start, NULL));

  /* What the tooltip says over 5.1.1: the code, its meaning in the
   * knowledge base, its class. */
  markup = md_bounce_view_dup_tooltip_at (view, start + 2);
  g_assert_nonnull (markup);
  g_assert_true (g_str_has_prefix (markup, "<b>5.1.1</b>"));
  g_assert_nonnull (strstr (markup, title));
  g_assert_null (md_bounce_view_dup_tooltip_at (view, 0));

  /* The pointer over the code's second character, once on screen... */
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, start + 1);
  gtk_text_view_scroll_to_iter (text_view, &iter, 0.0, TRUE, 0.0, 0.5);
  md_test_ui_iterate (300);
  gtk_text_view_get_iter_location (text_view, &iter, &location);
  gtk_text_view_buffer_to_window_coords (text_view, GTK_TEXT_WINDOW_WIDGET,
                                         location.x + location.width / 2, location.y + location.height / 2,
                                         &x, &y);
  g_assert_true (query_tooltip (text_view, x, y, FALSE));
  /* ...and over the first line, where there is none. */
  g_assert_false (query_tooltip (text_view, 20, 5, FALSE));

  /* Keyboard mode: the code at the cursor. */
  gtk_text_buffer_place_cursor (buffer, &iter);
  g_assert_true (query_tooltip (text_view, 0, 0, TRUE));
  gtk_text_buffer_get_start_iter (buffer, &iter);
  gtk_text_buffer_place_cursor (buffer, &iter);
  g_assert_false (query_tooltip (text_view, 0, 0, TRUE));

  close_window (window);
}

static void
test_typing_reanalyses (void)
{
  MdWindow *window = open_window (1200, 800);
  MdBounceView *view = get_view (window);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (md_bounce_view_get_text_view (view));
  g_autoptr(GBytes) bytes = NULL;
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  md_bounce_view_set_bytes (view, g_bytes_new_static ("Nothing to see here\n", 20), NULL);
  wait_for_analysis (view);
  g_assert_cmpstr (md_bounce_panel_get_page (md_bounce_view_get_panel (view)), ==, "nothing");
  g_free (md_test_ui_screenshot (GTK_WIDGET (window), "bounce-en-nothing"));

  /* Typed like a person: the analysis follows, without any action. */
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert_interactive (buffer, &end, "host said: 452 4.2.2 Mailbox full\n", -1, TRUE);
  g_assert_true (md_bounce_view_get_busy (view));
  wait_for_analysis (view);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  bytes = g_bytes_new (text, strlen (text));
  g_assert_cmpuint (assert_tags_match_scanner (view, bytes), ==, 2);
  g_assert_nonnull (find_row (view, "4.2.2"));
  g_assert_cmpstr (md_bounce_panel_get_page (md_bounce_view_get_panel (view)), ==, "report");

  /* Emptied by hand: back to the empty state. */
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_delete_interactive (buffer, &start, &end, TRUE);
  md_test_ui_iterate (600);
  g_assert_cmpstr (stack_page (view), ==, "empty");

  close_window (window);
}

static void
test_invalid_utf8 (void)
{
  static const char raw[] =
    "From: \xff\xfeMAILER-DAEMON\0\0\r\n"
    "Subject: \xc3\x28 \xe9" "chec de remise\r\n"
    "\r\n"
    "<b\xe9" "atrice@example.net>: host mx.example.net[192.0.2.1] said: 550 5.1.1\r\n"
    "    user unknown \x80\x81\x82 (in reply to RCPT TO command)\r\n"
    "Status: 5.1.1\r\n";
  MdWindow *window = open_window (1200, 800);
  MdBounceView *view = get_view (window);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (md_bounce_view_get_text_view (view));
  g_autoptr(GBytes) bytes = g_bytes_new_static (raw, sizeof raw - 1);
  GtkTextIter start, end;
  g_autofree char *shown = NULL;

  md_bounce_view_set_bytes (view, bytes, "latin1.eml");
  wait_for_analysis (view);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  shown = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  g_assert_true (g_utf8_validate (shown, -1, NULL));
  g_assert_nonnull (strstr (shown, "\xEF\xBF\xBD" "MAILER-DAEMON"));
  g_assert_cmpuint (assert_tags_match_scanner (view, bytes), ==, 3);

  close_window (window);
}

/* A temporary failure the sending server gave up on is neither shown as
 * waiting for a retry nor called permanent. */
static void
test_given_up (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "bounces", "46-dsn-given-up-no-newline.eml", NULL);
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);
  g_autoptr(GBytes) bytes = g_mapped_file_get_bytes (file);
  MdWindow *window = open_window (1200, 800);
  MdBounceView *view = get_view (window);

  md_bounce_view_set_bytes (view, bytes, "expired.eml");
  wait_for_analysis (view);

  g_assert_nonnull (md_test_ui_find_label (GTK_WIDGET (view), "Given up after retries"));
  g_assert_nonnull (md_test_ui_find_label (GTK_WIDGET (view), "1 given up after retries"));
  g_assert_null (md_test_ui_find_label (GTK_WIDGET (view), "Temporary failure"));
  g_assert_null (md_test_ui_find_label (GTK_WIDGET (view), "Permanent failure"));

  close_window (window);
}

static guint
count_widgets (GtkWidget *root,
               GType      type)
{
  guint n = G_TYPE_CHECK_INSTANCE_TYPE (root, type);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    n += count_widgets (child, type);

  return n;
}

/* A mailing list's bounce may name thousands of recipients: a row for the
 * first hundred, all of them counted, and a word about the rest. */
static void
test_many_recipients (void)
{
  g_autoptr(GString) dsn = g_string_new ("From: MAILER-DAEMON@mx.example.com\n"
                                         "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n"
                                         "\n--b\nContent-Type: message/delivery-status\n\n"
                                         "Reporting-MTA: dns; mx.example.com\n");
  g_autoptr(GBytes) bytes = NULL;
  MdWindow *window = open_window (1200, 800);
  MdBounceView *view = get_view (window);

  for (guint i = 0; i < 250; i++)
    g_string_append_printf (dsn, "\nFinal-Recipient: rfc822; user%u@example.net\nAction: failed\nStatus: 5.1.1\n", i);
  g_string_append (dsn, "--b--\n");
  bytes = g_string_free_to_bytes (g_steal_pointer (&dsn));

  md_bounce_view_set_bytes (view, bytes, "list.eml");

  /* The rows come a few per frame: the verdict is on screen first. */
  while (md_bounce_view_get_analysis (view) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (md_bounce_view_get_busy (view));
  g_assert_cmpuint (count_widgets (GTK_WIDGET (view), ADW_TYPE_EXPANDER_ROW), <, 100);
  g_assert_nonnull (md_test_ui_find_label (GTK_WIDGET (view), "Address does not exist"));

  wait_for_analysis (view);
  g_assert_cmpuint (count_widgets (GTK_WIDGET (view), ADW_TYPE_EXPANDER_ROW), ==, 100);
  g_assert_nonnull (md_test_ui_find_label (GTK_WIDGET (view),
                                           "250 permanent failures. 150 more recipients are not listed here: "
                                           "“Copy Analysis” gives every one."));
  g_free (md_test_ui_screenshot (GTK_WIDGET (window), "bounce-en-many-recipients"));

  /* Closed while the rows are still coming. */
  md_bounce_view_set_bytes (view, bytes, "list.eml");
  while (md_bounce_view_get_analysis (view) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (md_bounce_panel_get_busy (md_bounce_view_get_panel (view)));
  close_window (window);
}

/* A pasted log may hold more distinct codes than a list is good for: every
 * one highlighted, a row for the first hundred, a word about the rest. */
static void
test_many_codes (void)
{
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  MdWindow *window = open_window (1200, 800);
  MdBounceView *view = get_view (window);
  g_autoptr(GPtrArray) rows = NULL;

  /* 550, then 5.1.0 to 5.1.119: 121 distinct codes, in this order. */
  for (guint i = 0; i < 120; i++)
    g_string_append_printf (log, "to=<u%u@example.net>, status=bounced (said: 550 5.1.%u user unknown)\n", i, i);
  bytes = g_string_free_to_bytes (g_steal_pointer (&log));

  md_bounce_view_set_bytes (view, bytes, "mail.log");
  wait_for_analysis (view);

  g_assert_cmpuint (assert_tags_match_scanner (view, bytes), ==, 240);
  rows = list_rows (md_bounce_panel_get_findings_list (md_bounce_view_get_panel (view)), MD_TYPE_FINDING_ROW);
  g_assert_cmpuint (rows->len, ==, 100);
  g_assert_nonnull (find_row (view, "5.1.98"));
  g_assert_null (find_row (view, "5.1.99"));
  g_assert_cmpuint (md_finding_row_get_n_occurrences (find_row (view, "550")), ==, 120);
  g_assert_nonnull (md_test_ui_find_label (GTK_WIDGET (view),
                                           "21 more codes are highlighted in the text but not listed here."));

  close_window (window);
}

static void
test_binary_junk (void)
{
  MdWindow *window = open_window (1200, 800);
  MdBounceView *view = get_view (window);
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  guchar *junk = g_malloc (1024 * 1024);
  g_autoptr(GBytes) bytes = NULL;

  for (gsize i = 0; i < 1024 * 1024; i++)
    junk[i] = g_rand_int_range (rand, 0, 256);
  memcpy (junk + 500000, "\nsaid: 421 4.7.0 try later\n", 27);
  bytes = g_bytes_new_take (junk, 1024 * 1024);

  md_bounce_view_set_bytes (view, bytes, "junk.bin");
  wait_for_analysis (view);
  g_assert_cmpuint (assert_tags_match_scanner (view, bytes), >=, 2);
  g_assert_nonnull (find_row (view, "4.7.0"));

  /* Made valid a piece at a time, it reads as if made valid at once. */
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (md_bounce_view_get_text_view (view));
    gsize valid_length;
    g_autofree char *valid = md_bounce_text_make_valid (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &valid_length);
    g_autofree char *shown = NULL;
    GtkTextIter start, end;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    shown = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
    g_assert_cmpuint (strlen (shown), ==, valid_length);
    g_assert_true (memcmp (shown, valid, valid_length) == 0);
  }

  g_free (md_test_ui_screenshot (GTK_WIDGET (window), "bounce-en-binary"));

  /* No bytes at all, as an empty file gives them: an empty text. */
  {
    g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);

    md_bounce_view_set_bytes (view, empty, "empty.eml");
    wait_for_analysis (view);
    g_assert_cmpint (gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (md_bounce_view_get_text_view (view))), ==, 0);
  }

  close_window (window);
}

static void
test_large_paste (void)
{
  MdWindow *window = open_window (1200, 800);
  MdBounceView *view = get_view (window);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (md_bounce_view_get_text_view (view));
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (view));
  guint lines = 0;

  while (text->len < 5 * 1024 * 1024)
    g_string_append_printf (text, "%u: host mx.example.net[192.0.2.1] said: 550 5.1.1 <u%u@example.net> unknown\n", lines, lines), lines++;

  /* Pasted for real, through the clipboard and Ctrl+V's signal. */
  gdk_clipboard_set_text (clipboard, text->str);
  md_test_ui_iterate (50);
  g_signal_emit_by_name (md_bounce_view_get_text_view (view), "paste-clipboard");
  g_assert_true (md_test_ui_wait_for (view_is_idle, view, 30000));

  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, text->len);
  g_assert_cmpint (gtk_text_buffer_get_line_count (buffer), ==, lines + 1);
  bytes = g_bytes_new (text->str, text->len);
  g_assert_cmpuint (assert_tags_match_scanner (view, bytes), ==, 2 * lines);
  g_assert_cmpuint (md_finding_row_get_n_occurrences (find_row (view, "550")), ==, lines);

  close_window (window);
}

/* Scrolls down as far as GTK has laid the text out, which takes it a
 * little further each time, until the end is on screen. */
static gboolean
scroll_to_end (gpointer data)
{
  GtkTextView *text_view = data;
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (text_view));
  GdkRectangle visible;
  GtkTextIter bottom;

  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment) - gtk_adjustment_get_page_size (vadjustment));
  gtk_text_view_get_visible_rect (text_view, &visible);
  gtk_text_view_get_iter_at_location (text_view, &bottom, 0, visible.y + visible.height - 1);

  return visible.height > 0 && gtk_text_iter_is_end (&bottom);
}

static gboolean
is_highlighter_idle (gpointer data)
{
  return !md_bounce_highlighter_get_busy (data);
}

typedef struct {
  GThread          *main_thread;
  MdBounceAnalysis *early;       /* as given to spans_ready */
  guint             n_early_spans;
  MdBounceAnalysis *done;
} AnalysisWatch;

static void
on_test_spans_ready (MdBounceAnalysis *analysis,
                     gpointer          user_data)
{
  AnalysisWatch *watch = user_data;

  g_assert_true (g_thread_self () == watch->main_thread);
  g_assert_null (watch->early);
  g_assert_null (watch->done);
  watch->early = g_object_ref (analysis);
  md_bounce_analysis_get_spans (analysis, &watch->n_early_spans);
}

static void
on_test_analysis_done (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  AnalysisWatch *watch = user_data;
  g_autoptr(GError) error = NULL;

  watch->done = md_bounce_analysis_run_finish (result, &error);
  g_assert_no_error (error);
}

static gboolean
is_analysis_done (gpointer data)
{
  return ((AnalysisWatch *) data)->done != NULL;
}

/* The spans come to the main thread before the report, and are those of
 * the finished analysis. */
static void
test_analysis_spans_first (void)
{
  g_autoptr(GBytes) bytes = load_example ();
  AnalysisWatch watch = { g_thread_self (), NULL, 0, NULL };
  const MdHighlightSpan *spans;
  guint n_spans;

  md_bounce_analysis_run_async (bytes, NULL, on_test_spans_ready, on_test_analysis_done, &watch);
  g_assert_true (md_test_ui_wait_for (is_analysis_done, &watch, 20000));

  g_assert_true (watch.early == watch.done);
  spans = md_bounce_analysis_get_spans (watch.done, &n_spans);
  g_assert_cmpuint (n_spans, ==, watch.n_early_spans);
  g_assert_cmpuint (n_spans, >, 0);
  g_assert_cmpint (spans[0].start, <, spans[0].end);
  g_assert_nonnull (md_bounce_analysis_get_report (watch.done));

  g_object_unref (watch.early);
  g_object_unref (watch.done);
}

/* The first span not highlighted yet, or @n_spans. */
static guint
first_untagged (MdBounceHighlighter   *highlighter,
                GtkTextBuffer         *buffer,
                const MdHighlightSpan *spans,
                guint                  n_spans)
{
  for (guint i = 0; i < n_spans; i++)
    {
      GtkTextIter iter;

      gtk_text_buffer_get_iter_at_offset (buffer, &iter, spans[i].start);
      if (!gtk_text_iter_has_tag (&iter, md_bounce_highlighter_get_tag (highlighter, spans[i].kind)))
        return i;
    }

  return n_spans;
}

/* The spans of a large text arrive while its end is on screen: the codes
 * there are coloured at once, those above them in slices from the top;
 * the same when the tags go. */
static void
test_highlight_visible_first (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkTextView *text_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  g_autoptr(MdBounceHighlighter) highlighter = md_bounce_highlighter_new (text_view);
  g_autoptr(MdBounceAnalysis) analysis = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  const MdHighlightSpan *spans;
  guint n_spans, lines = 0;

  while (text->len < 2 * 1024 * 1024)
    g_string_append_printf (text, "%u: host mx.example.net[192.0.2.1] said: 550 5.1.1 <u%u@example.net> unknown\n", lines, lines), lines++;
  bytes = g_bytes_new (text->str, text->len);
  analysis = md_bounce_analysis_run (bytes, NULL);
  spans = md_bounce_analysis_get_spans (analysis, &n_spans);
  g_assert_cmpuint (n_spans, ==, 2 * lines);

  gtk_text_view_set_monospace (text_view, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (text_view));
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  gtk_text_buffer_set_text (buffer, text->str, text->len);
  g_assert_true (md_test_ui_wait_for (scroll_to_end, text_view, 60000));

  /* The first slice from the top is done, and what is on screen. */
  md_bounce_highlighter_apply (highlighter, spans, n_spans);
  g_assert_true (md_bounce_highlighter_get_busy (highlighter));
  g_assert_cmpuint (first_untagged (highlighter, buffer, &spans[n_spans - 1], 1), ==, 1);
  g_assert_cmpuint (first_untagged (highlighter, buffer, spans, n_spans), <, n_spans / 2);

  g_assert_true (md_test_ui_wait_for (is_highlighter_idle, highlighter, 20000));
  g_assert_cmpuint (first_untagged (highlighter, buffer, spans, n_spans), ==, n_spans);

  /* No code any more: the tags on screen go at once, the others in
   * slices too. */
  md_bounce_highlighter_apply (highlighter, NULL, 0);
  g_assert_true (md_bounce_highlighter_get_busy (highlighter));
  g_assert_cmpuint (first_untagged (highlighter, buffer, &spans[n_spans - 1], 1), ==, 0);
  g_assert_cmpuint (first_untagged (highlighter, buffer, &spans[n_spans / 2], 1), ==, 1);

  g_assert_true (md_test_ui_wait_for (is_highlighter_idle, highlighter, 20000));
  for (guint i = 0; i < n_spans; i += 97)
    g_assert_cmpuint (first_untagged (highlighter, buffer, &spans[i], 1), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Typed into while the codes are being highlighted: the spans left would
 * land one character off, so none is applied until the next analysis. */
static void
test_edit_while_highlighting (void)
{
  MdWindow *window = open_window (1200, 800);
  MdBounceView *view = get_view (window);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (md_bounce_view_get_text_view (view));
  MdBounceHighlighter *highlighter = md_bounce_view_get_highlighter (view);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GArray) ranges = NULL;
  g_autofree char *edited = NULL;
  const MdHighlightSpan *spans;
  GtkTextIter start, end;
  guint n_spans, lines = 0;

  while (text->len < 2 * 1024 * 1024)
    g_string_append_printf (text, "%u: host mx.example.net[192.0.2.1] said: 550 5.1.1 <u%u@example.net> unknown\n", lines, lines), lines++;
  bytes = g_bytes_new (text->str, text->len);
  md_bounce_view_set_bytes (view, bytes, NULL);
  wait_for_analysis (view);

  /* Highlighted again from the start: one slice is done. */
  spans = md_bounce_analysis_get_spans (md_bounce_view_get_analysis (view), &n_spans);
  md_bounce_highlighter_apply (highlighter, spans, n_spans);
  g_assert_true (md_bounce_highlighter_get_busy (highlighter));

  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_insert_interactive (buffer, &start, "x", -1, TRUE);
  g_assert_false (md_bounce_highlighter_get_busy (highlighter));

  /* Before the new analysis: every tag still covers a code. */
  md_test_ui_iterate (100);
  ranges = tagged_ranges (view);
  g_assert_cmpuint (ranges->len, >, 0);
  for (guint i = 0; i < ranges->len; i++)
    {
      const Range *range = &g_array_index (ranges, Range, i);
      g_autofree char *tagged = NULL;

      gtk_text_buffer_get_iter_at_offset (buffer, &start, range->start);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, range->end);
      tagged = gtk_text_iter_get_text (&start, &end);
      g_assert_true (g_str_equal (tagged, "550") || g_str_equal (tagged, "5.1.1"));
    }

  wait_for_analysis (view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  edited = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  g_bytes_unref (bytes);
  bytes = g_bytes_new (edited, strlen (edited));
  g_assert_cmpuint (assert_tags_match_scanner (view, bytes), ==, 2 * lines);

  close_window (window);
}

/* Edited after a large paste: the old tags go a slice at a time ahead of
 * the new ones, and none is left where the new analysis finds no code. */
static void
test_large_edit (void)
{
  MdWindow *window = open_window (1200, 800);
  MdBounceView *view = get_view (window);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (md_bounce_view_get_text_view (view));
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *edited = NULL;
  GtkTextIter start, end;
  guint lines = 0;

  while (text->len < 1024 * 1024)
    g_string_append_printf (text, "%u: host mx.example.net[192.0.2.1] said: 550 5.1.1 <u%u@example.net> unknown\n", lines, lines), lines++;
  bytes = g_bytes_new (text->str, text->len);
  md_bounce_view_set_bytes (view, bytes, NULL);
  wait_for_analysis (view);
  g_assert_cmpuint (assert_tags_match_scanner (view, bytes), ==, 2 * lines);

  /* "550" becomes "55x0" on the first and the last line: still tagged from
   * before, no longer a code. */
  gtk_text_buffer_get_iter_at_offset (buffer, &start, strstr (text->str, " 550 ") - text->str + 3);
  gtk_text_buffer_insert_interactive (buffer, &start, "x", -1, TRUE);
  gtk_text_buffer_get_iter_at_offset (buffer, &start, g_strrstr (text->str, " 550 ") - text->str + 4);
  gtk_text_buffer_insert_interactive (buffer, &start, "x", -1, TRUE);
  g_assert_true (md_bounce_view_get_busy (view));
  wait_for_analysis (view);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  edited = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  g_bytes_unref (bytes);
  bytes = g_bytes_new (edited, strlen (edited));
  g_assert_cmpuint (assert_tags_match_scanner (view, bytes), <, 2 * lines);

  close_window (window);
}

static void
test_open_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("md-bounce-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "returned mail.eml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) example = load_example ();
  MdWindow *window;
  MdBounceView *view;
  GtkFileChooser *dialog = NULL;
  g_autoptr(GList) toplevels = NULL;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (example, NULL), g_bytes_get_size (example), &error));
  g_assert_no_error (error);

  window = open_window (1200, 800);
  view = get_view (window);

  /* Ctrl+O from the Diagnose view switches to the bounce view and opens the chooser. */
  md_window_set_view (window, "diagnose");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-bounce", NULL));
  md_test_ui_iterate (300);
  g_assert_cmpstr (md_window_get_view (window), ==, "bounce");

  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l; l = l->next)
    if (GTK_IS_FILE_CHOOSER_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      dialog = l->data;
  g_assert_nonnull (dialog);

  g_assert_true (gtk_file_chooser_set_file (dialog, file, &error));
  g_assert_no_error (error);
  /* The chooser answers only once it has loaded the folder and selected the file. */
  md_test_ui_iterate (1000);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  wait_for_analysis (view);

  g_assert_nonnull (md_test_ui_find_label (GTK_WIDGET (view), "returned mail.eml"));
  assert_tags_match_scanner (view, example);

  /* A missing file says so and keeps the text. */
  {
    g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/bounce.eml");
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (md_bounce_view_get_text_view (view));
    int before = gtk_text_buffer_get_char_count (buffer);

    md_bounce_view_load_file (view, missing);
    md_test_ui_iterate (300);
    g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, before);
    g_assert_nonnull (md_bounce_view_get_analysis (view));
  }

  close_window (window);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_drop_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("md-bounce-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "dropped.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GValue value = G_VALUE_INIT;
  GtkDropTarget *target = NULL;
  g_autoptr(GListModel) controllers = NULL;
  MdWindow *window;
  MdBounceView *view;
  gboolean handled = FALSE;

  g_assert_true (g_file_set_contents (path, "Remote Server returned '554 5.7.1 Message rejected'\n", -1, &error));

  window = open_window (1200, 800);
  view = get_view (window);

  controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  {
    GSList *files = g_slist_prepend (NULL, file);

    g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
    g_slist_free (files);
  }
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &handled);
  g_value_unset (&value);
  g_assert_true (handled);

  wait_for_analysis (view);
  g_assert_nonnull (md_test_ui_find_label (GTK_WIDGET (view), "dropped.txt"));
  g_assert_nonnull (find_row (view, "5.7.1"));
  g_assert_nonnull (find_row (view, "554"));

  close_window (window);
  g_unlink (path);
  g_rmdir (dir);
}

static void
on_text_read (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static gboolean
is_set (gpointer data)
{
  return *(char **) data != NULL;
}

static void
test_copy_analysis (void)
{
  MdWindow *window = open_window (1200, 800);
  MdBounceView *view = get_view (window);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (view));
  g_autofree char *expected = NULL;
  g_autofree char *copied = NULL;

  /* Nothing to copy before an analysis: the clipboard keeps what it had. */
  gdk_clipboard_set_text (clipboard, "sentinel");
  gtk_widget_activate_action (GTK_WIDGET (view), "bounce.copy-analysis", NULL);
  gdk_clipboard_read_text_async (clipboard, NULL, on_text_read, &copied);
  g_assert_true (md_test_ui_wait_for (is_set, &copied, 5000));
  g_assert_cmpstr (copied, ==, "sentinel");
  g_clear_pointer (&copied, g_free);

  gtk_widget_activate_action (GTK_WIDGET (view), "bounce.example", NULL);
  wait_for_analysis (view);
  expected = md_bounce_view_dup_analysis_text (view);
  g_assert_nonnull (expected);
  g_assert_nonnull (strstr (expected, "j.dupont@laposte-demo.example"));
  g_assert_nonnull (strstr (expected, "5.1.1"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "bounce.copy-analysis", NULL));
  gdk_clipboard_read_text_async (clipboard, NULL, on_text_read, &copied);
  g_assert_true (md_test_ui_wait_for (is_set, &copied, 5000));
  g_assert_cmpstr (copied, ==, expected);

  close_window (window);
}

static void
test_paste_action (void)
{
  static const char bounce[] = "SMTP error from remote mail server after RCPT TO:<ana@example.org>:\n    550 5.1.1 No such user here\n";
  MdWindow *window = open_window (1200, 800);
  MdBounceView *view = get_view (window);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (view));

  gdk_clipboard_set_text (clipboard, bounce);
  md_test_ui_iterate (50);
  g_assert_cmpstr (stack_page (view), ==, "empty");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "bounce.paste", NULL));
  wait_for_analysis (view);

  g_assert_cmpstr (stack_page (view), ==, "analysis");
  g_assert_nonnull (md_test_ui_find_label (GTK_WIDGET (view), "Pasted text"));
  g_assert_nonnull (find_row (view, "550"));
  g_assert_nonnull (find_row (view, "5.1.1"));

  close_window (window);
}

static gboolean
is_orientation (gpointer data)
{
  GtkWidget *paned = md_test_ui_find_by_type (data, GTK_TYPE_PANED);

  return (int) gtk_orientable_get_orientation (GTK_ORIENTABLE (paned)) ==
         GPOINTER_TO_INT (g_object_get_data (data, "wanted"));
}

static void
test_narrow_layout (void)
{
  MdWindow *window = open_window (1200, 800);
  MdBounceView *view = get_view (window);

  gtk_widget_activate_action (GTK_WIDGET (view), "bounce.example", NULL);
  wait_for_analysis (view);

  g_object_set_data (G_OBJECT (view), "wanted", GINT_TO_POINTER (GTK_ORIENTATION_HORIZONTAL));
  g_assert_true (md_test_ui_wait_for (is_orientation, view, 2000));

  gtk_window_set_default_size (GTK_WINDOW (window), 400, 760);
  g_object_set_data (G_OBJECT (view), "wanted", GINT_TO_POINTER (GTK_ORIENTATION_VERTICAL));
  g_assert_true (md_test_ui_wait_for (is_orientation, view, 2000));
  g_free (md_test_ui_screenshot (GTK_WIDGET (window), "bounce-en-narrow"));

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  g_object_set_data (G_OBJECT (view), "wanted", GINT_TO_POINTER (GTK_ORIENTATION_HORIZONTAL));
  g_assert_true (md_test_ui_wait_for (is_orientation, view, 2000));

  close_window (window);
}

static void
test_dark (void)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  MdWindow *window = open_window (1200, 800);
  MdBounceView *view = get_view (window);
  GtkTextTag *tag = md_bounce_highlighter_get_tag (md_bounce_view_get_highlighter (view), MD_HIGHLIGHT_PERMANENT);
  g_autoptr(GdkRGBA) light = NULL;
  g_autoptr(GdkRGBA) dark = NULL;

  gtk_widget_activate_action (GTK_WIDGET (view), "bounce.example", NULL);
  wait_for_analysis (view);

  g_object_get (tag, "foreground-rgba", &light, NULL);
  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);
  md_test_ui_iterate (200);
  g_object_get (tag, "foreground-rgba", &dark, NULL);
  /* Lighter text on the dark background. */
  g_assert_cmpfloat (dark->red + dark->green + dark->blue, >, light->red + light->green + light->blue + 0.5);
  g_free (md_test_ui_screenshot (GTK_WIDGET (window), "bounce-en-dark"));

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_DEFAULT);
  md_test_ui_iterate (100);
  close_window (window);
}

static void
test_french (void)
{
  MdWindow *window;
  MdBounceView *view;
  MdFindingRow *row;
  g_autoptr(MdCodeInfo) info = NULL;
  g_autofree char *english_title = NULL;

  /* The English title, to be sure the French one differs. */
  info = md_codes_describe_enhanced ("5.1.1");
  english_title = g_strdup (info->title);
  g_clear_pointer (&info, md_code_info_free);

  if (!md_test_ui_set_language ("fr"))
    return;
  window = open_window (1200, 800);
  view = get_view (window);

  g_assert_nonnull (md_test_ui_find_label (GTK_WIDGET (view), "Collez un message d’erreur"));
  g_free (md_test_ui_screenshot (GTK_WIDGET (window), "bounce-fr-empty"));

  gtk_widget_activate_action (GTK_WIDGET (view), "bounce.example", NULL);
  wait_for_analysis (view);

  row = find_row (view, "5.1.1");
  info = md_codes_describe_enhanced ("5.1.1");
  g_assert_cmpstr (md_finding_row_get_title (row), ==, info->title);
  g_assert_cmpstr (md_finding_row_get_title (row), !=, english_title);
  g_assert_nonnull (md_test_ui_find_label (GTK_WIDGET (view), "Échec définitif"));
  g_assert_nonnull (md_test_ui_find_label (GTK_WIDGET (view), "Codes trouvés"));
  g_free (md_test_ui_screenshot (GTK_WIDGET (window), "bounce-fr-example"));

  close_window (window);
  md_test_ui_set_language ("en");
}

int
main (int   argc,
      char *argv[])
{
  gboolean display = md_test_ui_init (&argc, &argv);

  g_test_add_func ("/md/bounce-text/make-valid", test_text_make_valid);
  g_test_add_func ("/md/bounce-text/make-valid-random", test_text_make_valid_random);
  g_test_add_func ("/md/bounce-text/chunks-of-junk", test_text_chunks_of_junk);
  g_test_add_func ("/md/bounce-text/chunks-of-continuation-bytes", test_text_chunks_of_continuation_bytes);
  g_test_add_func ("/md/bounce-text/map-offsets", test_text_map_offsets);
  g_test_add_func ("/md/bounce-text/chunks", test_text_chunks);

  if (!display)
    {
      g_test_add_func ("/md/bounce-view/needs-display", test_needs_display);
      return g_test_run ();
    }

  g_test_add_func ("/md/bounce-view/empty-state", test_empty_state);
  g_test_add_func ("/md/bounce-view/example-highlight", test_example_highlight);
  g_test_add_func ("/md/bounce-view/click-finding", test_click_finding);
  g_test_add_func ("/md/bounce-view/tooltip", test_tooltip);
  g_test_add_func ("/md/bounce-view/typing", test_typing_reanalyses);
  g_test_add_func ("/md/bounce-view/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/md/bounce-view/given-up", test_given_up);
  g_test_add_func ("/md/bounce-view/many-recipients", test_many_recipients);
  g_test_add_func ("/md/bounce-view/many-codes", test_many_codes);
  g_test_add_func ("/md/bounce-view/binary-junk", test_binary_junk);
  g_test_add_func ("/md/bounce-view/large-paste", test_large_paste);
  g_test_add_func ("/md/bounce-view/large-edit", test_large_edit);
  g_test_add_func ("/md/bounce-view/edit-while-highlighting", test_edit_while_highlighting);
  g_test_add_func ("/md/bounce-highlighter/visible-first", test_highlight_visible_first);
  g_test_add_func ("/md/bounce-analysis/spans-first", test_analysis_spans_first);
  g_test_add_func ("/md/bounce-view/open-file", test_open_file);
  g_test_add_func ("/md/bounce-view/drop-file", test_drop_file);
  g_test_add_func ("/md/bounce-view/copy-analysis", test_copy_analysis);
  g_test_add_func ("/md/bounce-view/paste", test_paste_action);
  g_test_add_func ("/md/bounce-view/narrow", test_narrow_layout);
  g_test_add_func ("/md/bounce-view/dark", test_dark);
  g_test_add_func ("/md/bounce-view/french", test_french);

  return g_test_run ();
}
