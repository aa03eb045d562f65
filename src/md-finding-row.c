/* md-finding-row.c — one code found in a bounce, with its meaning and where it occurs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per distinct code: a bounce repeats its codes (in the text for
 * people, in the DSN fields, in the server's reply), so the row lists the
 * lines and activating it again moves on to the next occurrence.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "md-finding-row.h"

/* Lines named in the row before "and N more". */
#define MAX_LINES_SHOWN 3

struct _MdFindingRow
{
  GtkListBoxRow  parent_instance;

  GtkLabel      *code_label;
  GtkLabel      *text_label;

  char          *code;
  MdCodeClass    klass;
  char          *title;
  char          *meaning;
  char          *vendor;
  GArray        *occurrences;   /* MdOccurrence, in the order of the text */
  guint          next;          /* the one shown by the next activation */
};

G_DEFINE_FINAL_TYPE (MdFindingRow, md_finding_row, GTK_TYPE_LIST_BOX_ROW)

static const char *
class_css_name (MdCodeClass klass)
{
  switch (klass)
    {
    case MD_CODE_CLASS_SUCCESS:
      return "success";
    case MD_CODE_CLASS_TEMPORARY:
      return "temporary";
    case MD_CODE_CLASS_PERMANENT:
      return "permanent";
    case MD_CODE_CLASS_UNKNOWN:
    case MD_CODE_CLASS_POSITIVE_PRELIMINARY:
    case MD_CODE_CLASS_INTERMEDIATE:
    default:
      return "other";
    }
}

static char *
format_where (MdFindingRow *self)
{
  g_autoptr(GString) lines = g_string_new (NULL);
  guint n = self->occurrences->len;
  guint shown = MIN (n, MAX_LINES_SHOWN);
  g_autofree char *where = NULL;

  for (guint i = 0; i < shown; i++)
    {
      if (i > 0)
        g_string_append (lines, ", ");
      g_string_append_printf (lines, "%u", g_array_index (self->occurrences, MdOccurrence, i).line + 1);
    }

  if (n == 1)
    /* Translators: where a code occurs in the pasted text */
    where = g_strdup_printf (_("Line %s"), lines->str);
  else if (n <= MAX_LINES_SHOWN)
    /* Translators: where a code occurs in the pasted text: "Lines 12, 40" */
    where = g_strdup_printf (_("Lines %s"), lines->str);
  else
    /* Translators: "Lines 12, 40, 41 and 7 more" */
    where = g_strdup_printf (ngettext ("Lines %s and %u more", "Lines %s and %u more", n - shown),
                             lines->str, n - shown);

  if (self->vendor != NULL)
    /* Translators: "Gmail · Line 12": whose meaning of the code this is, and where it occurs */
    return g_strdup_printf (_("%s · %s"), self->vendor, where);

  return g_steal_pointer (&where);
}

static void
md_finding_row_update_text (MdFindingRow *self)
{
  g_autofree char *where = self->occurrences->len > 0 ? format_where (self) : NULL;
  g_autofree char *markup = NULL;

  if (where != NULL)
    markup = g_markup_printf_escaped ("<b>%s</b>%s%s\n<span size=\"small\" fgalpha=\"55%%\">%s</span>",
                                      self->title, *self->meaning ? "\n" : "", self->meaning, where);
  else
    markup = g_markup_printf_escaped ("<b>%s</b>%s%s",
                                      self->title, *self->meaning ? "\n" : "", self->meaning);

  gtk_label_set_markup (self->text_label, markup);
}

/**
 * md_finding_row_new:
 * @code: a code found in the text
 * @klass: its class
 * @occurrences: (transfer full): where it occurs, #MdOccurrence in the order
 *   of the text
 *
 * Returns: (transfer floating): a row for @code
 */
GtkWidget *
md_finding_row_new (const char  *code,
                    MdCodeClass  klass,
                    GArray      *occurrences)
{
  g_autoptr(MdCodeInfo) info = NULL;
  MdFindingRow *self;

  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (occurrences != NULL, NULL);

  self = g_object_new (MD_TYPE_FINDING_ROW, NULL);
  self->code = g_strdup (code);
  self->klass = klass;
  self->occurrences = occurrences;

  if (strchr (code, '.') != NULL)
    info = md_codes_describe_enhanced (code);
  else
    info = md_codes_describe_reply ((guint) g_ascii_strtoull (code, NULL, 10));

  gtk_label_set_text (self->code_label, code);
  gtk_widget_add_css_class (GTK_WIDGET (self->code_label), class_css_name (klass));

  self->title = g_strdup (info != NULL && info->title != NULL ? info->title : code);
  self->meaning = g_strdup (info != NULL && info->meaning != NULL ? info->meaning : "");
  self->vendor = info != NULL ? g_strdup (info->vendor) : NULL;
  md_finding_row_update_text (self);

  return GTK_WIDGET (self);
}

