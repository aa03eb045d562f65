/* md-bounce-classifier.h — decides the reason of a bounce from its codes and the server's words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "md-codes.h"

G_BEGIN_DECLS

/* Everything a bounce tells about one recipient. Every field may be NULL
 * (or 0); strings are UTF-8 and only borrowed for the duration of the call. */
typedef struct {
  const char *status;           /* enhanced status code, "5.1.1" */
  guint       reply_code;       /* SMTP reply code, 550, or 0 */
  const char *diagnostic;       /* the server's or the MTA's words for this recipient */
  const char *diagnostic_type;  /* "smtp", "x-postfix", "x-unix"… */
  const char *action;           /* DSN Action: failed, delayed, delivered, relayed, expanded */
  const char *command;          /* the SMTP command answered: CONN, HELO, MAIL, RCPT, DATA */
  const char *recipient;
  const char *remote_mta;
  const char *reporting_mta;
  const char *agent;            /* the MTA that wrote the bounce, when known ("postfix"…) */
  const char *subject;          /* of the bounce message */
  const char *from;             /* of the bounce message */
  const char *text;             /* the human-readable part, read when there is no diagnostic */
} MdBounceEvidence;

MdReason    md_bounce_classify      (const MdBounceEvidence *evidence,
                                     gboolean               *out_permanent);

/* A status for a bounce that gives none, as Sisimai numbers its reasons
 * (class, 0, 9xx: "5.0.911" for an unknown user). NULL for delivered,
 * feedback and vacation. */
const char *md_bounce_guess_status  (MdReason                reason,
                                     gboolean                permanent);

G_END_DECLS
