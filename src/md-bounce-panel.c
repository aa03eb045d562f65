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

  GHashTable          *rows_by_code;   /* code → MdFindingRow, borrowed from the list */

  /* Every recipient of the report, listed or not. */
  guint                recipient_counts[N_COUNTS];
  guint                n_unlisted_recipients;
};

G_DEFINE_FINAL_TYPE (MdBouncePanel, md_bounce_panel, ADW_TYPE_BIN)

enum {
  FINDING_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

void
md_bounce_panel_show_report (MdBouncePanel *self)
{
  g_autofree char *summary = NULL;

  g_return_if_fail (MD_IS_BOUNCE_PANEL (self));

  summary = summarize_recipients (self);
  adw_preferences_group_set_description (self->recipients_group, summary);

  gtk_widget_set_visible (GTK_WIDGET (self->recipients_group),
                          gtk_widget_get_first_child (GTK_WIDGET (self->recipients_list)) != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->codes_group),
                          gtk_widget_get_first_child (GTK_WIDGET (self->codes_list)) != NULL);

  gtk_spinner_stop (self->busy_spinner);
  gtk_stack_set_visible_child_name (self->stack, "report");
}

void
md_bounce_panel_clear (MdBouncePanel *self)
{
  g_return_if_fail (MD_IS_BOUNCE_PANEL (self));

  g_hash_table_remove_all (self->rows_by_code);
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

/* What a recipient's row shows once expanded. */
typedef struct {
  char *headline;
  char *actor;
  char *advice;
  char *diagnostic;
} RecipientDetails;

/* Freed with the handler that builds them. */
static void
recipient_details_free (gpointer  data,
                        GClosure *closure)
{
  RecipientDetails *details = data;

  g_free (details->headline);
  g_free (details->actor);
  g_free (details->advice);
  g_free (details->diagnostic);
  g_free (details);
}

/* The details are built when the row is first expanded: hidden, they are
 * laid out all the same, and a bounce naming many recipients spent most of
 * its first layout on wrapped text nobody had opened. */
static void
on_recipient_expanded (AdwExpanderRow   *row,
                       GParamSpec       *pspec,
                       RecipientDetails *details)
{
  GtkWidget *box, *details_row;

  if (!adw_expander_row_get_expanded (row))
    return;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  if (details->headline != NULL && *details->headline)
    gtk_box_append (GTK_BOX (box), detail_label (_("What happened"), details->headline, FALSE));
  if (details->actor != NULL)
    gtk_box_append (GTK_BOX (box), detail_label (_("Who must act"), details->actor, FALSE));
  if (details->advice != NULL)
    gtk_box_append (GTK_BOX (box), detail_label (_("What to do"), details->advice, FALSE));
  if (details->diagnostic != NULL && *details->diagnostic)
    gtk_box_append (GTK_BOX (box), detail_label (_("The server said"), details->diagnostic, TRUE));

  details_row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (details_row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (details_row), box);
  adw_expander_row_add_row (row, details_row);

  g_signal_handlers_disconnect_by_func (row, on_recipient_expanded, details);
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
 * explanation and what to do when it is expanded.
 */
void
md_bounce_panel_add_recipient (MdBouncePanel         *self,
                               const MdBounceVerdict *verdict)
{
  g_autofree char *subtitle = NULL;
  RecipientDetails *details;
  GtkWidget *row, *icon, *badge;

  g_return_if_fail (MD_IS_BOUNCE_PANEL (self));
  g_return_if_fail (verdict != NULL);

  row = adw_expander_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 verdict->recipient ? verdict->recipient : _("Unknown recipient"));
  if (verdict->status != NULL && verdict->title != NULL)
    /* Translators: a recipient's status code and the reason: "5.1.1 · The address does not exist" */
    subtitle = g_strdup_printf (_("%s · %s"), verdict->status, verdict->title);
  else
    subtitle = g_strdup (verdict->title ? verdict->title : "");
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);

  icon = gtk_image_new_from_icon_name (class_icon_name (verdict->klass));
  gtk_widget_add_css_class (icon, "md-class-icon");
  set_class (icon, verdict->klass);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);

  badge = gtk_label_new (verdict_kind_label (verdict));
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (badge, "md-badge");
  set_class (badge, verdict->klass);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), badge);

  details = g_new0 (RecipientDetails, 1);
  details->headline = g_strdup (verdict->headline);
  details->actor = g_strdup (verdict->actor);
  details->advice = g_strdup (verdict->advice);
  details->diagnostic = g_strdup (verdict->diagnostic);
  g_signal_connect_data (row, "notify::expanded", G_CALLBACK (on_recipient_expanded),
                         details, recipient_details_free, 0);

  count_recipient (self, verdict);
  gtk_list_box_append (self->recipients_list, row);
}

