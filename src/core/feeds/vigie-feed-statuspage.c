/* vigie-feed-statuspage.c: Atlassian Statuspage public API v2
 *
 * Reads summary.json (also as served by incident.io pages, which leave out
 * "incidents" and "scheduled_maintenances"), status.json, components.json
 * and incidents.json.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-feed-statuspage"

#include "config.h"

#include <string.h>

#include "vigie-feed-format.h"
#include "vigie-json.h"
#include "vigie-limits.h"
#include "vigie-text.h"

typedef struct
{
  const char *value;
  VigieSeverity severity;
} ValueMap;

/* status.indicator: documented as none, minor, major, critical; many pages
 * are assumed to also use "maintenance". */
static const ValueMap indicator_map[] = {
  { "none", VIGIE_SEVERITY_OPERATIONAL },
  { "maintenance", VIGIE_SEVERITY_MAINTENANCE },
  { "minor", VIGIE_SEVERITY_MINOR },
  { "major", VIGIE_SEVERITY_MAJOR },
  { "critical", VIGIE_SEVERITY_CRITICAL },
};

static const ValueMap component_map[] = {
  { "operational", VIGIE_SEVERITY_OPERATIONAL },
  { "under_maintenance", VIGIE_SEVERITY_MAINTENANCE },
  { "degraded_performance", VIGIE_SEVERITY_MINOR },
  { "partial_outage", VIGIE_SEVERITY_MAJOR },
  { "major_outage", VIGIE_SEVERITY_CRITICAL },
};

/* An incident's own impact; "none" is still an open incident, so it is
 * worth a minor level in the incident's detail (the page indicator, not
 * this, makes the service's state). */
static const ValueMap impact_map[] = {
  { "none", VIGIE_SEVERITY_MINOR },
  { "maintenance", VIGIE_SEVERITY_MAINTENANCE },
  { "minor", VIGIE_SEVERITY_MINOR },
  { "major", VIGIE_SEVERITY_MAJOR },
  { "critical", VIGIE_SEVERITY_CRITICAL },
};

static gboolean
lookup (const ValueMap *map,
        gsize           n_entries,
        const char     *value,
        VigieSeverity  *out_severity)
{
  if (value == NULL)
    return FALSE;

  for (gsize i = 0; i < n_entries; i++)
    {
      if (g_str_equal (map[i].value, value))
        {
          *out_severity = map[i].severity;
          return TRUE;
        }
    }

  return FALSE;
}

static VigieSeverity
map_or_unknown (const ValueMap *map,
                gsize           n_entries,
                const char     *value)
{
  VigieSeverity severity = VIGIE_SEVERITY_UNKNOWN;

  lookup (map, n_entries, value, &severity);
  return severity;
}

static gboolean
statuspage_detect (JsonNode *root)
{
  JsonObject *object;
  JsonObject *status;
  JsonArray *components;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;

  object = json_node_get_object (root);
  status = vigie_json_get_object (object, "status");
  if (status != NULL && vigie_json_get_string (status, "indicator") != NULL)
    return TRUE;

  /* components.json / incidents.json: a "page" object next to the lists */
  components = vigie_json_get_array (object, "components");
  if (vigie_json_get_object (object, "page") != NULL
      && (components != NULL || vigie_json_get_array (object, "incidents") != NULL))
    return TRUE;

  return FALSE;
}

static const char *
group_name_for (JsonArray  *components,
                const char *group_id)
{
  if (group_id == NULL)
    return NULL;

  for (guint i = 0; i < json_array_get_length (components); i++)
    {
      JsonObject *component = vigie_json_array_get_object (components, i);

      if (component != NULL && g_strcmp0 (vigie_json_get_string (component, "id"), group_id) == 0)
        return vigie_json_get_string (component, "name");
    }

  return NULL;
}

/* Returns the worst component state, or operational when there are none. */
static VigieSeverity
read_components (VigieSnapshot *snapshot,
                 JsonArray     *components)
{
  VigieSeverity worst = VIGIE_SEVERITY_OPERATIONAL;
  guint length = json_array_get_length (components);

  for (guint i = 0; i < length; i++)
    {
      JsonObject *component = vigie_json_array_get_object (components, i);
      g_autofree char *name = NULL;
      g_autofree char *group = NULL;
      VigieSeverity severity;

      if (component == NULL)
        continue;

      /* group rows only summarise their members, which are listed too */
      if (vigie_json_get_boolean (component, "group", FALSE))
        continue;

      name = vigie_text_clean (vigie_json_get_string (component, "name"), VIGIE_MAX_NAME_CHARS);
      if (name == NULL)
        continue;

      group = vigie_text_clean (group_name_for (components,
                                                vigie_json_get_string (component, "group_id")),
                                VIGIE_MAX_NAME_CHARS);
      severity = map_or_unknown (component_map, G_N_ELEMENTS (component_map),
                                 vigie_json_get_string (component, "status"));
      worst = vigie_severity_worst (worst, severity);
      vigie_snapshot_add_component (snapshot, vigie_component_new (name, group, severity));
    }

  return worst;
}

