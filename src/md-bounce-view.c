/* md-bounce-view.c — the "Analyze a bounce" paste box
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text goes into a GtkTextBuffer a slice at a time when it is large,
 * each piece made valid UTF-8 as it goes in, while the analyzer runs over
 * the very bytes in a thread. As soon as it has found the codes the
 * highlighter tags them, what is on screen first and the rest a slice at a
 * time, waiting for the text where it is not in yet; once the analysis is
 * done the panel shows the verdict. Every change of the text bumps a
 * generation counter, so a result that arrives for an older text is
 * dropped.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "md-bounce-text.h"
#include "md-bounce-view.h"

/* A text larger than this goes into the buffer over several main-loop
 * iterations, each stopping after LOAD_SLICE_USEC: from an idle source, and
 * once per frame from a tick callback for when frames leave no idle time
 * (see SLICE_USEC in md-bounce-highlighter.c for the length). */
#define LOAD_CHUNK_BYTES (64 * 1024)
#define LOAD_SLICE_USEC  12000
#define LOAD_PRIORITY    (GDK_PRIORITY_REDRAW + 1)
/* Typing re-analyses the text once the keyboard rests this long. */
#define DEBOUNCE_MSEC    300
/* Below this width the findings go under the text instead of beside it. */
#define WIDE_WIDTH       720
/* A bounce with its returned message attached is rarely above a few MB. */
#define MAX_FILE_SIZE    (64 * 1024 * 1024)

struct _MdBounceView
{
  GtkWidget             parent_instance;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  GtkWidget            *paste_button;
  GtkLabel             *source_label;
  GtkSpinner           *spinner;
  GtkPaned             *paned;
  GtkTextView          *text_view;
  MdBouncePanel        *panel;

  GtkTextBuffer        *buffer;
  MdBounceHighlighter  *highlighter;
  MdBounceAnalysis     *analysis;          /* presented for the text as it is */
  GCancellable         *cancellable;       /* the analysis under way */
  GCancellable         *load_cancellable;  /* the file being read */
  GtkFileChooserNative *chooser;

  guint                 generation;
  guint                 debounce_id;
  gboolean              analyzing;
  gboolean              stale;             /* edited since @analysis */
  gboolean              busy;

  gboolean              loading;           /* until the text is all in the buffer */
  GBytes               *loading_bytes;     /* as given: made valid piece by piece */
  gsize                 loading_pos;
  guint                 loading_id;
  guint                 loading_tick_id;

  GtkOrientation        orientation;
  guint                 orientation_id;
  gboolean              position_set;
};

