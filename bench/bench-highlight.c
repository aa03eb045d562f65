/* bench-highlight.c — how smoothly the bounce view takes a large paste
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pastes generated texts into the real MdBounceView in a real window and
 * measures, from the paste until every code is highlighted:
 *   - the longest main-loop stall: the longest time one main-loop iteration
 *     spent working rather than waiting, i.e. how long the window could not
 *     answer a key press or draw a frame;
 *   - the time to full highlight.
 * The next second is measured too: GTK lays out the remaining lines of a
 * large text in the background, which is its own work, not ours.
 * Beside them, GTK's floor: what putting the same text and tags into a
 * GtkTextBuffer costs in one go, without a view, drawing or main loop.
 *
 * Run it under a display:
 *   xvfb-run -a build/bench/bench-highlight [RUNS [WORKLOAD-NAME-PART]]
 */

#include "config.h"

#include <adwaita.h>
#include <stdlib.h>

#include "md-bounce-text.h"
#include "md-bounce-view.h"

#define TARGET_STALL_MS 50.0
#define TARGET_FULL_MS  100.0
#define FIVE_MB         (5 * 1024 * 1024)

static gint64 poll_time;
static gint64 iteration_start;
static gint64 frame_start;  /* end of the frame's update phase, where it has one */
static gint64 frame_end;    /* end of its layout or paint phase */

/* Time spent waiting in poll() is time the loop was free. */
static int
timed_poll (GPollFD *fds,
            guint    n_fds,
            int      timeout)
{
  gint64 start = g_get_monotonic_time ();
  int ret = g_poll (fds, n_fds, timeout);

  poll_time += g_get_monotonic_time () - start;

  return ret;
}

/* A frame runs only the phases something asked for. The update phase runs
 * the tick callbacks, ours among them; what follows it, or the whole frame
 * when it has no update phase, is GTK laying out and drawing. */
static void
on_update_done (GdkFrameClock *frame_clock)
{
  frame_start = g_get_monotonic_time ();
}

static void
on_layout_or_paint_done (GdkFrameClock *frame_clock)
{
  frame_end = g_get_monotonic_time ();
}

/* One main-loop iteration; returns how long it worked, and in @drawing
 * how much of that GTK spent laying out and drawing a frame. */
static gint64
iterate (gboolean  may_block,
         gint64   *drawing)
{
  poll_time = 0;
  frame_start = frame_end = 0;
  iteration_start = g_get_monotonic_time ();
  g_main_context_iteration (NULL, may_block);
  if (drawing != NULL)
    *drawing = frame_end == 0 ? 0 : frame_end - (frame_start != 0 ? frame_start : iteration_start + poll_time);

  return g_get_monotonic_time () - iteration_start - poll_time;
}

