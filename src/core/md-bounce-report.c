/* md-bounce-report.c — the analysis of a bounce: codes found, a verdict per recipient, the headline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Scan (code spans in the raw bytes, for highlighting), parse (recipients
 * and their diagnostics, from the decoded text), classify (a reason per
 * recipient) and put it into words. The spans always refer to the bytes as
 * given, whatever their line ends or encoding.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "md-bounce-classifier.h"
#include "md-bounce-report.h"

G_DEFINE_BOXED_TYPE (MdBounceRecipient, md_bounce_recipient, md_bounce_recipient_copy, md_bounce_recipient_free)

/**
 * md_bounce_recipient_copy:
 * @recipient: a #MdBounceRecipient
 *
 * Returns: (transfer full): a deep copy of @recipient
 */
MdBounceRecipient *
md_bounce_recipient_copy (const MdBounceRecipient *recipient)
{
  MdBounceRecipient *copy;

  g_return_val_if_fail (recipient != NULL, NULL);

  copy = g_memdup2 (recipient, sizeof *recipient);
  copy->recipient = g_strdup (recipient->recipient);
  copy->original_recipient = g_strdup (recipient->original_recipient);
  copy->status = g_strdup (recipient->status);
  copy->pseudo_status = g_strdup (recipient->pseudo_status);
  copy->action = g_strdup (recipient->action);
  copy->remote_mta = g_strdup (recipient->remote_mta);
  copy->diagnostic = g_strdup (recipient->diagnostic);
  copy->command = g_strdup (recipient->command);
  copy->last_attempt_date = g_strdup (recipient->last_attempt_date);
  copy->will_retry_until = g_strdup (recipient->will_retry_until);
  copy->headline = g_strdup (recipient->headline);

  return copy;
}

void
md_bounce_recipient_free (MdBounceRecipient *recipient)
{
  if (recipient == NULL)
    return;

  g_free (recipient->recipient);
  g_free (recipient->original_recipient);
  g_free (recipient->status);
  g_free (recipient->pseudo_status);
  g_free (recipient->action);
  g_free (recipient->remote_mta);
  g_free (recipient->diagnostic);
  g_free (recipient->command);
  g_free (recipient->last_attempt_date);
  g_free (recipient->will_retry_until);
  g_free (recipient->headline);
  g_free (recipient);
}

/**
 * md_bounce_recipient_is_given_up:
 * @recipient: a recipient
 *
 * Whether the failure is temporary in its cause, yet the sending server has
 * stopped trying: the DSN says "failed" (a "4.4.1" once the queue lifetime
 * is over). Nothing will retry it, but sending again may work.
 */
gboolean
md_bounce_recipient_is_given_up (const MdBounceRecipient *recipient)
{
  g_return_val_if_fail (recipient != NULL, FALSE);

  return recipient->klass == MD_CODE_CLASS_TEMPORARY &&
         recipient->action != NULL && g_ascii_strncasecmp (recipient->action, "failed", 6) == 0;
}

struct _MdBounceReport
{
  GObject          parent_instance;

  GBytes          *bytes;
  MdBounceMessage *message;
  GArray          *findings;     /* MdCodeSpan */
  GArray          *fields;       /* MdFieldSpan */
  GPtrArray       *recipients;   /* MdBounceRecipient* */
  char            *headline;
  MdBounceOutcome  outcome;
  gint             main_index;   /* -1 when there is no recipient */
};

G_DEFINE_FINAL_TYPE (MdBounceReport, md_bounce_report, G_TYPE_OBJECT)

static void
md_bounce_report_finalize (GObject *object)
{
  MdBounceReport *self = MD_BOUNCE_REPORT (object);

  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_object (&self->message);
  g_clear_pointer (&self->findings, g_array_unref);
  g_clear_pointer (&self->fields, g_array_unref);
  g_clear_pointer (&self->recipients, g_ptr_array_unref);
  g_free (self->headline);

  G_OBJECT_CLASS (md_bounce_report_parent_class)->finalize (object);
}