G_DEFINE_FINAL_TYPE (MdBounceView, md_bounce_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct {
  GWeakRef  view;
  guint     generation;
  char     *display_name;
} Request;

static Request *
request_new (MdBounceView *self,
             const char   *display_name)
{
  Request *request = g_new0 (Request, 1);

  g_weak_ref_init (&request->view, self);
  request->generation = self->generation;
  request->display_name = g_strdup (display_name);

  return request;
}

static void
request_free (Request *request)
{
  g_weak_ref_clear (&request->view);
  g_free (request->display_name);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

static void
md_bounce_view_stop_loading (MdBounceView *self)
{
  self->loading = FALSE;
  if (self->highlighter != NULL)
    md_bounce_highlighter_set_hold (self->highlighter, FALSE);
  g_clear_handle_id (&self->loading_id, g_source_remove);
  if (self->loading_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->loading_tick_id);
  self->loading_tick_id = 0;
  g_clear_pointer (&self->loading_bytes, g_bytes_unref);
}

static void
md_bounce_view_update_busy (MdBounceView *self)
{
  gboolean busy = self->analyzing ||
                  self->loading ||
                  self->debounce_id != 0 ||
                  md_bounce_highlighter_get_busy (self->highlighter) ||
                  md_bounce_panel_get_busy (self->panel);

  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);

  if (busy == self->busy)
    return;

  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
md_bounce_view_toast (MdBounceView *self,
                      const char   *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Drops the analysis under way and the text still being inserted. */
static void
md_bounce_view_stop (MdBounceView *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->analyzing = FALSE;

  g_clear_handle_id (&self->debounce_id, g_source_remove);
  md_bounce_view_stop_loading (self);
}

/* How the panel shows a verdict: a failure is permanent when the server
 * will not try again, whatever the class of the code ("4.4.1" once the
 * queue lifetime is over). */
static MdCodeClass
verdict_class (const MdBounceRecipient *recipient)
{
  if (recipient->klass == MD_CODE_CLASS_SUCCESS)
    return MD_CODE_CLASS_SUCCESS;

  return recipient->permanent || md_bounce_recipient_is_given_up (recipient)
         ? MD_CODE_CLASS_PERMANENT : MD_CODE_CLASS_TEMPORARY;
}

/* The status the bounce gave for a recipient: its enhanced status code, or
 * its reply code when it has none. */
static char *
recipient_status (const MdBounceRecipient *recipient)
{
  if (recipient->status != NULL)
    return g_strdup (recipient->status);
  if (recipient->reply_code != 0)
    return g_strdup_printf ("%u", recipient->reply_code);

  return NULL;
}

static void
md_bounce_view_fill_verdicts (MdBounceView   *self,
                              MdBounceReport *report)
{
  const MdBounceRecipient *main_recipient = md_bounce_report_get_main_recipient (report);
  guint n_recipients = md_bounce_report_get_n_recipients (report);

  if (main_recipient != NULL)
    {
      MdBounceVerdict verdict = {
        .klass = verdict_class (main_recipient),
        .given_up = md_bounce_recipient_is_given_up (main_recipient),
        .title = md_reason_get_title (main_recipient->reason),
        .headline = md_bounce_report_get_headline (report),
        .actor = md_actor_get_label (main_recipient->actor),
        .advice = md_reason_get_advice (main_recipient->reason),
      };

      md_bounce_panel_set_verdict (self->panel, &verdict);
    }
  else
    {
      MdBounceVerdict verdict = {
        .klass = MD_CODE_CLASS_UNKNOWN,
        .title = _("No delivery problem found"),
        .headline = md_bounce_report_get_headline (report),
      };

      md_bounce_panel_set_verdict (self->panel, &verdict);
    }

  for (guint i = 0; i < n_recipients; i++)
    {
      const MdBounceRecipient *recipient = md_bounce_report_get_recipient (report, i);
      g_autofree char *status = recipient_status (recipient);
      MdBounceVerdict verdict = {
        .klass = verdict_class (recipient),
        .given_up = md_bounce_recipient_is_given_up (recipient),
        .recipient = recipient->recipient,
        .status = status,
        .title = md_reason_get_title (recipient->reason),
        .headline = md_reason_get_explanation (recipient->reason),
        .actor = md_actor_get_label (recipient->actor),
        .advice = md_reason_get_advice (recipient->reason),
        .diagnostic = recipient->diagnostic,
      };

      md_bounce_panel_add_recipient (self->panel, &verdict);
    }
}

static void
md_bounce_view_present (MdBounceView     *self,
                        MdBounceAnalysis *analysis)
{
  MdBounceReport *report = md_bounce_analysis_get_report (analysis);
  const MdBounceCodeSpan *codes;
  guint n_codes;

  /* The highlighter has the spans already: on_spans_ready() comes first. */
  g_set_object (&self->analysis, analysis);
  self->stale = FALSE;

  md_bounce_panel_clear (self->panel);

  codes = md_bounce_analysis_get_codes (analysis, &n_codes);
  if (n_codes == 0 && md_bounce_report_get_n_recipients (report) == 0)
    md_bounce_panel_show_nothing (self->panel,
                                  _("No Error Codes Found"),
                                  _("This text holds no SMTP reply code (like 550) and no enhanced status code (like 5.1.1). Paste the whole bounce, including the part where a server explains why it refused the message."));
  else
    {
      /* The panel makes its rows in this order: the recipients, above, first. */
      md_bounce_view_fill_verdicts (self, report);

      for (guint i = 0; i < n_codes; i++)
        md_bounce_panel_add_occurrence (self->panel, codes[i].code, codes[i].klass,
                                        codes[i].start, codes[i].end, codes[i].line);
      md_bounce_panel_show_report (self->panel);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bounce.copy-analysis", TRUE);
  md_bounce_view_update_busy (self);
}

static void
on_analysis_done (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(MdBounceView) self = g_weak_ref_get (&request->view);
  g_autoptr(MdBounceAnalysis) analysis = NULL;
  g_autoptr(GError) error = NULL;

  analysis = md_bounce_analysis_run_finish (result, &error);

  /* Cancelled or outrun by an edit: a newer run is under way or the view is gone. */
  if (self == NULL || request->generation != self->generation ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->analyzing = FALSE;

  if (error != NULL)
    {
      md_bounce_panel_show_nothing (self->panel, _("The Analysis Failed"), error->message);
      md_bounce_view_update_busy (self);
      return;
    }

  /* Shown at once, even if the text is still going in: the highlighter
   * waits for the rest of it. */
  md_bounce_view_present (self, analysis);
}

/* The codes are known before the verdict: they are coloured meanwhile. */
static void
on_spans_ready (MdBounceAnalysis *analysis,
                gpointer          user_data)
{
  Request *request = user_data;
  g_autoptr(MdBounceView) self = g_weak_ref_get (&request->view);
  const MdHighlightSpan *spans;
  guint n_spans;

  if (self == NULL || request->generation != self->generation)
    return;

  spans = md_bounce_analysis_get_spans (analysis, &n_spans);
  md_bounce_highlighter_apply (self->highlighter, spans, n_spans);
  md_bounce_view_update_busy (self);
}

static void
md_bounce_view_start_analysis (MdBounceView *self,
                               GBytes       *bytes)
{
  self->analyzing = TRUE;
  md_bounce_analysis_run_async (bytes,
                                self->cancellable,
                                on_spans_ready,
                                on_analysis_done,
                                request_new (self, NULL));
  md_bounce_view_update_busy (self);
}

/* Inserts the next slice of the text being loaded; TRUE once it is all in. */
static gboolean
md_bounce_view_insert_slice (MdBounceView *self)
{
  gint64 deadline = g_get_monotonic_time () + LOAD_SLICE_USEC;
  gsize length;
  const char *data = g_bytes_get_data (self->loading_bytes, &length);
  GtkTextIter end;

  if (data == NULL)
    data = "";

  g_signal_handlers_block_matched (self->buffer, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_text_buffer_begin_irreversible_action (self->buffer);

  do
    {
      gsize chunk_end = md_bounce_text_chunk_end (data, length, self->loading_pos, LOAD_CHUNK_BYTES);
      gsize valid_length;
      g_autofree char *valid = md_bounce_text_make_valid (data + self->loading_pos,
                                                          chunk_end - self->loading_pos,
                                                          &valid_length);

      gtk_text_buffer_get_end_iter (self->buffer, &end);
      gtk_text_buffer_insert (self->buffer, &end, valid, valid_length);
      self->loading_pos = chunk_end;
    }
  while (self->loading_pos < length && g_get_monotonic_time () < deadline);

  gtk_text_buffer_end_irreversible_action (self->buffer);
  g_signal_handlers_unblock_matched (self->buffer, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);

  return self->loading_pos >= length;
}

static void
md_bounce_view_loaded (MdBounceView *self)
{
  GtkTextIter start;

  md_bounce_view_stop_loading (self);

  gtk_text_buffer_get_start_iter (self->buffer, &start);
  gtk_text_buffer_place_cursor (self->buffer, &start);

  md_bounce_view_update_busy (self);
}

/* The last slice removes both sources through md_bounce_view_loaded(). */
static gboolean
md_bounce_view_load_idle (gpointer user_data)
{
  MdBounceView *self = user_data;

  if (md_bounce_view_insert_slice (self))
    md_bounce_view_loaded (self);

  return G_SOURCE_CONTINUE;
}

static gboolean
md_bounce_view_load_tick (GtkWidget     *widget,
                          GdkFrameClock *frame_clock,
                          gpointer       user_data)
{
  return md_bounce_view_load_idle (widget);
}

/* Puts @bytes in the buffer: the first slice now, the others from the
 * main loop. */
static void
md_bounce_view_begin_loading (MdBounceView *self,
                              GBytes       *bytes)
{
  self->loading = TRUE;
  self->loading_bytes = g_bytes_ref (bytes);
  self->loading_pos = 0;
  md_bounce_highlighter_set_hold (self->highlighter, TRUE);

  if (md_bounce_view_insert_slice (self))
    {
      md_bounce_view_loaded (self);
      return;
    }

  self->loading_id = g_idle_add_full (LOAD_PRIORITY, md_bounce_view_load_idle, self, NULL);
  g_source_set_name_by_id (self->loading_id, "[mail-doctor] load text slice");
  self->loading_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), md_bounce_view_load_tick, NULL, NULL);
}

/**
 * md_bounce_view_set_bytes:
 * @self: a #MdBounceView
 * @bytes: a bounce, in any encoding, even binary
 * @source_name: (nullable): where it comes from ("bounce.eml"), or %NULL
 *   for pasted text
 *
 * Replaces the text with @bytes and analyses them at once. Bytes that are not
 * UTF-8 show as U+FFFD; the analyzer gets them as they are.
 */
void
md_bounce_view_set_bytes (MdBounceView *self,
                          GBytes       *bytes,
                          const char   *source_name)
{
  g_return_if_fail (MD_IS_BOUNCE_VIEW (self));
  g_return_if_fail (bytes != NULL);

  md_bounce_view_stop (self);
  g_clear_object (&self->analysis);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bounce.copy-analysis", FALSE);
  self->generation++;

  gtk_label_set_text (self->source_label, source_name ? source_name : _("Pasted text"));
  md_bounce_panel_clear (self->panel);
  md_bounce_panel_show_busy (self->panel);
  gtk_stack_set_visible_child_name (self->stack, "analysis");

  /* The text goes first: its tags go with it, which is cheaper than
   * removing them. */
  g_signal_handlers_block_matched (self->buffer, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_text_buffer_begin_irreversible_action (self->buffer);
  gtk_text_buffer_set_text (self->buffer, "", 0);
  gtk_text_buffer_end_irreversible_action (self->buffer);
  g_signal_handlers_unblock_matched (self->buffer, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  md_bounce_highlighter_clear (self->highlighter);

  /* The analyzer starts first: it scans in a thread while the text goes in. */
  md_bounce_view_start_analysis (self, bytes);
  md_bounce_view_begin_loading (self, bytes);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
  md_bounce_view_update_busy (self);
}

/**
 * md_bounce_view_clear:
 * @self: a #MdBounceView
 *
 * Empties the text and shows the empty state again.
 */
void
md_bounce_view_clear (MdBounceView *self)
{
  g_return_if_fail (MD_IS_BOUNCE_VIEW (self));

  md_bounce_view_stop (self);
  g_clear_object (&self->analysis);
  self->generation++;

  /* The text goes first: its tags go with it. */
  g_signal_handlers_block_matched (self->buffer, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_text_buffer_set_text (self->buffer, "", 0);
  g_signal_handlers_unblock_matched (self->buffer, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  md_bounce_highlighter_clear (self->highlighter);

  md_bounce_panel_clear (self->panel);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bounce.copy-analysis", FALSE);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  gtk_widget_grab_focus (self->paste_button);
  md_bounce_view_update_busy (self);
}

static gboolean
md_bounce_view_debounced (gpointer user_data)
{
  MdBounceView *self = user_data;
  GtkTextIter start, end;
  char *text;

  /* Typed while a large text is still going in: wait until it is all in. */
  if (self->loading)
    return G_SOURCE_CONTINUE;

  self->debounce_id = 0;

  if (gtk_text_buffer_get_char_count (self->buffer) == 0)
    {
      md_bounce_view_clear (self);
      return G_SOURCE_REMOVE;
    }

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  text = gtk_text_buffer_get_text (self->buffer, &start, &end, TRUE);
  {
    g_autoptr(GBytes) bytes = g_bytes_new_take (text, strlen (text));

    md_bounce_view_start_analysis (self, bytes);
  }

  return G_SOURCE_REMOVE;
}

/* The user edits the text (loading is not seen here): the tags move with
 * it until the new analysis, and those not applied yet would land off by
 * the edit. */
static void
on_buffer_changed (MdBounceView  *self,
                   GtkTextBuffer *buffer)
{
  md_bounce_highlighter_stop (self->highlighter);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->analyzing = FALSE;
  self->generation++;
  self->stale = TRUE;

  g_clear_handle_id (&self->debounce_id, g_source_remove);
  self->debounce_id = g_timeout_add (DEBOUNCE_MSEC, md_bounce_view_debounced, self);
  g_source_set_name_by_id (self->debounce_id, "[mail-doctor] re-analyse");

  md_bounce_view_update_busy (self);
}

static void
on_cursor_moved (MdBounceView  *self,
                 GParamSpec    *pspec,
                 GtkTextBuffer *buffer)
{
  const MdBounceCodeSpan *code;
  MdFindingRow *row = NULL;
  GtkTextIter iter;
  gint64 offset;

  if (self->analysis == NULL || self->stale)
    return;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  offset = gtk_text_iter_get_offset (&iter);
  code = md_bounce_analysis_find_code (self->analysis, offset);
  if (code != NULL)
    row = md_bounce_panel_lookup_finding (self->panel, code->code);
  if (row != NULL && !md_finding_row_contains (row, offset))
    row = NULL;

  md_bounce_panel_select_finding (self->panel, row);
}

/* The row of the code under the cursor may have been made after the cursor
 * got there. */
static void
on_panel_busy_changed (MdBounceView  *self,
                       GParamSpec    *pspec,
                       MdBouncePanel *panel)
{
  if (!md_bounce_panel_get_busy (panel))
    on_cursor_moved (self, NULL, self->buffer);
  md_bounce_view_update_busy (self);
}

static void
on_finding_activated (MdBounceView  *self,
                      MdFindingRow  *row,
                      MdBouncePanel *panel)
{
  GtkTextIter start, end;
  gint64 start_offset, end_offset;

  if (!md_finding_row_next_occurrence (row, &start_offset, &end_offset))
    return;

  gtk_text_buffer_get_iter_at_offset (self->buffer, &start, start_offset);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &end, end_offset);
  gtk_text_buffer_select_range (self->buffer, &start, &end);
  gtk_text_view_scroll_to_mark (self->text_view, gtk_text_buffer_get_insert (self->buffer),
                                0.1, TRUE, 0.0, 0.3);
}

/* The highlighted code at @iter: the tags follow the text through edits,
 * so they name the code even before the new analysis. */
static gboolean
find_tagged_code (MdBounceView      *self,
                  const GtkTextIter *iter,
                  GtkTextIter       *start,
                  GtkTextIter       *end)
{
  for (MdHighlightKind kind = MD_HIGHLIGHT_SUCCESS; kind < MD_HIGHLIGHT_N_KINDS; kind++)
    {
      GtkTextTag *tag = md_bounce_highlighter_get_tag (self->highlighter, kind);

      if (!gtk_text_iter_has_tag (iter, tag))
        continue;

      *start = *end = *iter;
      if (!gtk_text_iter_starts_tag (start, tag))
        gtk_text_iter_backward_to_tag_toggle (start, tag);
      gtk_text_iter_forward_to_tag_toggle (end, tag);

      return TRUE;
    }

  return FALSE;
}

static char *
tooltip_markup (const char *code)
{
  g_autoptr(MdCodeInfo) info = NULL;

  if (strchr (code, '.') != NULL)
    info = md_codes_describe_enhanced (code);
  else
    info = md_codes_describe_reply ((guint) g_ascii_strtoull (code, NULL, 10));
  if (info == NULL)
    return NULL;

  return g_markup_printf_escaped ("<b>%s</b> · %s\n%s\n<i>%s</i>",
                                  code, info->title, info->meaning,
                                  md_code_class_to_string (info->klass));
}

/**
 * md_bounce_view_dup_tooltip_at:
 * @self: a #MdBounceView
 * @offset: a character offset in the text
 *
 * Returns: (transfer full) (nullable): the tooltip shown over the code at
 *   @offset (its meaning, in Pango markup), or %NULL where there is no code
 */
char *
md_bounce_view_dup_tooltip_at (MdBounceView *self,
                               gint64        offset)
{
  GtkTextIter iter, start, end;
  g_autofree char *code = NULL;

  g_return_val_if_fail (MD_IS_BOUNCE_VIEW (self), NULL);

  gtk_text_buffer_get_iter_at_offset (self->buffer, &iter, offset);
  if (!find_tagged_code (self, &iter, &start, &end))
    return NULL;

  code = gtk_text_iter_get_text (&start, &end);

  return tooltip_markup (code);
}

static gboolean
on_query_tooltip (MdBounceView *self,
                  int           x,
                  int           y,
                  gboolean      keyboard_mode,
                  GtkTooltip   *tooltip,
                  GtkTextView  *text_view)
{
  g_autofree char *markup = NULL;
  GdkRectangle first, last, area;
  GtkTextIter iter, start, end;

  if (keyboard_mode)
    gtk_text_buffer_get_iter_at_mark (self->buffer, &iter, gtk_text_buffer_get_insert (self->buffer));
  else
    {
      int bx, by;

      gtk_text_view_window_to_buffer_coords (text_view, GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
      if (!gtk_text_view_get_iter_at_location (text_view, &iter, bx, by))
        return FALSE;
    }

  if (!find_tagged_code (self, &iter, &start, &end))
    return FALSE;

  markup = md_bounce_view_dup_tooltip_at (self, gtk_text_iter_get_offset (&iter));
  if (markup == NULL)
    return FALSE;
  gtk_tooltip_set_markup (tooltip, markup);

  /* The tooltip stays up while the pointer is over the same code. */
  gtk_text_view_get_iter_location (text_view, &start, &first);
  gtk_text_iter_backward_char (&end);
  gtk_text_view_get_iter_location (text_view, &end, &last);
  gdk_rectangle_union (&first, &last, &area);
  gtk_text_view_buffer_to_window_coords (text_view, GTK_TEXT_WINDOW_WIDGET,
                                         area.x, area.y, &area.x, &area.y);
  gtk_tooltip_set_tip_area (tooltip, &area);

  return TRUE;
}

static void
on_paste_read (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(MdBounceView) self = g_weak_ref_get (&request->view);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);

  if (self == NULL)
    return;

  if (text == NULL || *text == '\0')
    {
      md_bounce_view_toast (self, _("The clipboard holds no text to analyze"));
      return;
    }

  {
    gsize length = strlen (text);
    g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&text), length);

    md_bounce_view_set_bytes (self, bytes, NULL);
  }
}

static void
md_bounce_view_paste_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  MdBounceView *self = MD_BOUNCE_VIEW (widget);

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget),
                                 self->load_cancellable,
                                 on_paste_read,
                                 request_new (self, NULL));
}

/* A paste into an empty text, or over all of it, loads the text like a file:
 * a slice at a time and analysed at once. Other pastes are edits. */
static void
on_text_view_paste (MdBounceView *self,
                    GtkTextView  *text_view)
{
  GtkTextIter start, end, sel_start, sel_end;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  if (gtk_text_iter_equal (&start, &end) ||
      (gtk_text_buffer_get_selection_bounds (self->buffer, &sel_start, &sel_end) &&
       gtk_text_iter_equal (&sel_start, &start) && gtk_text_iter_equal (&sel_end, &end)))
    {
      g_signal_stop_emission_by_name (text_view, "paste-clipboard");
      gtk_widget_activate_action (GTK_WIDGET (self), "bounce.paste", NULL);
    }
}

static gboolean
md_bounce_view_paste_shortcut (GtkWidget *widget,
                               GVariant  *args,
                               gpointer   user_data)
{
  MdBounceView *self = MD_BOUNCE_VIEW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "empty") != 0)
    return FALSE;

  return gtk_widget_activate_action (widget, "bounce.paste", NULL);
}