static GBytes *
make_example (void)
{
  return g_resources_lookup_data (RESOURCE_PATH "/example-bounce.eml", G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
}

/* A DSN whose returned message carries a 5 MB attachment, base64 in 76-column lines. */
static GBytes *
make_attachment (void)
{
  static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  g_autoptr(GBytes) example = make_example ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  GString *text = g_string_new (NULL);
  gsize size;
  const char *data = g_bytes_get_data (example, &size);

  g_string_append_len (text, data, size);
  g_string_append (text,
                   "\n--returned\n"
                   "Content-Type: application/pdf; name=\"devis-printemps.pdf\"\n"
                   "Content-Transfer-Encoding: base64\n\n");
  while (text->len < FIVE_MB)
    {
      for (guint i = 0; i < 76; i++)
        g_string_append_c (text, b64[g_rand_int_range (rand, 0, 64)]);
      g_string_append_c (text, '\n');
    }

  return g_string_free_to_bytes (text);
}

/* A mail server's log: every line a delivery with a code or two. */
static GBytes *
make_log (void)
{
  static const char *outcomes[] = {
    "dsn=5.1.1, status=bounced (host mx.example.net[192.0.2.41] said: 550 5.1.1 <user@example.net>: Recipient address rejected: User unknown (in reply to RCPT TO command))",
    "dsn=4.2.2, status=deferred (host mx.example.org[198.51.100.7] said: 452 4.2.2 Mailbox full (in reply to RCPT TO command))",
    "dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 4Q7tZXk)",
    "dsn=5.7.1, status=bounced (host mx.example.com[203.0.113.9] said: 554 5.7.1 Message rejected as spam (in reply to end of DATA command))",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  GString *text = g_string_new (NULL);

  for (guint i = 0; text->len < FIVE_MB; i++)
    {
      g_string_append_printf (text,
                              "May 14 09:%02u:%02u mx postfix/smtp[%u]: 4Q7tXk%05u: to=<u%u@example.net>, relay=mx.example.net[192.0.2.41]:25, delay=%u.%u, delays=0.1/0/0.2/0.4, ",
                              (i / 60) % 60, i % 60, 1000 + i % 9000, i, i,
                              g_rand_int_range (rand, 0, 9), g_rand_int_range (rand, 0, 9));
      g_string_append (text, outcomes[i % G_N_ELEMENTS (outcomes)]);
      g_string_append_c (text, '\n');
    }

  return g_string_free_to_bytes (text);
}

/* A mailing list's bounce: 3000 recipients, each with its own status and
 * words from the server. The panel lists the first hundred. */
static GBytes *
make_mailing_list (void)
{
  static const struct {
    const char *reply;
    const char *status;
  } outcomes[] = {
    { "550", "5.1.1" }, { "552", "5.2.2" }, { "421", "4.4.1" }, { "554", "5.7.1" },
  };
  GString *text = g_string_new ("From: MAILER-DAEMON@mx.example.com\n"
                                "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n"
                                "\n--b\nContent-Type: message/delivery-status\n\n"
                                "Reporting-MTA: dns; mx.example.com\n");

  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (text,
                            "\nFinal-Recipient: rfc822; member%u@list-%u.example.net\n"
                            "Action: failed\nStatus: %s\n"
                            "Diagnostic-Code: smtp; %s %s <member%u@list-%u.example.net>: refused by the "
                            "receiving server for this member of the list\n",
                            i, i % 97, outcomes[i % 4].status,
                            outcomes[i % 4].reply, outcomes[i % 4].status, i, i % 97);
  g_string_append (text, "--b--\n");

  return g_string_free_to_bytes (text);
}

/* Random bytes: invalid UTF-8, NULs, control characters, a few codes. */
static GBytes *
make_junk (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  guchar *data = g_malloc (FIVE_MB);

  for (gsize i = 0; i < FIVE_MB; i++)
    data[i] = g_rand_int_range (rand, 0, 256);
  for (gsize at = 4096; at + 16 < FIVE_MB; at += 65536)
    memcpy (data + at, "\n550 5.1.1 x\n", 13);

  return g_bytes_new_take (data, FIVE_MB);
}

typedef struct {
  const char *name;
  GBytes   *(*make) (void);
} Workload;

/* What the paste should give, worked out before it. */
typedef struct {
  MdBounceAnalysis *analysis;
  gint64            n_chars;   /* of the text as displayed */
} Expected;

/* Whether the screen is filled with the text and every code on it is
 * highlighted already. */
static gboolean
visible_codes_highlighted (MdBounceView   *view,
                           const Expected *expected)
{
  GtkTextView *text_view = md_bounce_view_get_text_view (view);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  MdBounceHighlighter *highlighter = md_bounce_view_get_highlighter (view);
  const MdBounceCodeSpan *codes;
  GdkRectangle visible;
  GtkTextIter iter;
  gint64 end;
  guint n_codes;

  gtk_text_view_get_visible_rect (text_view, &visible);
  gtk_text_view_get_iter_at_location (text_view, &iter, visible.x + visible.width, visible.y + visible.height);
  end = gtk_text_iter_get_offset (&iter);
  if (gtk_text_iter_is_end (&iter) && gtk_text_buffer_get_char_count (buffer) < expected->n_chars)
    return FALSE;

  codes = md_bounce_analysis_get_codes (expected->analysis, &n_codes);
  for (guint i = 0; i < n_codes && codes[i].start < end; i++)
    {
      gboolean tagged = FALSE;

      /* Not in the buffer yet. */
      if (codes[i].end > gtk_text_buffer_get_char_count (buffer))
        return FALSE;

      gtk_text_buffer_get_iter_at_offset (buffer, &iter, codes[i].start);
      for (MdHighlightKind kind = MD_HIGHLIGHT_SUCCESS; kind < MD_HIGHLIGHT_N_KINDS; kind++)
        tagged |= gtk_text_iter_has_tag (&iter, md_bounce_highlighter_get_tag (highlighter, kind));
      if (!tagged)
        return FALSE;
    }

  return TRUE;
}

/* Whether the text is all in and every code of it highlighted: once the
 * highlighter is idle, the first and the last code tagged say that it went
 * through this text's spans (every code is checked once the run is over). */
static gboolean
code_tagged (MdBounceView *view,
             gint64        offset)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (md_bounce_view_get_text_view (view));
  MdBounceHighlighter *highlighter = md_bounce_view_get_highlighter (view);
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  for (MdHighlightKind kind = MD_HIGHLIGHT_SUCCESS; kind < MD_HIGHLIGHT_N_KINDS; kind++)
    if (gtk_text_iter_has_tag (&iter, md_bounce_highlighter_get_tag (highlighter, kind)))
      return TRUE;

  return FALSE;
}

static gboolean
all_codes_highlighted (MdBounceView   *view,
                       const Expected *expected)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (md_bounce_view_get_text_view (view));
  const MdBounceCodeSpan *codes;
  guint n_codes;

  if (gtk_text_buffer_get_char_count (buffer) < expected->n_chars ||
      md_bounce_highlighter_get_busy (md_bounce_view_get_highlighter (view)))
    return FALSE;

  codes = md_bounce_analysis_get_codes (expected->analysis, &n_codes);

  return n_codes == 0 || (code_tagged (view, codes[0].start) && code_tagged (view, codes[n_codes - 1].start));
}