static void
md_bounce_report_class_init (MdBounceReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = md_bounce_report_finalize;
}

static void
md_bounce_report_init (MdBounceReport *self)
{
  self->recipients = g_ptr_array_new_with_free_func ((GDestroyNotify) md_bounce_recipient_free);
  self->main_index = -1;
}

static char *
recipient_headline (const MdBounceRecipient *r)
{
  const char *title = md_reason_get_title (r->reason);

  if (r->reason == MD_REASON_VACATION)
    {
      if (r->recipient != NULL)
        /* Translators: %s is an e-mail address */
        return g_strdup_printf (_("%s is away: the message was delivered and an automatic reply came back."),
                                r->recipient);
      return g_strdup (_("The message was delivered and an automatic reply came back."));
    }

  if (r->reason == MD_REASON_FEEDBACK)
    {
      if (r->recipient != NULL)
        /* Translators: %s is an e-mail address */
        return g_strdup_printf (_("The message to %s was delivered, and the recipient reported it as unwanted."),
                                r->recipient);
      return g_strdup (_("The message was delivered, and the recipient reported it as unwanted."));
    }

  if (r->klass == MD_CODE_CLASS_SUCCESS)
    {
      if (r->recipient != NULL)
        /* Translators: %s is an e-mail address */
        return g_strdup_printf (_("The message to %s was delivered."), r->recipient);
      return g_strdup (_("The message was delivered."));
    }

  if (r->permanent)
    {
      if (r->recipient != NULL)
        /* Translators: "<reason>: the message to <address> …"; the reason is a short title */
        return g_strdup_printf (_("%s: the message to %s was not delivered and will not be retried."),
                                title, r->recipient);
      /* Translators: %s is the reason, a short title */
      return g_strdup_printf (_("%s: the message was not delivered and will not be retried."), title);
    }

  if (md_bounce_recipient_is_given_up (r))
    {
      if (r->recipient != NULL)
        /* Translators: "<reason>: the message to <address> …"; the reason is a short title */
        return g_strdup_printf (_("%s: the message to %s was not delivered and the sending server has stopped trying; sending it again later may work."),
                                title, r->recipient);
      /* Translators: %s is the reason, a short title */
      return g_strdup_printf (_("%s: the message was not delivered and the sending server has stopped trying; sending it again later may work."), title);
    }

  if (r->recipient != NULL)
    /* Translators: "<reason>: the message to <address> …"; the reason is a short title */
    return g_strdup_printf (_("%s: the message to %s is delayed; the sending server keeps trying for a while."),
                            title, r->recipient);
  /* Translators: %s is the reason, a short title */
  return g_strdup_printf (_("%s: the message is delayed; the sending server keeps trying for a while."), title);
}

static const char *
infer_action (const MdBounceRecipient *r)
{
  if (r->klass == MD_CODE_CLASS_SUCCESS)
    return "delivered";
  if (r->reason == MD_REASON_EXPIRED || !r->permanent)
    return r->reason == MD_REASON_EXPIRED && r->permanent ? "failed" : "delayed";
  return "failed";
}

static gboolean
is_success_action (const char *action)
{
  return action != NULL &&
         (g_str_equal (action, "delivered") || g_str_equal (action, "relayed") ||
          g_str_equal (action, "expanded"));
}