static void
on_file_loaded (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(MdBounceView) self = g_weak_ref_get (&request->view);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_file_load_bytes_finish (G_FILE (object), result, NULL, &error);

  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (bytes == NULL)
    {
      /* Translators: the file's name, then the system's reason */
      g_autofree char *message = g_strdup_printf (_("Could not open “%s”: %s"),
                                                  request->display_name, error->message);

      md_bounce_view_toast (self, message);
      return;
    }

  md_bounce_view_set_bytes (self, bytes, request->display_name);
}

static void
on_file_info (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(MdBounceView) self = g_weak_ref_get (&request->view);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = g_file_query_info_finish (G_FILE (object), result, &error);
  g_autofree char *message = NULL;
  Request *next;

  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (info == NULL)
    message = g_strdup_printf (_("Could not open “%s”: %s"), request->display_name, error->message);
  else if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    message = g_strdup_printf (_("“%s” is a folder: open a message file"), request->display_name);
  else if (g_file_info_get_size (info) > MAX_FILE_SIZE)
    {
      g_autofree char *size = g_format_size (g_file_info_get_size (info));

      /* Translators: the file's name and its size, "12.3 MB" */
      message = g_strdup_printf (_("“%s” is too large for a bounce (%s): open a single message"),
                                 request->display_name, size);
    }

  if (message != NULL)
    {
      md_bounce_view_toast (self, message);
      return;
    }

  next = request_new (self, request->display_name);
  g_file_load_bytes_async (G_FILE (object), self->load_cancellable, on_file_loaded, next);
}

