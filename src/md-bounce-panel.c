/* md-bounce-panel.c — the findings beside the bounce: verdict, recipients and codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "md-bounce-panel.h"

/* The recipients summed up above their list. */
typedef enum {
  COUNT_PERMANENT,
  COUNT_TEMPORARY,
  COUNT_GIVEN_UP,
  COUNT_DELIVERED,
  N_COUNTS
} RecipientCount;

struct _MdBouncePanel
{
  AdwBin               parent_instance;

  GtkStack            *stack;
  GtkSpinner          *busy_spinner;
  AdwStatusPage       *nothing_page;
  GtkScrolledWindow   *scroller;
  GtkWidget           *verdict_box;
  GtkImage            *verdict_icon;
  GtkLabel            *verdict_kind_label;
  GtkLabel            *verdict_title_label;
  GtkLabel            *headline_label;
  GtkWidget           *verdict_grid;
  GtkLabel            *actor_label;
  GtkLabel            *advice_label;
  AdwPreferencesGroup *recipients_group;
  GtkListBox          *recipients_list;
  AdwPreferencesGroup *codes_group;
  GtkListBox          *codes_list;
  GtkLabel            *more_label;

  GHashTable          *findings;       /* code → Finding, the listed codes */
  GHashTable          *unlisted_codes; /* the codes beyond MAX_LISTED_CODES */

  /* Rows to make, in order: each frame makes a few, so that none builds
   * and lays out a hundred at once. */
  GArray              *pending;        /* PendingRow */
  guint                next_pending;
  guint                append_tick_id;
  guint                n_recipient_rows;

  /* Every recipient of the report, listed or not. */
  guint                recipient_counts[N_COUNTS];
  guint                n_unlisted_recipients;
};

