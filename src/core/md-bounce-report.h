/* md-bounce-report.h — the analysis of a bounce: codes found, a verdict per recipient, the headline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "md-bounce-message.h"
#include "md-bounce-scanner.h"
#include "md-codes.h"

G_BEGIN_DECLS

/* The outcome of a whole bounce, worst recipient first; also the exit
 * status of `mail-doctor analyze`. */
typedef enum {
  MD_BOUNCE_OUTCOME_DELIVERED = 0,   /* or nothing wrong: a success report */
  MD_BOUNCE_OUTCOME_TEMPORARY = 1,   /* the server is still trying */
  MD_BOUNCE_OUTCOME_PERMANENT = 2,   /* at least one recipient failed for good, or was given up on */
  MD_BOUNCE_OUTCOME_NOT_BOUNCE = 3,  /* no delivery problem found in the text */
} MdBounceOutcome;

/* The verdict on one recipient. Strings are UTF-8; the sentences are
 * translated into the language in force when the report was made. */
typedef struct {
  char        *recipient;          /* NULL when the bounce names none */
  char        *original_recipient;
  char        *status;             /* enhanced status code given by the bounce, or NULL */
  char        *pseudo_status;      /* when the bounce gives none: class, 0, reason number (Sisimai's "5.0.911"), or NULL */
  guint        reply_code;         /* 0 when the bounce gives none */
  char        *action;             /* given by the DSN or inferred: "failed", "delayed", "delivered"… */
  char        *remote_mta;
  char        *diagnostic;         /* the server's own words, UTF-8 */
  char        *command;            /* the SMTP command that was refused: "RCPT", "DATA"… */
  char        *last_attempt_date;
  char        *will_retry_until;
  MdReason     reason;
  gboolean     permanent;
  gboolean     hard_bounce;        /* the address should be dropped for good */
  MdActor      actor;              /* who must act */
  MdCodeClass  klass;              /* SUCCESS, TEMPORARY or PERMANENT */
  char        *headline;           /* one sentence, translated */
} MdBounceRecipient;

#define MD_TYPE_BOUNCE_RECIPIENT (md_bounce_recipient_get_type ())

GType              md_bounce_recipient_get_type (void) G_GNUC_CONST;
MdBounceRecipient *md_bounce_recipient_copy     (const MdBounceRecipient *recipient);
void               md_bounce_recipient_free     (MdBounceRecipient       *recipient);
gboolean           md_bounce_recipient_is_given_up (const MdBounceRecipient *recipient);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdBounceRecipient, md_bounce_recipient_free)

#define MD_TYPE_BOUNCE_REPORT (md_bounce_report_get_type ())

G_DECLARE_FINAL_TYPE (MdBounceReport, md_bounce_report, MD, BOUNCE_REPORT, GObject)

MdBounceReport          *md_bounce_analyze                       (const char           *data,
                                                                  gsize                 length);
MdBounceReport          *md_bounce_report_new_from_bytes         (GBytes               *bytes);
MdBounceReport          *md_bounce_report_new_from_scan          (GBytes               *bytes,
                                                                  GArray               *findings,
                                                                  GArray               *fields);
void                     md_bounce_report_new_from_bytes_async   (GBytes               *bytes,
                                                                  GCancellable         *cancellable,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
MdBounceReport          *md_bounce_report_new_from_bytes_finish  (GAsyncResult         *result,
                                                                  GError              **error);

gboolean                 md_bounce_report_is_bounce              (MdBounceReport       *self);
MdBounceOutcome          md_bounce_report_get_outcome            (MdBounceReport       *self);
const char              *md_bounce_report_get_headline           (MdBounceReport       *self);
MdBounceMessage         *md_bounce_report_get_message            (MdBounceReport       *self);

const MdCodeSpan        *md_bounce_report_get_findings           (MdBounceReport       *self,
                                                                  guint                *n_findings);
const MdFieldSpan       *md_bounce_report_get_fields             (MdBounceReport       *self,
                                                                  guint                *n_fields);
guint                    md_bounce_report_get_n_recipients       (MdBounceReport       *self);
const MdBounceRecipient *md_bounce_report_get_recipient          (MdBounceReport       *self,
                                                                  guint                 index);
const MdBounceRecipient *md_bounce_report_get_main_recipient     (MdBounceReport       *self);

char                    *md_bounce_report_to_text                (MdBounceReport       *self);
JsonNode                *md_bounce_report_to_json                (MdBounceReport       *self,
                                                                  const char           *path);

const char              *md_bounce_outcome_to_id                 (MdBounceOutcome       outcome);

G_END_DECLS