/**
 * md_bounce_view_load_file:
 * @self: a #MdBounceView
 * @file: a saved message (.eml) or any text
 *
 * Reads @file and shows it as if pasted. A file that cannot be read leaves
 * the text as it was and says why.
 */
void
md_bounce_view_load_file (MdBounceView *self,
                          GFile        *file)
{
  g_autofree char *display_name = NULL;

  g_return_if_fail (MD_IS_BOUNCE_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  display_name = g_file_get_basename (file);
  if (display_name == NULL)
    display_name = g_file_get_uri (file);

  g_file_query_info_async (file,
                           G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                           G_FILE_QUERY_INFO_NONE,
                           G_PRIORITY_DEFAULT,
                           self->load_cancellable,
                           on_file_info,
                           request_new (self, display_name));
}

static void
on_chooser_response (MdBounceView         *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        md_bounce_view_load_file (self, file);
    }

  g_clear_object (&self->chooser);
}

static void
md_bounce_view_open_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  MdBounceView *self = MD_BOUNCE_VIEW (widget);
  g_autoptr(GtkFileFilter) messages = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Open a Bounce"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  gtk_file_filter_set_name (messages, _("Messages and text files"));
  gtk_file_filter_add_mime_type (messages, "message/rfc822");
  gtk_file_filter_add_mime_type (messages, "text/plain");
  gtk_file_filter_add_suffix (messages, "eml");
  gtk_file_filter_add_suffix (messages, "txt");
  gtk_file_filter_add_suffix (messages, "log");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), messages);

  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);

  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