static guint
count_codes_not_highlighted (MdBounceView   *view,
                             const Expected *expected)
{
  const MdBounceCodeSpan *codes;
  guint n_codes, missing = 0;

  codes = md_bounce_analysis_get_codes (expected->analysis, &n_codes);
  for (guint i = 0; i < n_codes; i++)
    missing += !code_tagged (view, codes[i].start);

  return missing;
}

static void
set_done (gpointer data)
{
  *(gboolean *) data = TRUE;
}

typedef struct {
  double stall_ms;      /* longest iteration */
  double visible_ms;    /* until every code on screen is highlighted */
  double own_ms;        /* longest iteration, less GTK's layout and drawing */
  double full_ms;       /* until every code is highlighted */
  double full_own_ms;   /* the same, less all of GTK's layout and drawing */
  double listed_ms;     /* until every finding has its row too */
  double after_ms;      /* longest iteration in the second after it */
  guint  n_codes;
  guint  n_missing;     /* codes left without a highlight */
} Result;

static Result
run_once (MdBounceView   *view,
          GBytes         *bytes,
          const Expected *expected)
{
  Result result = { 0, };
  gint64 start, stall, own, all_drawing = 0;
  guint n_codes;

  /* Settle: no work left from the previous run. */
  md_bounce_view_clear (view);
  for (gint64 end = g_get_monotonic_time () + 300 * 1000; g_get_monotonic_time () < end;)
    iterate (FALSE, NULL);

  start = g_get_monotonic_time ();
  md_bounce_view_set_bytes (view, bytes, "bench");
  stall = own = g_get_monotonic_time () - start;

  while (md_bounce_view_get_busy (view))
    {
      gint64 drawing;
      gint64 work = iterate (TRUE, &drawing);

      if (result.visible_ms == 0 && visible_codes_highlighted (view, expected))
        result.visible_ms = (g_get_monotonic_time () - start) / 1000.0;

      stall = MAX (stall, work);
      own = MAX (own, work - drawing);
      all_drawing += drawing;

      if (result.full_ms == 0 && all_codes_highlighted (view, expected))
        {
          result.full_ms = (g_get_monotonic_time () - start) / 1000.0;
          result.full_own_ms = result.full_ms - all_drawing / 1000.0;
        }
    }

  result.listed_ms = (g_get_monotonic_time () - start) / 1000.0;
  if (result.full_ms == 0)
    {
      result.full_ms = result.listed_ms;
      result.full_own_ms = result.full_ms - all_drawing / 1000.0;
    }
  if (result.visible_ms == 0)
    result.visible_ms = result.full_ms;
  result.stall_ms = stall / 1000.0;
  result.own_ms = own / 1000.0;

  /* What is left to GTK once all is listed: the layout of the lines of a
   * large text. It counts as a stall too. */
  {
    gboolean done = FALSE;

    g_timeout_add_once (1000, set_done, &done);

    while (!done)
      {
        gint64 drawing;
        gint64 work = iterate (TRUE, &drawing);

        result.after_ms = MAX (result.after_ms, work / 1000.0);
        own = MAX (own, work - drawing);
      }
  }
  result.stall_ms = MAX (result.stall_ms, result.after_ms);
  result.own_ms = own / 1000.0;

  md_bounce_analysis_get_codes (md_bounce_view_get_analysis (view), &n_codes);
  result.n_codes = n_codes;
  result.n_missing = count_codes_not_highlighted (view, expected);

  return result;
}

