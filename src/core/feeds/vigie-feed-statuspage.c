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

#include "vigie-feed-format-private.h"
#include "vigie-json.h"
#include "vigie-limits.h"
#include "vigie-text.h"

/* status.indicator: documented as none, minor, major, critical; many pages
 * are assumed to also use "maintenance". */
static const VigieValueMap indicator_map[] = {
  { "none", VIGIE_SEVERITY_OPERATIONAL },
  { "maintenance", VIGIE_SEVERITY_MAINTENANCE },
  { "minor", VIGIE_SEVERITY_MINOR },
  { "major", VIGIE_SEVERITY_MAJOR },
  { "critical", VIGIE_SEVERITY_CRITICAL },
};

static const VigieValueMap component_map[] = {
  { "operational", VIGIE_SEVERITY_OPERATIONAL },
  { "under_maintenance", VIGIE_SEVERITY_MAINTENANCE },
  { "degraded_performance", VIGIE_SEVERITY_MINOR },
  { "partial_outage", VIGIE_SEVERITY_MAJOR },
  { "major_outage", VIGIE_SEVERITY_CRITICAL },
};

/* An incident's own impact; "none" is still an open incident, so it is
 * worth a minor level in the incident's detail (the page indicator, not
 * this, makes the service's state). */
static const VigieValueMap impact_map[] = {
  { "none", VIGIE_SEVERITY_MINOR },
  { "maintenance", VIGIE_SEVERITY_MAINTENANCE },
  { "minor", VIGIE_SEVERITY_MINOR },
  { "major", VIGIE_SEVERITY_MAJOR },
  { "critical", VIGIE_SEVERITY_CRITICAL },
};

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

/* Reads the component rows into @snapshot.  Every readable row counts for
 * the returned state, even one without a name to show or past the number
 * a snapshot keeps.
 *
 * Returns: the worst component state, or unknown when the list holds no
 *   readable component row at all */
static VigieSeverity
read_components (VigieSnapshot *snapshot,
                 JsonArray     *components,
                 guint         *out_n_read)
{
  g_autoptr(GHashTable) names_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  VigieSeverity worst = VIGIE_SEVERITY_OPERATIONAL;
  guint length = json_array_get_length (components);
  guint n_read = 0;

  /* Group rows may come before or after their members: index the names
   * once (searching the list for every member would be quadratic). */
  for (guint i = 0; i < length; i++)
    {
      JsonObject *component = vigie_json_array_get_object (components, i);
      const char *id = vigie_json_get_string (component, "id");
      const char *name = vigie_json_get_string (component, "name");

      if (id != NULL && name != NULL && !g_hash_table_contains (names_by_id, id))
        g_hash_table_insert (names_by_id, (gpointer) id, (gpointer) name);
    }

  for (guint i = 0; i < length; i++)
    {
      JsonObject *component = vigie_json_array_get_object (components, i);
      g_autofree char *name = NULL;
      g_autofree char *group = NULL;
      const char *group_id;
      VigieSeverity severity;

      if (component == NULL)
        continue;

      /* group rows only summarise their members, which are listed too */
      if (vigie_json_get_boolean (component, "group", FALSE))
        continue;

      severity = vigie_value_map_get (component_map, G_N_ELEMENTS (component_map),
                                      vigie_json_get_string (component, "status"));
      worst = vigie_severity_worst (worst, severity);
      n_read++;

      if (vigie_snapshot_get_components (snapshot)->len >= VIGIE_MAX_COMPONENTS)
        continue;

      name = vigie_text_clean (vigie_json_get_string (component, "name"), VIGIE_MAX_NAME_CHARS);
      if (name == NULL)
        continue;

      group_id = vigie_json_get_string (component, "group_id");
      if (group_id != NULL)
        group = vigie_text_clean (g_hash_table_lookup (names_by_id, group_id), VIGIE_MAX_NAME_CHARS);
      vigie_snapshot_add_component (snapshot, vigie_component_new (name, group, severity));
    }

  *out_n_read = n_read;
  return n_read > 0 ? worst : VIGIE_SEVERITY_UNKNOWN;
}