md_bounce_view_example_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  g_autoptr(GBytes) bytes = NULL;

  bytes = g_resources_lookup_data (RESOURCE_PATH "/example-bounce.eml", G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_return_if_fail (bytes != NULL);

  md_bounce_view_set_bytes (MD_BOUNCE_VIEW (widget), bytes, _("Example bounce"));
}

static void
md_bounce_view_copy_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  MdBounceView *self = MD_BOUNCE_VIEW (widget);
  g_autofree char *text = md_bounce_view_dup_analysis_text (self);

  if (text == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  md_bounce_view_toast (self, _("Analysis copied"));
}

static void
md_bounce_view_clear_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  md_bounce_view_clear (MD_BOUNCE_VIEW (widget));
}

static gboolean
on_drop (MdBounceView  *self,
         const GValue  *value,
         double         x,
         double         y,
         GtkDropTarget *target)
{
  GFile *file = NULL;

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = gdk_file_list_get_files (g_value_get_boxed (value));

      if (files != NULL)
        file = files->data;
      if (files != NULL && files->next != NULL)
        md_bounce_view_toast (self, _("One bounce at a time: only the first file was opened"));
      g_slist_free (files);
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    file = g_value_get_object (value);

  if (file == NULL)
    return FALSE;

  md_bounce_view_load_file (self, file);

  return TRUE;
}