/* incident_updates are newest first on every page seen, but pick the newest
 * by time anyway: order is not part of any contract. */
static JsonObject *
newest_update (JsonArray *updates)
{
  JsonObject *newest = NULL;
  g_autoptr(GDateTime) newest_time = NULL;

  if (updates == NULL)
    return NULL;

  for (guint i = 0; i < json_array_get_length (updates); i++)
    {
      JsonObject *update = vigie_json_array_get_object (updates, i);
      g_autoptr(GDateTime) when = NULL;

      if (update == NULL)
        continue;

      when = vigie_json_get_time (update, "display_at");
      if (when == NULL)
        when = vigie_json_get_time (update, "created_at");

      if (newest == NULL || (when != NULL && (newest_time == NULL
                                              || g_date_time_compare (when, newest_time) > 0)))
        {
          newest = update;
          g_clear_pointer (&newest_time, g_date_time_unref);
          newest_time = g_steal_pointer (&when);
        }
    }

  return newest;
}

static VigieIncident *
read_incident (JsonObject *object,
               const char *page_url,
               gboolean    is_maintenance)
{
  g_autoptr(VigieIncident) incident = vigie_incident_new ();
  JsonArray *components;
  JsonObject *update;
  const char *link;

  incident->id = vigie_text_clean (vigie_json_get_string (object, "id"), VIGIE_MAX_NAME_CHARS);
  if (incident->id == NULL)
    incident->id = vigie_json_dup_id (object, "id");
  incident->title = vigie_text_clean (vigie_json_get_string (object, "name"),
                                      VIGIE_MAX_TITLE_CHARS);
  incident->status = vigie_text_clean (vigie_json_get_string (object, "status"),
                                       VIGIE_MAX_NAME_CHARS);

  if (is_maintenance)
    incident->severity = VIGIE_SEVERITY_MAINTENANCE;
  else
    incident->severity = map_or_unknown (impact_map, G_N_ELEMENTS (impact_map),
                                         vigie_json_get_string (object, "impact"));

  link = vigie_json_get_string (object, "shortlink");
  incident->url = vigie_link_sanitize (link);
  if (incident->url == NULL && page_url != NULL && incident->id != NULL)
    {
      g_autofree char *guess = g_strdup_printf ("%s/incidents/%s", page_url, incident->id);

      incident->url = vigie_link_sanitize (guess);
    }

  incident->started_at = vigie_json_get_time (object, "started_at");
  if (incident->started_at == NULL)
    incident->started_at = vigie_json_get_time (object, "created_at");
  incident->updated_at = vigie_json_get_time (object, "updated_at");
  incident->scheduled_for = vigie_json_get_time (object, "scheduled_for");
  incident->scheduled_until = vigie_json_get_time (object, "scheduled_until");

  update = newest_update (vigie_json_get_array (object, "incident_updates"));
  if (update != NULL)
    {
      incident->latest_update = vigie_text_clean (vigie_json_get_string (update, "body"),
                                                  VIGIE_MAX_UPDATE_CHARS);
      if (incident->updated_at == NULL)
        incident->updated_at = vigie_json_get_time (update, "created_at");
    }
  if (incident->updated_at == NULL && incident->started_at != NULL)
    incident->updated_at = g_date_time_ref (incident->started_at);

  components = vigie_json_get_array (object, "components");
  for (guint i = 0; components != NULL && i < json_array_get_length (components); i++)
    {
      JsonObject *component = vigie_json_array_get_object (components, i);
      char *name = vigie_text_clean (vigie_json_get_string (component, "name"),
                                     VIGIE_MAX_NAME_CHARS);

      if (name != NULL && incident->components->len < VIGIE_MAX_COMPONENTS)
        g_ptr_array_add (incident->components, name);
      else
        g_free (name);
    }

  if (incident->title == NULL)
    incident->title = g_strdup (is_maintenance ? "Scheduled maintenance" : "Incident");

  return g_steal_pointer (&incident);
}

static gboolean
incident_is_closed (const char *status)
{
  return g_strcmp0 (status, "resolved") == 0 || g_strcmp0 (status, "postmortem") == 0
         || g_strcmp0 (status, "completed") == 0;
}

static gboolean
maintenance_is_in_progress (const VigieIncident *maintenance,
                            GDateTime           *now)
{
  if (g_strcmp0 (maintenance->status, "in_progress") == 0
      || g_strcmp0 (maintenance->status, "verifying") == 0)
    return TRUE;

  /* "scheduled" whose window has opened: the page may not have flipped it yet */
  return g_strcmp0 (maintenance->status, "scheduled") == 0
         && maintenance->scheduled_for != NULL && maintenance->scheduled_until != NULL
         && g_date_time_compare (maintenance->scheduled_for, now) <= 0
         && g_date_time_compare (now, maintenance->scheduled_until) < 0;
}