G_DEFINE_FINAL_TYPE (MdBouncePanel, md_bounce_panel, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FINDING_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Rows added to the lists per frame. A frame lays out what is new in it: a
 * hundred recipients in one frame stalled the window for 300 ms. */
#define ROWS_PER_FRAME 3
/* A pasted log may hold hundreds of distinct codes: all are highlighted,
 * this many are listed. */
#define MAX_LISTED_CODES 100
/* A row each costs a few milliseconds to build and lay out: a mailing
 * list's bounce naming thousands froze the window for seconds. */
#define MAX_LISTED_RECIPIENTS 100

static const char * const class_css_names[] = { "permanent", "temporary", "success", "other" };

static const char *
class_css_name (MdCodeClass klass)
{
  switch (klass)
    {
    case MD_CODE_CLASS_PERMANENT:
      return class_css_names[0];
    case MD_CODE_CLASS_TEMPORARY:
      return class_css_names[1];
    case MD_CODE_CLASS_SUCCESS:
      return class_css_names[2];
    case MD_CODE_CLASS_UNKNOWN:
    case MD_CODE_CLASS_POSITIVE_PRELIMINARY:
    case MD_CODE_CLASS_INTERMEDIATE:
    default:
      return class_css_names[3];
    }
}

static const char *
class_icon_name (MdCodeClass klass)
{
  switch (klass)
    {
    case MD_CODE_CLASS_PERMANENT:
      return "dialog-error-symbolic";
    case MD_CODE_CLASS_TEMPORARY:
      return "alarm-symbolic";
    case MD_CODE_CLASS_SUCCESS:
      return "md-status-ok-symbolic";
    case MD_CODE_CLASS_UNKNOWN:
    case MD_CODE_CLASS_POSITIVE_PRELIMINARY:
    case MD_CODE_CLASS_INTERMEDIATE:
    default:
      return "dialog-information-symbolic";
    }
}

static const char *
class_kind_label (MdCodeClass klass)
{
  switch (klass)
    {
    case MD_CODE_CLASS_PERMANENT:
      return _("Permanent failure");
    case MD_CODE_CLASS_TEMPORARY:
      return _("Temporary failure");
    case MD_CODE_CLASS_SUCCESS:
      return _("Delivered");
    case MD_CODE_CLASS_UNKNOWN:
    case MD_CODE_CLASS_POSITIVE_PRELIMINARY:
    case MD_CODE_CLASS_INTERMEDIATE:
    default:
      return _("Not a failure");
    }
}

/* A temporary failure the server has stopped retrying is not called
 * permanent: its cause may be gone by now. */
static const char *
verdict_kind_label (const MdBounceVerdict *verdict)
{
  if (verdict->given_up)
    return _("Given up after retries");

  return class_kind_label (verdict->klass);
}

static void
set_class (GtkWidget   *widget,
           MdCodeClass  klass)
{
  for (guint i = 0; i < G_N_ELEMENTS (class_css_names); i++)
    gtk_widget_remove_css_class (widget, class_css_names[i]);
  gtk_widget_add_css_class (widget, class_css_name (klass));
}

static void
remove_all_rows (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* What a recipient's row says; its details are shown once expanded. */
typedef struct {
  MdCodeClass  klass;
  const char  *badge;        /* translated already */
  char        *recipient;
  char        *subtitle;
  char        *headline;
  char        *actor;
  char        *advice;
  char        *diagnostic;
} RecipientRow;

static void
recipient_row_free (RecipientRow *data)
{
  g_free (data->recipient);
  g_free (data->subtitle);
  g_free (data->headline);
  g_free (data->actor);
  g_free (data->advice);
  g_free (data->diagnostic);
  g_free (data);
}

/* One distinct code and where it occurs; its row is made in its turn. */
typedef struct {
  char         *code;
  MdCodeClass   klass;
  GArray       *occurrences;   /* MdOccurrence, in the order of the text; the row's once made */
  MdFindingRow *row;           /* NULL until made */
} Finding;

static void
finding_free (Finding *finding)
{
  g_free (finding->code);
  g_clear_pointer (&finding->occurrences, g_array_unref);
  g_free (finding);
}

typedef struct {
  RecipientRow *recipient;  /* owned, or NULL */
  Finding      *finding;    /* borrowed from @findings, or NULL */
} PendingRow;

static void
pending_row_clear (PendingRow *pending)
{
  g_clear_pointer (&pending->recipient, recipient_row_free);
}

static GtkWidget *make_recipient_row (RecipientRow *data);

static GtkWidget *
make_finding_row (Finding *finding)
{
  GtkWidget *row = md_finding_row_new (finding->code, finding->klass, g_steal_pointer (&finding->occurrences));

  finding->row = MD_FINDING_ROW (row);

  return row;
}

static void
md_bounce_panel_stop_appending (MdBouncePanel *self)
{
  gboolean was_busy = self->pending->len > 0;

  if (self->append_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->append_tick_id);
  self->append_tick_id = 0;
  g_array_set_size (self->pending, 0);
  self->next_pending = 0;

  if (was_busy)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Makes the next rows and puts them in their lists; all of them when @all. */
static void
md_bounce_panel_append_pending (MdBouncePanel *self,
                                gboolean       all)
{
  for (guint n = 0; self->next_pending < self->pending->len && (all || n < ROWS_PER_FRAME); n++)
    {
      PendingRow *pending = &g_array_index (self->pending, PendingRow, self->next_pending++);

      if (pending->recipient != NULL)
        gtk_list_box_append (self->recipients_list, make_recipient_row (g_steal_pointer (&pending->recipient)));
      else
        gtk_list_box_append (self->codes_list, make_finding_row (pending->finding));
    }

  if (self->next_pending == self->pending->len)
    md_bounce_panel_stop_appending (self);
}

static gboolean
md_bounce_panel_append_tick (GtkWidget     *widget,
                             GdkFrameClock *frame_clock,
                             gpointer       user_data)
{
  md_bounce_panel_append_pending (MD_BOUNCE_PANEL (widget), FALSE);

  return G_SOURCE_CONTINUE;
}

static void
md_bounce_panel_queue_row (MdBouncePanel *self,
                           RecipientRow  *recipient,
                           Finding       *finding)
{
  PendingRow pending = { recipient, finding };

  g_array_append_val (self->pending, pending);
  if (self->pending->len == 1)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/**
 * md_bounce_panel_show_busy:
 * @self: a #MdBouncePanel
 *
 * Shows that a new text is being analysed; its report will be read from the
 * top. (A text analysed again after an edit keeps the report on screen and
 * where it was scrolled.)
 */
void
md_bounce_panel_show_busy (MdBouncePanel *self)
{
  GtkAdjustment *adjustment;

  g_return_if_fail (MD_IS_BOUNCE_PANEL (self));

  adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));

  gtk_spinner_start (self->busy_spinner);
  gtk_stack_set_visible_child_name (self->stack, "busy");
}

void
md_bounce_panel_show_nothing (MdBouncePanel *self,
                              const char    *title,
                              const char    *description)
{
  g_return_if_fail (MD_IS_BOUNCE_PANEL (self));

  adw_status_page_set_title (self->nothing_page, title);
  adw_status_page_set_description (self->nothing_page, description);
  gtk_spinner_stop (self->busy_spinner);
  gtk_stack_set_visible_child_name (self->stack, "nothing");
}

/* "3 permanent failures, 1 temporary failure": every recipient, at a glance. */
static char *
summarize_recipients (MdBouncePanel *self)
{
  const guint *counts = self->recipient_counts;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *summary = NULL;

  if (counts[COUNT_PERMANENT] > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u permanent failure", "%u permanent failures",
                                                       counts[COUNT_PERMANENT]), counts[COUNT_PERMANENT]));
  if (counts[COUNT_TEMPORARY] > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u temporary failure", "%u temporary failures",
                                                       counts[COUNT_TEMPORARY]), counts[COUNT_TEMPORARY]));
  if (counts[COUNT_GIVEN_UP] > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u given up after retries", "%u given up after retries",
                                                       counts[COUNT_GIVEN_UP]), counts[COUNT_GIVEN_UP]));
  if (counts[COUNT_DELIVERED] > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u delivered", "%u delivered",
                                                       counts[COUNT_DELIVERED]), counts[COUNT_DELIVERED]));
  g_ptr_array_add (parts, NULL);

  /* Translators: the separator between "2 permanent failures" and "1 temporary failure" */
  summary = g_strjoinv (_(", "), (char **) parts->pdata);
  if (self->n_unlisted_recipients == 0)
    return g_steal_pointer (&summary);

  return g_strdup_printf (ngettext ("%s. %u more recipient is not listed here: “Copy Analysis” gives every one.",
                                    "%s. %u more recipients are not listed here: “Copy Analysis” gives every one.",
                                    self->n_unlisted_recipients),
                          summary, self->n_unlisted_recipients);
}