/**
 * md_bounce_panel_add_unlisted_recipient:
 * @self: a #MdBouncePanel
 * @verdict: the verdict on a recipient not given a row of its own
 *
 * Counts a recipient in the summary without listing it: a bounce of a
 * mailing list may name thousands.
 */
void
md_bounce_panel_add_unlisted_recipient (MdBouncePanel         *self,
                                        const MdBounceVerdict *verdict)
{
  g_return_if_fail (MD_IS_BOUNCE_PANEL (self));
  g_return_if_fail (verdict != NULL);

  count_recipient (self, verdict);
  self->n_unlisted_recipients++;
}

/**
 * md_bounce_panel_add_finding:
 * @self: a #MdBouncePanel
 * @code: a code found in the text
 * @klass: its class
 *
 * Returns: (transfer none): the new row for @code, to add its occurrences to
 */
MdFindingRow *
md_bounce_panel_add_finding (MdBouncePanel *self,
                             const char    *code,
                             MdCodeClass    klass)
{
  GtkWidget *row;

  g_return_val_if_fail (MD_IS_BOUNCE_PANEL (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  row = md_finding_row_new (code, klass);
  gtk_list_box_append (self->codes_list, row);
  g_hash_table_replace (self->rows_by_code, (gpointer) md_finding_row_get_code (MD_FINDING_ROW (row)), row);

  return MD_FINDING_ROW (row);
}

MdFindingRow *
md_bounce_panel_lookup_finding (MdBouncePanel *self,
                                const char    *code)
{
  g_return_val_if_fail (MD_IS_BOUNCE_PANEL (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  return g_hash_table_lookup (self->rows_by_code, code);
}

/**
 * md_bounce_panel_set_n_unlisted:
 * @self: a #MdBouncePanel
 * @n_codes: how many distinct codes were found but not listed
 *
 * A pasted log can hold more distinct codes than a list is good for; the
 * panel then says how many it left out.
 */
void
md_bounce_panel_set_n_unlisted (MdBouncePanel *self,
                                guint          n_codes)
{
  g_autofree char *text = NULL;

  g_return_if_fail (MD_IS_BOUNCE_PANEL (self));

  if (n_codes > 0)
    text = g_strdup_printf (ngettext ("%u more code is highlighted in the text but not listed here.",
                                      "%u more codes are highlighted in the text but not listed here.",
                                      n_codes),
                            n_codes);
  gtk_label_set_text (self->more_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->more_label), n_codes > 0);
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

  g_clear_pointer (&self->rows_by_code, g_hash_table_unref);
  /* The stack is both AdwBin's child and a template child: AdwBin lets go
   * of it first, so that it does not unparent it again after the template. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MD_TYPE_BOUNCE_PANEL);

  G_OBJECT_CLASS (md_bounce_panel_parent_class)->dispose (object);
}

static void
md_bounce_panel_class_init (MdBouncePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = md_bounce_panel_dispose;

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

  self->rows_by_code = g_hash_table_new (g_str_hash, g_str_equal);
}