static void
on_dark_changed (MdBounceView    *self,
                 GParamSpec      *pspec,
                 AdwStyleManager *style_manager)
{
  md_bounce_highlighter_set_dark (self->highlighter, adw_style_manager_get_dark (style_manager));
}

static gboolean
md_bounce_view_apply_orientation (gpointer user_data)
{
  MdBounceView *self = user_data;
  int width = gtk_widget_get_width (GTK_WIDGET (self->paned));
  int height = gtk_widget_get_height (GTK_WIDGET (self->paned));

  self->orientation_id = 0;
  self->orientation = gtk_widget_get_width (GTK_WIDGET (self)) >= WIDE_WIDTH
                      ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->paned), self->orientation);

  /* The text gets a little more room than the findings beside it. */
  if (self->orientation == GTK_ORIENTATION_HORIZONTAL)
    gtk_paned_set_position (self->paned, width * 55 / 100);
  else
    gtk_paned_set_position (self->paned, height * 45 / 100);
  self->position_set = TRUE;

  return G_SOURCE_REMOVE;
}

static void
md_bounce_view_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  MdBounceView *self = MD_BOUNCE_VIEW (widget);

  gtk_widget_measure (GTK_WIDGET (self->toast_overlay), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

/* libadwaita 1.2 has no breakpoints: the orientation follows the width we
 * are given, switched after this allocation so as not to re-enter it. */
static void
md_bounce_view_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  MdBounceView *self = MD_BOUNCE_VIEW (widget);
  GtkOrientation wanted = width >= WIDE_WIDTH ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL;

  gtk_widget_allocate (GTK_WIDGET (self->toast_overlay), width, height, baseline, NULL);

  if ((wanted != self->orientation || !self->position_set) &&
      self->orientation_id == 0 &&
      gtk_widget_get_mapped (GTK_WIDGET (self->paned)))
    self->orientation_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, md_bounce_view_apply_orientation, self, NULL);
}