static VigieSnapshot *
statuspage_parse (JsonNode   *root,
                  GDateTime  *now,
                  GError    **error)
{
  g_autoptr(VigieSnapshot) snapshot = NULL;
  g_autofree char *page_url = NULL;
  JsonObject *object;
  JsonObject *status;
  JsonArray *components;
  JsonArray *incidents;
  JsonArray *maintenances;
  const char *indicator;
  VigieSeverity severity = VIGIE_SEVERITY_UNKNOWN;
  VigieSeverity worst_component = VIGIE_SEVERITY_OPERATIONAL;
  gboolean maintenance_running = FALSE;

  if (!statuspage_detect (root))
    {
      g_set_error_literal (error, VIGIE_FEED_ERROR, VIGIE_FEED_ERROR_WRONG_FORMAT,
                           "not a statuspage feed");
      return NULL;
    }

  object = json_node_get_object (root);
  snapshot = vigie_snapshot_new (vigie_feed_format_statuspage.id);

  page_url = vigie_link_sanitize (vigie_json_get_string (vigie_json_get_object (object, "page"),
                                                         "url"));
  if (page_url != NULL && g_str_has_suffix (page_url, "/"))
    page_url[strlen (page_url) - 1] = '\0';
  vigie_snapshot_set_page_url (snapshot, page_url);
  {
    g_autofree char *page_name = vigie_text_clean (
      vigie_json_get_string (vigie_json_get_object (object, "page"), "name"), VIGIE_MAX_NAME_CHARS);
    vigie_snapshot_set_page_name (snapshot, page_name);
  }

  components = vigie_json_get_array (object, "components");
  if (components != NULL)
    worst_component = read_components (snapshot, components);

  incidents = vigie_json_get_array (object, "incidents");
  for (guint i = 0; incidents != NULL && i < json_array_get_length (incidents); i++)
    {
      JsonObject *incident = vigie_json_array_get_object (incidents, i);

      if (incident == NULL || incident_is_closed (vigie_json_get_string (incident, "status")))
        continue;

      vigie_snapshot_add_incident (snapshot, read_incident (incident, page_url, FALSE));
    }

  maintenances = vigie_json_get_array (object, "scheduled_maintenances");
  for (guint i = 0; maintenances != NULL && i < json_array_get_length (maintenances); i++)
    {
      JsonObject *maintenance_object = vigie_json_array_get_object (maintenances, i);
      VigieIncident *maintenance;

      if (maintenance_object == NULL
          || incident_is_closed (vigie_json_get_string (maintenance_object, "status")))
        continue;

      maintenance = read_incident (maintenance_object, page_url, TRUE);
      maintenance_running |= maintenance_is_in_progress (maintenance, now);
      vigie_snapshot_add_maintenance (snapshot, maintenance);
    }

  status = vigie_json_get_object (object, "status");
  indicator = vigie_json_get_string (status, "indicator");

  if (indicator != NULL)
    {
      /* The indicator is the page's own verdict, computed from component
       * states; an incident's impact can be higher (GitHub, 25 Nov 2022:
       * "major" incident, "minor" indicator) and stays detail. */
      if (!lookup (indicator_map, G_N_ELEMENTS (indicator_map), indicator, &severity))
        {
          g_autofree char *shown = vigie_text_clean (indicator, 40);
          g_autofree char *reason = g_strdup_printf ("unknown indicator \"%s\"",
                                                     shown ? shown : "");

          /* components may still tell a real problem; never "all clear" */
          severity = vigie_severity_worst (VIGIE_SEVERITY_UNKNOWN, worst_component);
          if (severity == VIGIE_SEVERITY_UNKNOWN)
            vigie_snapshot_set_reason (snapshot, reason);
        }
    }
  else if (components != NULL && json_array_get_length (components) > 0)
    {
      severity = worst_component;
      if (severity == VIGIE_SEVERITY_UNKNOWN)
        vigie_snapshot_set_reason (snapshot, "unknown component status");
    }
  else if (incidents != NULL)
    {
      /* incidents.json alone: only open incidents say anything */
      severity = vigie_snapshot_get_worst_incident_severity (snapshot);
      if (severity == VIGIE_SEVERITY_UNKNOWN)
        vigie_snapshot_set_reason (snapshot, "unknown incident impact");
    }
  else
    {
      vigie_snapshot_set_reason (snapshot, "no status in feed");
    }

  if (severity == VIGIE_SEVERITY_OPERATIONAL
      && (maintenance_running || worst_component == VIGIE_SEVERITY_MAINTENANCE))
    severity = VIGIE_SEVERITY_MAINTENANCE;

  vigie_snapshot_set_severity (snapshot, severity);

  {
    g_autofree char *summary = vigie_text_clean (vigie_json_get_string (status, "description"),
                                                 VIGIE_MAX_TITLE_CHARS);
    vigie_snapshot_set_summary (snapshot, summary);
  }

  return g_steal_pointer (&snapshot);
}

const VigieFeedFormat vigie_feed_format_statuspage = {
  .id = "statuspage",
  .label = "Atlassian Statuspage",
  .min_interval = 0,
  .detect_json = statuspage_detect,
  .parse_json = statuspage_parse,
};