const char *
md_finding_row_get_code (MdFindingRow *self)
{
  g_return_val_if_fail (MD_IS_FINDING_ROW (self), NULL);

  return self->code;
}

MdCodeClass
md_finding_row_get_class (MdFindingRow *self)
{
  g_return_val_if_fail (MD_IS_FINDING_ROW (self), MD_CODE_CLASS_UNKNOWN);

  return self->klass;
}

const char *
md_finding_row_get_title (MdFindingRow *self)
{
  g_return_val_if_fail (MD_IS_FINDING_ROW (self), NULL);

  return self->title;
}

const char *
md_finding_row_get_meaning (MdFindingRow *self)
{
  g_return_val_if_fail (MD_IS_FINDING_ROW (self), NULL);

  return self->meaning;
}

guint
md_finding_row_get_n_occurrences (MdFindingRow *self)
{
  g_return_val_if_fail (MD_IS_FINDING_ROW (self), 0);

  return self->occurrences->len;
}

gboolean
md_finding_row_get_occurrence (MdFindingRow *self,
                               guint         index,
                               gint64       *start,
                               gint64       *end)
{
  const MdOccurrence *occurrence;

  g_return_val_if_fail (MD_IS_FINDING_ROW (self), FALSE);

  if (index >= self->occurrences->len)
    return FALSE;

  occurrence = &g_array_index (self->occurrences, MdOccurrence, index);
  if (start != NULL)
    *start = occurrence->start;
  if (end != NULL)
    *end = occurrence->end;

  return TRUE;
}

/**
 * md_finding_row_next_occurrence:
 * @self: a #MdFindingRow
 * @start: (out) (optional): where it starts
 * @end: (out) (optional): where it ends
 *
 * Gives the occurrence to show now and moves on to the next one, going back
 * to the first after the last.
 *
 * Returns: %FALSE when the row has no occurrence
 */
gboolean
md_finding_row_next_occurrence (MdFindingRow *self,
                                gint64       *start,
                                gint64       *end)
{
  g_return_val_if_fail (MD_IS_FINDING_ROW (self), FALSE);

  if (self->occurrences->len == 0)
    return FALSE;

  md_finding_row_get_occurrence (self, self->next, start, end);
  self->next = (self->next + 1) % self->occurrences->len;

  return TRUE;
}

/**
 * md_finding_row_contains:
 * @self: a #MdFindingRow
 * @offset: a character offset in the text
 *
 * Returns: whether one of the occurrences covers @offset (at its end
 *   included, where the cursor stands after typing the code)
 */
gboolean
md_finding_row_contains (MdFindingRow *self,
                         gint64        offset)
{
  g_return_val_if_fail (MD_IS_FINDING_ROW (self), FALSE);

  for (guint i = 0; i < self->occurrences->len; i++)
    {
      const MdOccurrence *occurrence = &g_array_index (self->occurrences, MdOccurrence, i);

      if (offset >= occurrence->start && offset <= occurrence->end)
        {
          /* The next activation goes on from the one the cursor is in. */
          self->next = (i + 1) % self->occurrences->len;
          return TRUE;
        }
    }

  return FALSE;
}

static void
md_finding_row_dispose (GObject *object)
{
  MdFindingRow *self = MD_FINDING_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MD_TYPE_FINDING_ROW);

  G_OBJECT_CLASS (md_finding_row_parent_class)->dispose (object);
}

static void
md_finding_row_finalize (GObject *object)
{
  MdFindingRow *self = MD_FINDING_ROW (object);

  g_free (self->code);
  g_free (self->title);
  g_free (self->meaning);
  g_free (self->vendor);
  g_clear_pointer (&self->occurrences, g_array_unref);

  G_OBJECT_CLASS (md_finding_row_parent_class)->finalize (object);
}

static void
md_finding_row_class_init (MdFindingRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = md_finding_row_dispose;
  object_class->finalize = md_finding_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/md-finding-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MdFindingRow, code_label);
  gtk_widget_class_bind_template_child (widget_class, MdFindingRow, text_label);
}

static void
md_finding_row_init (MdFindingRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
