/* md-bounce-panel.h — the findings beside the bounce: verdict, recipients and codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "md-codes.h"
#include "md-finding-row.h"

G_BEGIN_DECLS

/* What the panel says about the whole bounce or about one recipient; every
 * string already translated. */
typedef struct {
  MdCodeClass  klass;         /* drives the icon and the colour */
  gboolean     given_up;      /* a temporary failure the server stopped retrying */
  const char  *recipient;     /* NULL for the headline */
  const char  *status;        /* "5.1.1", or NULL */
  const char  *title;         /* the reason, in a few words */
  const char  *headline;      /* one sentence */
  const char  *actor;         /* who must act */
  const char  *advice;        /* what to do */
  const char  *diagnostic;    /* the server's own words, or NULL */
} MdBounceVerdict;

#define MD_TYPE_BOUNCE_PANEL (md_bounce_panel_get_type ())

G_DECLARE_FINAL_TYPE (MdBouncePanel, md_bounce_panel, MD, BOUNCE_PANEL, AdwBin)

void          md_bounce_panel_show_busy          (MdBouncePanel         *self);
void          md_bounce_panel_show_nothing       (MdBouncePanel         *self,
                                                  const char            *title,
                                                  const char            *description);
void          md_bounce_panel_show_report        (MdBouncePanel         *self);
void          md_bounce_panel_clear              (MdBouncePanel         *self);
void          md_bounce_panel_set_verdict        (MdBouncePanel         *self,
                                                  const MdBounceVerdict *verdict);
void          md_bounce_panel_add_recipient      (MdBouncePanel         *self,
                                                  const MdBounceVerdict *verdict);
void          md_bounce_panel_add_occurrence     (MdBouncePanel         *self,
                                                  const char            *code,
                                                  MdCodeClass            klass,
                                                  gint64                 start,
                                                  gint64                 end,
                                                  guint                  line);
MdFindingRow *md_bounce_panel_lookup_finding     (MdBouncePanel         *self,
                                                  const char            *code);
void          md_bounce_panel_select_finding     (MdBouncePanel         *self,
                                                  MdFindingRow          *row);
GtkListBox   *md_bounce_panel_get_findings_list  (MdBouncePanel         *self);
GtkListBox   *md_bounce_panel_get_recipients_list (MdBouncePanel         *self);
const char   *md_bounce_panel_get_page           (MdBouncePanel         *self);
gboolean      md_bounce_panel_get_busy           (MdBouncePanel         *self);

G_END_DECLS