/**
 * md_bounce_view_dup_analysis_text:
 * @self: a #MdBounceView
 *
 * Returns: (transfer full) (nullable): the analysis as readable text, what
 *   "Copy Analysis" puts on the clipboard, or %NULL before any analysis
 */
char *
md_bounce_view_dup_analysis_text (MdBounceView *self)
{
  g_return_val_if_fail (MD_IS_BOUNCE_VIEW (self), NULL);

  if (self->analysis == NULL)
    return NULL;

  return md_bounce_report_to_text (md_bounce_analysis_get_report (self->analysis));
}

gboolean
md_bounce_view_get_busy (MdBounceView *self)
{
  g_return_val_if_fail (MD_IS_BOUNCE_VIEW (self), FALSE);

  return self->busy;
}

/**
 * md_bounce_view_get_analysis:
 * @self: a #MdBounceView
 *
 * Returns: (transfer none) (nullable): the analysis shown, or %NULL
 */
MdBounceAnalysis *
md_bounce_view_get_analysis (MdBounceView *self)
{
  g_return_val_if_fail (MD_IS_BOUNCE_VIEW (self), NULL);

  return self->analysis;
}

GtkTextView *
md_bounce_view_get_text_view (MdBounceView *self)
{
  g_return_val_if_fail (MD_IS_BOUNCE_VIEW (self), NULL);

  return self->text_view;
}

