/* md-bounce-highlighter.c — colours the codes and DSN field names of a text view, what is on screen first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tagging tens of thousands of spans of a pasted log takes longer than a
 * frame (a few microseconds a tag in GtkTextBuffer), so the spans are
 * applied in blocks: before each frame, the blocks on screen and a screen
 * around it, so that whatever the user looks at is coloured in the frame
 * that shows it; in between, the others from the top down, a slice of a
 * few milliseconds at a time. An idle source runs the slices between
 * frames; a tick callback runs one per frame as well, because when drawing
 * a frame takes longer than the frame interval (a spinner on a slow
 * renderer) the idle source would never get its turn.
 */

#include "config.h"

#include "md-bounce-highlighter.h"

/* Each slice stops after this much work. When drawing a frame takes longer
 * than the frame interval, the slice run by the tick callback is all the
 * work done per frame: short enough that a frame and a slice stay well
 * below the 50 ms a key press may wait, long enough not to leave most of
 * the time to frames that draw the same text again. */
#define SLICE_USEC 12000
#define SLICE_PRIORITY (GDK_PRIORITY_REDRAW + 2)
/* Spans are applied in blocks of at most this many spans and this many
 * characters: the old tags of a block's characters go with it, and a
 * block is done at once. */
#define BLOCK_SPANS 64
#define BLOCK_CHARS 16384
/* The most blocks applied for what is on screen, whatever the time. */
#define SCREEN_BLOCKS 32

struct _MdBounceHighlighter
{
  GObject        parent_instance;

  GtkTextView   *view;
  GtkTextBuffer *buffer;
  GtkTextTag    *tags[MD_HIGHLIGHT_N_KINDS];

  GArray        *pending;    /* MdHighlightSpan, sorted by start */
  GArray        *blocks;     /* Block, sorted by start */
  guint          n_done;
  guint          next_block; /* where the slices go on from */
  gint64         old_tags_from; /* the first tag of the text before, or G_MAXINT64 */
  guint          idle_id;
  guint          tick_id;
  gboolean       hold;       /* the text is still coming in */
  gboolean       paused;     /* until more of it is in */
  gboolean       dark;
};

/* The spans from @first_span to the next block's first, and the
 * characters from @start to the next block's start (to the end of the text
 * for the last block). */
typedef struct {
  guint    first_span;
  gint64   start;
  gboolean done;
} Block;

G_DEFINE_FINAL_TYPE (MdBounceHighlighter, md_bounce_highlighter, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_VIEW,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* GNOME palette: the darker shades on a light background, the lighter ones
 * on a dark background; each pair keeps a contrast above 4.5:1. */
static const struct {
  const char *name;
  const char *light_fg;
  const char *light_bg;
  const char *dark_fg;
  const char *dark_bg;
} tag_styles[MD_HIGHLIGHT_N_KINDS] = {
  [MD_HIGHLIGHT_FIELD]     = { "md-dsn-field",      "#1a5fb4", NULL,                     "#99c1f1", NULL },
  [MD_HIGHLIGHT_SUCCESS]   = { "md-code-success",   "#146b40", "rgba(46,194,126,0.18)",  "#8ff0a4", "rgba(46,194,126,0.22)" },
  [MD_HIGHLIGHT_TEMPORARY] = { "md-code-temporary", "#7d5a00", "rgba(245,194,17,0.25)",  "#f9f06b", "rgba(245,194,17,0.18)" },
  [MD_HIGHLIGHT_PERMANENT] = { "md-code-permanent", "#a51d2d", "rgba(224,27,36,0.15)",   "#ff9a8a", "rgba(255,123,99,0.22)" },
  [MD_HIGHLIGHT_OTHER]     = { "md-code-other",     "#613583", "rgba(145,65,172,0.14)",  "#dc8add", "rgba(192,97,203,0.22)" },
};

static void
md_bounce_highlighter_update_colors (MdBounceHighlighter *self)
{
  for (guint i = 0; i < MD_HIGHLIGHT_N_KINDS; i++)
    {
      const char *fg = self->dark ? tag_styles[i].dark_fg : tag_styles[i].light_fg;
      const char *bg = self->dark ? tag_styles[i].dark_bg : tag_styles[i].light_bg;

      g_object_set (self->tags[i], "foreground", fg, NULL);
      if (bg != NULL)
        g_object_set (self->tags[i], "background", bg, NULL);
    }
}

static void
md_bounce_highlighter_create_tags (MdBounceHighlighter *self)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (self->buffer);

  /* Created in priority order: a code inside a field line wins. Beside the
   * colour, the weight and the underline tell the classes apart: double for
   * permanent, single for temporary, none for success. */
  for (guint i = 0; i < MD_HIGHLIGHT_N_KINDS; i++)
    {
      self->tags[i] = gtk_text_tag_new (tag_styles[i].name);
      g_object_set (self->tags[i], "weight", PANGO_WEIGHT_BOLD, NULL);
      gtk_text_tag_table_add (table, self->tags[i]);
      g_object_unref (self->tags[i]);
    }

  g_object_set (self->tags[MD_HIGHLIGHT_PERMANENT], "underline", PANGO_UNDERLINE_DOUBLE, NULL);
  g_object_set (self->tags[MD_HIGHLIGHT_TEMPORARY], "underline", PANGO_UNDERLINE_SINGLE, NULL);

  md_bounce_highlighter_update_colors (self);
}