/* What GTK itself takes for the same result, in one go and in the best
 * case: the displayed text into a GtkTextBuffer without a view, then a tag
 * on every span, the last first. */
static double
gtk_floor_ms (const char     *displayed,
              gsize           displayed_length,
              const Expected *expected)
{
  g_autoptr(GtkTextBuffer) buffer = gtk_text_buffer_new (NULL);
  GtkTextTag *tags[MD_HIGHLIGHT_N_KINDS];
  const MdHighlightSpan *spans;
  guint n_spans;
  gint64 start;

  for (guint i = 0; i < MD_HIGHLIGHT_N_KINDS; i++)
    tags[i] = gtk_text_buffer_create_tag (buffer, NULL, "weight", PANGO_WEIGHT_BOLD, NULL);
  spans = md_bounce_analysis_get_spans (expected->analysis, &n_spans);

  start = g_get_monotonic_time ();
  gtk_text_buffer_set_text (buffer, displayed, displayed_length);
  for (guint i = n_spans; i-- > 0;)
    {
      GtkTextIter span_start, span_end;

      gtk_text_buffer_get_iter_at_offset (buffer, &span_start, spans[i].start);
      gtk_text_buffer_get_iter_at_offset (buffer, &span_end, spans[i].end);
      gtk_text_buffer_apply_tag (buffer, tags[spans[i].kind], &span_start, &span_end);
    }

  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median_of (double *values,
           guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);

  return values[n / 2];
}

static double
worst_of (const double *values,
          guint         n)
{
  double worst = 0;

  for (guint i = 0; i < n; i++)
    worst = MAX (worst, values[i]);

  return worst;
}