MdBouncePanel *
md_bounce_view_get_panel (MdBounceView *self)
{
  g_return_val_if_fail (MD_IS_BOUNCE_VIEW (self), NULL);

  return self->panel;
}

MdBounceHighlighter *
md_bounce_view_get_highlighter (MdBounceView *self)
{
  g_return_val_if_fail (MD_IS_BOUNCE_VIEW (self), NULL);

  return self->highlighter;
}

static void
md_bounce_view_dispose (GObject *object)
{
  MdBounceView *self = MD_BOUNCE_VIEW (object);
  GtkWidget *child;

  /* The panel and the highlighter outlive this dispose a little: their
   * last notifications must not reach a view half gone. */
  if (self->panel != NULL)
    g_signal_handlers_disconnect_by_data (self->panel, self);
  if (self->highlighter != NULL)
    g_signal_handlers_disconnect_by_data (self->highlighter, self);

  md_bounce_view_stop (self);
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->orientation_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->highlighter);
  g_clear_object (&self->analysis);

  gtk_widget_dispose_template (GTK_WIDGET (self), MD_TYPE_BOUNCE_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (md_bounce_view_parent_class)->dispose (object);
}

static void
md_bounce_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MdBounceView *self = MD_BOUNCE_VIEW (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
md_bounce_view_class_init (MdBounceViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = md_bounce_view_dispose;
  object_class->get_property = md_bounce_view_get_property;
  widget_class->measure = md_bounce_view_measure;
  widget_class->size_allocate = md_bounce_view_size_allocate;

  /**
   * MdBounceView:busy:
   *
   * Whether the text is still being loaded, analysed or highlighted.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MD_TYPE_BOUNCE_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/md-bounce-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MdBounceView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MdBounceView, stack);
  gtk_widget_class_bind_template_child (widget_class, MdBounceView, paste_button);
  gtk_widget_class_bind_template_child (widget_class, MdBounceView, source_label);
  gtk_widget_class_bind_template_child (widget_class, MdBounceView, spinner);
  gtk_widget_class_bind_template_child (widget_class, MdBounceView, paned);
  gtk_widget_class_bind_template_child (widget_class, MdBounceView, text_view);
  gtk_widget_class_bind_template_child (widget_class, MdBounceView, panel);

  gtk_widget_class_install_action (widget_class, "bounce.paste", NULL, md_bounce_view_paste_action);
  gtk_widget_class_install_action (widget_class, "bounce.open", NULL, md_bounce_view_open_action);
  gtk_widget_class_install_action (widget_class, "bounce.example", NULL, md_bounce_view_example_action);
  gtk_widget_class_install_action (widget_class, "bounce.copy-analysis", NULL, md_bounce_view_copy_action);
  gtk_widget_class_install_action (widget_class, "bounce.clear", NULL, md_bounce_view_clear_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "bounce.open", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, md_bounce_view_paste_shortcut, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "bounce.copy-analysis", NULL);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
md_bounce_view_init (MdBounceView *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  GtkDropTarget *drop_target;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->load_cancellable = g_cancellable_new ();
  self->orientation = GTK_ORIENTATION_HORIZONTAL;

  self->buffer = gtk_text_view_get_buffer (self->text_view);
  self->highlighter = md_bounce_highlighter_new (self->text_view);
  md_bounce_highlighter_set_dark (self->highlighter, adw_style_manager_get_dark (style_manager));

  g_signal_connect_object (style_manager, "notify::dark", G_CALLBACK (on_dark_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->highlighter, "notify::busy", G_CALLBACK (md_bounce_view_update_busy), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->panel, "notify::busy", G_CALLBACK (on_panel_busy_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->buffer, "changed", G_CALLBACK (on_buffer_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->buffer, "notify::cursor-position", G_CALLBACK (on_cursor_moved), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->text_view, "paste-clipboard", G_CALLBACK (on_text_view_paste), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->text_view, "query-tooltip", G_CALLBACK (on_query_tooltip), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->panel, "finding-activated", G_CALLBACK (on_finding_activated), self, G_CONNECT_SWAPPED);

  /* In the capture phase, so that a file dropped on the text opens rather
   * than inserting its path. */
  drop_target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop_target, (GType[2]) { GDK_TYPE_FILE_LIST, G_TYPE_FILE }, 2);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drop_target), GTK_PHASE_CAPTURE);
  g_signal_connect_object (drop_target, "drop", G_CALLBACK (on_drop), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bounce.copy-analysis", FALSE);
  md_bounce_view_update_busy (self);
}