static MdBounceRecipient *
judge (MdBounceReport         *self,
       const MdBounceDelivery *d)
{
  MdBounceMessage *message = self->message;
  MdBounceRecipient *r = g_new0 (MdBounceRecipient, 1);
  MdBounceEvidence evidence = { 0, };
  gboolean permanent = FALSE;

  r->recipient = g_strdup (d->recipient);
  r->original_recipient = g_strdup (d->original_recipient);
  r->status = g_strdup (d->status);
  r->reply_code = d->reply_code;
  r->remote_mta = g_strdup (d->remote_mta);
  r->diagnostic = g_strdup (d->diagnostic);
  r->command = g_strdup (d->command);
  r->last_attempt_date = g_strdup (d->last_attempt_date);
  r->will_retry_until = g_strdup (d->will_retry_until);

  evidence.status = d->status;
  evidence.reply_code = d->reply_code;
  evidence.diagnostic = d->diagnostic;
  evidence.diagnostic_type = d->diagnostic_type;
  evidence.action = d->action;
  evidence.command = d->command;
  evidence.recipient = d->recipient;
  evidence.remote_mta = d->remote_mta;
  evidence.reporting_mta = md_bounce_message_get_reporting_mta (message);
  evidence.agent = md_bounce_message_get_agent (message);
  evidence.subject = md_bounce_message_get_header (message, "subject");
  evidence.from = md_bounce_message_get_header (message, "from");
  evidence.text = md_bounce_message_get_text (message);

  r->reason = md_bounce_classify (&evidence, &permanent);
  r->permanent = permanent;

  if (is_success_action (d->action) && r->reason == MD_REASON_UNDEFINED)
    r->reason = MD_REASON_DELIVERED;

  /* An auto-reply or a complaint report means the message arrived. */
  if (r->reason == MD_REASON_DELIVERED || r->reason == MD_REASON_VACATION || r->reason == MD_REASON_FEEDBACK)
    {
      r->permanent = FALSE;
      r->klass = MD_CODE_CLASS_SUCCESS;
    }
  else
    r->klass = r->permanent ? MD_CODE_CLASS_PERMANENT : MD_CODE_CLASS_TEMPORARY;

  r->hard_bounce = r->klass != MD_CODE_CLASS_SUCCESS && md_reason_is_hard_bounce (r->reason, r->permanent);
  r->actor = md_reason_get_actor (r->reason, r->permanent);
  r->action = g_strdup (d->action != NULL ? d->action : infer_action (r));

  if (r->status == NULL && r->klass != MD_CODE_CLASS_SUCCESS &&
      r->reason != MD_REASON_VACATION && r->reason != MD_REASON_FEEDBACK)
    r->pseudo_status = g_strdup (md_bounce_guess_status (r->reason, r->permanent));

  r->headline = recipient_headline (r);

  return r;
}

static guint
severity (const MdBounceRecipient *r)
{
  switch (r->klass)
    {
    case MD_CODE_CLASS_PERMANENT:
      return r->hard_bounce ? 4 : 3;
    case MD_CODE_CLASS_TEMPORARY:
      return md_bounce_recipient_is_given_up (r) ? 3 : 2;
    case MD_CODE_CLASS_SUCCESS:
      return 1;
    case MD_CODE_CLASS_UNKNOWN:
    case MD_CODE_CLASS_POSITIVE_PRELIMINARY:
    case MD_CODE_CLASS_INTERMEDIATE:
    default:
      return 0;
    }
}

static void
analyze (MdBounceReport *self)
{
  gsize length = 0;
  const char *data = g_bytes_get_data (self->bytes, &length);
  guint best = 0;

  if (data == NULL)
    data = "";

  self->message = md_bounce_message_new (data, length);

  for (guint i = 0; i < md_bounce_message_get_n_deliveries (self->message); i++)
    {
      MdBounceRecipient *r = judge (self, md_bounce_message_get_delivery (self->message, i));

      g_ptr_array_add (self->recipients, r);
      if (self->main_index < 0 || severity (r) > best)
        {
          self->main_index = i;
          best = severity (r);
        }
    }

  if (self->main_index >= 0)
    {
      const MdBounceRecipient *main = g_ptr_array_index (self->recipients, self->main_index);

      self->headline = g_strdup (main->headline);
      switch (main->klass)
        {
        case MD_CODE_CLASS_PERMANENT:
          self->outcome = MD_BOUNCE_OUTCOME_PERMANENT;
          break;
        case MD_CODE_CLASS_TEMPORARY:
          self->outcome = md_bounce_recipient_is_given_up (main) ? MD_BOUNCE_OUTCOME_PERMANENT
                                                                 : MD_BOUNCE_OUTCOME_TEMPORARY;
          break;
        case MD_CODE_CLASS_SUCCESS:
        case MD_CODE_CLASS_UNKNOWN:
        case MD_CODE_CLASS_POSITIVE_PRELIMINARY:
        case MD_CODE_CLASS_INTERMEDIATE:
        default:
          self->outcome = MD_BOUNCE_OUTCOME_DELIVERED;
          break;
        }
    }
  else
    {
      self->outcome = MD_BOUNCE_OUTCOME_NOT_BOUNCE;
      if (md_bounce_message_looks_like_bounce (self->message))
        self->headline = g_strdup (_("This looks like a bounce, but it names no recipient and no error code that could be analysed."));
      else
        self->headline = g_strdup (_("This does not look like a bounce: no delivery problem was found in it."));
    }
}

