/* md-bounce-message.h — a bounce parsed: MIME, RFC 3464 delivery-status fields, or the MTA's own text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What the bounce says about one recipient. Every string is UTF-8 or NULL. */
typedef struct {
  char  *recipient;           /* Final-Recipient, or the address the text names */
  char  *original_recipient;  /* Original-Recipient or X-Actual-Recipient */
  char  *action;              /* "failed", "delayed", "delivered", "relayed", "expanded" */
  char  *status;              /* enhanced status code: "5.1.1" */
  guint  reply_code;          /* SMTP reply code, 0 when the bounce gives none */
  char  *remote_mta;
  char  *diagnostic_type;     /* "smtp", "x-postfix", "x-unix"… */
  char  *diagnostic;          /* the server's or the MTA's own words */
  char  *last_attempt_date;
  char  *will_retry_until;
  char  *command;             /* the SMTP command that was answered: "RCPT", "DATA"… */
} MdBounceDelivery;

#define MD_TYPE_BOUNCE_DELIVERY (md_bounce_delivery_get_type ())

GType             md_bounce_delivery_get_type (void) G_GNUC_CONST;
MdBounceDelivery *md_bounce_delivery_copy     (const MdBounceDelivery *delivery);
void              md_bounce_delivery_free     (MdBounceDelivery       *delivery);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdBounceDelivery, md_bounce_delivery_free)

#define MD_TYPE_BOUNCE_MESSAGE (md_bounce_message_get_type ())

G_DECLARE_FINAL_TYPE (MdBounceMessage, md_bounce_message, MD, BOUNCE_MESSAGE, GObject)

MdBounceMessage        *md_bounce_message_new                 (const char       *data,
                                                               gsize             length);
gboolean                md_bounce_message_is_dsn              (MdBounceMessage  *self);
gboolean                md_bounce_message_looks_like_bounce   (MdBounceMessage  *self);
const char             *md_bounce_message_get_header          (MdBounceMessage  *self,
                                                               const char       *name);
const char             *md_bounce_message_get_original_header (MdBounceMessage  *self,
                                                               const char       *name);
const char             *md_bounce_message_get_reporting_mta   (MdBounceMessage  *self);
const char             *md_bounce_message_get_received_from_mta (MdBounceMessage *self);
const char             *md_bounce_message_get_arrival_date    (MdBounceMessage  *self);
const char             *md_bounce_message_get_agent           (MdBounceMessage  *self);
const char             *md_bounce_message_get_text            (MdBounceMessage  *self);
guint                   md_bounce_message_get_n_deliveries    (MdBounceMessage  *self);
const MdBounceDelivery *md_bounce_message_get_delivery        (MdBounceMessage  *self,
                                                               guint             index);

G_END_DECLS