int
main (int   argc,
      char *argv[])
{
  static const Workload workloads[] = {
    { "example bounce, 4 recipients", make_example },
    { "DSN + 5 MB base64 attachment", make_attachment },
    { "5 MB mail log, many codes", make_log },
    { "list DSN, 3000 recipients", make_mailing_list },
    { "5 MB random bytes", make_junk },
  };
  guint runs = argc > 1 ? MAX (1, atoi (argv[1])) : 5;
  const char *only = argc > 2 ? argv[2] : NULL;
  GtkWidget *window;
  MdBounceView *view;
  GdkFrameClock *frame_clock;
  gboolean all_ok = TRUE;

  if (!gtk_init_check ())
    {
      g_printerr ("bench-highlight needs a display: run it under xvfb-run -a\n");
      return 77;
    }
  adw_init ();
  g_main_context_set_poll_func (NULL, timed_poll);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  view = g_object_new (MD_TYPE_BOUNCE_VIEW, NULL);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  for (gint64 end = g_get_monotonic_time () + 500 * 1000; g_get_monotonic_time () < end;)
    iterate (FALSE, NULL);

  frame_clock = gtk_widget_get_frame_clock (window);
  g_signal_connect_after (frame_clock, "update", G_CALLBACK (on_update_done), NULL);
  g_signal_connect_after (frame_clock, "layout", G_CALLBACK (on_layout_or_paint_done), NULL);
  g_signal_connect_after (frame_clock, "paint", G_CALLBACK (on_layout_or_paint_done), NULL);

  g_print ("Bounce view: from paste to full highlight, %u runs each, median / worst\n", runs);
  g_print ("GSK renderer: %s; accessibility: %s\n\n",
           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))),
           g_strcmp0 (g_getenv ("GTK_A11Y"), "none") == 0 ? "off" : "on");
  g_print ("| %-30s | %8s | %6s | %-17s | %-17s | %-12s | %-17s | %-17s | %-9s | %-10s | %-9s |\n",
           "workload", "size", "codes", "longest stall", "  less drawing",
           "on screen", "full highlight", "  less drawing", "GTK floor", "all listed", "after");
  g_print ("|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n",
           "--------------------------------", "----------", "--------",
           "-------------------", "-------------------", "--------------", "-------------------",
           "-------------------", "-----------", "------------", "-----------");

  for (guint w = 0; w < G_N_ELEMENTS (workloads); w++)
    {
      g_autoptr(GBytes) bytes = workloads[w].make ();
      g_autofree double *stalls = g_new (double, runs);
      g_autofree double *owns = g_new (double, runs);
      g_autofree double *fulls = g_new (double, runs);
      g_autofree double *full_owns = g_new (double, runs);
      g_autofree double *listeds = g_new (double, runs);
      g_autofree double *visibles = g_new (double, runs);
      g_autofree double *floors = g_new (double, runs);
      g_autofree char *size = g_format_size (g_bytes_get_size (bytes));
      Expected expected;
      g_autofree char *displayed = NULL;
      gsize displayed_length;
      double worst_after = 0, worst_stall, worst_own, median_visible, median_full, median_full_own;
      guint n_codes = 0, n_missing = 0;

      if (only != NULL && strstr (workloads[w].name, only) == NULL)
        continue;

      expected.analysis = md_bounce_analysis_run (bytes, NULL);
      displayed = md_bounce_text_make_valid (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &displayed_length);
      expected.n_chars = g_utf8_strlen (displayed, displayed_length);
      for (guint r = 0; r < runs; r++)
        {
          Result result = run_once (view, bytes, &expected);

          stalls[r] = result.stall_ms;
          owns[r] = result.own_ms;
          fulls[r] = result.full_ms;
          full_owns[r] = result.full_own_ms;
          listeds[r] = result.listed_ms;
          visibles[r] = result.visible_ms;
          worst_after = MAX (worst_after, result.after_ms);
          n_codes = result.n_codes;
          n_missing = MAX (n_missing, result.n_missing);
          floors[r] = gtk_floor_ms (displayed, displayed_length, &expected);
        }
      g_object_unref (expected.analysis);

      median_visible = median_of (visibles, runs);
      worst_stall = worst_of (stalls, runs);
      worst_own = worst_of (owns, runs);
      median_full = median_of (fulls, runs);
      median_full_own = median_of (full_owns, runs);

      g_print ("| %-30s | %8s | %6u | %6.1f / %6.1f %s | %6.1f / %6.1f %s | %6.1f ms %s | %6.1f / %6.1f %s | %6.1f / %6.1f %s | %6.1f ms | %7.1f ms | %6.1f ms |\n",
               workloads[w].name, size, n_codes,
               median_of (stalls, runs), worst_stall, worst_stall <= TARGET_STALL_MS ? "ok" : "!!",
               median_of (owns, runs), worst_own, worst_own <= TARGET_STALL_MS ? "ok" : "!!",
               median_visible, median_visible <= TARGET_FULL_MS ? "ok" : "!!",
               median_full, worst_of (fulls, runs), median_full <= TARGET_FULL_MS ? "ok" : "!!",
               median_full_own, worst_of (full_owns, runs), median_full_own <= TARGET_FULL_MS ? "ok" : "!!",
               median_of (floors, runs), median_of (listeds, runs), worst_after);
      if (n_missing > 0)
        g_print ("!! %u codes of \"%s\" were left without a highlight\n", n_missing, workloads[w].name);

      all_ok &= worst_own <= TARGET_STALL_MS && median_visible <= TARGET_FULL_MS &&
                median_full_own <= TARGET_FULL_MS && n_missing == 0;
    }

  g_print ("\nlongest stall: the longest main-loop iteration from the paste until one\n"
           "  second after all is listed (a key press or a frame waits that long);\n"
           "less drawing: the same, less the time GTK spent laying out and drawing\n"
           "  frames (a software renderer under Xvfb is slow at that);\n"
           "on screen: until the screen is filled with the text and every code on\n"
           "  it is highlighted (median): what the user sees;\n"
           "full highlight: until the text is all in and every code of it is\n"
           "  highlighted, whether or not the verdict is in; less drawing: less the\n"
           "  frames drawn meanwhile;\n"
           "GTK floor: the same text put into a GtkTextBuffer without a view and\n"
           "  every code tagged, in one go (median): what no slicing can go under;\n"
           "all listed: until the findings have a row each too (median), a few rows\n"
           "  per frame so that no frame lays out a hundred;\n"
           "after: the longest iteration in the second after all is listed (in the\n"
           "  longest stall too): GTK laying out the remaining lines of a large text\n"
           "  in the background.\n"
           "Targets: stall <= %.0f ms (worst run), on screen and full highlight\n"
           "  <= %.0f ms (median);\n"
           "\"!!\" marks a figure over its target.\n",
           TARGET_STALL_MS, TARGET_FULL_MS);

  gtk_window_destroy (GTK_WINDOW (window));

  return all_ok ? 0 : 1;
}