/**
 * md_bounce_report_new_from_bytes:
 * @bytes: the pasted text or the file's contents, any bytes
 *
 * Scans, parses and classifies @bytes. Never fails: a text that is not a
 * bounce gives a report that says so.
 *
 * Returns: (transfer full): the report
 */
MdBounceReport *
md_bounce_report_new_from_bytes (GBytes *bytes)
{
  g_autoptr(GArray) findings = NULL;
  g_autoptr(GArray) fields = NULL;
  gsize length = 0;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  findings = md_bounce_scan (data != NULL ? data : "", length, &fields);

  return md_bounce_report_new_from_scan (bytes, findings, fields);
}

/**
 * md_bounce_report_new_from_scan:
 * @bytes: the pasted text or the file's contents, any bytes
 * @findings: what md_bounce_scan() found in @bytes
 * @fields: the DSN field names it found there
 *
 * Like md_bounce_report_new_from_bytes(), for a caller that has scanned
 * @bytes already: the UI shows the codes before the rest is known.
 *
 * Returns: (transfer full): the report
 */
MdBounceReport *
md_bounce_report_new_from_scan (GBytes *bytes,
                                GArray *findings,
                                GArray *fields)
{
  MdBounceReport *self;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (findings != NULL, NULL);
  g_return_val_if_fail (fields != NULL, NULL);

  self = g_object_new (MD_TYPE_BOUNCE_REPORT, NULL);
  self->bytes = g_bytes_ref (bytes);
  self->findings = g_array_ref (findings);
  self->fields = g_array_ref (fields);
  analyze (self);

  return self;
}

/**
 * md_bounce_analyze:
 * @data: the bounce, any bytes
 * @length: their length
 *
 * Returns: (transfer full): the report, see md_bounce_report_new_from_bytes()
 */
MdBounceReport *
md_bounce_analyze (const char *data,
                   gsize       length)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  bytes = g_bytes_new (data, length);

  return md_bounce_report_new_from_bytes (bytes);
}

static void
analyze_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GBytes *bytes = task_data;

  if (g_task_return_error_if_cancelled (task))
    return;

  g_task_return_pointer (task, md_bounce_report_new_from_bytes (bytes), g_object_unref);
}

/**
 * md_bounce_report_new_from_bytes_async:
 * @bytes: the bounce, any bytes
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the caller's main context when the report is ready
 * @user_data: for @callback
 *
 * Runs md_bounce_report_new_from_bytes() in a worker thread.
 */
void
md_bounce_report_new_from_bytes_async (GBytes              *bytes,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (bytes != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, md_bounce_report_new_from_bytes_async);
  g_task_set_task_data (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, analyze_in_thread);
}

/**
 * md_bounce_report_new_from_bytes_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: a location for a #GError (only G_IO_ERROR_CANCELLED)
 *
 * Returns: (transfer full): the report, or %NULL when cancelled
 */