/* A pasted log can hold more distinct codes than a list is good for: say
 * how many are left out. */
static void
show_n_unlisted_codes (MdBouncePanel *self)
{
  guint n_codes = g_hash_table_size (self->unlisted_codes);
  g_autofree char *text = NULL;

  if (n_codes > 0)
    text = g_strdup_printf (ngettext ("%u more code is highlighted in the text but not listed here.",
                                      "%u more codes are highlighted in the text but not listed here.",
                                      n_codes),
                            n_codes);
  gtk_label_set_text (self->more_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->more_label), n_codes > 0);
}

void
md_bounce_panel_show_report (MdBouncePanel *self)
{
  g_autofree char *summary = NULL;

  g_return_if_fail (MD_IS_BOUNCE_PANEL (self));

  summary = summarize_recipients (self);
  adw_preferences_group_set_description (self->recipients_group, summary);
  show_n_unlisted_codes (self);

  gtk_widget_set_visible (GTK_WIDGET (self->recipients_group), self->n_recipient_rows > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->codes_group), g_hash_table_size (self->findings) > 0);

  gtk_spinner_stop (self->busy_spinner);
  gtk_stack_set_visible_child_name (self->stack, "report");

  /* Unmapped, there may be no frame clock to tick: the rows are all made
   * now and laid out in the first frame once shown, as before. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    md_bounce_panel_append_pending (self, TRUE);
  else if (self->pending->len > 0 && self->append_tick_id == 0)
    {
      md_bounce_panel_append_pending (self, FALSE);
      if (self->pending->len > 0)
        self->append_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), md_bounce_panel_append_tick, NULL, NULL);
    }
}

void
md_bounce_panel_clear (MdBouncePanel *self)
{
  g_return_if_fail (MD_IS_BOUNCE_PANEL (self));

  md_bounce_panel_stop_appending (self);
  g_hash_table_remove_all (self->findings);
  g_hash_table_remove_all (self->unlisted_codes);
  self->n_recipient_rows = 0;
  remove_all_rows (self->recipients_list);
  remove_all_rows (self->codes_list);
  memset (self->recipient_counts, 0, sizeof self->recipient_counts);
  self->n_unlisted_recipients = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->more_label), FALSE);
  gtk_widget_set_visible (self->verdict_box, FALSE);
}

void
md_bounce_panel_set_verdict (MdBouncePanel         *self,
                             const MdBounceVerdict *verdict)
{
  g_return_if_fail (MD_IS_BOUNCE_PANEL (self));
  g_return_if_fail (verdict != NULL);

  set_class (self->verdict_box, verdict->klass);
  gtk_image_set_from_icon_name (self->verdict_icon, class_icon_name (verdict->klass));
  gtk_label_set_text (self->verdict_kind_label, verdict_kind_label (verdict));
  gtk_label_set_text (self->verdict_title_label, verdict->title ? verdict->title : "");
  gtk_label_set_text (self->headline_label, verdict->headline ? verdict->headline : "");
  gtk_widget_set_visible (GTK_WIDGET (self->headline_label), verdict->headline != NULL && *verdict->headline);
  gtk_label_set_text (self->actor_label, verdict->actor ? verdict->actor : "");
  gtk_label_set_text (self->advice_label, verdict->advice ? verdict->advice : "");
  gtk_widget_set_visible (self->verdict_grid, verdict->actor != NULL || verdict->advice != NULL);
  gtk_widget_set_visible (self->verdict_box, TRUE);
}

static GtkWidget *
detail_label (const char *heading,
              const char *text,
              gboolean    monospace)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (heading);
  GtkWidget *body = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "caption-heading");
  gtk_widget_add_css_class (title, "dim-label");

  gtk_label_set_xalign (GTK_LABEL (body), 0);
  gtk_label_set_wrap (GTK_LABEL (body), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (body), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (body), TRUE);
  if (monospace)
    gtk_widget_add_css_class (body, "monospace");

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), body);

  return box;
}

/* Freed with the handler that builds the details. */
static void
recipient_row_free_closure (gpointer  data,
                            GClosure *closure)
{
  recipient_row_free (data);
}

