/* md-status-page.c — the Atlassian Statuspage summary (/api/v2/summary.json):
 * open incidents, maintenance in progress or planned, degraded components.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "md-json.h"
#include "md-status-page.h"

static void
md_status_event_free (MdStatusEvent *event)
{
  g_free (event->name);
  g_free (event->status);
  g_free (event->shortlink);
  g_clear_pointer (&event->starts, g_date_time_unref);
  g_clear_pointer (&event->ends, g_date_time_unref);
  g_free (event->latest_update);
  g_free (event);
}

void
md_status_summary_free (MdStatusSummary *summary)
{
  if (summary == NULL)
    return;

  g_free (summary->page_name);
  g_free (summary->page_url);
  g_free (summary->description);
  g_clear_pointer (&summary->incidents, g_ptr_array_unref);
  g_clear_pointer (&summary->maintenances, g_ptr_array_unref);
  g_strfreev (summary->degraded);
  g_free (summary);
}

static MdStatusImpact
parse_impact (const char *text)
{
  if (text == NULL)
    return MD_STATUS_IMPACT_NONE;
  if (g_ascii_strcasecmp (text, "critical") == 0)
    return MD_STATUS_IMPACT_CRITICAL;
  if (g_ascii_strcasecmp (text, "major") == 0)
    return MD_STATUS_IMPACT_MAJOR;
  if (g_ascii_strcasecmp (text, "minor") == 0)
    return MD_STATUS_IMPACT_MINOR;
  return MD_STATUS_IMPACT_NONE;
}

static GDateTime *
parse_date (JsonObject *object,
            const char *name)
{
  const char *text = md_json_member_string (object, name);
  g_autoptr(GTimeZone) utc = NULL;

  if (text == NULL)
    return NULL;

  utc = g_time_zone_new_utc ();
  return g_date_time_new_from_iso8601 (text, utc);
}

static gboolean
status_is_one_of (const char         *status,
                  const char * const *values)
{
  return status != NULL && g_strv_contains (values, status);
}

static MdStatusEvent *
parse_event (JsonObject *object,
             gboolean    maintenance)
{
  MdStatusEvent *event;
  JsonArray *updates;
  const char *name = md_json_member_string (object, "name");

  event = g_new0 (MdStatusEvent, 1);
  event->name = g_strdup (name != NULL && *name != '\0' ? name : _("(unnamed)"));
  event->status = g_strdup (md_json_member_string (object, "status"));
  event->impact = parse_impact (md_json_member_string (object, "impact"));
  event->shortlink = g_strdup (md_json_member_string (object, "shortlink"));

  if (maintenance)
    {
      event->starts = parse_date (object, "scheduled_for");
      event->ends = parse_date (object, "scheduled_until");
    }
  else
    {
      event->starts = parse_date (object, "started_at");
      if (event->starts == NULL)
        event->starts = parse_date (object, "created_at");
    }

  /* Statuspage lists updates newest first. */
  updates = md_json_member_array (object, "incident_updates");
  if (updates != NULL && json_array_get_length (updates) > 0)
    {
      JsonObject *latest = md_json_element_object (updates, 0);

      if (latest != NULL)
        event->latest_update = g_strdup (md_json_member_string (latest, "body"));
    }

  return event;
}

MdStatusSummary *
md_status_summary_parse (const char  *data,
                         gsize        length,
                         GError     **error)
{
  static const char * const closed_incident[] = { "resolved", "postmortem", "completed", NULL };
  static const char * const closed_maintenance[] = { "completed", NULL };
  g_autoptr(MdStatusSummary) summary = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GStrvBuilder) degraded = NULL;
  JsonObject *object;
  JsonObject *page;
  JsonObject *status;
  JsonArray *incidents;
  JsonArray *maintenances;
  JsonArray *components;

  root = md_json_parse (data, length, error);
  if (root == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    goto not_a_summary;

  object = json_node_get_object (root);
  page = md_json_member_object (object, "page");
  status = md_json_member_object (object, "status");
  incidents = md_json_member_array (object, "incidents");
  maintenances = md_json_member_array (object, "scheduled_maintenances");
  components = md_json_member_array (object, "components");

  /* summary.json always has these two; status.json has no incidents. */
  if (status == NULL || incidents == NULL)
    goto not_a_summary;

  summary = g_new0 (MdStatusSummary, 1);
  summary->incidents = g_ptr_array_new_with_free_func ((GDestroyNotify) md_status_event_free);
  summary->maintenances = g_ptr_array_new_with_free_func ((GDestroyNotify) md_status_event_free);

  if (page != NULL)
    {
      summary->page_name = g_strdup (md_json_member_string (page, "name"));
      summary->page_url = g_strdup (md_json_member_string (page, "url"));
    }

  summary->description = g_strdup (md_json_member_string (status, "description"));
  summary->indicator = parse_impact (md_json_member_string (status, "indicator"));
  summary->under_maintenance = g_strcmp0 (md_json_member_string (status, "indicator"),
                                          "maintenance") == 0;

  for (guint i = 0; i < json_array_get_length (incidents); i++)
    {
      JsonObject *incident = md_json_element_object (incidents, i);

      if (incident != NULL
          && !status_is_one_of (md_json_member_string (incident, "status"), closed_incident))
        g_ptr_array_add (summary->incidents, parse_event (incident, FALSE));
    }

  for (guint i = 0; maintenances != NULL && i < json_array_get_length (maintenances); i++)
    {
      JsonObject *maintenance = md_json_element_object (maintenances, i);

      if (maintenance != NULL
          && !status_is_one_of (md_json_member_string (maintenance, "status"), closed_maintenance))
        g_ptr_array_add (summary->maintenances, parse_event (maintenance, TRUE));
    }

  degraded = g_strv_builder_new ();
  for (guint i = 0; components != NULL && i < json_array_get_length (components); i++)
    {
      JsonObject *component = md_json_element_object (components, i);
      g_autofree char *line = NULL;
      const char *name;
      const char *state;

      if (component == NULL
          || (name = md_json_member_string (component, "name")) == NULL
          || (state = md_json_member_string (component, "status")) == NULL
          || g_str_equal (state, "operational"))
        continue;

      line = g_strdup_printf ("%s: %s", name, state);
      g_strv_builder_add (degraded, line);
    }
  summary->degraded = g_strv_builder_end (degraded);

  return g_steal_pointer (&summary);

not_a_summary:
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The answer is not a Statuspage summary"));
  return NULL;
}

gboolean
md_status_event_is_in_progress (const MdStatusEvent *event,
                                GDateTime           *now)
{
  g_return_val_if_fail (event != NULL, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (g_strcmp0 (event->status, "in_progress") == 0
      || g_strcmp0 (event->status, "verifying") == 0)
    return TRUE;

  /* Pages are not always switched over on time: trust the schedule too. */
  return event->starts != NULL && g_date_time_compare (event->starts, now) <= 0
    && (event->ends == NULL || g_date_time_compare (now, event->ends) < 0);
}