MdBounceReport *
md_bounce_report_new_from_bytes_finish (GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == md_bounce_report_new_from_bytes_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * md_bounce_report_is_bounce:
 * @self: a #MdBounceReport
 *
 * Returns: whether a delivery report was found: at least one recipient with
 *   a verdict
 */
gboolean
md_bounce_report_is_bounce (MdBounceReport *self)
{
  g_return_val_if_fail (MD_IS_BOUNCE_REPORT (self), FALSE);

  return self->recipients->len > 0;
}

MdBounceOutcome
md_bounce_report_get_outcome (MdBounceReport *self)
{
  g_return_val_if_fail (MD_IS_BOUNCE_REPORT (self), MD_BOUNCE_OUTCOME_NOT_BOUNCE);

  return self->outcome;
}

/**
 * md_bounce_report_get_headline:
 * @self: a #MdBounceReport
 *
 * Returns: the most important verdict in one translated sentence, or what
 *   is wrong with the text when it is not a bounce
 */
const char *
md_bounce_report_get_headline (MdBounceReport *self)
{
  g_return_val_if_fail (MD_IS_BOUNCE_REPORT (self), NULL);

  return self->headline;
}

/**
 * md_bounce_report_get_message:
 * @self: a #MdBounceReport
 *
 * Returns: (transfer none): the parsed bounce: headers, DSN fields, text
 */
MdBounceMessage *
md_bounce_report_get_message (MdBounceReport *self)
{
  g_return_val_if_fail (MD_IS_BOUNCE_REPORT (self), NULL);

  return self->message;
}

/**
 * md_bounce_report_get_findings:
 * @self: a #MdBounceReport
 * @n_findings: (out): how many
 *
 * Returns: (array length=n_findings) (transfer none): every code found, in
 *   the order of the text, with its byte span in the bytes analysed
 */
const MdCodeSpan *
md_bounce_report_get_findings (MdBounceReport *self,
                               guint          *n_findings)
{
  g_return_val_if_fail (MD_IS_BOUNCE_REPORT (self), NULL);
  g_return_val_if_fail (n_findings != NULL, NULL);

  *n_findings = self->findings->len;

  return (const MdCodeSpan *) (gpointer) self->findings->data;
}

/**
 * md_bounce_report_get_fields:
 * @self: a #MdBounceReport
 * @n_fields: (out): how many
 *
 * Returns: (array length=n_fields) (transfer none): the DSN field names
 *   ("Status:", "Diagnostic-Code:"…) with their byte spans
 */
const MdFieldSpan *
md_bounce_report_get_fields (MdBounceReport *self,
                             guint          *n_fields)
{
  g_return_val_if_fail (MD_IS_BOUNCE_REPORT (self), NULL);
  g_return_val_if_fail (n_fields != NULL, NULL);

  *n_fields = self->fields->len;

  return (const MdFieldSpan *) (gpointer) self->fields->data;
}

guint
md_bounce_report_get_n_recipients (MdBounceReport *self)
{
  g_return_val_if_fail (MD_IS_BOUNCE_REPORT (self), 0);

  return self->recipients->len;
}

/**
 * md_bounce_report_get_recipient:
 * @self: a #MdBounceReport
 * @index: from 0, in the order of the bounce
 *
 * Returns: (transfer none): the verdict on one recipient
 */
const MdBounceRecipient *
md_bounce_report_get_recipient (MdBounceReport *self,
                                guint           index)
{
  g_return_val_if_fail (MD_IS_BOUNCE_REPORT (self), NULL);
  g_return_val_if_fail (index < self->recipients->len, NULL);

  return g_ptr_array_index (self->recipients, index);
}

/**
 * md_bounce_report_get_main_recipient:
 * @self: a #MdBounceReport
 *
 * Returns: (transfer none) (nullable): the recipient whose verdict matters
 *   most (permanent before temporary before delivered), or %NULL
 */
const MdBounceRecipient *
md_bounce_report_get_main_recipient (MdBounceReport *self)
{
  g_return_val_if_fail (MD_IS_BOUNCE_REPORT (self), NULL);

  if (self->main_index < 0)
    return NULL;

  return g_ptr_array_index (self->recipients, self->main_index);
}

const char *
md_bounce_outcome_to_id (MdBounceOutcome outcome)
{
  switch (outcome)
    {
    case MD_BOUNCE_OUTCOME_DELIVERED:
      return "delivered";
    case MD_BOUNCE_OUTCOME_TEMPORARY:
      return "temporary";
    case MD_BOUNCE_OUTCOME_PERMANENT:
      return "permanent";
    case MD_BOUNCE_OUTCOME_NOT_BOUNCE:
    default:
      return "not-bounce";
    }
}

static const char *
class_id (MdCodeClass klass)
{
  switch (klass)
    {
    case MD_CODE_CLASS_POSITIVE_PRELIMINARY:
      return "preliminary";
    case MD_CODE_CLASS_SUCCESS:
      return "success";
    case MD_CODE_CLASS_INTERMEDIATE:
      return "intermediate";
    case MD_CODE_CLASS_TEMPORARY:
      return "temporary";
    case MD_CODE_CLASS_PERMANENT:
      return "permanent";
    case MD_CODE_CLASS_UNKNOWN:
    default:
      return "unknown";
    }
}

/* Line numbers (from 1) of the findings, in one pass over the bytes. */
static guint *
finding_lines (MdBounceReport *self)
{
  gsize length = 0;
  const char *data = g_bytes_get_data (self->bytes, &length);
  guint *lines = g_new0 (guint, self->findings->len + 1);
  guint line = 1;
  gsize pos = 0;

  for (guint i = 0; i < self->findings->len; i++)
    {
      const MdCodeSpan *span = &g_array_index (self->findings, MdCodeSpan, i);

      for (; pos < span->offset && pos < length; pos++)
        if (data[pos] == '\n' || (data[pos] == '\r' && (pos + 1 >= length || data[pos + 1] != '\n')))
          line++;
      lines[i] = line;
    }

  return lines;
}

static MdCodeInfo *
describe (const MdCodeSpan *span)
{
  if (span->kind == MD_CODE_KIND_ENHANCED)
    return md_codes_describe_enhanced (span->code);

  return md_codes_describe_reply ((guint) g_ascii_strtoull (span->code, NULL, 10));
}

static const char *
yes_no (gboolean value)
{
  return value ? _("yes") : _("no");
}

static void
append_field (GString    *out,
              const char *label,
              const char *value)
{
  if (value == NULL || *value == '\0')
    return;
  /* Translators: a label and its value in the text report: "Status: 5.1.1" */
  g_string_append_printf (out, _("  %s: %s\n"), label, value);
}

/**
 * md_bounce_report_to_text:
 * @self: a #MdBounceReport
 *
 * Returns: (transfer full): the report for people, translated: the headline,
 *   each recipient's verdict and advice, and the codes found
 */
char *
md_bounce_report_to_text (MdBounceReport *self)
{
  GString *out;
  g_autofree guint *lines = NULL;
  g_autoptr(GHashTable) listed = NULL;
  guint n_listed = 0;

  g_return_val_if_fail (MD_IS_BOUNCE_REPORT (self), NULL);

  out = g_string_new (NULL);
  g_string_append_printf (out, "%s\n", self->headline);

  for (guint i = 0; i < self->recipients->len; i++)
    {
      const MdBounceRecipient *r = g_ptr_array_index (self->recipients, i);
      g_autofree char *reply = r->reply_code ? g_strdup_printf ("%u", r->reply_code) : NULL;
      g_autofree char *verdict = NULL;

      if (r->klass == MD_CODE_CLASS_SUCCESS)
        verdict = g_strdup (md_reason_get_title (r->reason));
      else
        /* Translators: "<reason title> (permanent)", "(temporary)" or "(temporary cause, given up)" */
        verdict = g_strdup_printf (_("%s (%s)"), md_reason_get_title (r->reason),
                                   r->permanent ? _("permanent")
                                   : md_bounce_recipient_is_given_up (r) ? _("temporary cause, given up")
                                   : _("temporary"));

      g_string_append_c (out, '\n');
      g_string_append_printf (out, "%s\n", r->recipient != NULL ? r->recipient : _("Unknown recipient"));
      append_field (out, _("Verdict"), verdict);
      append_field (out, _("Status code"), r->status);
      append_field (out, _("Reply code"), reply);
      append_field (out, _("Action"), r->action);
      if (r->klass != MD_CODE_CLASS_SUCCESS)
        append_field (out, _("Hard bounce"), yes_no (r->hard_bounce));
      append_field (out, _("What happened"), md_reason_get_explanation (r->reason));
      if (r->klass != MD_CODE_CLASS_SUCCESS)
        {
          append_field (out, _("Who must act"), md_actor_get_label (r->actor));
          append_field (out, _("What to do"), md_reason_get_advice (r->reason));
        }
      append_field (out, _("Remote server"), r->remote_mta);
      if (r->diagnostic != NULL && *r->diagnostic)
        {
          g_autofree char *said = g_strdup (r->diagnostic);

          /* One line, and not a novel. */
          g_strdelimit (said, "\n\t", ' ');
          if (g_utf8_strlen (said, -1) > 300)
            {
              char *cut = g_utf8_offset_to_pointer (said, 300);

              *cut = '\0';
              g_string_append_printf (out, _("  The server said: %s…\n"), said);
            }
          else
            g_string_append_printf (out, _("  The server said: %s\n"), said);
        }
    }

  if (self->findings->len > 0)
    {
      lines = finding_lines (self);
      listed = g_hash_table_new (g_str_hash, g_str_equal);

      g_string_append_printf (out, "\n%s\n", _("Codes found:"));
      for (guint i = 0; i < self->findings->len; i++)
        {
          const MdCodeSpan *span = &g_array_index (self->findings, MdCodeSpan, i);
          g_autoptr(MdCodeInfo) info = NULL;

          /* Each code once, where it first appears. */
          if (!g_hash_table_add (listed, (gpointer) span->code))
            continue;
          if (++n_listed > 50)
            break;
          info = describe (span);
          /* Translators: "line 12: 550 — Mailbox unavailable" */
          g_string_append_printf (out, _("  line %u: %s — %s\n"), lines[i], span->code,
                                  info != NULL && info->title != NULL ? info->title : "");
        }
    }

  return g_string_free (out, FALSE);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/**
 * md_bounce_report_to_json:
 * @self: a #MdBounceReport
 * @path: (nullable): the file the bounce came from, or %NULL
 *
 * The report as a JSON object, with the schema documented in
 * docs/bounce-report-json.md (version 1): members are only ever added.
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
md_bounce_report_to_json (MdBounceReport *self,
                          const char     *path)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GHashTable) described = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree guint *lines = NULL;
  MdBounceMessage *message;
  static const char * const original_names[] = { "From", "To", "Subject", "Date", "Message-ID" };
  static const char * const original_keys[] = { "from", "to", "subject", "date", "message_id" };

  g_return_val_if_fail (MD_IS_BOUNCE_REPORT (self), NULL);

  message = self->message;
  lines = finding_lines (self);

  json_builder_begin_object (builder);
  add_string (builder, "path", path);
  json_builder_set_member_name (builder, "is_bounce");
  json_builder_add_boolean_value (builder, md_bounce_report_is_bounce (self));
  add_string (builder, "outcome", md_bounce_outcome_to_id (self->outcome));
  add_string (builder, "headline", self->headline);
  add_string (builder, "agent", md_bounce_message_get_agent (message));
  json_builder_set_member_name (builder, "is_dsn");
  json_builder_add_boolean_value (builder, md_bounce_message_is_dsn (message));
  add_string (builder, "reporting_mta", md_bounce_message_get_reporting_mta (message));
  add_string (builder, "arrival_date", md_bounce_message_get_arrival_date (message));

  json_builder_set_member_name (builder, "original_message");
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (original_names); i++)
    add_string (builder, original_keys[i], md_bounce_message_get_original_header (message, original_names[i]));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "recipients");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->recipients->len; i++)
    {
      const MdBounceRecipient *r = g_ptr_array_index (self->recipients, i);

      json_builder_begin_object (builder);
      add_string (builder, "recipient", r->recipient);
      add_string (builder, "original_recipient", r->original_recipient);
      add_string (builder, "status", r->status != NULL ? r->status : r->pseudo_status);
      json_builder_set_member_name (builder, "status_in_bounce");
      json_builder_add_boolean_value (builder, r->status != NULL);
      json_builder_set_member_name (builder, "reply_code");
      if (r->reply_code != 0)
        json_builder_add_int_value (builder, r->reply_code);
      else
        json_builder_add_null_value (builder);
      add_string (builder, "reason", md_reason_to_id (r->reason));
      add_string (builder, "reason_title", md_reason_get_title (r->reason));
      json_builder_set_member_name (builder, "permanent");
      json_builder_add_boolean_value (builder, r->permanent);
      json_builder_set_member_name (builder, "hard_bounce");
      json_builder_add_boolean_value (builder, r->hard_bounce);
      add_string (builder, "class", class_id (r->klass));
      add_string (builder, "action", r->action);
      add_string (builder, "actor", md_actor_to_id (r->actor));
      add_string (builder, "headline", r->headline);
      add_string (builder, "explanation", md_reason_get_explanation (r->reason));
      add_string (builder, "advice", r->klass == MD_CODE_CLASS_SUCCESS ? NULL : md_reason_get_advice (r->reason));
      add_string (builder, "remote_mta", r->remote_mta);
      add_string (builder, "command", r->command);
      add_string (builder, "diagnostic", r->diagnostic);
      add_string (builder, "last_attempt_date", r->last_attempt_date);
      add_string (builder, "will_retry_until", r->will_retry_until);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "findings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->findings->len; i++)
    {
      const MdCodeSpan *span = &g_array_index (self->findings, MdCodeSpan, i);

      json_builder_begin_object (builder);
      add_string (builder, "code", span->code);
      add_string (builder, "kind", span->kind == MD_CODE_KIND_ENHANCED ? "enhanced" : "reply");
      add_string (builder, "class", class_id (span->klass));
      json_builder_set_member_name (builder, "offset");
      json_builder_add_int_value (builder, span->offset);
      json_builder_set_member_name (builder, "length");
      json_builder_add_int_value (builder, span->length);
      json_builder_set_member_name (builder, "line");
      json_builder_add_int_value (builder, lines[i]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  /* What each code means, once per code. */
  json_builder_set_member_name (builder, "codes");
  json_builder_begin_object (builder);
  for (guint i = 0; i < self->findings->len; i++)
    {
      const MdCodeSpan *span = &g_array_index (self->findings, MdCodeSpan, i);
      g_autoptr(MdCodeInfo) info = NULL;

      if (!g_hash_table_add (described, (gpointer) span->code))
        continue;
      info = describe (span);
      json_builder_set_member_name (builder, span->code);
      json_builder_begin_object (builder);
      add_string (builder, "class", class_id (span->klass));
      add_string (builder, "title", info != NULL ? info->title : NULL);
      add_string (builder, "meaning", info != NULL ? info->meaning : NULL);
      add_string (builder, "advice", info != NULL ? info->advice : NULL);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "fields");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->fields->len; i++)
    {
      const MdFieldSpan *span = &g_array_index (self->fields, MdFieldSpan, i);
      gsize length = 0;
      const char *data = g_bytes_get_data (self->bytes, &length);
      g_autofree char *name = g_strndup (data + span->offset, span->length > 0 ? span->length - 1 : 0);

      json_builder_begin_object (builder);
      add_string (builder, "name", name);
      json_builder_set_member_name (builder, "offset");
      json_builder_add_int_value (builder, span->offset);
      json_builder_set_member_name (builder, "length");
      json_builder_add_int_value (builder, span->length);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