/* The details are built when the row is first expanded: hidden, they are
 * laid out all the same, and a bounce naming many recipients spent most of
 * its first layout on wrapped text nobody had opened. */
static void
on_recipient_expanded (AdwExpanderRow *row,
                       GParamSpec     *pspec,
                       RecipientRow   *data)
{
  GtkWidget *box, *details_row;

  if (!adw_expander_row_get_expanded (row))
    return;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  if (data->headline != NULL && *data->headline)
    gtk_box_append (GTK_BOX (box), detail_label (_("What happened"), data->headline, FALSE));
  if (data->actor != NULL)
    gtk_box_append (GTK_BOX (box), detail_label (_("Who must act"), data->actor, FALSE));
  if (data->advice != NULL)
    gtk_box_append (GTK_BOX (box), detail_label (_("What to do"), data->advice, FALSE));
  if (data->diagnostic != NULL && *data->diagnostic)
    gtk_box_append (GTK_BOX (box), detail_label (_("The server said"), data->diagnostic, TRUE));

  details_row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (details_row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (details_row), box);
  adw_expander_row_add_row (row, details_row);

  g_signal_handlers_disconnect_by_func (row, on_recipient_expanded, data);
}

/* Takes @data. */
static GtkWidget *
make_recipient_row (RecipientRow *data)
{
  GtkWidget *row, *icon, *badge;

  row = adw_expander_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 data->recipient ? data->recipient : _("Unknown recipient"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), data->subtitle);

  icon = gtk_image_new_from_icon_name (class_icon_name (data->klass));
  gtk_widget_add_css_class (icon, "md-class-icon");
  set_class (icon, data->klass);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);

  badge = gtk_label_new (data->badge);
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (badge, "md-badge");
  set_class (badge, data->klass);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), badge);

  g_signal_connect_data (row, "notify::expanded", G_CALLBACK (on_recipient_expanded),
                         data, recipient_row_free_closure, 0);

  return row;
}

static void
count_recipient (MdBouncePanel         *self,
                 const MdBounceVerdict *verdict)
{
  if (verdict->given_up)
    self->recipient_counts[COUNT_GIVEN_UP]++;
  else if (verdict->klass == MD_CODE_CLASS_PERMANENT)
    self->recipient_counts[COUNT_PERMANENT]++;
  else if (verdict->klass == MD_CODE_CLASS_TEMPORARY)
    self->recipient_counts[COUNT_TEMPORARY]++;
  else if (verdict->klass == MD_CODE_CLASS_SUCCESS)
    self->recipient_counts[COUNT_DELIVERED]++;
}

/**
 * md_bounce_panel_add_recipient:
 * @self: a #MdBouncePanel
 * @verdict: the verdict on one recipient
 *
 * Adds a row for the recipient: its address and verdict in the row, the
 * explanation and what to do when it is expanded. Rows are made a few per
 * frame after md_bounce_panel_show_report(). Beyond the first hundred, the
 * recipient is only counted: a bounce of a mailing list may name thousands.
 */