static gboolean md_bounce_highlighter_idle (gpointer       user_data);
static gboolean md_bounce_highlighter_tick (GtkWidget     *widget,
                                            GdkFrameClock *frame_clock,
                                            gpointer       user_data);

static void
md_bounce_highlighter_start_sources (MdBounceHighlighter *self)
{
  if (self->idle_id == 0)
    {
      self->idle_id = g_idle_add_full (SLICE_PRIORITY, md_bounce_highlighter_idle, self, NULL);
      g_source_set_name_by_id (self->idle_id, "[mail-doctor] highlight slice");
    }
  if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->view), md_bounce_highlighter_tick, self, NULL);
}

static void
md_bounce_highlighter_stop_sources (MdBounceHighlighter *self)
{
  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->view), self->tick_id);
  self->tick_id = 0;
}

/* Drops what is left to apply. */
static void
md_bounce_highlighter_finish (MdBounceHighlighter *self)
{
  /* Busy until now, even when the last block is in already. */
  gboolean was_busy = md_bounce_highlighter_get_busy (self);

  md_bounce_highlighter_stop_sources (self);
  g_array_set_size (self->pending, 0);
  g_array_set_size (self->blocks, 0);
  self->n_done = self->next_block = 0;
  self->old_tags_from = G_MAXINT64;
  self->paused = FALSE;

  if (was_busy)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Where the first highlight is, or G_MAXINT64: the blocks before it have
 * no old tag to remove. */
static gint64
md_bounce_highlighter_first_tagged (MdBounceHighlighter *self)
{
  GtkTextIter start;
  gint64 first = G_MAXINT64;

  gtk_text_buffer_get_start_iter (self->buffer, &start);
  for (guint i = 0; i < MD_HIGHLIGHT_N_KINDS; i++)
    {
      GtkTextIter iter = start;

      if (gtk_text_iter_starts_tag (&iter, self->tags[i]) ||
          gtk_text_iter_forward_to_tag_toggle (&iter, self->tags[i]))
        first = MIN (first, gtk_text_iter_get_offset (&iter));
    }

  return first;
}

/* Removes the tags between @from and @to. It goes from toggle to toggle,
 * which skips the parts of the text without tags: removing a tag from a
 * whole range walks every line of it. */
static void
md_bounce_highlighter_remove_tags (MdBounceHighlighter *self,
                                   gint64               from,
                                   gint64               to)
{
  for (guint i = 0; i < MD_HIGHLIGHT_N_KINDS; i++)
    {
      GtkTextTag *tag = self->tags[i];
      GtkTextIter start, end;

      gtk_text_buffer_get_iter_at_offset (self->buffer, &start, from);
      if (!gtk_text_iter_has_tag (&start, tag) &&
          (!gtk_text_iter_forward_to_tag_toggle (&start, tag) || gtk_text_iter_get_offset (&start) >= to))
        continue;

      /* @start is on a tagged character. */
      do
        {
          end = start;
          gtk_text_iter_forward_to_tag_toggle (&end, tag);
          if (gtk_text_iter_get_offset (&end) > to)
            gtk_text_buffer_get_iter_at_offset (self->buffer, &end, to);
          gtk_text_buffer_remove_tag (self->buffer, tag, &start, &end);
          start = end;
        }
      while (gtk_text_iter_get_offset (&start) < to &&
             gtk_text_iter_forward_to_tag_toggle (&start, tag) &&
             gtk_text_iter_get_offset (&start) < to);
    }
}

static inline Block *
get_block (MdBounceHighlighter *self,
           guint                block)
{
  return &g_array_index (self->blocks, Block, block);
}

/* The characters a block answers for. */
static void
block_range (MdBounceHighlighter *self,
             guint                block,
             gint64               length,
             gint64              *from,
             gint64              *to)
{
  *from = MIN (get_block (self, block)->start, length);
  *to = block + 1 == self->blocks->len ? length : MIN (get_block (self, block + 1)->start, length);
}

/* Removes the old tags of a block's range and applies its spans; FALSE,
 * doing nothing, while its spans are beyond the text still coming in. */
static gboolean
md_bounce_highlighter_tag_block (MdBounceHighlighter *self,
                                 guint                block,
                                 gint64               length)
{
  guint first = get_block (self, block)->first_span;
  guint last = block + 1 == self->blocks->len ? self->pending->len : get_block (self, block + 1)->first_span;
  const MdHighlightSpan *spans = (const MdHighlightSpan *) (gpointer) self->pending->data;
  gint64 from, to;

  if (self->hold && last > first && spans[last - 1].end > length)
    return FALSE;

  block_range (self, block, length, &from, &to);
  if (to > self->old_tags_from && to > from)
    md_bounce_highlighter_remove_tags (self, MAX (from, self->old_tags_from), to);

  /* From the last span to the first: applying a tag splits the text of its
   * line, and a split copies what follows it, which is shorter once the
   * spans after it are in. */
  for (guint i = last; i-- > first;)
    {
      GtkTextIter start, end;

      if (spans[i].start >= length)
        continue;
      gtk_text_buffer_get_iter_at_offset (self->buffer, &start, spans[i].start);
      gtk_text_buffer_get_iter_at_offset (self->buffer, &end, MIN (spans[i].end, length));
      gtk_text_buffer_apply_tag (self->buffer, self->tags[spans[i].kind], &start, &end);
    }

  get_block (self, block)->done = TRUE;
  self->n_done++;

  return TRUE;
}

/* The block whose range holds @offset. */
static guint
block_at (MdBounceHighlighter *self,
          gint64               offset)
{
  guint low = 0, high = self->blocks->len;

  /* The last block that starts at or before @offset. */
  while (high - low > 1)
    {
      guint middle = low + (high - low) / 2;

      if (get_block (self, middle)->start <= offset)
        low = middle;
      else
        high = middle;
    }

  return low;
}

/* Applies the blocks whose ranges meet [@from, @to], up to @max_blocks of
 * them or until @deadline; FALSE when one waits for the text. */
static gboolean
md_bounce_highlighter_tag_between (MdBounceHighlighter *self,
                                   gint64               from,
                                   gint64               to,
                                   gint64               length,
                                   gint64               deadline,
                                   guint                max_blocks)
{
  for (guint block = block_at (self, from); block < self->blocks->len && max_blocks > 0; block++)
    {
      if (get_block (self, block)->start > to || g_get_monotonic_time () >= deadline)
        break;
      if (get_block (self, block)->done)
        continue;
      if (!md_bounce_highlighter_tag_block (self, block, length))
        return FALSE;
      max_blocks--;
    }

  return TRUE;
}

/* Applies the blocks on screen, then those a screen below and above it,
 * so that scrolling shows coloured codes at once, wherever the slices are.
 * Lines not laid out yet count as no height, so what seems on screen may
 * be far more than a screen: a screen holds a few hundred codes at most,
 * more blocks than that wait, and the work around it stops after a slice. */
static void
md_bounce_highlighter_tag_visible (MdBounceHighlighter *self,
                                   gint64               length)
{
  gint64 deadline = g_get_monotonic_time () + SLICE_USEC;
  GdkRectangle visible;
  GtkTextIter iter;
  gint64 above, top, bottom, below;

  gtk_text_view_get_visible_rect (self->view, &visible);
  if (visible.height <= 0 || self->blocks->len == 0)
    return;

  gtk_text_view_get_iter_at_location (self->view, &iter, 0, MAX (0, visible.y - visible.height));
  above = gtk_text_iter_get_offset (&iter);
  gtk_text_view_get_iter_at_location (self->view, &iter, 0, visible.y);
  top = gtk_text_iter_get_offset (&iter);
  gtk_text_view_get_iter_at_location (self->view, &iter, 0, visible.y + visible.height);
  gtk_text_iter_forward_to_line_end (&iter);
  bottom = gtk_text_iter_get_offset (&iter);
  gtk_text_view_get_iter_at_location (self->view, &iter, 0, visible.y + 2 * visible.height);
  gtk_text_iter_forward_to_line_end (&iter);
  below = gtk_text_iter_get_offset (&iter);

  if (md_bounce_highlighter_tag_between (self, top, bottom, length, G_MAXINT64, SCREEN_BLOCKS) &&
      md_bounce_highlighter_tag_between (self, bottom, below, length, deadline, G_MAXUINT))
    md_bounce_highlighter_tag_between (self, above, top, length, deadline, G_MAXUINT);
}

/* Applies blocks for a few milliseconds; FALSE when it stops: all applied,
 * or waiting for the rest of the text. */
static gboolean
md_bounce_highlighter_slice (MdBounceHighlighter *self)
{
  gint64 deadline = g_get_monotonic_time () + SLICE_USEC;
  gint64 length = gtk_text_buffer_get_char_count (self->buffer);

  for (; self->next_block < self->blocks->len; self->next_block++)
    {
      if (get_block (self, self->next_block)->done)
        continue;

      if (!md_bounce_highlighter_tag_block (self, self->next_block, length))
        {
          /* Resumed by the next insertion, or by the release. */
          self->paused = TRUE;
          md_bounce_highlighter_stop_sources (self);
          return FALSE;
        }

      /* Finished at once after the last block: busy until then. */
      if (self->n_done < self->blocks->len && g_get_monotonic_time () >= deadline)
        {
          self->next_block++;
          return TRUE;
        }
    }

  md_bounce_highlighter_finish (self);

  return FALSE;
}

static gboolean
md_bounce_highlighter_idle (gpointer user_data)
{
  MdBounceHighlighter *self = user_data;

  /* A slice that stops removes both sources itself. */
  md_bounce_highlighter_slice (self);

  return G_SOURCE_CONTINUE;
}

static gboolean
md_bounce_highlighter_tick (GtkWidget     *widget,
                            GdkFrameClock *frame_clock,
                            gpointer       user_data)
{
  MdBounceHighlighter *self = user_data;

  /* Before the frame lays the text out and draws it. */
  md_bounce_highlighter_tag_visible (self, gtk_text_buffer_get_char_count (self->buffer));
  md_bounce_highlighter_slice (self);

  return G_SOURCE_CONTINUE;
}

/* More of the text is in: resumes where it waited. */
static void
on_text_changed (MdBounceHighlighter *self,
                 GtkTextBuffer       *buffer)
{
  if (self->paused)
    {
      self->paused = FALSE;
      md_bounce_highlighter_start_sources (self);
    }
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const MdHighlightSpan *x = a;
  const MdHighlightSpan *y = b;

  return (x->start > y->start) - (x->start < y->start);
}

/* Cuts @pending and the text into blocks. Where there are old tags, the
 * characters without spans are cut too, so that no block has a long
 * stretch of them to remove. A cut never falls inside a span: the block
 * after it would remove the span's tag. */
static void
md_bounce_highlighter_make_blocks (MdBounceHighlighter *self,
                                   gint64               length)
{
  const MdHighlightSpan *spans = (const MdHighlightSpan *) (gpointer) self->pending->data;
  gint64 max_chars = self->old_tags_from < length ? BLOCK_CHARS : G_MAXINT64;
  Block block = { 0, 0, FALSE };
  gint64 last_end = 0;

  for (guint i = 0; i < self->pending->len; i++)
    {
      while (spans[i].start - block.start > max_chars)
        {
          g_array_append_val (self->blocks, block);
          block.first_span = i;
          block.start = MAX (block.start + max_chars, last_end);
        }

      if (i - block.first_span == BLOCK_SPANS)
        {
          g_array_append_val (self->blocks, block);
          block.first_span = i;
          block.start = spans[i].start;
        }

      last_end = MAX (last_end, spans[i].end);
    }

  while (length - block.start > max_chars)
    {
      g_array_append_val (self->blocks, block);
      block.first_span = self->pending->len;
      block.start = MAX (block.start + max_chars, last_end);
    }
  g_array_append_val (self->blocks, block);
}

/**
 * md_bounce_highlighter_apply:
 * @self: a #MdBounceHighlighter
 * @spans: (array length=n_spans): the spans, in characters of the buffer
 * @n_spans: how many
 *
 * Replaces the highlight with @spans: what is on screen now, the rest over
 * the next main-loop iterations (#MdBounceHighlighter:busy is %TRUE until
 * then). The old tags go block by block with the new ones.
 */
void
md_bounce_highlighter_apply (MdBounceHighlighter   *self,
                             const MdHighlightSpan *spans,
                             guint                  n_spans)
{
  gint64 length;

  g_return_if_fail (MD_IS_BOUNCE_HIGHLIGHTER (self));
  g_return_if_fail (spans != NULL || n_spans == 0);

  md_bounce_highlighter_finish (self);
  self->old_tags_from = md_bounce_highlighter_first_tagged (self);
  g_array_append_vals (self->pending, spans, n_spans);
  g_array_sort (self->pending, compare_spans);

  /* Even without spans, blocks: they remove the old tags. */
  length = gtk_text_buffer_get_char_count (self->buffer);
  md_bounce_highlighter_make_blocks (self, length);
  md_bounce_highlighter_start_sources (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  /* A short text is highlighted before the next frame. */
  md_bounce_highlighter_tag_visible (self, length);
  md_bounce_highlighter_slice (self);
}

/**
 * md_bounce_highlighter_set_hold:
 * @self: a #MdBounceHighlighter
 * @hold: whether the text is still being inserted
 *
 * While held, spans beyond the end of the buffer wait for the text to
 * arrive; once released, those still beyond it are dropped.
 */
void
md_bounce_highlighter_set_hold (MdBounceHighlighter *self,
                                gboolean             hold)
{
  g_return_if_fail (MD_IS_BOUNCE_HIGHLIGHTER (self));

  self->hold = !!hold;
  if (!self->hold && self->paused)
    {
      self->paused = FALSE;
      md_bounce_highlighter_start_sources (self);
    }
}

/**
 * md_bounce_highlighter_stop:
 * @self: a #MdBounceHighlighter
 *
 * Drops the spans not applied yet; those applied stay, and move with the
 * text. For an edit: the spans left would land off by it.
 */
void
md_bounce_highlighter_stop (MdBounceHighlighter *self)
{
  g_return_if_fail (MD_IS_BOUNCE_HIGHLIGHTER (self));

  md_bounce_highlighter_finish (self);
}

/**
 * md_bounce_highlighter_clear:
 * @self: a #MdBounceHighlighter
 *
 * Removes every highlight and drops the spans not applied yet. Emptying
 * the text first is cheaper: its tags go with it.
 */
void
md_bounce_highlighter_clear (MdBounceHighlighter *self)
{
  gint64 first, length;

  g_return_if_fail (MD_IS_BOUNCE_HIGHLIGHTER (self));

  md_bounce_highlighter_finish (self);
  first = md_bounce_highlighter_first_tagged (self);
  length = gtk_text_buffer_get_char_count (self->buffer);
  if (first < length)
    md_bounce_highlighter_remove_tags (self, first, length);
}

gboolean
md_bounce_highlighter_get_busy (MdBounceHighlighter *self)
{
  g_return_val_if_fail (MD_IS_BOUNCE_HIGHLIGHTER (self), FALSE);

  /* Until the last block is in and the sources are gone. */
  return self->blocks->len > 0;
}

GtkTextTag *
md_bounce_highlighter_get_tag (MdBounceHighlighter *self,
                               MdHighlightKind      kind)
{
  g_return_val_if_fail (MD_IS_BOUNCE_HIGHLIGHTER (self), NULL);
  g_return_val_if_fail (kind < MD_HIGHLIGHT_N_KINDS, NULL);

  return self->tags[kind];
}

/**
 * md_bounce_highlighter_set_dark:
 * @self: a #MdBounceHighlighter
 * @dark: whether the text is shown light on dark
 *
 * Switches the colours to the shades readable on the current background.
 */
void
md_bounce_highlighter_set_dark (MdBounceHighlighter *self,
                                gboolean             dark)
{
  g_return_if_fail (MD_IS_BOUNCE_HIGHLIGHTER (self));

  dark = !!dark;
  if (self->dark == dark)
    return;

  self->dark = dark;
  md_bounce_highlighter_update_colors (self);
}

MdBounceHighlighter *
md_bounce_highlighter_new (GtkTextView *view)
{
  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);

  return g_object_new (MD_TYPE_BOUNCE_HIGHLIGHTER,
                       "view", view,
                       NULL);
}

static void
md_bounce_highlighter_constructed (GObject *object)
{
  MdBounceHighlighter *self = MD_BOUNCE_HIGHLIGHTER (object);

  G_OBJECT_CLASS (md_bounce_highlighter_parent_class)->constructed (object);

  self->buffer = g_object_ref (gtk_text_view_get_buffer (self->view));
  md_bounce_highlighter_create_tags (self);
  g_signal_connect_swapped (self->buffer, "changed", G_CALLBACK (on_text_changed), self);
}

static void
md_bounce_highlighter_dispose (GObject *object)
{
  MdBounceHighlighter *self = MD_BOUNCE_HIGHLIGHTER (object);

  if (self->view != NULL)
    md_bounce_highlighter_stop_sources (self);
  if (self->buffer != NULL)
    g_signal_handlers_disconnect_by_func (self->buffer, on_text_changed, self);
  g_clear_object (&self->buffer);
  g_clear_object (&self->view);

  G_OBJECT_CLASS (md_bounce_highlighter_parent_class)->dispose (object);
}

static void
md_bounce_highlighter_finalize (GObject *object)
{
  MdBounceHighlighter *self = MD_BOUNCE_HIGHLIGHTER (object);

  g_array_unref (self->pending);
  g_array_unref (self->blocks);

  G_OBJECT_CLASS (md_bounce_highlighter_parent_class)->finalize (object);
}

static void
md_bounce_highlighter_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  MdBounceHighlighter *self = MD_BOUNCE_HIGHLIGHTER (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_object (value, self->view);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, md_bounce_highlighter_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
md_bounce_highlighter_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  MdBounceHighlighter *self = MD_BOUNCE_HIGHLIGHTER (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      self->view = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
md_bounce_highlighter_class_init (MdBounceHighlighterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = md_bounce_highlighter_constructed;
  object_class->dispose = md_bounce_highlighter_dispose;
  object_class->finalize = md_bounce_highlighter_finalize;
  object_class->get_property = md_bounce_highlighter_get_property;
  object_class->set_property = md_bounce_highlighter_set_property;

  properties[PROP_VIEW] =
    g_param_spec_object ("view", NULL, NULL,
                         GTK_TYPE_TEXT_VIEW,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
md_bounce_highlighter_init (MdBounceHighlighter *self)
{
  self->pending = g_array_new (FALSE, FALSE, sizeof (MdHighlightSpan));
  self->blocks = g_array_new (FALSE, FALSE, sizeof (Block));
  self->old_tags_from = G_MAXINT64;
}
