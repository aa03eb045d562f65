/* md-check.h — one check of a diagnosis: its status, evidence and advice
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  MD_CHECK_STATUS_PENDING = 0,  /* not started yet */
  MD_CHECK_STATUS_RUNNING,
  MD_CHECK_STATUS_OK,
  MD_CHECK_STATUS_WARNING,
  MD_CHECK_STATUS_ERROR,
  MD_CHECK_STATUS_UNKNOWN,      /* could not check: never to be shown as "missing" */
} MdCheckStatus;

#define MD_TYPE_CHECK (md_check_get_type ())

G_DECLARE_FINAL_TYPE (MdCheck, md_check, MD, CHECK, GObject)

/* @id is one of: domain, rdap, mx, autodiscover, webmail, maintenance, spf, dmarc, dnsbl */
MdCheck       *md_check_new              (const char    *id,
                                          const char    *title);
const char    *md_check_get_id           (MdCheck       *self);
const char    *md_check_get_title        (MdCheck       *self);   /* translated */
MdCheckStatus  md_check_get_status       (MdCheck       *self);
const char    *md_check_get_summary      (MdCheck       *self);   /* translated, one line */
GStrv          md_check_dup_evidence     (MdCheck       *self);   /* records and answers seen */
GStrv          md_check_dup_advice       (MdCheck       *self);   /* translated sentences */
GStrv          md_check_dup_records      (MdCheck       *self);   /* exact records to set, zone-file lines */
GStrv          md_check_dup_links        (MdCheck       *self);   /* URLs the user can open */
gint64         md_check_get_elapsed_ms   (MdCheck       *self);

/* Used by the engine while the check runs (main context only). */
void           md_check_start            (MdCheck       *self);
void           md_check_finish           (MdCheck       *self,
                                          MdCheckStatus  status,
                                          const char    *summary);
void           md_check_add_evidence     (MdCheck       *self,
                                          const char    *evidence);
void           md_check_add_advice       (MdCheck       *self,
                                          const char    *advice);
void           md_check_add_record       (MdCheck       *self,
                                          const char    *record);
void           md_check_add_link         (MdCheck       *self,
                                          const char    *url);
void           md_check_reset            (MdCheck       *self);

const char    *md_check_status_to_id     (MdCheckStatus  status);  /* "ok", "warning", "error", "unknown"… */
const char    *md_check_status_get_label (MdCheckStatus  status);  /* translated, for accessibility */
int            md_check_status_severity  (MdCheckStatus  status);  /* error > unknown > warning > ok */

G_END_DECLS
