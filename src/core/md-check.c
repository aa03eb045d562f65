/* md-check.c — one check of a diagnosis: its status, evidence and advice
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "md-check.h"

struct _MdCheck
{
  GObject        parent_instance;

  char          *id;
  char          *title;
  MdCheckStatus  status;
  char          *summary;
  GPtrArray     *evidence;
  GPtrArray     *advice;
  GPtrArray     *records;
  GPtrArray     *links;
  gint64         started_at;
  gint64         elapsed_ms;
};

G_DEFINE_FINAL_TYPE (MdCheck, md_check, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_STATUS,
  PROP_SUMMARY,
  PROP_ELAPSED_MS,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

MdCheck *
md_check_new (const char *id,
              const char *title)
{
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);

  return g_object_new (MD_TYPE_CHECK, "id", id, "title", title, NULL);
}

#define DEFINE_GETTER(type, name, field) \
  type md_check_get_##name (MdCheck *self) \
  { \
    g_return_val_if_fail (MD_IS_CHECK (self), 0); \
    return self->field; \
  }

DEFINE_GETTER (const char *, id, id)
DEFINE_GETTER (const char *, title, title)
DEFINE_GETTER (MdCheckStatus, status, status)
DEFINE_GETTER (const char *, summary, summary)
DEFINE_GETTER (gint64, elapsed_ms, elapsed_ms)

static GStrv
dup_strings (GPtrArray *array)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  GStrv strv;

  for (guint i = 0; i < array->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (array, i));
  strv = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return strv;
}

GStrv
md_check_dup_evidence (MdCheck *self)
{
  g_return_val_if_fail (MD_IS_CHECK (self), NULL);
  return dup_strings (self->evidence);
}

GStrv
md_check_dup_advice (MdCheck *self)
{
  g_return_val_if_fail (MD_IS_CHECK (self), NULL);
  return dup_strings (self->advice);
}

GStrv
md_check_dup_records (MdCheck *self)
{
  g_return_val_if_fail (MD_IS_CHECK (self), NULL);
  return dup_strings (self->records);
}

GStrv
md_check_dup_links (MdCheck *self)
{
  g_return_val_if_fail (MD_IS_CHECK (self), NULL);
  return dup_strings (self->links);
}

static void
set_status (MdCheck       *self,
            MdCheckStatus  status)
{
  if (self->status == status)
    return;
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

static void
set_summary (MdCheck    *self,
             const char *summary)
{
  if (g_strcmp0 (self->summary, summary) == 0)
    return;
  g_free (self->summary);
  self->summary = g_strdup (summary);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

void
md_check_reset (MdCheck *self)
{
  g_return_if_fail (MD_IS_CHECK (self));

  g_ptr_array_set_size (self->evidence, 0);
  g_ptr_array_set_size (self->advice, 0);
  g_ptr_array_set_size (self->records, 0);
  g_ptr_array_set_size (self->links, 0);
  self->started_at = 0;
  self->elapsed_ms = 0;
  set_summary (self, NULL);
  set_status (self, MD_CHECK_STATUS_PENDING);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ELAPSED_MS]);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
md_check_start (MdCheck *self)
{
  g_return_if_fail (MD_IS_CHECK (self));

  md_check_reset (self);
  self->started_at = g_get_monotonic_time ();
  set_status (self, MD_CHECK_STATUS_RUNNING);
}

void
md_check_finish (MdCheck       *self,
                 MdCheckStatus  status,
                 const char    *summary)
{
  g_return_if_fail (MD_IS_CHECK (self));
  g_return_if_fail (status >= MD_CHECK_STATUS_OK && status <= MD_CHECK_STATUS_UNKNOWN);

  if (self->started_at != 0)
    self->elapsed_ms = (g_get_monotonic_time () - self->started_at) / 1000;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ELAPSED_MS]);
  set_summary (self, summary);
  set_status (self, status);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
add_unique (MdCheck    *self,
            GPtrArray  *array,
            const char *text)
{
  for (guint i = 0; i < array->len; i++)
    if (g_str_equal (g_ptr_array_index (array, i), text))
      return;
  g_ptr_array_add (array, g_strdup (text));
  g_signal_emit (self, signals[CHANGED], 0);
}

void
md_check_add_evidence (MdCheck    *self,
                       const char *evidence)
{
  g_return_if_fail (MD_IS_CHECK (self));
  g_return_if_fail (evidence != NULL);
  /* Kept as seen, repeats included: an SPF tree has the same term at
   * several places. Advice, records and links are said once. */
  g_ptr_array_add (self->evidence, g_strdup (evidence));
  g_signal_emit (self, signals[CHANGED], 0);
}