static VigieIncident *
read_incident (JsonObject *object,
               const char *page_url,
               gboolean    is_maintenance)
{
  g_autoptr(VigieIncident) incident = vigie_incident_new ();
  g_autofree char *raw_id = NULL;
  JsonArray *components;
  JsonObject *update;
  const char *link;

  raw_id = vigie_json_dup_id (object, "id");
  incident->id = vigie_text_clean (raw_id, VIGIE_MAX_NAME_CHARS);
  incident->title = vigie_text_clean (vigie_json_get_string (object, "name"),
                                      VIGIE_MAX_TITLE_CHARS);
  incident->status = vigie_text_clean (vigie_json_get_string (object, "status"),
                                       VIGIE_MAX_NAME_CHARS);

  if (is_maintenance)
    incident->severity = VIGIE_SEVERITY_MAINTENANCE;
  else
    incident->severity = vigie_value_map_get (impact_map, G_N_ELEMENTS (impact_map),
                                              vigie_json_get_string (object, "impact"));

  link = vigie_json_get_string (object, "shortlink");
  incident->url = vigie_link_sanitize (link);
  if (incident->url == NULL && page_url != NULL && incident->id != NULL)
    {
      g_autofree char *escaped_id = g_uri_escape_string (incident->id, NULL, FALSE);
      g_autofree char *guess = g_strdup_printf ("%s/incidents/%s", page_url, escaped_id);

      incident->url = vigie_link_sanitize (guess);
    }

  incident->started_at = vigie_json_get_time (object, "started_at");
  if (incident->started_at == NULL)
    incident->started_at = vigie_json_get_time (object, "created_at");
  incident->updated_at = vigie_json_get_time (object, "updated_at");
  incident->scheduled_for = vigie_json_get_time (object, "scheduled_for");
  incident->scheduled_until = vigie_json_get_time (object, "scheduled_until");

  /* incident_updates are newest first on every page seen, but pick the
   * newest by time anyway: order is not part of any contract. */
  update = vigie_json_array_find_newest (vigie_json_get_array (object, "incident_updates"),
                                         "display_at", "created_at");
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

/* What the lists said, for the page's verdict */
typedef struct
{
  JsonArray *components;
  JsonArray *incidents;
  VigieSeverity worst_component;
  VigieSeverity worst_open_incident;
  guint n_components_read;
  guint n_incidents_read;
} Reading;

/* Reads "incidents": the open ones, and the closed ones as resolved.
 * Every open incident counts for the returned state, kept or not.
 *
 * Returns: the worst open incident's impact, operational when none is */
static VigieSeverity
read_incidents (VigieSnapshot *snapshot,
                JsonArray     *incidents,
                const char    *page_url,
                guint         *out_n_read)
{
  VigieSeverity worst_open_incident = VIGIE_SEVERITY_OPERATIONAL;
  guint n_read = 0;

  for (guint i = 0; incidents != NULL && i < json_array_get_length (incidents); i++)
    {
      JsonObject *incident = vigie_json_array_get_object (incidents, i);
      VigieIncident *open_incident;

      if (incident == NULL)
        continue;

      n_read++;
      if (incident_is_closed (vigie_json_get_string (incident, "status")))
        {
          VigieIncident *resolved = read_incident (incident, page_url, FALSE);
          GDateTime *resolved_at = vigie_json_get_time (incident, "resolved_at");

          if (resolved_at != NULL)
            {
              g_clear_pointer (&resolved->updated_at, g_date_time_unref);
              resolved->updated_at = resolved_at;
            }
          vigie_snapshot_add_resolved (snapshot, resolved);
          continue;
        }

      open_incident = read_incident (incident, page_url, FALSE);
      worst_open_incident = vigie_severity_worst (worst_open_incident, open_incident->severity);
      vigie_snapshot_add_incident (snapshot, open_incident);
    }

  *out_n_read = n_read;
  return worst_open_incident;
}

/* Reads "scheduled_maintenances", leaving out the closed ones.
 *
 * Returns: %TRUE when one of them is under way at @now */
static gboolean
read_maintenances (VigieSnapshot *snapshot,
                   JsonArray     *maintenances,
                   const char    *page_url,
                   GDateTime     *now)
{
  gboolean maintenance_running = FALSE;

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

  return maintenance_running;
}

/* The page's state from whichever document this is: summary.json and
 * status.json carry the page's own indicator; components.json and
 * incidents.json only their lists.  *out_reason says why, for an unknown
 * state. */
static VigieSeverity
page_severity (JsonObject     *object,
               const Reading  *reading,
               char          **out_reason)
{
  JsonObject *status = vigie_json_get_object (object, "status");
  const char *indicator = vigie_json_get_string (status, "indicator");
  VigieSeverity severity = VIGIE_SEVERITY_UNKNOWN;

  if (indicator != NULL)
    {
      /* The indicator is the page's own verdict, computed from component
       * states; an incident's impact can be higher (GitHub, 25 Nov 2022:
       * "major" incident, "minor" indicator) and stays detail. */
      if (!vigie_value_map_lookup (indicator_map, G_N_ELEMENTS (indicator_map), indicator,
                                   &severity))
        {
          g_autofree char *shown = vigie_feed_shown_value (indicator);

          /* components may still tell a real problem; never "all clear" */
          severity = vigie_severity_worst (VIGIE_SEVERITY_UNKNOWN, reading->worst_component);
          *out_reason = g_strdup_printf ("unknown indicator \"%s\"", shown);
        }
    }
  else if (json_object_has_member (object, "status"))
    {
      /* summary.json and status.json always carry the indicator: a status
       * without a readable one is a broken page, whatever the components */
      severity = vigie_severity_worst (VIGIE_SEVERITY_UNKNOWN, reading->worst_component);
      *out_reason = g_strdup ("unreadable status indicator");
    }
  else if (reading->components != NULL && json_array_get_length (reading->components) > 0)
    {
      /* components.json */
      severity = reading->worst_component;
      *out_reason = g_strdup (reading->n_components_read == 0 ? "no readable component"
                                                              : "unknown component status");
    }
  else if (reading->incidents != NULL)
    {
      /* incidents.json alone: only open incidents say anything */
      severity = reading->worst_open_incident;
      if (reading->n_incidents_read == 0 && json_array_get_length (reading->incidents) > 0)
        {
          severity = VIGIE_SEVERITY_UNKNOWN;
          *out_reason = g_strdup ("no readable incident");
        }
      else if (severity == VIGIE_SEVERITY_UNKNOWN)
        {
          *out_reason = g_strdup ("unknown incident impact");
        }
    }
  else
    {
      *out_reason = g_strdup ("no status in feed");
    }

  return severity;
}

static VigieSnapshot *
statuspage_parse (JsonNode   *root,
                  GDateTime  *now,
                  GError    **error)
{
  g_autoptr(VigieSnapshot) snapshot = NULL;
  g_autofree char *page_url = NULL;
  g_autofree char *page_name = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *summary = NULL;
  Reading reading = { NULL, NULL, VIGIE_SEVERITY_UNKNOWN, VIGIE_SEVERITY_OPERATIONAL, 0, 0 };
  JsonObject *object;
  JsonObject *page;
  VigieSeverity severity;
  gboolean maintenance_running;

  if (!statuspage_detect (root))
    {
      g_set_error_literal (error, VIGIE_FEED_ERROR, VIGIE_FEED_ERROR_WRONG_FORMAT,
                           "not a statuspage feed");
      return NULL;
    }

  object = json_node_get_object (root);
  page = vigie_json_get_object (object, "page");
  snapshot = vigie_snapshot_new (vigie_feed_format_statuspage.id);

  page_url = vigie_link_sanitize (vigie_json_get_string (page, "url"));
  if (page_url != NULL && g_str_has_suffix (page_url, "/"))
    page_url[strlen (page_url) - 1] = '\0';
  vigie_snapshot_set_page_url (snapshot, page_url);
  page_name = vigie_text_clean (vigie_json_get_string (page, "name"), VIGIE_MAX_NAME_CHARS);
  vigie_snapshot_set_page_name (snapshot, page_name);

  reading.components = vigie_json_get_array (object, "components");
  if (reading.components != NULL)
    reading.worst_component = read_components (snapshot, reading.components,
                                               &reading.n_components_read);

  reading.incidents = vigie_json_get_array (object, "incidents");
  reading.worst_open_incident = read_incidents (snapshot, reading.incidents, page_url,
                                                &reading.n_incidents_read);
  maintenance_running = read_maintenances (snapshot,
                                           vigie_json_get_array (object, "scheduled_maintenances"),
                                           page_url, now);

  severity = page_severity (object, &reading, &reason);

  /* a reason counts only for an unknown state (the helper's rule) */
  summary = vigie_text_clean (vigie_json_get_string (vigie_json_get_object (object, "status"),
                                                     "description"),
                              VIGIE_MAX_TITLE_CHARS);
  vigie_feed_finish_snapshot (snapshot, severity,
                              maintenance_running
                                || reading.worst_component == VIGIE_SEVERITY_MAINTENANCE,
                              reason, "no status in feed", summary);

  return g_steal_pointer (&snapshot);
}

const VigieFeedFormat vigie_feed_format_statuspage = {
  .id = "statuspage",
  .label = "Atlassian Statuspage",
  .min_interval = 0,
  /* summary.json and components.json list every component (status.json
   * none: a filter on it finds nothing and says so) */
  .components_complete = TRUE,
  .detect_json = statuspage_detect,
  .parse_json = statuspage_parse,
};