void
md_bounce_panel_add_recipient (MdBouncePanel         *self,
                               const MdBounceVerdict *verdict)
{
  RecipientRow *data;

  g_return_if_fail (MD_IS_BOUNCE_PANEL (self));
  g_return_if_fail (verdict != NULL);

  count_recipient (self, verdict);
  if (self->n_recipient_rows >= MAX_LISTED_RECIPIENTS)
    {
      self->n_unlisted_recipients++;
      return;
    }

  data = g_new0 (RecipientRow, 1);
  data->klass = verdict->klass;
  data->badge = verdict_kind_label (verdict);
  data->recipient = g_strdup (verdict->recipient);
  if (verdict->status != NULL && verdict->title != NULL)
    /* Translators: a recipient's status code and the reason: "5.1.1 · The address does not exist" */
    data->subtitle = g_strdup_printf (_("%s · %s"), verdict->status, verdict->title);
  else
    data->subtitle = g_strdup (verdict->title ? verdict->title : "");
  data->headline = g_strdup (verdict->headline);
  data->actor = g_strdup (verdict->actor);
  data->advice = g_strdup (verdict->advice);
  data->diagnostic = g_strdup (verdict->diagnostic);

  self->n_recipient_rows++;
  md_bounce_panel_queue_row (self, data, NULL);
}

/**
 * md_bounce_panel_add_occurrence:
 * @self: a #MdBouncePanel
 * @code: a code found in the text
 * @klass: its class
 * @start: where it starts, in characters of the text
 * @end: where it ends
 * @line: its line, from 0
 *
 * Adds one place where @code occurs, listing the code if it is new and
 * fewer than a hundred are; add them in the order of the text, all before
 * md_bounce_panel_show_report(), after which the rows are made a few per
 * frame.
 */
void
md_bounce_panel_add_occurrence (MdBouncePanel *self,
                                const char    *code,
                                MdCodeClass    klass,
                                gint64         start,
                                gint64         end,
                                guint          line)
{
  MdOccurrence occurrence = { start, end, line };
  Finding *finding;

  g_return_if_fail (MD_IS_BOUNCE_PANEL (self));
  g_return_if_fail (code != NULL);

  finding = g_hash_table_lookup (self->findings, code);
  if (finding == NULL && g_hash_table_size (self->findings) >= MAX_LISTED_CODES)
    {
      if (!g_hash_table_contains (self->unlisted_codes, code))
        g_hash_table_add (self->unlisted_codes, g_strdup (code));
      return;
    }
  if (finding == NULL)
    {
      finding = g_new0 (Finding, 1);
      finding->code = g_strdup (code);
      finding->klass = klass;
      finding->occurrences = g_array_new (FALSE, FALSE, sizeof (MdOccurrence));
      g_hash_table_insert (self->findings, finding->code, finding);
      md_bounce_panel_queue_row (self, NULL, finding);
    }
  g_return_if_fail (finding->row == NULL);

  g_array_append_val (finding->occurrences, occurrence);
}

/**
 * md_bounce_panel_lookup_finding:
 * @self: a #MdBouncePanel
 * @code: a code
 *
 * Returns: (transfer none) (nullable): the row of @code, or %NULL when
 *   @code is not listed or its row is not made yet
 */