void
md_check_add_advice (MdCheck    *self,
                     const char *advice)
{
  g_return_if_fail (MD_IS_CHECK (self));
  g_return_if_fail (advice != NULL);
  add_unique (self, self->advice, advice);
}

void
md_check_add_record (MdCheck    *self,
                     const char *record)
{
  g_return_if_fail (MD_IS_CHECK (self));
  g_return_if_fail (record != NULL);
  add_unique (self, self->records, record);
}

void
md_check_add_link (MdCheck    *self,
                   const char *url)
{
  g_return_if_fail (MD_IS_CHECK (self));
  g_return_if_fail (url != NULL);
  add_unique (self, self->links, url);
}

const char *
md_check_status_to_id (MdCheckStatus status)
{
  switch (status)
    {
    case MD_CHECK_STATUS_PENDING: return "pending";
    case MD_CHECK_STATUS_RUNNING: return "running";
    case MD_CHECK_STATUS_OK: return "ok";
    case MD_CHECK_STATUS_WARNING: return "warning";
    case MD_CHECK_STATUS_ERROR: return "error";
    case MD_CHECK_STATUS_UNKNOWN: return "unknown";
    default: g_return_val_if_reached ("unknown");
    }
}

const char *
md_check_status_get_label (MdCheckStatus status)
{
  switch (status)
    {
    case MD_CHECK_STATUS_PENDING: return _("Waiting");
    case MD_CHECK_STATUS_RUNNING: return _("Checking…");
    case MD_CHECK_STATUS_OK: return _("OK");
    case MD_CHECK_STATUS_WARNING: return _("Warning");
    case MD_CHECK_STATUS_ERROR: return _("Problem");
    case MD_CHECK_STATUS_UNKNOWN: return _("Could not check");
    default: g_return_val_if_reached (NULL);
    }
}

/* "Could not check" ranks above a warning: the user must not read a check
 * that failed to run as a pass. */
int
md_check_status_severity (MdCheckStatus status)
{
  switch (status)
    {
    case MD_CHECK_STATUS_ERROR: return 4;
    case MD_CHECK_STATUS_UNKNOWN: return 3;
    case MD_CHECK_STATUS_WARNING: return 2;
    case MD_CHECK_STATUS_OK: return 1;
    case MD_CHECK_STATUS_PENDING:
    case MD_CHECK_STATUS_RUNNING:
    default: return 0;
    }
}

static void
md_check_finalize (GObject *object)
{
  MdCheck *self = MD_CHECK (object);

  g_free (self->id);
  g_free (self->title);
  g_free (self->summary);
  g_ptr_array_unref (self->evidence);
  g_ptr_array_unref (self->advice);
  g_ptr_array_unref (self->records);
  g_ptr_array_unref (self->links);

  G_OBJECT_CLASS (md_check_parent_class)->finalize (object);
}

static void
md_check_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  MdCheck *self = MD_CHECK (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_STATUS: g_value_set_int (value, self->status); break;
    case PROP_SUMMARY: g_value_set_string (value, self->summary); break;
    case PROP_ELAPSED_MS: g_value_set_int64 (value, self->elapsed_ms); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
md_check_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  MdCheck *self = MD_CHECK (object);

  switch (prop_id)
    {
    case PROP_ID: self->id = g_value_dup_string (value); break;
    case PROP_TITLE: self->title = g_value_dup_string (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
md_check_class_init (MdCheckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = md_check_finalize;
  object_class->get_property = md_check_get_property;
  object_class->set_property = md_check_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL,
                      MD_CHECK_STATUS_PENDING, MD_CHECK_STATUS_UNKNOWN, MD_CHECK_STATUS_PENDING,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ELAPSED_MS] =
    g_param_spec_int64 ("elapsed-ms", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Any change at all (evidence, advice, status): lets a view refresh once. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
md_check_init (MdCheck *self)
{
  self->evidence = g_ptr_array_new_with_free_func (g_free);
  self->advice = g_ptr_array_new_with_free_func (g_free);
  self->records = g_ptr_array_new_with_free_func (g_free);
  self->links = g_ptr_array_new_with_free_func (g_free);
}
