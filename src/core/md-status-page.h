/* md-status-page.h — the Atlassian Statuspage summary (/api/v2/summary.json):
 * open incidents, maintenance in progress or planned, degraded components.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  MD_STATUS_IMPACT_NONE = 0,
  MD_STATUS_IMPACT_MINOR,
  MD_STATUS_IMPACT_MAJOR,
  MD_STATUS_IMPACT_CRITICAL,
} MdStatusImpact;

/* An unresolved incident, or a maintenance that is not completed. */
typedef struct {
  char           *name;
  char           *status;         /* as published: investigating, in_progress, scheduled… */
  MdStatusImpact  impact;
  char           *shortlink;      /* NULL when not published */
  GDateTime      *starts;         /* incident: started; maintenance: scheduled for */
  GDateTime      *ends;           /* maintenance: scheduled until; NULL otherwise */
  char           *latest_update;  /* text of the newest update, if any */
} MdStatusEvent;

typedef struct {
  char           *page_name;
  char           *page_url;
  MdStatusImpact  indicator;      /* the page's overall state */
  gboolean        under_maintenance;
  char           *description;    /* the page's own words, e.g. "All Systems Operational" */
  GPtrArray      *incidents;      /* MdStatusEvent, unresolved only */
  GPtrArray      *maintenances;   /* MdStatusEvent, in progress or upcoming */
  GStrv           degraded;       /* components not operational, "name: status" */
} MdStatusSummary;

MdStatusSummary *md_status_summary_parse               (const char          *data,
                                                        gsize                length,
                                                        GError             **error);
void             md_status_summary_free                (MdStatusSummary     *summary);
gboolean         md_status_event_is_in_progress        (const MdStatusEvent *event,
                                                        GDateTime           *now);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdStatusSummary, md_status_summary_free)

G_END_DECLS