MdFindingRow *
md_bounce_panel_lookup_finding (MdBouncePanel *self,
                                const char    *code)
{
  Finding *finding;

  g_return_val_if_fail (MD_IS_BOUNCE_PANEL (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  finding = g_hash_table_lookup (self->findings, code);

  return finding != NULL ? finding->row : NULL;
}

/**
 * md_bounce_panel_select_finding:
 * @self: a #MdBouncePanel
 * @row: (nullable): a row of the panel, or %NULL to select none
 *
 * Selects @row without activating it, as when the cursor enters a code in
 * the text.
 */
void
md_bounce_panel_select_finding (MdBouncePanel *self,
                                MdFindingRow  *row)
{
  g_return_if_fail (MD_IS_BOUNCE_PANEL (self));
  g_return_if_fail (row == NULL || MD_IS_FINDING_ROW (row));
  g_return_if_fail (row == NULL || gtk_widget_get_parent (GTK_WIDGET (row)) == GTK_WIDGET (self->codes_list));

  if (row != NULL)
    gtk_list_box_select_row (self->codes_list, GTK_LIST_BOX_ROW (row));
  else
    gtk_list_box_unselect_all (self->codes_list);
}

GtkListBox *
md_bounce_panel_get_findings_list (MdBouncePanel *self)
{
  g_return_val_if_fail (MD_IS_BOUNCE_PANEL (self), NULL);

  return self->codes_list;
}

GtkListBox *
md_bounce_panel_get_recipients_list (MdBouncePanel *self)
{
  g_return_val_if_fail (MD_IS_BOUNCE_PANEL (self), NULL);

  return self->recipients_list;
}

/* "busy", "nothing" or "report". */
const char *
md_bounce_panel_get_page (MdBouncePanel *self)
{
  g_return_val_if_fail (MD_IS_BOUNCE_PANEL (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

static void
on_codes_row_activated (MdBouncePanel *self,
                        GtkListBoxRow *row,
                        GtkListBox    *list)
{
  g_assert (MD_IS_BOUNCE_PANEL (self));

  if (MD_IS_FINDING_ROW (row))
    g_signal_emit (self, signals[FINDING_ACTIVATED], 0, row);
}

static void
md_bounce_panel_dispose (GObject *object)
{
  MdBouncePanel *self = MD_BOUNCE_PANEL (object);

  /* No notification from a dispose: what is left goes with the array. */
  if (self->append_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->append_tick_id);
  self->append_tick_id = 0;
  g_clear_pointer (&self->pending, g_array_unref);
  g_clear_pointer (&self->findings, g_hash_table_unref);
  g_clear_pointer (&self->unlisted_codes, g_hash_table_unref);
  /* The stack is both AdwBin's child and a template child: AdwBin lets go
   * of it first, so that it does not unparent it again after the template. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MD_TYPE_BOUNCE_PANEL);

  G_OBJECT_CLASS (md_bounce_panel_parent_class)->dispose (object);
}

static void
md_bounce_panel_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MdBouncePanel *self = MD_BOUNCE_PANEL (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, md_bounce_panel_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
md_bounce_panel_class_init (MdBouncePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = md_bounce_panel_dispose;
  object_class->get_property = md_bounce_panel_get_property;

  /**
   * MdBouncePanel:busy:
   *
   * Whether rows of the report are still being added, a few per frame.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MdBouncePanel::finding-activated:
   * @self: the panel
   * @row: the #MdFindingRow the user activated
   *
   * The user asked to see the code of @row in the text.
   */
  signals[FINDING_ACTIVATED] =
    g_signal_new ("finding-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, MD_TYPE_FINDING_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/md-bounce-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, MdBouncePanel, stack);
  gtk_widget_class_bind_template_child (widget_class, MdBouncePanel, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, MdBouncePanel, nothing_page);
  gtk_widget_class_bind_template_child (widget_class, MdBouncePanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, MdBouncePanel, verdict_box);
  gtk_widget_class_bind_template_child (widget_class, MdBouncePanel, verdict_icon);
  gtk_widget_class_bind_template_child (widget_class, MdBouncePanel, verdict_kind_label);
  gtk_widget_class_bind_template_child (widget_class, MdBouncePanel, verdict_title_label);
  gtk_widget_class_bind_template_child (widget_class, MdBouncePanel, headline_label);
  gtk_widget_class_bind_template_child (widget_class, MdBouncePanel, verdict_grid);
  gtk_widget_class_bind_template_child (widget_class, MdBouncePanel, actor_label);
  gtk_widget_class_bind_template_child (widget_class, MdBouncePanel, advice_label);
  gtk_widget_class_bind_template_child (widget_class, MdBouncePanel, recipients_group);
  gtk_widget_class_bind_template_child (widget_class, MdBouncePanel, recipients_list);
  gtk_widget_class_bind_template_child (widget_class, MdBouncePanel, codes_group);
  gtk_widget_class_bind_template_child (widget_class, MdBouncePanel, codes_list);
  gtk_widget_class_bind_template_child (widget_class, MdBouncePanel, more_label);
  gtk_widget_class_bind_template_callback (widget_class, on_codes_row_activated);

  g_type_ensure (MD_TYPE_FINDING_ROW);
}

static void
md_bounce_panel_init (MdBouncePanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->findings = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) finding_free);
  self->unlisted_codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pending = g_array_new (FALSE, FALSE, sizeof (PendingRow));
  g_array_set_clear_func (self->pending, (GDestroyNotify) pending_row_clear);
}

/**
 * md_bounce_panel_get_busy:
 * @self: a #MdBouncePanel
 *
 * Returns: whether rows of the report are still being added
 */
gboolean
md_bounce_panel_get_busy (MdBouncePanel *self)
{
  g_return_val_if_fail (MD_IS_BOUNCE_PANEL (self), FALSE);

  return self->pending->len > 0;
}
